"""The one database-specific step of search: match the parsed terms and rank.

Both functions take a Quote QuerySet and a non-empty ParsedQuery and return
the QuerySet filtered to matches and annotated with `rank` (higher is better).
"""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F
from django.db.models.expressions import RawSQL


def match(queryset, parsed):
    if connection.vendor == "postgresql":
        return _match_postgresql(queryset, parsed)
    if connection.vendor == "sqlite":
        return _match_sqlite(queryset, parsed)
    raise NotImplementedError(f"Quote search does not support {connection.vendor}.")


def _match_postgresql(queryset, parsed):
    # plainto/phraseto_tsquery accept any text, so nothing typed is a syntax error.
    query = None
    for term in parsed.terms:
        part = SearchQuery(
            " ".join(term.tokens),
            config="english",
            search_type="phrase" if term.is_phrase else "plain",
        )
        query = part if query is None else query & part
    return queryset.filter(search_vector=query).annotate(rank=SearchRank(F("search_vector"), query))


def fts5_expression(parsed):
    """An FTS5 MATCH expression: each term a quoted string, all required.

    Tokens hold only letters and digits, so quoting cannot be broken out of.
    """
    return " AND ".join('"{}"'.format(" ".join(term.tokens)) for term in parsed.terms)


def _match_sqlite(queryset, parsed):
    expression = fts5_expression(parsed)
    # Only constants are formatted in; the expression is a bound parameter.
    matches = RawSQL(  # noqa: S611
        "SELECT rowid FROM events_quote_fts WHERE events_quote_fts MATCH %s", [expression]
    )
    # bm25() is lower for better matches; negate it so that higher is better on both.
    rank = RawSQL(  # noqa: S611
        "SELECT -bm25(events_quote_fts) FROM events_quote_fts "
        "WHERE events_quote_fts MATCH %s AND rowid = events_quote.id",
        [expression],
    )
    return queryset.filter(pk__in=matches).annotate(rank=rank)
