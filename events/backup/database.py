"""The database half of an archive: which rows, how they are dumped, loaded and counted."""

import contextlib

from auditlog.context import disable_auditlog
from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder

# What `migrate` writes itself (so restore finds it there already) and logged-in sessions.
EXCLUDED_APPS = {"contenttypes", "sessions"}
EXCLUDED_MODELS = {"auth.permission"}
# Rows `migrate` creates in an empty database, replaced by the archive's own.
MIGRATE_DEFAULTS = {"sites.site": 1}


def archived_models():
    """Models whose rows an archive holds, many-to-many tables included (for the counts)."""
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        if meta.app_label in EXCLUDED_APPS or meta.label_lower in EXCLUDED_MODELS:
            continue
        yield model


def counts():
    """{model label: rows} for every archived model."""
    return {model._meta.label_lower: model._base_manager.count() for model in archived_models()}


def applied_migrations():
    return sorted(
        f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
    )


@contextlib.contextmanager
def one_state():
    """A transaction that reads one state of the database throughout.

    By default each PostgreSQL statement sees the rows committed when it starts, so a
    quote saved between the dump of sessions and that of quotes could name a session the
    archive lacks: REPEATABLE READ fixes the state at the first query. (Inside a
    transaction someone else opened, that one decides.) SQLite's transactions read one
    state already.
    """
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def dump(path):
    # Named one by one: a migration's own unmanaged model classes (djangocms_text has
    # some) join the app registry in the process that migrated, and hold no rows.
    labels = [model._meta.label for model in archived_models() if not model._meta.auto_created]
    # The base managers: polymorphic (filer) and filtering managers would hide or repeat rows.
    call_command("dumpdata", *labels, natural_foreign=True, use_base_manager=True,
                 output=str(path), verbosity=0)  # fmt: skip


def occupied():
    """{label: rows} of the models holding more than an empty, migrated database does."""
    return {
        label: rows for label, rows in counts().items() if rows > MIGRATE_DEFAULTS.get(label, 0)
    }


def load(path):
    """Load a data.json written by dump() (inside the caller's transaction)."""
    for label in MIGRATE_DEFAULTS:
        apps.get_model(label)._base_manager.all().delete()
    # The rows as they were, not edits of anyone's: no audit entries (m2m sets included).
    with disable_auditlog():
        call_command("loaddata", str(path), verbosity=0)
