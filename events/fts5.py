"""SQLite's full-text index of quotes: the only raw SQL in the apps.

Django has no API for FTS5, so its statements live here and nowhere else.
The table `events_quote_fts` (created by the initial migration, tokenizer
`porter unicode61`) holds each quote's search document under rowid = quote id.
"""

from django.db import connection
from django.db.models import BooleanField, F, FloatField, Func

TABLE = "events_quote_fts"
CREATE_TABLE = f"CREATE VIRTUAL TABLE {TABLE} USING fts5(document, tokenize = 'porter unicode61')"
DROP_TABLE = f"DROP TABLE IF EXISTS {TABLE}"


def refresh(quote_ids=None):
    """Copy the stored documents of `quote_ids` (every quote when None) into the table."""
    delete = f"DELETE FROM {TABLE}"  # noqa: S608 (a constant table name)
    insert = f"INSERT INTO {TABLE}(rowid, document) SELECT id, search_document FROM events_quote"  # noqa: S608
    params = []
    if quote_ids is not None:
        params = list(quote_ids)
        marks = ",".join(["%s"] * len(params))
        delete += f" WHERE rowid IN ({marks})"
        insert += f" WHERE id IN ({marks})"
    with connection.cursor() as cursor:
        cursor.execute(delete, params)
        cursor.execute(insert, params)


def expression(terms):
    """An FTS5 MATCH expression requiring every term (a tuple of tokens), each as a
    quoted string: tokens hold only letters and digits, so quoting cannot be broken out of.
    """
    return " AND ".join('"{}"'.format(" ".join(tokens)) for tokens in terms)


class _OnQuoteId(Func):
    """A condition or value computed from the quote's id and a MATCH expression.

    The id is compiled as an expression, so it follows the table's alias.
    """

    template = ""

    def __init__(self, match):
        super().__init__(F("pk"))
        self.match = match

    def as_sql(self, compiler, connection, **extra):
        quote_id, params = compiler.compile(self.source_expressions[0])
        return self.template.format(id=quote_id, table=TABLE), [*params, self.match]


class Matches(_OnQuoteId):
    """True for the quotes whose document matches `match`."""

    output_field = BooleanField()
    template = "{id} IN (SELECT rowid FROM {table} WHERE {table} MATCH %s)"


class Rank(_OnQuoteId):
    """How well a quote matches `match`, higher is better (bm25() is lower for better)."""

    output_field = FloatField()
    template = "(SELECT -bm25({table}) FROM {table} WHERE {table} MATCH %s AND rowid = {id})"
