import datetime as dt

import pytest
from defusedxml.ElementTree import fromstring

from events.interop import exports
from events.interop.frab_xml import render_xml
from events.models import Room, Session
from tests.events.interop.conftest import build
from tests.factories import SessionFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

AWKWARD = "Q&A <live> \"quoted\" 'single'\r\nline\ttab"


def _event(root, guid):
    return next(e for e in root.iter("event") if e.get("guid") == guid)


def test_markup_characters_come_back_unchanged_from_text_and_attributes(demo_forum, xsd):
    session = Session.objects.get(ref="S02")
    session.set_current_language("en")
    session.title = AWKWARD
    session.abstract = "<p>1 < 2 & 3 > 2</p>"
    session.save()
    Room._parler_meta.root_model.objects.filter(name="Main Hall").update(name=AWKWARD)
    session.participants.update(speaker=SpeakerFactory(name=AWKWARD))
    xml = render_xml(build(demo_forum))
    xsd.validate(xml)
    event = _event(fromstring(xml), str(session.guid))
    assert event.findtext("title") == AWKWARD
    assert event.findtext("room") == AWKWARD
    assert event.find("persons/person").text == AWKWARD
    stored = Session.objects.get(pk=session.pk).safe_translation_getter("abstract")
    assert "&amp;" in stored  # sanitized HTML: the export must not unescape it
    assert event.findtext("abstract") == stored
    rooms = [room.get("name") for room in fromstring(xml).iter("room") if room.get("guid")]
    assert AWKWARD in rooms


def test_characters_xml_forbids_are_dropped_so_the_file_still_parses(demo_forum, xsd):
    session = Session.objects.get(ref="S01")
    session.set_current_language("en")
    session.title = "Bell\x07 and escape\x1b, not\ufffe\x0b"
    session.save()
    xml = render_xml(build(demo_forum))
    xsd.validate(xml)
    assert _event(fromstring(xml), str(session.guid)).findtext("title") == "Bell and escape, not"


def test_empty_values_self_close_and_layout_is_indented(demo_forum):
    xml = render_xml(build(demo_forum))
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<schedule>\n <generator ')
    assert "\n    <subtitle />\n" in xml
    assert "\n    <links />\n" in xml
    assert xml.endswith("</schedule>\n")


def _rename_speaker(forum):
    SpeakerFactory._meta.model.objects.filter(name="Luo Junjie").update(name="Luo J.")


def _retitle_session(forum):
    session = Session.objects.get(ref="S03")
    session.set_current_language("en")
    session.title = "Going abroad, again"
    session.save()


def _rename_room(forum):
    Room._parler_meta.root_model.objects.filter(name="Hall B").update(name="Hall C")


def _draft_session(forum):
    Session.objects.filter(ref="S04").update(status=Session.Status.DRAFT)


def _add_session(forum):
    SessionFactory(forum=forum, starts_at=dt.datetime(2023, 7, 6, 12, tzinfo=dt.UTC))


def _retitle_topic(forum):
    topic = Session.objects.get(ref="S02").topics.get()
    topic.set_current_language("en")
    topic.title = "Going global"
    topic.save()


def _move_session(forum):
    earlier = dt.datetime(2023, 7, 6, 0, 45, tzinfo=dt.UTC)
    Session.objects.filter(ref="S01").update(starts_at=earlier)


@pytest.mark.parametrize(
    "change",
    [_rename_speaker, _retitle_session, _rename_room, _draft_session, _add_session,
     _retitle_topic, _move_session],
)  # fmt: skip
def test_version_changes_with_anything_the_export_says(demo_forum, change):
    before = build(demo_forum)
    change(demo_forum)
    after = build(demo_forum)
    assert after["schedule"]["version"] != before["schedule"]["version"]
    assert render_xml(after) != render_xml(before)


def test_version_is_the_same_in_both_formats_and_stable(demo_forum):
    document = build(demo_forum)
    version = document["schedule"]["version"]
    assert f"<version>{version}</version>" in render_xml(document)
    assert f'"version":"{version}"' in exports.render_json(build(demo_forum))
