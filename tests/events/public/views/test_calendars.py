import datetime as dt

import pytest
from icalendar import Calendar

from events.models import Session, SessionParticipant
from tests.events.public_data import build_forum, translate
from tests.events.querycount import queries_for, warm_up
from tests.factories import (
    AffiliationFactory,
    ForumFactory,
    RoomFactory,
    SessionFactory,
    SessionParticipantFactory,
    SpeakerFactory,
    shanghai,
)

pytestmark = pytest.mark.django_db

FUTURE = dt.datetime(2999, 1, 1, tzinfo=dt.UTC)
# Includes the CMS resolving the apphook page (urlconf revision, page); no menu or placeholders.
# The forum's: sessions, their translations, rooms and their names, the venue's names,
# topics (3), participants, affiliations with titles and organization names (3).
CALENDAR_BUDGET = 17


def _forum_ics_url(forum):
    return forum.get_absolute_url() + "calendar.ics"


def _session_ics_url(session):
    return session.get_absolute_url() + "calendar.ics"


def _parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    return Calendar.from_ical(response.content)


def _events(calendar):
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


def test_session_calendar_has_zone_uid_location_speakers_and_url(client, site_pages):
    session = SessionFactory(
        title="Exports and the new energy transition",
        abstract="<p>Why <b>exports</b> grow.</p>",
        room=RoomFactory(name="Hall A"),
    )
    speaker = SpeakerFactory(name="Xu Haidong")
    AffiliationFactory(speaker=speaker, title="deputy chief engineer", organization__name="CAAM")
    SessionParticipantFactory(
        session=session, speaker=SpeakerFactory(name="Li Mei"),
        role=SessionParticipant.Role.MODERATOR,
    )  # fmt: skip
    SessionParticipantFactory(session=session, speaker=speaker)
    calendar = _parse(client, _session_ics_url(session))

    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["tzid"]) == "Asia/Shanghai"
    (event,) = calendar.walk("VEVENT")
    assert str(event["uid"]) == str(session.guid)
    assert event["dtstamp"].dt.tzinfo is not None
    start = event["dtstart"]
    assert start.params["TZID"] == "Asia/Shanghai"
    assert start.dt == shanghai(6, 10) and start.dt.utcoffset() == dt.timedelta(hours=8)
    assert event["dtend"].dt == shanghai(6, 11)
    assert str(event["location"]) == "Hall A, Jiading Convention Center, Shanghai"
    assert str(event["url"]) == f"http://testserver{session.get_absolute_url()}"
    assert str(event["status"]) == "CONFIRMED"
    description = str(event["description"])
    assert "Speakers: Xu Haidong (deputy chief engineer, CAAM)" in description
    assert "Moderator: Li Mei" in description
    assert "Why exports grow." in description and "<b>" not in description


def test_calendar_description_is_plain_text_with_entities_decoded(client, site_pages):
    # The abstract is HTML; a calendar shows text, where "&amp;" would read as such.
    session = SessionFactory(abstract="<p>R&amp;D on 5 &lt; 6 cells.</p><p>Two&nbsp;parts</p>")
    (event,) = _parse(client, _session_ics_url(session)).walk("VEVENT")
    description = str(event["description"])
    assert "R&D on 5 < 6 cells. Two parts" in description
    assert "&amp;" not in description and "<p>" not in description


def test_uid_is_stable_across_downloads_and_edits(client, site_pages):
    session = SessionFactory(title="Before")
    first = _parse(client, _session_ics_url(session))
    session.title = "After"
    session.save()
    second = _parse(client, _session_ics_url(session))
    (one,), (two,) = first.walk("VEVENT"), second.walk("VEVENT")
    assert str(one["uid"]) == str(two["uid"]) == str(session.guid)
    assert str(two["summary"]) == "After"


def test_cancelled_session_is_cancelled_in_the_calendar(client, site_pages):
    session = SessionFactory(status=Session.Status.CANCELLED)
    (event,) = _parse(client, _session_ics_url(session)).walk("VEVENT")
    assert str(event["status"]) == "CANCELLED"


def test_forum_calendar_holds_only_visible_sessions(client, site_pages):
    forum = ForumFactory(
        time_zone="Europe/Berlin", start_date=dt.date(2024, 12, 27), end_date=dt.date(2024, 12, 30)
    )
    start = dt.datetime(2024, 12, 27, 11, tzinfo=forum.tzinfo)
    later = {"starts_at": start, "ends_at": start + dt.timedelta(hours=1)}
    SessionFactory(forum=forum, title="Public", **later)
    SessionFactory(forum=forum, title="Axed", status=Session.Status.CANCELLED, **later)
    SessionFactory(forum=forum, title="Draft", status=Session.Status.DRAFT, **later)
    SessionFactory(forum=forum, title="Embargoed", embargo_until=FUTURE, **later)
    hidden = SessionFactory(forum=forum, title="With hidden speaker", **later)
    SessionParticipantFactory(session=hidden, speaker__name="Not Yet", speaker__is_published=False)
    calendar = _parse(client, _forum_ics_url(forum))
    events = _events(calendar)
    assert set(events) == {"Public", "Axed", "With hidden speaker"}
    assert str(events["Axed"]["status"]) == "CANCELLED"
    assert "Not Yet" not in calendar.to_ical().decode()
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["tzid"]) == "Europe/Berlin"
    assert events["Public"]["dtstart"].dt.utcoffset() == dt.timedelta(hours=1)


