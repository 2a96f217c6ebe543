import datetime as dt

import pytest

from events.models import Forum, Session
from tests.events.public_data import build_forum, translate
from tests.events.querycount import queries_for, warm_up
from tests.factories import (
    AffiliationFactory,
    ForumFactory,
    PanelTopicFactory,
    RoomFactory,
    SessionFactory,
    SessionParticipantFactory,
    SpeakerFactory,
    shanghai,
)

pytestmark = pytest.mark.django_db

# The CMS (urlconf revision, page, menu, placeholder), the forum, and the agenda rows:
# sessions, their titles, rooms and their names, topics (3), participants, affiliations,
# titles, organizations; and the venue's names.
AGENDA_BUDGET = 21
FORUM_LIST_BUDGET = 11  # the venues' names among them


def _text(response):
    # The page body only: the JSON-LD in <head> names every session, whatever the filters.
    html = response.content.decode()
    return html[html.index('<main id="content"') :]


# --- Forum list ---------------------------------------------------------------


def test_forum_list_shows_published_forums_only(client, site_pages):
    ForumFactory(name="China Auto Forum 2023")
    ForumFactory(name="Secret Summit", status=Forum.Status.DRAFT)
    html = _text(client.get("/en/forums/"))
    assert "China Auto Forum 2023" in html
    assert "Secret Summit" not in html


def test_forum_list_query_count_does_not_grow(client, site_pages):
    ForumFactory()
    warm_up(client, "/en/forums/")
    small = queries_for(client, "/en/forums/")
    for _ in range(49):
        ForumFactory()
    large = queries_for(client, "/en/forums/")
    assert small == large <= FORUM_LIST_BUDGET


# --- Agenda -------------------------------------------------------------------


def test_agenda_groups_sessions_by_local_day_with_zone_label(client, site_pages):
    forum = ForumFactory()
    SessionFactory(forum=forum, title="Opening", starts_at=shanghai(6, 9))
    # 23:30 UTC on July 6 is 07:30 on July 7 in Shanghai: it belongs to the second day.
    SessionFactory(
        forum=forum,
        title="Breakfast panel",
        starts_at=dt.datetime(2023, 7, 6, 23, 30, tzinfo=dt.UTC),
        ends_at=dt.datetime(2023, 7, 7, 0, 30, tzinfo=dt.UTC),
    )
    html = _text(client.get(forum.get_absolute_url()))
    assert "All times are local time (GMT+8, Shanghai)." in html
    first_day = html.index(">Thursday, July 6, 2023</h2>")
    second_day = html.index(">Friday, July 7, 2023</h2>")
    assert first_day < html.index("Opening") < second_day < html.index("Breakfast panel")
    assert "07:30–08:30" in html


def test_agenda_marks_cancelled_sessions(client, site_pages):
    session = SessionFactory(title="Axed talk", status=Session.Status.CANCELLED)
    html = _text(client.get(session.forum.get_absolute_url()))
    assert "<del>Axed talk</del>" in html
    assert 'class="badge badge-cancelled">Cancelled<' in html


def test_agenda_shows_room_kind_topics_and_speaker_title_at_that_date(client, site_pages):
    forum, (session,) = build_forum(1)
    guest = session.participants.get(role="speaker").speaker
    affiliation = guest.affiliations.get()
    affiliation.start_date = dt.date(2020, 1, 1)
    affiliation.end_date = dt.date(2023, 12, 31)
    affiliation.save()
    html = _text(client.get(forum.get_absolute_url()))
    assert session.room.name in html
    assert '<span class="badge">Keynote</span>' in html
    assert str(session.topics.get()) in html
    assert f"{guest.name}</a><span>, chief engineer, {affiliation.organization}" in html


