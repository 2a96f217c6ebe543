"""A WHERE clause written in SQL over a model's own columns, still an ORM expression.

Filtering with a Q of several lookups makes Django resolve each lookup
through build_filter() on every query: on a search, resolving the seven of
quote visibility took longer than PostgreSQL took to run them. An
`OwnColumnsClause` names its columns and writes its SQL in `clause()`; it is
resolved straight to Col objects of the query's base table, so its SQL still
follows that table's alias when a subquery renames it.
"""

from django.db.models import BooleanField, Expression


class OwnColumnsClause(Expression):
    """A boolean clause over `columns` (attnames of the filtered model): `queryset.filter(clause)`.

    Subclasses set `columns` and define clause(compiler, connection, *column_sql)
    returning (sql, params): each column_sql is a column as the query names it.
    """

    columns = ()
    output_field = BooleanField()

    def __init__(self):
        super().__init__()
        self.cols = []

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        if self.cols:
            # Already resolved, and never changed once resolved: a lookup resolves its
            # left-hand side again when compiled, and a subquery's WHERE is resolved again
            # against the outer query (for OuterRef), whose model is another.
            return self
        resolved = self.copy()
        alias, meta = query.get_initial_alias(), query.get_meta()
        resolved.cols = [meta.get_field(name).get_col(alias) for name in self.columns]
        return resolved

    def get_source_expressions(self):
        return self.cols

    def set_source_expressions(self, exprs):
        self.cols = exprs

    def as_sql(self, compiler, connection):
        column_sql = [compiler.compile(col)[0] for col in self.cols]
        sql, params = self.clause(compiler, connection, *column_sql)
        return f"({sql})", params

    def clause(self, compiler, connection, *column_sql):
        raise NotImplementedError
