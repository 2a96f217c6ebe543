"""Lean loading of a page of objects and what it shows, in hand-written queries.

Django's ORM costs milliseconds of Python per query on a page of search results:
compiling a select_related() QuerySet, and building a filtered QuerySet for
every instance prefetch_related() fills. These functions write the SQL out from
the models' metadata instead (constants and quoted names; values are
parameters) and fill the same caches, so `obj.fk`, `obj.rel.all()` and
parler's translation lookup then read them without a query.

- `fetch_joined`: rows of a model by id, with forward foreign keys followed (select_related).
- `fetch_forward`: forward foreign keys of many instances, one single-table query each.
- `prefetch_reverse`: a reverse foreign key of many instances, in one query.
- `prefetch_together`: several reverse foreign keys (parler translations) in one UNION ALL.
- `RowStore`: rows the four take instead of reading them again (events/press/reference_rows.py).
"""

from functools import lru_cache
from operator import itemgetter
from threading import local
from typing import NamedTuple

from django.conf import settings
from django.db import connections, router
from django.db.models import QuerySet
from django.db.models.sql import Query
from parler.cache import MISSING

from forum_site.instances import instance_builder


def fetch_joined(model, ids, *, follow=(), defer=(), column="pk", store=None):
    """Instances of `model` whose `column` is in `ids`, in primary-key order, with `follow` filled.

    `follow` holds select_related()-style paths ("speaker", "forum__venue"),
    each step listed; each related row is built once and shared by the
    instances that point to it. `defer` names fields left unloaded (read
    again on access, like QuerySet.defer()). Rows already in `store` (a
    RowStore) are not read again.
    """
    ids = sorted({value for value in ids if value is not None})
    if not ids:
        return []
    plan = join_plan(model, tuple(follow), tuple(defer))
    meta = model._meta
    field = meta.pk if column == "pk" else meta.get_field(column)
    owner = plan.position(field)
    rows = (store or RowStore()).rows(
        (plan, column), ids, lambda missing: _select(plan, field, missing), itemgetter(owner)
    )
    # In primary-key order, as ORDER BY would give them.
    rows.sort(key=itemgetter(0))
    return [obj for _, obj in plan.build(rows)]


def _select(plan, field, ids):
    quote = plan.connection.ops.quote_name
    marks = ", ".join(["%s"] * len(ids))
    sql = (
        f"SELECT {plan.columns} FROM {plan.tables} "  # noqa: S608
        f"WHERE t0.{quote(field.column)} IN ({marks})"
    )
    with plan.connection.cursor() as cursor:
        cursor.execute(sql, ids)
        return cursor.fetchall()


class RowStore:
    """Raw rows by query and owner id, which loaders read before asking the database.

    A fresh store remembers nothing (each loader call reads its rows); a store
    kept between calls (events/press/reference_rows.py) spares the queries for
    rows it already holds. Its keeper decides how long the rows stay true.
    """

    def __init__(self):
        self._known = {}
        self.size = 0

    def rows(self, key, owners, fetch, owner_of):
        """The rows of `owners` (a list of ids): those held, and fetch(missing ids) for the rest.

        `owner_of(row)` is the id a fetched row belongs to.
        """
        missing = self.missing(key, owners)
        if missing:
            self.add(key, missing, fetch(missing), owner_of)
        return self.held(key, owners)

    def missing(self, key, owners):
        known = self._known.get(key, {})
        return [owner for owner in owners if owner not in known]

    def add(self, key, owners, rows, owner_of):
        """Hold `rows`, all the rows of `owners` (some may have none)."""
        found = {owner: [] for owner in owners}
        for row in rows:
            found[owner_of(row)].append(row)
        self._known.setdefault(key, {}).update(found)
        self.size += len(owners)

    def held(self, key, owners):
        known = self._known[key]
        return [row for owner in owners for row in known[owner]]


