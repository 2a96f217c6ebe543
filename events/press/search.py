"""Quote search: the one function every press surface calls.

    result = search_quotes(user=request.user, q=request.GET.get("q", ""),
                           filters=request.GET, page=request.GET.get("page", 1))

Visibility comes from Quote.objects.visible_to(user, at) and nowhere else.
Results are ordered by rank, then newest; the total is counted up to
TOTAL_CAP, so a very common word costs no more than a rare one to count.

A query matching more than TOTAL_CAP quotes ranks only its newest
RANK_WINDOW matches, and says so: ranking every match of a word found in
most quotes means reading most of the table (hundreds of milliseconds at
100,000 quotes), while its ranks barely differ.
"""

from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet, ValidationError
from django.db import connections
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Quote
from events.press import reference_rows
from events.press.backends import matching, rank_of_found, ranked
from events.press.filters import QuoteFilter, QuoteSearchForm
from events.press.highlight import highlight
from events.press.query import ParsedQuery, parse_query
from events.press.references import unknown_references
from forum_site.prefetch import fetch_forward, join_plan, prefetch_reverse, prefetch_together

PER_PAGE = 20
MAX_PER_PAGE = 100
TOTAL_CAP = 10_000
RANK_WINDOW = 2_000
# What a result shows, as fetch_joined() arguments; the search columns are large
# and only the database reads them.
DEFERRED = ("search_document", "search_vector")
RESULT_RELATIONS = ("speaker", "session", "forum", "forum__venue", "source")


class InvalidSearch(ValidationError):
    """Bad parameters; `message_dict` maps each parameter to what is wrong with it."""


@dataclass
class SearchResult:
    """One page of matches, each a Quote annotated with:

    - rank: relevance, higher is better (None without a query);
    - highlighted_text, highlighted_original: escaped HTML with <mark> around matches.
    """

    items: list
    total: int
    total_capped: bool
    page: int
    per_page: int
    query: ParsedQuery
    messages: list = field(default_factory=list)
    # How many results can be paged through (RANK_WINDOW for a ranked, capped search).
    reachable: int = 0
    # The version of what results show besides their quotes (see reference_rows).
    reference_version: object = None

    @property
    def total_display(self):
        """'10,000+' when the count stopped at the cap."""
        return f"{self.total:,}+" if self.total_capped else f"{self.total:,}"

    @property
    def has_next(self):
        return self.page * self.per_page < self.reachable


def search_quotes(*, user, q="", filters=None, page=1, per_page=PER_PAGE, at=None, citable=False):
    """The page `page` of quotes visible to `user` at `at` matching `q` and `filters`.

    `filters` is a mapping of query parameters (request.GET will do); see
    QuoteFilter for their names. Raises InvalidSearch for an unknown filter
    value, a bad date or range, a too-long q or a bad page number.
    `citable` narrows to Quote.objects.citable_by(): what exports may carry.
    Each quote comes with what a result shows (see _load): its speaker and
    the affiliations of the attribution line, session, forum, venue, source.
    """
    result = find_quotes(
        user=user, q=q, filters=filters, page=page, per_page=per_page, at=at, citable=citable
    )
    _load(result.items, result.reference_version)
    return result


def find_quotes(*, user, q="", filters=None, page=1, per_page=PER_PAGE, at=None, citable=False):
    """search_quotes() without loading what a result shows: the quotes' own fields only.

    The search proper (matching, ranking, counting, highlighting), which
    `make bench` also times on its own.
    """
    at = at or timezone.now()
    page, per_page = _page_number(page), min(max(int(per_page), 1), MAX_PER_PAGE)
    visible, q, form = _filtered(user, q, filters, at, citable)
    parsed = parse_query(q)
    result = SearchResult([], 0, False, page, per_page, parsed, list(parsed.messages))
    if not (parsed.is_empty and parsed.messages):
        matches = visible if parsed.is_empty else matching(visible, parsed)
        result.items = _page_rows(matches, parsed, result)
    if not result.total and form is not None and (unknown := unknown_references(form)):
        raise InvalidSearch(unknown)
    for quote in result.items:
        quote.highlighted_text = highlight(quote.text, parsed)
        quote.highlighted_original = highlight(quote.original_text, parsed)
    return result


