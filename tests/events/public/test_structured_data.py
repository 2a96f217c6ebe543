import json
import re

import pytest

from events.models import Session, SessionParticipant
from events.public.structured_data import ld_json
from tests.events.public_data import translate
from tests.factories import (
    AffiliationFactory,
    QuoteFactory,
    RoomFactory,
    SessionFactory,
    SessionParticipantFactory,
    SourceFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
BASE = "http://testserver"


def _json_ld(client, url):
    response = client.get(url)
    assert response.status_code == 200
    (payload,) = SCRIPT.findall(response.content.decode())
    return json.loads(payload)


@pytest.fixture
def session(site_pages):
    session = SessionFactory(title="Exports", room=RoomFactory(name="Hall A"))
    speaker = SpeakerFactory(name="Xu Haidong", name_native="许海东")
    AffiliationFactory(speaker=speaker, title="deputy chief engineer", organization__name="CAAM")
    SessionParticipantFactory(session=session, speaker=speaker)
    SessionParticipantFactory(
        session=session, speaker=SpeakerFactory(name="Li Mei"),
        role=SessionParticipant.Role.MODERATOR,
    )  # fmt: skip
    return session


def test_session_page_is_an_event_with_offset_location_and_performers(client, session):
    data = _json_ld(client, session.get_absolute_url())
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] == "Exports"
    assert data["url"] == BASE + session.get_absolute_url()
    assert data["startDate"] == "2023-07-06T10:00:00+08:00"
    assert data["endDate"] == "2023-07-06T11:00:00+08:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"]["name"] == "Hall A"
    venue = data["location"]["containedInPlace"]
    assert venue["name"] == "Jiading Convention Center"
    assert venue["address"]["addressLocality"] == "Shanghai"
    xu, li = data["performer"]
    assert xu["@type"] == "Person" and xu["name"] == "Xu Haidong"
    assert xu["jobTitle"] == "deputy chief engineer"
    assert xu["affiliation"] == {"@type": "Organization", "name": "CAAM"}
    assert li["name"] == "Li Mei" and "affiliation" not in li
    forum = session.forum
    assert data["superEvent"]["url"] == BASE + forum.get_absolute_url()
    assert data["superEvent"]["startDate"] == "2023-07-06T00:00:00+08:00"


def test_chinese_session_page_locates_the_event_in_chinese(client, session):
    translate(session.room, name="主会场")
    venue = session.room.venue
    translate(venue, name="嘉定会展中心", district="嘉定区", city="上海", country="中国")
    url = session.get_absolute_url().replace("/en/", "/zh-hans/", 1)
    location = _json_ld(client, url)["location"]
    assert location["name"] == "主会场"
    venue = location["containedInPlace"]
    assert venue["name"] == "嘉定会展中心"
    assert venue["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "上海",
        "addressRegion": "嘉定区",
        "addressCountry": "中国",
    }


def test_cancelled_session_event_is_cancelled(client, site_pages):
    session = SessionFactory(status=Session.Status.CANCELLED)
    data = _json_ld(client, session.get_absolute_url())
    assert data["eventStatus"] == "https://schema.org/EventCancelled"


def test_forum_page_lists_visible_sessions_as_sub_events(client, session):
    SessionFactory(forum=session.forum, title="Secret", status=Session.Status.DRAFT)
    data = _json_ld(client, session.forum.get_absolute_url())
    assert data["@type"] == "Event" and data["name"] == str(session.forum)
    assert data["startDate"] == "2023-07-06T00:00:00+08:00"
    assert data["endDate"] == "2023-07-08T00:00:00+08:00"
    assert data["location"]["name"] == "Jiading Convention Center"
    assert [sub["name"] for sub in data["subEvent"]] == ["Exports"]
    assert data["subEvent"][0]["startDate"] == "2023-07-06T10:00:00+08:00"


def test_speaker_page_is_a_person(client, session):
    speaker = session.participants.get(speaker__name="Xu Haidong").speaker
    data = _json_ld(client, speaker.get_absolute_url())
    assert data["@type"] == "Person" and data["name"] == "Xu Haidong"
    assert data["alternateName"] == "许海东"
    assert data["jobTitle"] == "deputy chief engineer"
    assert data["affiliation"] == [{"@type": "Organization", "name": "CAAM"}]
    chinese = _json_ld(client, speaker.get_absolute_url().replace("/en/", "/zh-hans/", 1))
    assert chinese["name"] == "许海东" and chinese["alternateName"] == "Xu Haidong"


def test_quote_page_is_a_quotation_with_creator_event_and_source(client, session):
    speaker = session.participants.get(speaker__name="Xu Haidong").speaker
    source = SourceFactory(url="https://example.com/article")
    quote = QuoteFactory(
        session=session, forum=session.forum, speaker=speaker, source=source, text="Exports grow."
    )
    data = _json_ld(client, quote.get_absolute_url())
    assert data["@type"] == "Quotation" and data["text"] == "Exports grow."
    assert data["creator"]["name"] == "Xu Haidong"
    assert data["creator"]["affiliation"]["name"] == "CAAM"
    assert data["recordedIn"]["@type"] == "Event"
    assert data["recordedIn"]["url"] == BASE + session.get_absolute_url()
    assert data["recordedIn"]["superEvent"]["name"] == str(session.forum)
    assert data["isBasedOn"]["url"] == "https://example.com/article"
    assert data["isBasedOn"]["publisher"]["name"] == "China Daily"
    assert data["isBasedOn"]["datePublished"] == "2023-07-21"
    assert data["dateCreated"] == "2023-07-06"


def test_json_ld_cannot_close_its_script_element(client, site_pages):
    payload = "</script><script>alert(1)</script><!--"
    session = SessionFactory(title=payload)
    html = client.get(session.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in html
    data = _json_ld(client, session.get_absolute_url())
    assert data["name"] == payload


def test_ld_json_escapes_markup_characters():
    assert ld_json({"a": "<&>"}) == (
        '<script type="application/ld+json">{"a": "\\u003C\\u0026\\u003E"}</script>'
    )