def fetch_forward(instances, paths, *, store=None):
    """Fill the foreign keys `paths` ("speaker", "forum__venue") of `instances`.

    One single-table query per path, by primary key, each related row built
    once and shared: cheaper for PostgreSQL to plan than the joins of
    select_related(), which on a page of search results cost more than the
    rows took to read. List each step of a path ("forum" before "forum__venue").
    """
    for path in sorted(paths, key=lambda p: p.count("__")):
        *parents, name = path.split("__")
        owners = distinct(instances)
        for parent in parents:
            owners = distinct(getattr(obj, parent) for obj in owners)
        if not owners:
            continue
        field = type(owners[0])._meta.get_field(name)
        ids = {getattr(obj, field.attname) for obj in owners}
        related = {obj.pk: obj for obj in fetch_joined(field.related_model, ids, store=store)}
        for obj in owners:
            field.set_cached_value(obj, related.get(getattr(obj, field.attname)))


def distinct(objects):
    """`objects` without None and without repeats of the same instance, in order.

    A page shares one instance among the rows that point to the same row (a
    forum of many quotes): each is filled once.
    """
    return list({id(obj): obj for obj in objects if obj is not None}.values())


class JoinPlan:
    """The columns and joins of `model` with foreign keys followed, and how to build its rows.

    The tables are aliased t0 (the model), t1, t2, ...; `columns` and `tables`
    go into a SELECT that may put other columns first (see build()).
    """

    def __init__(self, model, follow, defer):
        self.db = router.db_for_read(model)
        self._steps = []  # (model, attnames, parent index or None, foreign key field)
        self._fields = []  # every selected field, in column order
        self._add(model, defer, None, None)
        for path in sorted(follow, key=lambda p: p.count("__")):
            *parents, name = path.split("__")
            parent = self._index_of(parents)
            field = self._steps[parent][0]._meta.get_field(name)
            self._add(field.related_model, (), parent, field)
        self.columns, self.tables = self._sql()

    @property
    def connection(self):
        # Looked up on each use: connections are per thread, and the plan is shared.
        return connections[self.db]

    def position(self, field):
        """Where the model's own `field` is in a row of `columns`."""
        return self._fields.index(field)

    def _index_of(self, names):
        index = 0
        for name in names:
            field = self._steps[index][0]._meta.get_field(name)
            index = next(i for i, s in enumerate(self._steps) if s[2] == index and s[3] == field)
        return index

    def _add(self, model, deferred, parent, field):
        fields = [f for f in model._meta.concrete_fields if f.name not in deferred]
        self._fields += fields
        self._steps.append((model, [f.attname for f in fields], parent, field))

    def _sql(self):
        quote = self.connection.ops.quote_name
        columns, tables = [], []
        for index, (model, names, parent, field) in enumerate(self._steps):
            meta = model._meta
            columns += [f"t{index}.{quote(meta.get_field(_name(meta, n)).column)}" for n in names]
            table = f"{quote(meta.db_table)} t{index}"
            if parent is None:
                tables.append(table)
            else:
                tables.append(
                    f"LEFT OUTER JOIN {table} "
                    f"ON t{index}.{quote(meta.pk.column)} = t{parent}.{quote(field.column)}"
                )
        return ", ".join(columns), " ".join(tables)

    def build(self, fetched, skip=0):
        """[(the row's first `skip` values, instance)] for rows of `skip` values then `columns`."""
        shared = [{} for _ in self._steps]
        result = []
        convert = converters(self.connection, tuple(self._fields), skip)
        builders = [instance_builder(step[0], self.db, step[1]) for step in self._steps]
        for row in map(convert, fetched):
            built, start = [], skip
            for index, (_model, names, parent, field) in enumerate(self._steps):
                values = row[start : start + len(names)]
                start += len(names)
                obj = shared[index].get(values[0]) if index else None
                if obj is None and values[0] is not None:
                    obj = builders[index](values)
                    shared[index][values[0]] = obj
                built.append(obj)
                if parent is not None and built[parent] is not None:
                    field.set_cached_value(built[parent], obj)
            result.append((row[:skip], built[0]))
        return result


@lru_cache(maxsize=64)
def join_plan(model, follow=(), defer=()):
    """The JoinPlan of `model` with `follow` and `defer` (tuples), built once per process."""
    return JoinPlan(model, follow, defer)


