"""The one database-specific step of search: match the parsed terms and rank.

`matching()` filters a Quote QuerySet to the quotes matching a non-empty
ParsedQuery; `ranked()` annotates each quote with `rank` (higher is better).
"""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F
from django.db.models.expressions import RawSQL


def _vendor():
    if connection.vendor not in ("postgresql", "sqlite"):
        raise NotImplementedError(f"Quote search does not support {connection.vendor}.")
    return connection.vendor


def matching(queryset, parsed):
    if _vendor() == "postgresql":
        return queryset.filter(search_vector=tsquery(parsed))
    return queryset.filter(pk__in=_fts5_rowids(parsed))


def ranked(queryset, parsed):
    if _vendor() == "postgresql":
        return queryset.annotate(rank=SearchRank(F("search_vector"), tsquery(parsed)))
    return queryset.annotate(rank=_fts5_rank(parsed))


def tsquery(parsed):
    # plainto/phraseto_tsquery accept any text, so nothing typed is a syntax error.
    query = None
    for term in parsed.terms:
        part = SearchQuery(
            " ".join(term.tokens),
            config="english",
            search_type="phrase" if term.is_phrase else "plain",
        )
        query = part if query is None else query & part
    return query


def fts5_expression(parsed):
    """An FTS5 MATCH expression: each term a quoted string, all required.

    Tokens hold only letters and digits, so quoting cannot be broken out of.
    """
    return " AND ".join('"{}"'.format(" ".join(term.tokens)) for term in parsed.terms)


# Only constants are formatted into these; the expression is a bound parameter.
def _fts5_rowids(parsed):
    return RawSQL(  # noqa: S611
        "SELECT rowid FROM events_quote_fts WHERE events_quote_fts MATCH %s",
        [fts5_expression(parsed)],
    )


def _fts5_rank(parsed):
    # bm25() is lower for better matches; negate it so that higher is better on both.
    return RawSQL(  # noqa: S611
        "SELECT -bm25(events_quote_fts) FROM events_quote_fts "
        "WHERE events_quote_fts MATCH %s AND rowid = events_quote.id",
        [fts5_expression(parsed)],
    )
