"""Who changed what: django-auditlog entries, each filed under the admin page it belongs on.

`register(model, page=..., exclude=..., m2m=...)` registers a model with auditlog, and a
parler model's translation model with it, so that a title edit is seen. Every entry notes
in `additional_data["page"]` the object whose admin page shows it ("speakers.speaker:12"):
its own, its master's for a translation, its parent's for an inline row (`page="speaker"`
for an affiliation). `entries_on_page(obj)` reads them back for the History view
(common/audit_admin.py).

Imports name themselves: inside `recording_import("import: 38c3.xml by alice", actor)`
every entry carries `additional_data["import"]` and, if the request set none, the actor.
Rows inserted by bulk_create send no signals; `log_created(objects)` writes their
"create" entries, one per object, in bulk.
"""

import contextlib
from contextvars import ContextVar

from auditlog.cid import get_cid
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import pre_delete, pre_save
from django.utils import timezone

# model -> the attribute leading to the object whose page shows its entries
_PARENT = {}
_current_import = ContextVar("audit_import", default=None)


def register(model, *, page=None, exclude=(), m2m=()):
    """Audit `model` (and its parler translations); `page` names its parent's attribute."""
    auditlog.register(model, exclude_fields=list(exclude), m2m_fields=set(m2m))
    _file_under(model, page)
    for meta in getattr(model, "_parler_meta", None) or ():
        auditlog.register(meta.model)
        _file_under(meta.model, "master")


def _file_under(model, parent):
    if parent is not None:
        _PARENT[model] = parent
    # auditlog calls this on the instance for every entry it writes.
    model.get_additional_data = _additional_data
    uid = f"common.audit.page.{model._meta.label}"
    pre_delete.connect(_remember_page, sender=model, dispatch_uid=uid)


def _remember_page(sender, instance, **kwargs):
    # Before a cascade deletes the parent: its delete entry is written after the rows go.
    instance._audit_page = _page_of(instance)


def page_owner(instance):
    """(model, pk) of the object whose admin page shows `instance`'s history."""
    model = type(instance)
    while (parent := _PARENT.get(model)) is not None:
        related = model._meta.get_field(parent).related_model
        if related not in _PARENT:
            return related, getattr(instance, f"{parent}_id")  # the id: no query
        instance, model = getattr(instance, parent), related
    return model, instance.pk


def page_key(model, pk):
    return f"{model._meta.label_lower}:{pk}"


def _page_of(instance):
    return getattr(instance, "_audit_page", None) or page_key(*page_owner(instance))


def _additional_data(instance):
    data = {"page": _page_of(instance)}
    current = _current_import.get()
    if current is not None:
        data["import"] = current[0]
    return data


def entries_on_page(obj):
    """The entries of `obj`, its translations and its inline rows, as a LogEntry queryset."""
    model = type(obj)
    models = [m for m in auditlog.get_models() if _leads_to(m, model)]
    return LogEntry.objects.filter(
        content_type__in=ContentType.objects.get_for_models(*models).values(),
        additional_data__page=page_key(model, obj.pk),
    )


def _leads_to(model, target):
    while model is not None:
        if model is target:
            return True
        parent = _PARENT.get(model)
        model = model._meta.get_field(parent).related_model if parent else None
    return False


@contextlib.contextmanager
def recording_import(name, actor=None):
    """Name every entry written inside as coming from import `name`, by `actor`."""
    token = _current_import.set((name, actor))
    try:
        yield
    finally:
        _current_import.reset(token)


def _import_actor(sender, instance, raw=False, **kwargs):
    current = _current_import.get()
    if current is not None and current[1] is not None and instance.actor_id is None:
        instance.actor = current[1]
        instance.actor_email = current[1].email


pre_save.connect(_import_actor, sender=LogEntry, dispatch_uid="common.audit.import_actor")


def log_created(objects):
    """Write the "create" entry of each of `objects`, inserted without signals (bulk_create)."""
    objects = [obj for obj in objects if auditlog.contains(type(obj))]
    current = _current_import.get()
    actor = current[1] if current is not None else None
    now, cid = timezone.now(), get_cid()
    LogEntry.objects.bulk_create(
        [_create_entry(obj, actor, now, cid) for obj in objects], batch_size=500
    )


def _create_entry(obj, actor, now, cid):
    changes = model_instance_diff(
        None, obj, use_json_for_changes=settings.AUDITLOG_STORE_JSON_CHANGES
    )
    return LogEntry(
        content_type=ContentType.objects.get_for_model(obj),
        object_pk=str(obj.pk),
        object_id=obj.pk,
        object_repr=str(obj),
        action=LogEntry.Action.CREATE,
        changes=changes,
        additional_data=_additional_data(obj),
        actor=actor,
        actor_email=actor.email if actor is not None else None,
        cid=cid,
        timestamp=now,
    )