class Converters:
    """Turns a raw row into Python values as the ORM would (from_db_value, backend converters).

    SQLite, for one, returns dates and times as text; Django's compiler converts
    them, and a hand-written query must too. `fields` are the row's columns
    from `skip` on.
    """

    def __init__(self, connection, fields, skip=0):
        self.connection = connection
        self.found = []
        for index, field in enumerate(fields, start=skip):
            column = field.get_col(field.model._meta.db_table)
            funcs = connection.ops.get_db_converters(column)
            funcs += column.get_db_converters(connection)
            if funcs:
                self.found.append((index, funcs, column))

    def __call__(self, row):
        if not self.found:
            return row
        row = list(row)
        for index, funcs, column in self.found:
            value = row[index]
            for func in funcs:
                value = func(value, column, self.connection)
            row[index] = value
        return row


_converters = local()


def converters(connection, fields, skip=0):
    """The Converters of `fields` on `connection`, built once per thread.

    Per thread because converters are bound to the thread's connection.
    """
    built = _converters.__dict__.setdefault(connection.alias, {})
    key = (connection.vendor, fields, skip)
    if key not in built:
        built[key] = Converters(connection, fields, skip)
    return built[key]


def _name(meta, attname):
    return next(f.name for f in meta.concrete_fields if f.attname == attname)


def prefetch_reverse(instances, name, *, follow=(), store=None):
    """Fill `instance.<name>.all()` for every instance, in one query; return the related rows.

    `name` is a reverse foreign key (a related_name such as "translations" or
    "affiliations"), its rows in primary-key order; `follow` names their
    foreign keys to load with them (see fetch_joined). Instances of the same
    row each get the rows.
    """
    instances = distinct(instances)
    if not instances:
        return []
    rel = type(instances[0])._meta.get_field(name)
    owners = {obj.pk for obj in instances}
    rows = fetch_joined(
        rel.related_model, owners, follow=follow, column=rel.field.name, store=store
    )
    _fill(instances, rel, rows)
    return rows


def prefetch_together(groups, *, store=None):
    """prefetch_reverse() for several (instances, name) pairs, in one UNION ALL query.

    For related models of plain columns that line up by type once their
    primary key and foreign key come first (parler translations: id,
    language_code, master_id, then text columns); shorter rows are padded
    with NULLs. Rows already in `store` (a RowStore) are not read again.
    """
    plans = []
    for instances, name in groups:
        instances = distinct(instances)
        if instances:
            rel = type(instances[0])._meta.get_field(name)
            plans.append((instances, rel, _layout(rel)))
    if not plans:
        return
    store = store or RowStore()
    wanted = []
    for instances, rel, _ in plans:
        owners = sorted({obj.pk for obj in instances})
        wanted.append((owners, store.missing(rel, owners)))
    db = router.db_for_read(plans[0][1].related_model)
    if any(missing for _, missing in wanted):
        _fetch_together(connections[db], plans, wanted, store)
    for (instances, rel, layout), (owners, _) in zip(plans, wanted, strict=True):
        convert = converters(connections[db], layout.fields, skip=1)
        build = instance_builder(rel.related_model, db, layout.order)
        held = sorted(store.held(rel, owners), key=itemgetter(1))
        rows = [build([row[place] for place in layout.places]) for row in map(convert, held)]
        _fill(instances, rel, rows)


class _Layout(NamedTuple):
    columns: tuple  # as the UNION ALL selects them (see _columns)
    order: tuple  # the attnames in the model's field order, as instances are built
    fields: tuple  # the fields of `columns`
    places: tuple  # where each of `order` is in a row: after the part number


@lru_cache(maxsize=64)
def _layout(rel):
    """How prefetch_together() selects and builds `rel`'s rows; worked out once per process."""
    meta = rel.related_model._meta
    columns = tuple(_columns(rel))
    order = tuple(field.attname for field in meta.concrete_fields)
    fields = tuple(meta.get_field(_name(meta, name)) for name in columns)
    return _Layout(columns, order, fields, tuple(columns.index(name) + 1 for name in order))


