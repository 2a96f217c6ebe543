import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import xmlschema
from django.utils import translation

from events.interop import exports
from events.models import Session, SessionParticipant
from tests.factories import (
    AffiliationFactory,
    ForumFactory,
    OrganizationFactory,
    PanelTopicFactory,
    RoomFactory,
    SessionFactory,
    SessionParticipantFactory,
    SpeakerFactory,
    shanghai,
)

SCHEMAS = Path(__file__).resolve().parents[3] / "events" / "interop" / "schemas"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def xsd():
    return xmlschema.XMLSchema(SCHEMAS / "schedule.xml.xsd")


@pytest.fixture(scope="session")
def json_validator():
    schema = json.loads((SCHEMAS / "schema.json").read_text())
    return jsonschema.Draft6Validator(schema, format_checker=jsonschema.FormatChecker())


def build(forum):
    """The schedule dict as the views build it, for a request to http://testserver/."""

    def absolute(path):
        return f"http://testserver{path}" if path else ""

    return exports.build_schedule(forum, base_url="http://testserver/", absolute=absolute)


@pytest.fixture
def demo_forum(db):
    """Like the demo: the 2023 China Auto Forum, two days in Shanghai, Chinese and English."""
    forum = ForumFactory(slug="china-auto-forum-2023", name="2023 China Auto Forum")
    with translation.override("zh-hans"):
        forum.set_current_language("zh-hans")
        forum.name = "2023中国汽车论坛"
        forum.save()
    forum.set_current_language("en")
    hall = RoomFactory(venue=forum.venue, name="Main Hall")
    side = RoomFactory(venue=forum.venue, name="Hall B")
    export_topic = PanelTopicFactory(
        slug="going-abroad", title="Chinese auto enterprises going abroad"
    )
    opening = PanelTopicFactory(slug="2023-opening", title="High-level opening up")
    caam = OrganizationFactory(name="China Association of Automobile Manufacturers",
                               short_name="CAAM", slug="caam")  # fmt: skip
    cmif = OrganizationFactory(name="China Machinery Industry Federation", slug="cmif")
    xu = SpeakerFactory(name="Xu Haidong", name_native="许海东", slug="xu-haidong")
    luo = SpeakerFactory(name="Luo Junjie", name_native="罗俊杰", slug="luo-junjie")
    host = SpeakerFactory(name="Li Huacheng", slug="li-huacheng")
    AffiliationFactory(speaker=xu, organization=caam, title="deputy chief engineer")
    AffiliationFactory(speaker=luo, organization=cmif, title="executive vice president")
    sessions = [
        SessionFactory(forum=forum, room=hall, ref="S01", slug="opening", title="Opening",
                       kind=Session.Kind.OPENING, starts_at=shanghai(6, 9),
                       ends_at=shanghai(6, 9, 30)),
        SessionFactory(forum=forum, room=hall, ref="S02", slug="exports-outlook",
                       title="Auto exports outlook", abstract="<p>4 million units</p>",
                       starts_at=shanghai(6, 9, 30), ends_at=shanghai(6, 10, 15),
                       slides_url="https://example.org/slides.pdf"),
        SessionFactory(forum=forum, room=side, ref="S03", slug="going-abroad-panel",
                       title="Going abroad", kind=Session.Kind.PANEL,
                       starts_at=shanghai(6, 14), ends_at=shanghai(6, 15, 30)),
        SessionFactory(forum=forum, room=None, ref="S04", slug="night-talk",
                       title="Night talk", kind=Session.Kind.DIALOGUE,
                       starts_at=shanghai(7, 0, 30), ends_at=shanghai(7, 1, 15)),
        SessionFactory(forum=forum, room=hall, ref="S05", slug="closing", title="Closing",
                       kind=Session.Kind.CLOSING, starts_at=shanghai(7, 17),
                       ends_at=shanghai(7, 17, 30), language="en"),
    ]  # fmt: skip
    sessions[1].topics.add(export_topic)
    sessions[2].topics.add(export_topic, opening)
    SessionParticipantFactory(session=sessions[1], speaker=xu)
    SessionParticipantFactory(session=sessions[2], speaker=host, order=0,
                              role=SessionParticipant.Role.MODERATOR)  # fmt: skip
    SessionParticipantFactory(session=sessions[2], speaker=luo, order=1)
    SessionParticipantFactory(session=sessions[2], speaker=xu, order=2)
    return forum


def many_sessions(forum, count):
    """`count` sessions of 10 minutes in one room, each with a topic and a speaker."""
    room = RoomFactory(venue=forum.venue)
    topic = PanelTopicFactory()
    for n in range(count):
        start = shanghai(6, 8) + dt.timedelta(minutes=10 * n)
        session = SessionFactory(forum=forum, room=room, starts_at=start,
                                 ends_at=start + dt.timedelta(minutes=10))  # fmt: skip
        session.topics.add(topic)
        participant = SessionParticipantFactory(session=session)
        AffiliationFactory(speaker=participant.speaker)


def db_snapshot():
    """Everything an import may touch, to assert that a refused import wrote nothing."""
    from django.db.models import Model

    from events.models import PanelTopic, Room, SessionParticipant, Venue
    from speakers.models import Affiliation, Organization, Speaker

    models: list[type[Model]] = [Venue, Room, PanelTopic, Session, SessionParticipant,
                                 Speaker, Organization, Affiliation]  # fmt: skip
    rows = {model.__name__: sorted(map(str, model.objects.values_list())) for model in models}
    rows["translations"] = sorted(map(str, Session._parler_meta.root_model.objects.values_list()))
    return rows
