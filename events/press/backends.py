"""The one database-specific step of search: match the parsed terms and rank.

`matching()` filters a Quote QuerySet to the quotes matching a non-empty
ParsedQuery; `ranked()` annotates each quote with `rank` (higher is better).
"""

from django.contrib.postgres.search import SearchQueryField, SearchRank
from django.db import connection
from django.db.models import F, TextField
from django.db.models.expressions import RawSQL

from forum_site.expressions import OwnColumnsClause


def _vendor():
    if connection.vendor not in ("postgresql", "sqlite"):
        raise NotImplementedError(f"Quote search does not support {connection.vendor}.")
    return connection.vendor


def matching(queryset, parsed):
    if _vendor() == "postgresql":
        return queryset.filter(Matches(parsed))
    return queryset.filter(pk__in=_fts5_rowids(parsed))


class Matches(OwnColumnsClause):
    """search_vector @@ the tsquery of `parsed` (see forum_site.expressions)."""

    columns = ("search_vector",)

    def __init__(self, parsed):
        super().__init__()
        self.parsed = parsed

    def clause(self, compiler, connection, search_vector):
        sql, params = tsquery_sql(self.parsed)
        return f"{search_vector} @@ ({sql})", params


def ranked(queryset, parsed):
    if _vendor() == "postgresql":
        return queryset.annotate(rank=SearchRank(F("search_vector"), _tsquery(parsed)))
    return queryset.annotate(rank=_fts5_rank(parsed))


def rank_of_found(parsed):
    """How search._counted_page ranks its subquery "found" of matches.

    Returns (annotations the matches carry into "found", SQL of the rank of a
    row of "found", its params). The rank is the same as ranked()'s.
    """
    if _vendor() == "postgresql":
        # The tsquery is a constant: PostgreSQL folds it once, not per row. The vector
        # is fetched again by the row's ctid (a direct heap access, valid within the
        # statement's snapshot) rather than carried along: COUNT(*) OVER () buffers
        # every row of "found", and 10,001 vectors of a common word are megabytes.
        query = _tsquery(parsed)
        row = RawSQL('"events_quote"."ctid"', [], output_field=TextField())  # noqa: S611
        sql = (
            '(SELECT ts_rank(ranked.search_vector, "found_query") '
            'FROM events_quote AS ranked WHERE ranked.ctid = "found_row")'
        )
        return {"found_query": query, "found_row": row}, sql, []
    sql = (
        "(SELECT -bm25(events_quote_fts) FROM events_quote_fts "
        'WHERE events_quote_fts MATCH %s AND rowid = "found_id")'
    )
    return {}, sql, [fts5_expression(parsed)]


def tsquery_sql(parsed):
    """(SQL, params) of the tsquery of `parsed`: every term required.

    A word is plainto_tsquery('english', word); a phrase is events_phrase_query()
    (migration 0010): phraseto_tsquery('english', phrase) AND the phrase's
    adjacent-word pairs. The pairs are lexemes of the stored vector (migration
    0007), so the GIN index finds the quotes holding the phrase instead of every
    quote holding its words, each of which PostgreSQL would read again to compare
    positions. Both accept any text: nothing typed is a syntax error. Written out
    rather than built from SearchQuery expressions, which every search would
    resolve and compile. Only constants are formatted in; the terms are parameters.
    """
    parts, params = [], []
    for term in parsed.terms:
        text = " ".join(term.tokens)
        if term.is_phrase:
            parts.append("events_phrase_query(%s)")
            params.append(text)
        else:
            parts.append("plainto_tsquery(%s::regconfig, %s)")
            params += ["english", text]
    sql = parts[0]
    for part in parts[1:]:
        sql = f"({sql} && {part})"
    return sql, params


def _tsquery(parsed):
    return RawSQL(*tsquery_sql(parsed), output_field=SearchQueryField())  # noqa: S611


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
