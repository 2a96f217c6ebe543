"""Rows a result shows besides its quote are reused between searches only while true.

Transactional tests: on PostgreSQL nothing is kept inside a transaction that
has written, which every ordinary test's transaction is.
"""

import datetime as dt
import re
from importlib import import_module

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from events.models import Forum, Session, Source, Venue
from events.press import reference_rows
from events.press.citations import cite
from events.press.search import search_quotes
from speakers.models import Affiliation, Organization, Speaker
from tests.factories import (
    AffiliationFactory,
    ForumFactory,
    OrganizationFactory,
    QuoteFactory,
    SessionFactory,
    SourceFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

TABLES = import_module("events.migrations.0011_reference_version").TABLES
NOW = dt.datetime(2023, 7, 6, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def quote():
    speaker = SpeakerFactory(name="Xu Haidong")
    AffiliationFactory(
        speaker=speaker,
        title="deputy chief engineer",
        organization=OrganizationFactory(name="China Association of Automobile Manufacturers"),
    )
    forum = ForumFactory(name="2023 China Auto Forum")
    return QuoteFactory(
        text="Exports will grow.",
        speaker=speaker,
        forum=forum,
        session=SessionFactory(forum=forum, title="Going abroad"),
        source=SourceFactory(publication="China Daily"),
    )


def _shown():
    """What the one result shows: its citation, session and source."""
    found = search_quotes(user=AnonymousUser(), q="exports", at=NOW).items[0]
    return f"{cite(found).text} | {found.session.title} | {found.source.publication}"


def _version():
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {reference_rows.version_sql(connection)}")  # noqa: S608
        return cursor.fetchone()[0]


def test_a_second_search_reads_only_its_page(quote):
    with CaptureQueriesContext(connection) as first:
        shown = _shown()
    with CaptureQueriesContext(connection) as second:
        assert _shown() == shown

    assert shown == (
        '"Exports will grow," said Xu Haidong, deputy chief engineer of the China Association '
        "of Automobile Manufacturers, at the 2023 China Auto Forum in Shanghai on July 6, 2023. "
        "| Going abroad | China Daily"
    )
    assert len(first) == 8
    assert len(second) == 1


def _translation(model, master_id):
    return model._parler_meta.root_model.objects.filter(master_id=master_id)


# Each write goes round the models' save() and signals, as imports and bulk edits do.
WRITES = {
    "speaker renamed": (
        lambda q: Speaker.objects.filter(pk=q.speaker_id).update(name="Luo Junjie"),
        "said Luo Junjie, deputy chief engineer",
    ),
    "title changed": (
        lambda q: _translation(Affiliation, q.speaker.affiliations.get().pk).update(
            title="chief engineer"
        ),
        "Xu Haidong, chief engineer of",
    ),
    "affiliation removed": (
        lambda q: Affiliation.objects.filter(speaker=q.speaker_id).delete(),
        "said Xu Haidong, at the 2023 China Auto Forum",
    ),
    "affiliation added": (
        lambda q: AffiliationFactory(
            speaker=q.speaker, title="president", start_date=dt.date(2023, 1, 1)
        ),
        "Xu Haidong, president of the Organization",
    ),
    "organization renamed": (
        lambda q: _translation(Organization, q.speaker.affiliations.get().organization_id).update(
            name="CAAM"
        ),
        "deputy chief engineer of the CAAM",
    ),
    "session retitled": (
        lambda q: _translation(Session, q.session_id).update(title="Opening up"),
        "| Opening up |",
    ),
    "forum renamed": (
        lambda q: _translation(Forum, q.forum_id).update(name="Auto Forum"),
        "at the Auto Forum in Shanghai",
    ),
    "venue moved": (
        lambda q: Venue.objects.filter(forums=q.forum_id).update(city="Beijing"),
        "in Beijing on July 6",
    ),
    "source corrected": (
        lambda q: Source.objects.filter(pk=q.source_id).update(publication="Xinhua"),
        "| Xinhua",
    ),
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_the_search_after_a_write_shows_it(quote, write):
    change, expected = write
    before = _shown()
    assert expected not in before

    change(quote)

    assert expected in _shown()


def test_rows_read_in_a_transaction_that_rolled_back_are_not_reused(quote):
    class Undo(Exception):
        pass

    _shown()
    with pytest.raises(Undo), transaction.atomic():
        Speaker.objects.filter(pk=quote.speaker_id).update(name="Luo Junjie")
        assert "Luo Junjie" in _shown()
        raise Undo

    assert "said Xu Haidong" in _shown()


@pytest.mark.parametrize("table", TABLES)
def test_every_write_to_a_table_changes_the_version(quote, table):
    before = _version()
    assert before is not None
    with connection.cursor() as cursor:
        # Only the migration's table names are formatted in.
        cursor.execute(f"UPDATE {table} SET id = id WHERE id = (SELECT min(id) FROM {table})")  # noqa: S608
    assert _version() not in (before, None)


def test_emptying_a_table_changes_the_version():
    SourceFactory()
    before = _version()
    empty = {
        "postgresql": "TRUNCATE events_source CASCADE",
        "sqlite": "DELETE FROM events_source",
    }[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(empty)
    assert _version() not in (before, None)


def test_the_version_covers_every_table_a_result_is_loaded_from(quote):
    with CaptureQueriesContext(connection) as queries:
        _shown()
    loaded = {
        table
        for query in queries.captured_queries[1:]
        for table in re.findall(r'(?:FROM|JOIN) "(\w+)"', query["sql"])
    }
    assert loaded == set(TABLES)


def test_a_store_that_grew_too_big_starts_afresh(quote, monkeypatch):
    _shown()
    monkeypatch.setattr(reference_rows, "MAX_IDS", 1)
    with CaptureQueriesContext(connection) as again:
        _shown()
    assert len(again) == 8