def test_agenda_rows_escape_titles_names_rooms_and_topics(client, site_pages):
    # The rows are Jinja2 templates (events/jinja2/): its autoescaping must hold.
    forum, (session,) = build_forum(1)
    session.set_current_language("en")
    session.title = "<script>alert('title')</script>"
    session.save()
    session.room.name = "<img src=x onerror=alert(1)>"
    session.room.save()
    speaker = session.participants.get(role="speaker").speaker
    speaker.name = "<b>Bold</b> & co"
    speaker.save()
    html = client.get(forum.get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>Bold" not in html
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in html


def test_agenda_hides_drafts_embargoed_and_unpublished_speakers(client, site_pages):
    forum = ForumFactory()
    SessionFactory(forum=forum, title="Public talk")
    SessionFactory(forum=forum, title="Draft talk", status=Session.Status.DRAFT)
    SessionFactory(
        forum=forum, title="Embargoed talk", embargo_until=dt.datetime(2999, 1, 1, tzinfo=dt.UTC)
    )
    public = Session.objects.get(translations__title="Public talk")
    hidden = SpeakerFactory(name="Hidden Person", is_published=False)
    public.participants.create(speaker=hidden)
    html = _text(client.get(forum.get_absolute_url()))
    assert "Public talk" in html
    for secret in ("Draft talk", "Embargoed talk", "Hidden Person"):
        assert secret not in html


def test_draft_forum_is_404_for_visitors_and_previewable_by_organizers(
    client, site_pages, organizer
):
    forum = ForumFactory(status=Forum.Status.DRAFT)
    assert client.get(forum.get_absolute_url()).status_code == 404
    client.force_login(organizer)
    response = client.get(forum.get_absolute_url())
    assert response.status_code == 200
    assert "Preview: this is not public" in _text(response)


def test_unknown_forum_is_404(client, site_pages):
    assert client.get("/en/forums/no-such-forum/").status_code == 404


@pytest.fixture
def two_day_forum(site_pages):
    forum = ForumFactory()
    hall, annex = RoomFactory(name="Hall A"), RoomFactory(name="Annex")
    exports = PanelTopicFactory(slug="exports", title="Exports")
    first = SessionFactory(forum=forum, title="Keynote on exports", room=hall)
    first.topics.add(exports)
    SessionFactory(
        forum=forum, title="Panel in the annex", room=annex, kind=Session.Kind.PANEL,
        starts_at=shanghai(7, 10),
    )  # fmt: skip
    return forum, hall, annex


@pytest.mark.parametrize(
    ("params", "shown"),
    [
        ("?topic=exports", {"Keynote on exports"}),
        ("?kind=panel", {"Panel in the annex"}),
        ("?day=2023-07-07", {"Panel in the annex"}),
        ("?kind=keynote&day=2023-07-07", set()),
    ],
)
def test_agenda_filters_are_plain_get_parameters(client, two_day_forum, params, shown):
    forum, _, _ = two_day_forum
    html = _text(client.get(forum.get_absolute_url() + params))
    found = {title for title in ("Keynote on exports", "Panel in the annex") if title in html}
    assert found == shown


def test_agenda_filters_by_room(client, two_day_forum):
    forum, _, annex = two_day_forum
    html = _text(client.get(f"{forum.get_absolute_url()}?room={annex.pk}"))
    assert "Panel in the annex" in html
    assert "Keynote on exports" not in html


@pytest.mark.parametrize(
    "params",
    ["?room=abc", "?day=2023-13-45", "?kind=%00", "?topic=../../etc", "?room=99999&day=&kind="],
)
def test_malformed_agenda_filters_are_ignored(client, two_day_forum, params):
    forum, _, _ = two_day_forum
    response = client.get(forum.get_absolute_url() + params)
    assert response.status_code == 200
    html = _text(response)
    assert "Keynote on exports" in html and "Panel in the annex" in html


def test_agenda_in_chinese_shows_chinese_titles_and_native_names(client, site_pages):
    forum, (session,) = build_forum(1)
    translate(forum, name="中国汽车论坛")
    translate(session, title="开幕式")
    guest = session.participants.get(role="speaker").speaker
    guest.name_native = "许海东"
    guest.save()
    with_language = forum.get_absolute_url().replace("/en/", "/zh-hans/", 1)
    html = _text(client.get(with_language))
    assert "<h1>中国汽车论坛</h1>" in html
    assert "开幕式" in html and "许海东" in html
    assert "2023年7月6日 星期四" in html


def test_agenda_in_chinese_shows_chinese_room_and_venue_else_english(client, site_pages):
    forum, (named, unnamed) = build_forum(2)
    unnamed.room = RoomFactory(venue=forum.venue, name="Panel Hall")
    unnamed.save()
    translate(named.room, name="主会场")
    translate(forum.venue, name="嘉定会展中心", city="上海", country="中国")
    url = forum.get_absolute_url()
    english = _text(client.get(url))
    assert f"<span>{named.room.name}</span>" in english and "主会场" not in english
    html = _text(client.get(url.replace("/en/", "/zh-hans/", 1)))
    assert "<span>主会场</span>" in html and "<span>Panel Hall</span>" in html
    assert "上海嘉定会展中心" in html


def test_agenda_rows_in_chinese_read_name_then_organization_and_title(client, site_pages):
    forum, (session,) = build_forum(1)
    speaker = SpeakerFactory(name="Luo Junjie", name_native="罗俊杰")
    affiliation = AffiliationFactory(speaker=speaker, organization__name="CMIF")
    translate(affiliation, title="执行副会长")
    SessionParticipantFactory(session=session, speaker=speaker)
    english = _text(client.get(forum.get_absolute_url()))
    chinese = _text(client.get(forum.get_absolute_url().replace("/en/", "/zh-hans/", 1)))
    assert "Luo Junjie</a><span>, chief engineer, CMIF</span>" in english
    assert "罗俊杰</a><span>，CMIF 执行副会长</span>" in chinese


def test_agenda_query_count_does_not_grow(client, site_pages):
    small, _ = build_forum(1)
    warm_up(client, small.get_absolute_url())
    small_count = queries_for(client, small.get_absolute_url())
    large, _ = build_forum(50)
    large_count = queries_for(client, large.get_absolute_url())
    assert small_count == large_count <= AGENDA_BUDGET
