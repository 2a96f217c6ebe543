import datetime as dt
import re

import pytest

from events.interop import exports, importer
from events.interop.frab_import import parse_frab
from events.interop.plan import ImportRefused, grouped
from events.models import Forum, PanelTopic, Room, Session, Venue
from speakers.models import Affiliation, Organization, Speaker
from tests.events.interop.conftest import DATA, build, db_snapshot
from tests.factories import ForumFactory

pytestmark = pytest.mark.django_db

MINIMAL = """<?xml version="1.0" encoding="UTF-8"?>
<schedule><version>1</version>
<conference><acronym>minicon</acronym><title>Mini</title>{zone}</conference>
<day index="1" date="2023-07-06" start="2023-07-06T04:00:00+08:00" end="2023-07-07T03:59:00+08:00">
<room name="Hall M">
<event guid="5f0a3e2e-9b4a-5c7e-8f10-1d2e3f4a5b6c" id="1">
<room>Hall M</room><title>Juggling</title><type>Juggling act</type>
<date>2023-07-06T10:00:00+08:00</date><start>10:00</start><duration>00:45</duration>
<abstract/><track>Fun</track><language>en</language>
<persons><person id="1">Ada Example</person></persons>
</event></room></day></schedule>"""


def _plan(forum, data, **kwargs):
    time_zone = kwargs.pop("time_zone", None)
    parsed = parse_frab(data, forum=forum, time_zone=time_zone)
    return importer.plan_import(forum=forum, parsed=parsed, language="en", **kwargs)


def _warnings(plan):
    return {str(w) for w in grouped(plan.warnings + [w for r in plan.rows for w in r.warnings])}


REAL_FILES = [
    pytest.param("38c3.xml", dt.date(2024, 12, 27), dt.date(2024, 12, 31), "Europe/Berlin",
                 None, 1007, "slug: The slug does not have the required shape",
                 marks=pytest.mark.slow, id="38c3"),
    pytest.param("debconf23.xml", dt.date(2023, 9, 10), dt.date(2023, 9, 18), "Asia/Kolkata",
                 None, 117, "recording: <recording> has no <license>; ignored.", id="debconf23"),
    pytest.param("fosdem2021.xml", dt.date(2021, 2, 6), dt.date(2021, 2, 7), "Europe/Brussels",
                 "Europe/Brussels", 773, "guid: The event has no guid; one is derived from its id.",
                 marks=pytest.mark.slow, id="fosdem2021"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "first", "last", "zone", "asked", "events", "warning"), REAL_FILES
)
def test_real_schedule_imports_with_its_deviations_as_warnings(
    name, first, last, zone, asked, events, warning
):
    forum = ForumFactory(slug="real", start_date=first, end_date=last, time_zone=zone)
    data = (DATA / name).read_bytes()
    plan = _plan(forum, data, time_zone=asked, publish=True)
    assert plan.all_errors == []
    assert any(warning in text for text in _warnings(plan))
    importer.apply_plan(plan=plan, confirm_overlaps=True)
    assert Session.objects.filter(forum=forum).count() == events
    # Clashes the file contains are stored as intended overlaps, which the rules accept.
    for session in Session.objects.filter(forum=forum, allow_overlap=True)[:5]:
        session.full_clean()
    again = _plan(forum, data, time_zone=asked, publish=True)
    assert again.actions == {"unchanged": events} and not again.new and not again.clashes


def test_debconf_keeps_guids_rooms_persons_and_tracks():
    forum = ForumFactory(slug="dc23", start_date=dt.date(2023, 9, 10),
                         end_date=dt.date(2023, 9, 18), time_zone="Asia/Kolkata")  # fmt: skip
    plan = _plan(forum, (DATA / "debconf23.xml").read_bytes())
    importer.apply_plan(plan=plan, confirm_overlaps=True)
    opening = Session.objects.get(guid="455d075f-48c0-2ec2-24b3-f5add30c383a")
    assert opening.title == "Opening Ceremony"
    assert opening.slug == "opening-ceremony"
    assert opening.kind == Session.Kind.THEMED_SPEECH  # "Long talk (45 minutes)"
    assert opening.starts_at == dt.datetime(2023, 9, 10, 5, 0, tzinfo=dt.UTC)
    assert opening.room.name == "Anamudi"
    assert [p.speaker.name for p in opening.participants.all()][0] == "Sruthi Chandran"
    assert [str(t) for t in opening.topics.all()] == [
        "Community, diversity, local outreach and social context"
    ]
    assert Room.objects.filter(venue=forum.venue).count() == plan.new["room"]


