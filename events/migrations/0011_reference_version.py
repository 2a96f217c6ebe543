from django.db import migrations

# A number that changes whenever a row a search result shows besides the quote
# (speakers, affiliations, organizations, sessions, forums, venues, sources and
# their translations) is written, in the same transaction as the write. A search
# reads it with its page of quotes and reuses the rows it loaded before while the
# number has not changed (events/press/reference_rows.py). Triggers rather than
# Django signals: QuerySet.update(), bulk writes, imports and raw SQL change rows
# without sending any.
TABLES = [
    "speakers_speaker",
    "speakers_affiliation",
    "speakers_affiliation_translation",
    "speakers_organization",
    "speakers_organization_translation",
    "events_session",
    "events_session_translation",
    "events_forum",
    "events_forum_translation",
    "events_venue",
    "events_source",
]

# PostgreSQL. Each value comes from a sequence, so none is ever reused, even after a
# rollback. The version row is written when the transaction commits (a deferred
# trigger, once per transaction), so writers lock it only for that moment, and the
# new number becomes visible together with the rows it stands for. (Under Django's
# default READ COMMITTED; with SERIALIZABLE, two transactions writing these tables at
# once would have one fail on this row.)
POSTGRESQL = [
    "CREATE SEQUENCE events_reference_version_seq",
    "CREATE TABLE events_reference_version "
    "(id smallint PRIMARY KEY CHECK (id = 1), version bigint NOT NULL)",
    "INSERT INTO events_reference_version VALUES (1, nextval('events_reference_version_seq'))",
    r"""
CREATE FUNCTION events_reference_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('events.reference_changed', true) IS DISTINCT FROM 'yes' THEN
    PERFORM set_config('events.reference_changed', 'yes', true);
    INSERT INTO events_reference_version (id, version)
      VALUES (1, nextval('events_reference_version_seq'))
      ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version;
  END IF;
  RETURN NULL;
END
$$
""",
    *(
        sql
        for table in TABLES
        for sql in (
            f"CREATE CONSTRAINT TRIGGER {table}_reference_changed "
            f"AFTER INSERT OR UPDATE OR DELETE ON {table} DEFERRABLE INITIALLY DEFERRED "
            "FOR EACH ROW EXECUTE FUNCTION events_reference_changed()",
            f"CREATE TRIGGER {table}_reference_truncated AFTER TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION events_reference_changed()",
        )
    ),
]
POSTGRESQL_REVERSE = [
    *(
        f"DROP TRIGGER {table}_reference_{event} ON {table}"
        for table in TABLES
        for event in ("changed", "truncated")
    ),
    "DROP FUNCTION events_reference_changed()",
    "DROP TABLE events_reference_version",
    "DROP SEQUENCE events_reference_version_seq",
]

# SQLite (development and tests): one writer at a time, so every write sets a new
# random number at once. SQLite drops a table's triggers when Django rebuilds the
# table to alter it: a later migration that does must create them again, and
# tests/events/press/test_reference_rows.py fails until it does.
SQLITE = [
    "CREATE TABLE events_reference_version "
    "(id integer PRIMARY KEY CHECK (id = 1), version integer NOT NULL)",
    "INSERT INTO events_reference_version VALUES (1, random())",
    *(
        f"CREATE TRIGGER {table}_reference_{event.lower()} AFTER {event} ON {table} BEGIN "
        "INSERT INTO events_reference_version (id, version) VALUES (1, random()) "
        "ON CONFLICT (id) DO UPDATE SET version = excluded.version; END"
        for table in TABLES
        for event in ("INSERT", "UPDATE", "DELETE")
    ),
]
SQLITE_REVERSE = [
    *(
        f"DROP TRIGGER {table}_reference_{event}"
        for table in TABLES
        for event in ("insert", "update", "delete")
    ),
    "DROP TABLE events_reference_version",
]


def _run(postgresql, sqlite):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in {"postgresql": postgresql, "sqlite": sqlite}.get(vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0010_plpgsql_phrase_functions"),
        ("speakers", "0003_hidden_speaker_index"),
    ]

    operations = [
        migrations.RunPython(
            _run(POSTGRESQL, SQLITE), _run(POSTGRESQL_REVERSE, SQLITE_REVERSE), elidable=False
        )
    ]
