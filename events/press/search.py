"""Quote search: the one function every press surface calls.

    result = search_quotes(user=request.user, q=request.GET.get("q", ""),
                           filters=request.GET, page=request.GET.get("page", 1))

Visibility comes from Quote.objects.visible_to(user, at) and nowhere else.
Results are ordered by rank, then newest; the total is counted up to
TOTAL_CAP, so a very common word costs no more than a rare one to count.

A query matching more than TOTAL_CAP quotes ranks only its newest
RANK_WINDOW matches, and says so: ranking every match of a word found in
most quotes means reading most of the table, while its ranks barely differ.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Quote
from events.press.backends import matching, ranked
from events.press.filters import QuoteFilter
from events.press.highlight import highlight
from events.press.query import ParsedQuery, parse_query
from events.querysets import affiliations_for_attribution

PER_PAGE = 20
MAX_PER_PAGE = 100
TOTAL_CAP = 10_000
RANK_WINDOW = 2_000
NEWEST = ("-said_on", "-pk")


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
    Each quote comes with what a result shows: its speaker and the
    affiliations of the attribution line, session, forum, venue, source.
    """
    at = at or timezone.now()
    page, per_page = _page_number(page), min(max(int(per_page), 1), MAX_PER_PAGE)
    visible, q = _filtered(user, q, filters, at, citable)
    parsed = parse_query(q)
    result = SearchResult([], 0, False, page, per_page, parsed, list(parsed.messages))
    if parsed.is_empty and parsed.messages:
        return result
    matches = visible if parsed.is_empty else matching(visible, parsed)
    ordered = _ordered(matches, parsed, result)
    offset = (page - 1) * per_page
    if offset < result.reachable:
        result.items = list(_for_results(ordered)[offset : offset + per_page])
    for quote in result.items:
        quote.highlighted_text = highlight(quote.text, parsed)
        quote.highlighted_original = highlight(quote.original_text, parsed)
    return result


def _ordered(matches, parsed, result):
    """`matches` in result order; sets the result's total and `reachable`."""
    count = matches.order_by().values("pk")[: TOTAL_CAP + 1].count()
    result.total, result.total_capped = min(count, TOTAL_CAP), count > TOTAL_CAP
    result.reachable = result.total
    if parsed.is_empty:
        return matches.order_by(*NEWEST)
    if result.total_capped:
        result.messages.append(
            _(
                "More than %(cap)s quotes match: the newest %(window)s are ranked and shown. "
                "Add a word or a filter to narrow the search."
            )
            % {"cap": f"{TOTAL_CAP:,}", "window": f"{RANK_WINDOW:,}"}
        )
        result.reachable = RANK_WINDOW
        newest = matches.order_by(*NEWEST).values("pk")[:RANK_WINDOW]
        matches = Quote.objects.filter(pk__in=newest)
    return ranked(matches, parsed).order_by("-rank", *NEWEST)


def _for_results(quotes):
    """What a result shows, in a fixed number of queries for any page size."""
    return (
        quotes.defer("search_document", "search_vector")
        .select_related("speaker", "session", "forum__venue", "source")
        .prefetch_related(
            "forum__translations",
            "forum__venue__translations",
            "session__translations",
            Prefetch("speaker__affiliations", queryset=affiliations_for_attribution()),
        )
    )


def _filtered(user, q, filters, at, citable):
    """(the quotes `user` may see narrowed by `filters`, q as cleaned)."""
    quotes = Quote.objects
    visible = quotes.citable_by(user, at=at) if citable else quotes.visible_to(user, at=at)
    data = {**{key: filters.get(key) for key in filters or {}}, "q": q or ""}
    filterset = QuoteFilter(data, queryset=visible, user=user, at=at)
    if not filterset.is_valid():
        raise InvalidSearch(dict(filterset.errors))
    return filterset.qs, filterset.form.cleaned_data["q"]


def _page_number(page):
    number = int(page) if str(page).isdigit() else 0
    if number < 1:
        raise InvalidSearch({"page": [_("The page must be a whole number, 1 or more.")]})
    return number