def _fetch_together(connection, plans, wanted, store):
    """Read the rows of the owners missing from `store`, for every part, in one UNION ALL."""
    width = max(len(layout.columns) for _, _, layout in plans)
    parts, params = [], []
    for number, ((_, rel, layout), (_, missing)) in enumerate(zip(plans, wanted, strict=True)):
        if missing:
            parts.append(_part(connection, rel, layout.columns, number, width, len(missing)))
            params.extend(missing)
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        fetched = cursor.fetchall()
    by_part = {}
    for row in fetched:
        by_part.setdefault(row[0], []).append(row)
    for number, ((_, rel, layout), (_, missing)) in enumerate(zip(plans, wanted, strict=True)):
        if missing:
            owner = itemgetter(layout.columns.index(rel.field.attname) + 1)
            store.add(rel, missing, by_part.get(number, ()), owner)


def _part(connection, rel, columns, number, width, owners):
    """One SELECT of the UNION ALL: constants and quoted names only; owner ids are parameters.

    Written out rather than compiled by the ORM: compiling four QuerySets cost
    more than running the query.
    """
    quote = connection.ops.quote_name
    meta = rel.related_model._meta
    table = quote(meta.db_table)
    names = [f"{table}.{quote(meta.get_field(_name(meta, c)).column)}" for c in columns]
    pads = ["NULL"] * (width - len(columns))
    selected = ", ".join([str(int(number)), *names, *pads])
    marks = ", ".join(["%s"] * owners)
    owner = f"{table}.{quote(rel.field.column)}"
    return f"SELECT {selected} FROM {table} WHERE {owner} IN ({marks})"  # noqa: S608


def _columns(rel):
    """The related model's columns: primary key, language, foreign key, then the rest."""
    meta = rel.related_model._meta
    first = [meta.pk.attname, *(["language_code"] if _has(meta, "language_code") else [])]
    first.append(rel.field.attname)
    rest = [f.attname for f in meta.concrete_fields if f.attname not in first]
    return [*first, *rest]


def _has(meta, name):
    return any(field.attname == name for field in meta.concrete_fields)


def _fill(instances, rel, rows):
    """Put each instance's `rows` in its prefetch cache (and parler's).

    Unlike prefetch_related(), the rows are not given their owner back
    (`affiliation.speaker` is read again on access): owner and row would then
    refer to each other, and on a page of search results such cycles, which
    only the garbage collector frees, made its collections take 6 ms instead
    of 0.3 ms (see tests/forum_site/test_prefetch.py).
    """
    fk = rel.field
    by_owner = {}
    for row in rows:
        by_owner.setdefault(getattr(row, fk.attname), []).append(row)
    # One empty Query shared by every instance's cache instead of one each: it is
    # never changed, since filtering a QuerySet copies its query first.
    query = Query(rel.related_model)
    parler = _parler_languages(instances[0], rel)
    for obj in instances:
        owned = by_owner.get(obj.pk, [])
        cache = QuerySet(model=rel.related_model, query=query)
        cache._result_cache, cache._prefetch_done = owned, True
        if not hasattr(obj, "_prefetched_objects_cache"):
            obj._prefetched_objects_cache = {}
        obj._prefetched_objects_cache[rel.cache_name] = cache
        if parler is not None:
            _fill_parler(obj, rel.related_model, owned, parler)


def _parler_languages(instance, rel):
    """The site's language codes if `rel` holds parler translations of `instance`, else None."""
    meta = getattr(instance, "_parler_meta", None)
    if meta is None or rel.related_model not in {extension.model for extension in meta}:
        return None
    return [code for code, _ in settings.LANGUAGES]


def _fill_parler(obj, model, owned, languages):
    """Put the translations where parler looks first, marking the missing languages.

    Read from the prefetch cache, parler would copy each translation into
    Django's cache on first use (a pickling cache.set() per translation).
    """
    local = obj._translations_cache[model]
    for language in languages:
        local.setdefault(language, MISSING)
    for row in owned:
        local[row.language_code] = row
