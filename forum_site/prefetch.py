"""A lean prefetch of reverse foreign keys for a page of objects.

Django's prefetch_related() builds a filtered QuerySet for every instance it
fills (a few hundred microseconds each): on a search page of 20 quotes with
forum, session, affiliation and organization translations that is a hundred
QuerySets and most of the request's Python time. These functions run one
query per relation (`prefetch_reverse`) or one for several (`prefetch_together`)
and fill the same cache, so `obj.rel.all()` and parler's translation lookup
read it without a query, with one bare QuerySet per instance instead of a
filtered one.
"""

from django.db import connections, router
from django.db.models import QuerySet


def prefetch_reverse(instances, name, queryset=None):
    """Fill `instance.<name>.all()` for every instance, in one query; return the related rows.

    `name` is a reverse foreign key (a related_name such as "translations" or
    "affiliations"); `queryset` narrows or extends the related rows
    (select_related, ordering). Instances of the same row each get the rows.
    """
    instances = [obj for obj in instances if obj is not None]
    if not instances:
        return []
    rel = type(instances[0])._meta.get_field(name)
    queryset = rel.related_model._default_manager.all() if queryset is None else queryset
    rows = list(queryset.filter(**{f"{rel.field.name}__in": {obj.pk for obj in instances}}))
    _fill(instances, rel, rows)
    return rows


def prefetch_together(groups):
    """prefetch_reverse() for several (instances, name) pairs, in one UNION ALL query.

    For related models of plain columns that line up by type once their
    primary key and foreign key come first (parler translations: id,
    language_code, master_id, then text columns); shorter rows are padded
    with NULLs.
    """
    plans = []
    for instances, name in groups:
        instances = [obj for obj in instances if obj is not None]
        if instances:
            rel = type(instances[0])._meta.get_field(name)
            plans.append((instances, rel, _columns(rel)))
    if not plans:
        return
    width = max(len(columns) for _, _, columns in plans)
    db = router.db_for_read(plans[0][1].related_model)
    parts, params = [], []
    for number, (instances, rel, columns) in enumerate(plans):
        owners = sorted({obj.pk for obj in instances})
        parts.append(_part(connections[db], rel, columns, number, width, len(owners)))
        params.extend(owners)
    with connections[db].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        fetched = sorted(cursor.fetchall(), key=lambda row: (row[0], row[1]))
    for number, (instances, rel, columns) in enumerate(plans):
        model = rel.related_model
        order = [field.attname for field in model._meta.concrete_fields]
        rows = []
        for row in fetched:
            if row[0] == number:
                values = dict(zip(columns, row[1:], strict=False))
                rows.append(model.from_db(db, order, [values[name] for name in order]))
        _fill(instances, rel, rows)


def _part(connection, rel, columns, number, width, owners):
    """One SELECT of the UNION ALL: constants and quoted names only; owner ids are parameters.

    Written out rather than compiled by the ORM: compiling four QuerySets cost
    more than running the query.
    """
    quote = connection.ops.quote_name
    meta = rel.related_model._meta
    table = quote(meta.db_table)
    names = [f"{table}.{quote(meta.get_field(_field_name(meta, c)).column)}" for c in columns]
    pads = ["NULL"] * (width - len(columns))
    selected = ", ".join([str(int(number)), *names, *pads])
    marks = ", ".join(["%s"] * owners)
    owner = f"{table}.{quote(rel.field.column)}"
    return f"SELECT {selected} FROM {table} WHERE {owner} IN ({marks})"  # noqa: S608


def _field_name(meta, attname):
    return next(f.name for f in meta.concrete_fields if f.attname == attname)


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
    fk = rel.field
    by_owner = {}
    for row in rows:
        by_owner.setdefault(getattr(row, fk.attname), []).append(row)
    for obj in instances:
        owned = by_owner.get(obj.pk, [])
        for row in owned:
            fk.set_cached_value(row, obj)
        cache = QuerySet(model=rel.related_model)
        cache._result_cache, cache._prefetch_done = owned, True
        if not hasattr(obj, "_prefetched_objects_cache"):
            obj._prefetched_objects_cache = {}
        obj._prefetched_objects_cache[rel.cache_name] = cache