@pytest.mark.parametrize(
    "hidden",
    [{"status": Session.Status.DRAFT}, {"embargo_until": FUTURE}, {"forum__status": "draft"}],
    ids=["draft", "embargoed", "draft-forum"],
)
def test_hidden_session_calendar_is_404(client, site_pages, hidden):
    session = SessionFactory(**hidden)
    assert client.get(_session_ics_url(session)).status_code == 404


def test_draft_forum_calendar_is_404_and_unknown_forum_too(client, site_pages):
    forum = ForumFactory(status="draft")
    assert client.get(_forum_ics_url(forum)).status_code == 404
    assert client.get("/en/forums/no-such-forum/calendar.ics").status_code == 404


def test_press_calendar_includes_embargoed_sessions(client, site_pages, press_user):
    session = SessionFactory(embargo_until=FUTURE, title="Under embargo")
    client.force_login(press_user)
    assert "Under embargo" in _events(_parse(client, _forum_ics_url(session.forum)))


def test_pages_link_their_calendars_and_the_exports(client, site_pages):
    session = SessionFactory()
    forum = session.forum
    session_html = client.get(session.get_absolute_url()).content.decode()
    assert f'href="{_session_ics_url(session)}"' in session_html
    agenda = client.get(forum.get_absolute_url()).content.decode()
    assert f'href="{_forum_ics_url(forum)}"' in agenda
    for export in ("schedule.xml", "schedule.json", "agenda.csv"):
        url = forum.get_absolute_url() + export
        assert f'href="{url}"' in agenda
        assert client.get(url).status_code == 200


def test_chinese_calendar_has_chinese_labels(client, site_pages):
    session = SessionFactory()
    SessionParticipantFactory(session=session, speaker__name="Xu", speaker__name_native="许海东")
    url = _session_ics_url(session).replace("/en/", "/zh-hans/", 1)
    (event,) = _parse(client, url).walk("VEVENT")
    assert "许海东" in str(event["description"])
    assert str(event["url"]).startswith("http://testserver/zh-hans/")


def test_chinese_calendar_locates_sessions_in_chinese_else_english(client, site_pages):
    forum = ForumFactory()
    translate(forum.venue, name="嘉定会展中心", city="上海", country="中国")
    SessionFactory(forum=forum, room=translate(RoomFactory(venue=forum.venue), name="主会场"))
    SessionFactory(forum=forum, room=RoomFactory(venue=forum.venue, name="Panel Hall"),
                   starts_at=shanghai(6, 14), ends_at=shanghai(6, 15))  # fmt: skip
    calendar = _parse(client, _forum_ics_url(forum).replace("/en/", "/zh-hans/", 1))
    locations = sorted(str(event["location"]) for event in calendar.walk("VEVENT"))
    assert locations == ["Panel Hall, 上海嘉定会展中心", "主会场, 上海嘉定会展中心"]


def test_calendar_query_counts_do_not_grow(client, site_pages):
    small_forum, (small,) = build_forum(1)
    warm_up(client, _forum_ics_url(small_forum))
    small_forum_count = queries_for(client, _forum_ics_url(small_forum))
    small_session_count = queries_for(client, _session_ics_url(small))
    big_forum, sessions = build_forum(50)
    for _ in range(49):
        SessionParticipantFactory(session=sessions[0], speaker=AffiliationFactory().speaker)
    assert queries_for(client, _forum_ics_url(big_forum)) == small_forum_count
    assert queries_for(client, _session_ics_url(sessions[0])) == small_session_count
    assert small_forum_count <= CALENDAR_BUDGET and small_session_count <= CALENDAR_BUDGET


def test_long_chinese_and_punctuated_text_is_folded_within_75_octets_and_reads_back(
    client, site_pages
):
    abstract = "中国汽车出口，年增长；" * 40 + "A line\\with, a backslash; and more. " * 10
    session = SessionFactory(title="出海：中国汽车企业, new energy; exports", abstract=abstract)
    response = client.get(_session_ics_url(session))
    lines = response.content.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert all(line.decode() for line in lines[:-1])  # each cut falls between characters
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["summary"]) == "出海：中国汽车企业, new energy; exports"
    assert abstract.strip() in str(event["description"])