def test_file_without_time_zone_asks_for_one(demo_forum):
    before = db_snapshot()
    plan = _plan(demo_forum, (DATA / "fosdem2021.xml").read_bytes())
    assert [str(e) for e in plan.all_errors] == [
        "file, time_zone_name: The file does not say which time zone its times are in. "
        "Choose it (the forum's is Asia/Shanghai) and import again."
    ]
    with pytest.raises(ImportRefused):
        importer.apply_plan(plan=plan)
    assert db_snapshot() == before


def test_unknown_event_type_becomes_other_with_a_warning(demo_forum):
    data = MINIMAL.format(zone="<time_zone_name>Asia/Shanghai</time_zone_name>").encode()
    plan = _plan(demo_forum, data)
    assert "event 1 'Juggling', type: Unknown event type 'Juggling act' is imported as " \
           "'Other'." in _warnings(plan)  # fmt: skip
    importer.apply_plan(plan=plan)
    session = Session.objects.get(guid="5f0a3e2e-9b4a-5c7e-8f10-1d2e3f4a5b6c")
    assert session.kind == Session.Kind.OTHER
    assert PanelTopic.objects.get(slug="fun").sessions.get() == session


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<schedule><version>1</version><conference>",
         "line 1, column 43: The XML is malformed: no element found."),
        (b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
         b"<schedule>&x;</schedule>", "The file declares a DTD or entities"),
        (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
         b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
         b"<schedule>&lol2;</schedule>", "The file declares a DTD or entities"),
        (b"<agenda/>", "The root element is <agenda>, not <schedule>."),
        (b"<schedule>" + b" " * (5 * 1024 * 1024) + b"</schedule>", "the limit is 5242880 bytes"),
    ],
    ids=["malformed", "xxe", "billion-laughs", "wrong-root", "too-big"],
)  # fmt: skip
def test_unsafe_or_broken_xml_is_refused_and_nothing_is_written(demo_forum, data, message):
    before = db_snapshot()
    with pytest.raises(ImportRefused) as refused:
        parse_frab(data, forum=demo_forum)
    assert message in str(refused.value)
    assert "root:" not in str(refused.value)  # nothing of /etc/passwd comes back
    assert db_snapshot() == before


def test_guid_of_another_forum_is_an_error(demo_forum):
    data = MINIMAL.format(zone="<time_zone_name>Asia/Shanghai</time_zone_name>").encode()
    importer.apply_plan(plan=_plan(demo_forum, data))
    other = ForumFactory(slug="other-forum")
    plan = _plan(other, data)
    assert [str(e) for e in plan.all_errors] == [
        "event 1 'Juggling', guid: This guid belongs to a session of another forum, "
        "'china-auto-forum-2023'."
    ]


def _without_generator_and_version(xml):
    xml = re.sub(r"<generator [^>]*/>", "", xml)
    return re.sub(r"<version>[^<]*</version>", "", xml)


def test_round_trip_export_import_export_is_identical(demo_forum, xsd):
    first = exports.render_xml(build(demo_forum))
    forum_values = {"slug": demo_forum.slug, "start_date": demo_forum.start_date,
                    "end_date": demo_forum.end_date, "time_zone": demo_forum.time_zone}  # fmt: skip
    for model in (Session, Forum, Room, Venue, PanelTopic, Affiliation, Speaker, Organization):
        model.objects.all().delete()
    forum = ForumFactory(name="2023 China Auto Forum", **forum_values)
    plan = _plan(forum, first.encode(), publish=True)
    assert plan.all_errors == []
    importer.apply_plan(plan=plan)
    second = exports.render_xml(build(Forum.objects.get(pk=forum.pk)))
    xsd.validate(second)
    assert _without_generator_and_version(second) == _without_generator_and_version(first)
