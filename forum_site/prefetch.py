"""A lean prefetch of reverse foreign keys for a page of objects.

Django's prefetch_related() builds a filtered QuerySet for every instance it
fills (a few hundred microseconds each): on a search page of 20 quotes with
forum, session, affiliation and organization translations that is a hundred
QuerySets and most of the request's Python time. `prefetch_reverse()` runs the
same single query per relation and fills the same cache, so `obj.rel.all()`
and parler's translation lookup read it without a query, but builds one bare
QuerySet per instance instead of a filtered one.
"""

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
    fk = rel.field
    queryset = rel.related_model._default_manager.all() if queryset is None else queryset
    rows = list(queryset.filter(**{f"{fk.name}__in": {obj.pk for obj in instances}}))
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
    return rows
