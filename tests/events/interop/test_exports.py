import datetime as dt
import re
import uuid
import zoneinfo

import pytest
from defusedxml.ElementTree import fromstring

from events.interop import exports
from events.models import Session
from tests.events.interop.conftest import build
from tests.factories import ForumFactory, RoomFactory, SessionFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def _xml(forum):
    return fromstring(exports.render_xml(build(forum)))


def _events(root):
    return root.findall("day/room/event")


def test_demo_forum_xml_validates_against_xsd(demo_forum, xsd):
    xsd.validate(exports.render_xml(build(demo_forum)))


def test_demo_forum_json_validates_with_format_checks(demo_forum, json_validator):
    document = build(demo_forum)
    errors = [error.message for error in json_validator.iter_errors(document)]
    assert errors == []
    assert len(document["schedule"]["conference"]["days"]) == 2


def test_json_validator_checks_formats(demo_forum, json_validator):
    # Guards the validator itself: a broken uuid or uri must fail.
    document = build(demo_forum)
    event = document["schedule"]["conference"]["days"][0]["rooms"]["Main Hall"][0]
    event["guid"] = "not-a-uuid"
    event["url"] = "no scheme"
    messages = {error.message for error in json_validator.iter_errors(document)}
    assert "'not-a-uuid' is not a 'uuid'" in messages
    assert "'no scheme' is not a 'uri'" in messages


def test_every_event_has_the_elements_importers_expect(demo_forum):
    events = _events(_xml(demo_forum))
    assert len(events) == 5
    for event in events:
        for tag in ("subtitle", "description", "language", "type", "track", "abstract"):
            assert event.find(tag) is not None, tag
        assert re.fullmatch(r"\d\d:\d\d", event.findtext("duration"))
        assert event.findtext("room") == _enclosing_room(event, _xml(demo_forum))


def _enclosing_room(event, root):
    for room in root.iter("room"):
        if room.get("guid") and event.get("guid") in {e.get("guid") for e in room}:
            return room.get("name")
    return None


def test_event_guid_is_the_session_guid_and_ids_are_unique_integers(demo_forum):
    events = _events(_xml(demo_forum))
    guids = {uuid.UUID(e.get("guid")) for e in events}
    assert guids == set(Session.objects.filter(forum=demo_forum).values_list("guid", flat=True))
    ids = [int(e.get("id")) for e in events]
    assert len(set(ids)) == len(ids) and all(0 < i < 2**31 for i in ids)


def test_persons_carry_id_and_guid(demo_forum):
    persons = _xml(demo_forum).findall(".//person")
    assert [p.text for p in persons] == ["Xu Haidong", "Li Huacheng", "Luo Junjie", "Xu Haidong"]
    for person in persons:
        assert int(person.get("id")) > 0
        uuid.UUID(person.get("guid"))
    # The same speaker keeps one id.
    assert persons[0].get("id") == persons[3].get("id")


def test_slugs_have_the_required_shape(demo_forum):
    root = _xml(demo_forum)
    assert root.findtext("conference/acronym") == "china_auto_forum_2023"
    tracks = root.findall("conference/track")
    assert {t.get("slug") for t in tracks} == {"going-abroad", "t-2023-opening"}
    for event in _events(root):
        assert re.fullmatch(r"[a-z0-9_]{4,}-[0-9]{1,10}-[a-z0-9_-]{4,}", event.findtext("slug"))


def test_conference_dates_are_plain_and_zone_is_named(demo_forum):
    conference = _xml(demo_forum).find("conference")
    assert conference.findtext("start") == "2023-07-06"
    assert conference.findtext("end") == "2023-07-07"
    assert conference.findtext("time_zone_name") == "Asia/Shanghai"


def test_session_after_midnight_stays_on_the_evening_before(demo_forum):
    day_one = _xml(demo_forum).find("day[@index='1']")
    night = next(e for e in day_one.iter("event") if e.findtext("title") == "Night talk")
    assert night.findtext("date") == "2023-07-07T00:30:00+08:00"
    assert night.findtext("start") == "00:30"
    assert day_one.get("start") == "2023-07-06T04:00:00+08:00"
    assert day_one.get("end") == "2023-07-07T03:59:00+08:00"


def test_room_keeps_one_guid_on_every_day(demo_forum):
    rooms = _xml(demo_forum).findall("day/room[@name='Main Hall']")
    assert len(rooms) == 2
    assert rooms[0].get("guid") == rooms[1].get("guid")


def test_offsets_follow_daylight_saving_time(xsd):
    forum = ForumFactory(slug="dstcon", start_date=dt.date(2026, 3, 28),
                         end_date=dt.date(2026, 3, 29), time_zone="Europe/Berlin")  # fmt: skip
    room = RoomFactory(venue=forum.venue)
    for day in (28, 29):
        start = dt.datetime(2026, 3, day, 10, tzinfo=BERLIN)
        SessionFactory(forum=forum, room=room, starts_at=start,
                       ends_at=start + dt.timedelta(minutes=45))  # fmt: skip
    xml = exports.render_xml(build(forum))
    xsd.validate(xml)
    dates = [e.findtext("date") for e in _events(fromstring(xml))]
    assert dates == ["2026-03-28T10:00:00+01:00", "2026-03-29T10:00:00+02:00"]
    days = fromstring(xml).findall("day")
    assert days[1].get("start") == "2026-03-29T04:00:00+02:00"


def test_version_changes_only_when_the_agenda_changes(demo_forum):
    first = build(demo_forum)["schedule"]["version"]
    assert first and first == build(demo_forum)["schedule"]["version"]
    session = Session.objects.get(forum=demo_forum, ref="S05")
    session.ends_at += dt.timedelta(minutes=5)
    session.save()
    assert build(demo_forum)["schedule"]["version"] != first


def test_draft_and_embargoed_sessions_and_unpublished_speakers_stay_out(demo_forum):
    draft = SessionFactory(forum=demo_forum, title="Secret draft", status=Session.Status.DRAFT)
    embargoed = SessionFactory(forum=demo_forum, title="Embargoed talk",
                               embargo_until=dt.datetime(2999, 1, 1, tzinfo=dt.UTC))  # fmt: skip
    hidden = SpeakerFactory(name="Hidden Person", is_published=False)
    Session.objects.get(ref="S01").participants.create(speaker=hidden)
    document = exports.render_json(build(demo_forum))
    xml = exports.render_xml(build(demo_forum))
    for text in (document, xml):
        for secret in ("Secret draft", "Embargoed talk", str(draft.guid), str(embargoed.guid),
                       "Hidden Person"):  # fmt: skip
            assert secret not in text