def _page_rows(matches, parsed, result):
    """The page's matching quotes in result order; sets the total and `reachable`.

    One query when no more than TOTAL_CAP quotes match (the usual case): it
    counts and orders the matches in a single pass. Past the cap it is
    repeated on the newest RANK_WINDOW matches (see _past_the_cap).
    """
    offset = (result.page - 1) * result.per_page
    quotes, count = [], None
    # No page starts past the cap: skip the query, and an offset too big for SQL.
    if offset < TOTAL_CAP:
        quotes, count, result.reference_version = _counted_page(
            matches, parsed, offset, result.per_page
        )
    if count is None:
        # No match on this page, so no row carried the count: a page past the end.
        count = 0 if offset == 0 else matches.order_by().values("pk")[: TOTAL_CAP + 1].count()
    result.total, result.total_capped = min(count, TOTAL_CAP), count > TOTAL_CAP
    result.reachable = result.total
    if not result.total_capped:
        return quotes
    return _past_the_cap(matches, parsed, result, offset)


def _counted_page(matches, parsed, offset, limit):
    """(the page's quotes, count of matches up to TOTAL_CAP + 1 or None if the page is
    empty, the reference version).

    The order is right only when the count is within the cap: the inner
    LIMIT then holds every match. Past the cap the rank is not computed at
    all (the CASE): ranking 10,000 rows of a common word only to discard them
    would cost more than the count.
    """
    columns, rank_sql, rank_params = ({}, "NULL", []) if parsed.is_empty else rank_of_found(parsed)
    annotations = {"found_id": F("pk"), "found_on": F("said_on"), **columns}
    found = matches.annotate(**annotations).order_by().values_list(*annotations)
    inner = found[: TOTAL_CAP + 1]
    try:
        sql, params = inner.query.sql_with_params()
    except EmptyResultSet:
        return [], None, None
    # Only Django's compiled SQL and backends' constant SQL are formatted in;
    # values are parameters.
    window = (
        'SELECT "found_id", "found_on", "rank", "total" FROM ('  # noqa: S608
        'SELECT "found_id", "found_on", COUNT(*) OVER () AS "total", '
        f'CASE WHEN COUNT(*) OVER () <= %s THEN {rank_sql} END AS "rank" '
        f'FROM ({sql}) AS "found") AS "counted" '
        'ORDER BY "rank" DESC, "found_on" DESC, "found_id" DESC LIMIT %s OFFSET %s'
    )
    return _fetch_page(window, [TOTAL_CAP, *rank_params, *params, limit, offset], inner.db)


def _past_the_cap(matches, parsed, result, offset):
    """The page's quotes when more than TOTAL_CAP quotes match; sets `reachable`.

    Without q: the newest first. With q: the newest RANK_WINDOW matches, ranked
    in the same query that picks them.
    """
    limit = result.per_page
    if parsed.is_empty:
        found = matches.annotate(found_id=F("pk"), found_on=F("said_on"))
        newest = found.order_by("-said_on", "-pk").values_list("found_id", "found_on")
        sql, params = newest[offset : offset + limit].query.sql_with_params()
        page = (
            'SELECT "found_id", "found_on", NULL AS "rank", NULL AS "total" '  # noqa: S608
            f'FROM ({sql}) AS "found"'
        )
        quotes, _total, result.reference_version = _fetch_page(page, params, matches.db)
        return quotes
    result.messages.append(
        _(
            "More than %(cap)s quotes match: the newest %(window)s are ranked and shown. "
            "Add a word or a filter to narrow the search."
        )
        % {"cap": f"{TOTAL_CAP:,}", "window": f"{RANK_WINDOW:,}"}
    )
    result.reachable = min(result.total, RANK_WINDOW)
    if offset >= result.reachable:
        return []
    found = ranked(matches, parsed).annotate(found_id=F("pk"), found_on=F("said_on"))
    newest = found.order_by("-said_on", "-pk").values_list("found_id", "found_on", "rank")
    sql, params = newest[:RANK_WINDOW].query.sql_with_params()
    page = (
        f'SELECT "found_id", "found_on", "rank", NULL AS "total" FROM ({sql}) AS "found" '  # noqa: S608
        'ORDER BY "rank" DESC, "found_on" DESC, "found_id" DESC LIMIT %s OFFSET %s'
    )
    params = [*params, limit, offset]
    quotes, _total, result.reference_version = _fetch_page(page, params, matches.db)
    return quotes


