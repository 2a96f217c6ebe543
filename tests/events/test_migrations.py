"""events/migrations/: 0007 gives the embargo log's rows their quote's text and speaker;
0009-0011 move venue and room names into their translations.

The rows are written at the current schema, the database taken back to 0006 (which drops
the new columns) and forward again through MigrationExecutor, as `migrate` would.
Transactional: SQLite alters tables only outside a transaction.
"""

import datetime as dt
import uuid

import pytest
from django.db import IntegrityError, connection
from django.db.migrations.executor import MigrationExecutor

from events.models import EmbargoView, Room, Venue
from tests.events.public_data import translate
from tests.factories import QuoteFactory, RoomFactory, VenueFactory

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("events", "0006_embargo_view_surfaces")]
AFTER = [("events", "0007_embargo_view_outlives_quote")]
UNTIL = dt.datetime(2023, 7, 7, 10, 0, tzinfo=dt.UTC)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)


@pytest.fixture
def migrated_back():
    """Runs the test's migrations, then leaves the database at the latest ones again."""
    yield _migrate
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def _seen(quote, username):
    # As a row written before 0007: nothing but the quote names what was seen.
    return EmbargoView.objects.create(
        quote=quote, username=username, embargo_until=UNTIL, surface=EmbargoView.Surface.SEARCH
    )


def test_existing_rows_get_their_quotes_text_and_speaker(migrated_back):
    first = QuoteFactory(text="Exports will double.", speaker__name="Xu Haidong")
    second = QuoteFactory(text="Prices will fall.", speaker__name="Fu Bingfeng")
    rows = [_seen(first, "press"), _seen(first, "reporter"), _seen(second, "press")]

    migrated_back(BEFORE)
    migrated_back(AFTER)

    kept = EmbargoView.objects.order_by("pk").values_list("quote_text", "speaker_name", "quote")
    assert list(kept) == [
        ("Exports will double.", "Xu Haidong", first.pk),
        ("Exports will double.", "Xu Haidong", first.pk),
        ("Prices will fall.", "Fu Bingfeng", second.pk),
    ]
    assert [row.pk for row in EmbargoView.objects.order_by("pk")] == [row.pk for row in rows]


def test_going_back_is_refused_while_a_row_has_lost_its_quote(migrated_back):
    quote = QuoteFactory()
    seen = _seen(quote, "press")
    quote.delete()

    with pytest.raises(IntegrityError):
        migrated_back(BEFORE)  # 0006's quote is NOT NULL: the row is kept, not deleted

    assert EmbargoView.objects.filter(pk=seen.pk, quote=None).exists()


# --- 0009-0011: venue and room names and places move into their translations -------------

UNTRANSLATED = [("events", "0008_listing_plugins")]
TRANSLATED = [("events", "0011_venue_room_drop_untranslated")]
PLACE = ("name", "district", "city", "country", "address")


def _models_at(targets):
    apps = MigrationExecutor(connection).loader.project_state(targets).apps
    return apps.get_model("events", "Venue"), apps.get_model("events", "Room")


def test_names_and_places_become_english_translations(migrated_back):
    migrated_back(UNTRANSLATED)
    venue_model, room_model = _models_at(UNTRANSLATED)
    values = ("Jiading Hotel", "Jiading District", "Shanghai", "China", "1 Road")
    place = dict(zip(PLACE, values, strict=True))
    venue = venue_model.objects.create(**place)
    room = room_model.objects.create(venue=venue, name="Main Hall", guid=uuid.uuid4())

    migrated_back(TRANSLATED)

    assert list(Venue.objects.get(pk=venue.pk).translations.values("language_code", *PLACE)) == [
        {"language_code": "en", **place}
    ]
    assert list(Room.objects.get(pk=room.pk).translations.values("language_code", "name")) == [
        {"language_code": "en", "name": "Main Hall"}
    ]


def test_going_back_keeps_the_english_names_else_any(migrated_back):
    venue = VenueFactory(name="Jiading Hotel")
    translate(venue, name="嘉定酒店", city="上海", country="中国")
    hall = translate(RoomFactory(venue=venue, name="Main Hall"), name="主会场")
    side = Room(venue=venue)
    side.set_current_language("zh-hans")
    side.name = "分会场"
    side.save()

    migrated_back(UNTRANSLATED)

    venue_model, room_model = _models_at(UNTRANSLATED)
    assert venue_model.objects.values_list("name", "city").get() == ("Jiading Hotel", "Shanghai")
    rooms = room_model.objects.order_by("pk").values_list("pk", "name")
    assert list(rooms) == [(hall.pk, "Main Hall"), (side.pk, "分会场")]
