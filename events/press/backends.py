"""The one database-specific step of search: match the parsed terms and rank.

`matching()` filters a Quote QuerySet to the quotes matching a non-empty
ParsedQuery; `ranked()` annotates each quote with `rank` (higher is better).
PostgreSQL uses its full-text search through Django (the GIN-indexed
`search_vector`); SQLite its FTS5 table (events/fts5.py).
"""

import functools
import operator

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F

from events import fts5


def _vendor():
    if connection.vendor not in ("postgresql", "sqlite"):
        raise NotImplementedError(f"Quote search does not support {connection.vendor}.")
    return connection.vendor


def matching(queryset, parsed):
    if _vendor() == "postgresql":
        return queryset.filter(search_vector=search_query(parsed))
    return queryset.filter(fts5.Matches(fts5_expression(parsed)))


def ranked(queryset, parsed):
    if _vendor() == "postgresql":
        return queryset.annotate(rank=SearchRank(F("search_vector"), search_query(parsed)))
    return queryset.annotate(rank=fts5.Rank(fts5_expression(parsed)))


def search_query(parsed):
    """Every term required: a word as typed (plain), a phrase's words in order."""
    queries = (
        SearchQuery(
            " ".join(term.tokens),
            search_type="phrase" if term.is_phrase else "plain",
            config="english",
        )
        for term in parsed.terms
    )
    return functools.reduce(operator.and_, queries)


def fts5_expression(parsed):
    return fts5.expression(term.tokens for term in parsed.terms)