def _fetch_page(page_sql, params, db):
    """(the quotes in page order, each given its `rank`; the total or None; the reference
    version or None), in one query.

    `page_sql` selects a page of matches as "found_id", "found_on", "rank" and
    "total". The quote rows are joined to it in the same statement; joining
    the speakers, sessions and forums too would cost PostgreSQL more to plan
    than three single-table queries cost to run (_load fetches them). The
    version of those rows comes in the same statement (see reference_rows).
    """
    plan = join_plan(Quote, defer=DEFERRED)
    version = reference_rows.version_sql(connections[db])
    # Only constant SQL, Django's compiled SQL and quoted names are formatted in.
    sql = (
        f'SELECT "page"."rank", "page"."total", {version}, {plan.columns} '  # noqa: S608
        f'FROM {plan.tables} INNER JOIN ({page_sql}) AS "page" ON "page"."found_id" = t0."id" '
        'ORDER BY "page"."rank" DESC, "page"."found_on" DESC, "page"."found_id" DESC'
    )
    with connections[db].cursor() as cursor:
        cursor.execute(sql, params)
        fetched = plan.build(cursor.fetchall(), skip=3)
    total, version = (fetched[0][0][1], fetched[0][0][2]) if fetched else (None, None)
    for (rank, _total, _version), quote in fetched:
        quote.rank = rank
    return [quote for _values, quote in fetched], total, version


def _load(items, version):
    """Fill what a result shows into the quotes `items`, as of the reference `version`.

    Seven hand-written queries at most, for any number of rows (see
    forum_site.prefetch): speakers, sessions, forums, venues and sources, one
    single-table query each, skipped when there is nothing to fetch; the
    speakers' affiliations with their organizations; and one for the
    translations of forums, sessions, affiliations and organizations. Rows
    an earlier search loaded at the same `version` are not read again
    (see reference_rows): with all of them held, no query at all.
    """
    if not items:
        return
    store = reference_rows.store_for(items[0]._state.db, version)
    fetch_forward(items, RESULT_RELATIONS, store=store)
    speakers = (quote.speaker for quote in items)
    held = prefetch_reverse(speakers, "affiliations", follow=["organization"], store=store)
    prefetch_together(
        [
            ((quote.forum for quote in items), "translations"),
            ((quote.session for quote in items), "translations"),
            (held, "translations"),
            ((affiliation.organization for affiliation in held), "translations"),
        ],
        store=store,
    )


def _filtered(user, q, filters, at, citable):
    """(the quotes `user` may see narrowed by `filters`, q as cleaned, the filter form or None).

    A filter naming a forum, session, speaker, organization or topic is not
    looked up here (see events.press.references): find_quotes() asks whether it
    names anything only when nothing matched, or here when other filters are wrong.
    """
    quotes = Quote.objects
    visible = quotes.citable_by(user, at=at) if citable else quotes.visible_to(user, at=at)
    data = {key: filters.get(key) for key in filters} if filters else {}
    # An empty parameter filters nothing and is never wrong: only the others are built.
    chosen = frozenset(name for name in QuoteFilter.base_filters if data.get(name))
    if not chosen:
        # No filter chosen: check q alone, with the form's own field.
        try:
            return visible, QuoteSearchForm.base_fields["q"].clean(q or ""), None
        except ValidationError as error:
            raise InvalidSearch({"q": error.messages}) from error
    data["q"] = q or ""
    filterset = QuoteFilter.narrowed_to(chosen)(data, queryset=visible, user=user, at=at)
    form = filterset.form
    if not filterset.is_valid():
        raise InvalidSearch({**_messages(filterset.errors), **unknown_references(form)})
    return filterset.qs, form.cleaned_data.get("q", ""), form


def _messages(errors):
    return {name: [str(message) for message in messages] for name, messages in errors.items()}


def _page_number(page):
    try:
        number = int(page)
    except (TypeError, ValueError):
        number = 0
    if number < 1:
        raise InvalidSearch({"page": [_("The page must be a whole number, 1 or more.")]})
    return number
