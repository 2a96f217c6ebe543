import datetime as dt

import pytest

from events.models import Quote, Session, SessionParticipant
from tests.conftest import _user_with_perms
from tests.events.public_data import build_forum, translate
from tests.events.querycount import queries_for, warm_up
from tests.factories import (
    AffiliationFactory,
    ForumFactory,
    QuoteFactory,
    SessionFactory,
    SessionParticipantFactory,
    SpeakerFactory,
    shanghai,
)

pytestmark = pytest.mark.django_db

# 10 of them are the CMS (urlconf revision, page, menu, placeholder); 2 the room's and
# the venues' names.
SESSION_BUDGET = 26
FUTURE = dt.datetime(2999, 1, 1, tzinfo=dt.UTC)


def _html(client, session, language="en"):
    response = client.get(session.get_absolute_url().replace("/en/", f"/{language}/", 1))
    assert response.status_code == 200
    return response.content.decode()


def test_session_page_shows_when_where_and_who(client, site_pages):
    session = SessionFactory(
        title="Exports and the new energy transition", abstract="<p>Why <b>exports</b> grow.</p>"
    )
    speaker = SpeakerFactory(name="Xu Haidong")
    AffiliationFactory(speaker=speaker, title="deputy chief engineer", organization__name="CAAM")
    moderator = SpeakerFactory(name="Li Mei")
    SessionParticipantFactory(session=session, speaker=speaker)
    SessionParticipantFactory(
        session=session, speaker=moderator, role=SessionParticipant.Role.MODERATOR
    )
    html = _html(client, session)
    assert "<h1>Exports and the new energy transition</h1>" in html
    assert "Thursday, July 6, 2023, 10:00–11:00</time> (GMT+8, Shanghai)" in html
    assert f"{session.room or ''}" in html and "Jiading Convention Center" in html
    assert "Xu Haidong</a><span>, deputy chief engineer, CAAM</span>" in html
    body = html[html.index('<main id="content"') :]  # the JSON-LD in <head> names everyone
    assert body.index("<h2>Moderator</h2>") < body.index("Li Mei")
    assert "<p>Why <b>exports</b> grow.</p>" in html


def test_session_page_shows_room_and_venue(client, site_pages):
    forum, (session,) = build_forum(1)
    html = _html(client, session)
    assert f"<dd>{session.room.name}, {session.room.venue}</dd>" in html
    chinese = _html(client, session, "zh-hans")
    assert f"<dd>{session.room.venue} {session.room.name}</dd>" in chinese


def test_chinese_session_page_shows_chinese_room_and_venue(client, site_pages):
    forum, (session,) = build_forum(1)
    translate(session.room, name="主会场")
    translate(session.room.venue, name="嘉定会展中心", city="上海", country="中国")
    assert f"<dd>{session.room.name}, {session.room.venue}</dd>" in _html(client, session)
    assert "<dd>上海嘉定会展中心 主会场</dd>" in _html(client, session, "zh-hans")


def test_chinese_session_page_falls_back_to_english_room_and_venue(client, site_pages):
    forum, (session,) = build_forum(1)
    room, venue = session.room.name, session.room.venue
    # The English names, in the Chinese order (city, venue, room) and set apart by spaces.
    assert venue.city == "Shanghai" and venue.name == "Jiading Convention Center"
    expected = f"<dd>Shanghai Jiading Convention Center {room}</dd>"
    assert expected in _html(client, session, "zh-hans")


def test_session_page_title_is_taken_at_the_session_date(client, site_pages):
    session = SessionFactory()
    speaker = SpeakerFactory()
    AffiliationFactory(
        speaker=speaker, title="old title", end_date=dt.date(2023, 7, 31), start_date=None
    )
    AffiliationFactory(speaker=speaker, title="new title", start_date=dt.date(2023, 8, 1))
    SessionParticipantFactory(session=session, speaker=speaker)
    html = _html(client, session)
    assert "old title" in html
    assert "new title" not in html


def test_session_page_shows_only_visible_quotes(client, site_pages):
    session = SessionFactory()
    QuoteFactory(session=session, forum=session.forum, text="Public words.")
    QuoteFactory(session=session, forum=session.forum, text="Draft words.", status="draft")
    QuoteFactory(session=session, forum=session.forum, text="Later words.", embargo_until=FUTURE)
    html = _html(client, session)
    assert "Public words." in html
    assert "Draft words." not in html and "Later words." not in html


def test_session_page_links_previous_and_next_visible_sessions(client, site_pages):
    forum = ForumFactory()
    first = SessionFactory(forum=forum, title="First", starts_at=shanghai(6, 9))
    SessionFactory(forum=forum, title="Hidden", starts_at=shanghai(6, 10), status="draft")
    middle = SessionFactory(forum=forum, title="Middle", starts_at=shanghai(6, 11))
    last = SessionFactory(forum=forum, title="Last", starts_at=shanghai(6, 12))
    html = _html(client, middle)
    assert f'<a href="{first.get_absolute_url()}" rel="prev">← Previous: First</a>' in html
    assert f'<a href="{last.get_absolute_url()}" rel="next">Next: Last →</a>' in html
    assert "Hidden" not in html


def test_cancelled_session_is_struck_through_and_marked(client, site_pages):
    session = SessionFactory(title="Axed", status=Session.Status.CANCELLED)
    html = _html(client, session)
    assert '<del class="session-title">Axed</del>' in html
    assert "This session has been cancelled." in html


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": Session.Status.DRAFT},
        {"embargo_until": FUTURE},
        {"forum__status": "draft"},
    ],
    ids=["draft", "embargoed", "draft-forum"],
)
def test_hidden_session_is_404_for_visitors(client, site_pages, hidden):
    session = SessionFactory(**hidden)
    assert client.get(session.get_absolute_url()).status_code == 404


def test_draft_session_previews_for_a_non_staff_user_with_change_permission(
    client, site_pages, django_user_model
):
    session = SessionFactory(status=Session.Status.DRAFT, title="Coming soon")
    editor = _user_with_perms(django_user_model, "editor", "events.change_session")
    assert not editor.is_staff
    client.force_login(editor)
    html = _html(client, session)
    assert "Coming soon" in html and "Preview: this is not public" in html


def test_press_sees_embargoed_session_with_its_embargo_not_a_preview_notice(
    client, site_pages, press_user
):
    lifts = dt.datetime(2999, 7, 7, 1, tzinfo=dt.UTC)  # 09:00 in Shanghai
    session = SessionFactory(embargo_until=lifts, title="Under embargo")
    client.force_login(press_user)
    html = _html(client, session)
    assert "Under embargo" in html
    assert "EMBARGOED until July 7, 2999, 09:00 (Asia/Shanghai, UTC+08:00)" in html
    assert "Preview: this is not public" not in html


def test_organizers_see_an_embargoed_sessions_label_and_the_preview_notice(
    client, site_pages, organizer
):
    session = SessionFactory(embargo_until=FUTURE)
    client.force_login(organizer)
    html = _html(client, session)
    assert "EMBARGOED until" in html and "Preview: this is not public" in html


def test_unpublished_speaker_is_not_named_on_the_session_page(client, site_pages):
    session = SessionFactory()
    SessionParticipantFactory(session=session, speaker__name="Not Yet", speaker__is_published=False)
    assert "Not Yet" not in _html(client, session)


@pytest.mark.parametrize(
    "path", ["/en/forums/forum-x/no-such-session/", "/en/forums/no-forum/no-session/"]
)
def test_unknown_session_is_404(client, site_pages, path):
    ForumFactory(slug="forum-x")
    assert client.get(path).status_code == 404


def test_session_of_another_forum_is_404(client, site_pages):
    session = SessionFactory()
    other = ForumFactory()
    assert client.get(f"/en/forums/{other.slug}/{session.slug}/").status_code == 404


def test_session_page_in_chinese(client, site_pages):
    session = SessionFactory()
    translate(session, title="开幕式")
    speaker = SpeakerFactory(name="Xu Haidong", name_native="许海东")
    affiliation = AffiliationFactory(speaker=speaker, organization__name="CAAM")
    translate(affiliation, title="副总工程师")
    SessionParticipantFactory(session=session, speaker=speaker)
    english_url = session.get_absolute_url()
    html = _html(client, session, "zh-hans")
    assert "<h1>开幕式</h1>" in html
    assert "许海东</a><span>，CAAM 副总工程师</span>" in html
    assert '<html lang="zh-hans">' in html
    assert f'href="{english_url}" lang="en"' in html


def test_session_page_meta_tags(client, site_pages):
    session = SessionFactory(title="Exports", abstract="<p>A <em>short</em> abstract.</p>")
    html = _html(client, session)
    url = f"http://testserver{session.get_absolute_url()}"
    assert "<title>Exports · Industry Forums</title>" in html
    assert '<meta name="description" content="A short abstract.">' in html
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:type" content="article">' in html
    zh_url = url.replace("/en/", "/zh-hans/")
    assert f'<link rel="alternate" hreflang="zh-hans" href="{zh_url}">' in html


def test_rich_text_payloads_are_not_rendered_live(client, site_pages):
    session = SessionFactory(
        abstract='<p>ok</p><script>alert(1)</script><img src=x onerror="alert(2)">'
        '<a href="javascript:alert(3)">x</a>'
    )
    html = _html(client, session)
    assert "<script>alert" not in html
    assert "onerror" not in html
    assert "javascript:" not in html


def test_session_query_count_does_not_grow(client, site_pages):
    _, (small,) = build_forum(1)
    warm_up(client, small.get_absolute_url())
    small_count = queries_for(client, small.get_absolute_url())
    _, sessions = build_forum(50)
    busy = sessions[25]
    for i in range(49):
        QuoteFactory(session=busy, forum=busy.forum, speaker=SpeakerFactory(), text=f"Q{i}")
        SessionParticipantFactory(session=busy, speaker=AffiliationFactory().speaker)
    assert Quote.objects.filter(session=busy).count() == 50
    large_count = queries_for(client, busy.get_absolute_url())
    assert small_count == large_count <= SESSION_BUDGET


# What the zh-hans catalog is to say: no comma after the weekday, full-width parentheses.
ZH_WHEN = {"%(day)s, %(time)s": "%(day)s %(time)s", "%(when)s (%(zone)s)": "%(when)s（%(zone)s）"}


def test_when_line_punctuation_is_translatable(client, site_pages, monkeypatch):
    # The zh-hans session page and feed said "2023年7月6日 星期四, 10:00–11:00 (GMT+8，上海)":
    # the comma and parentheses were written into the template and the feed, untranslatable.
    from django.utils.translation import gettext

    from events.public.views import common

    monkeypatch.setattr(common, "_", lambda message: gettext(ZH_WHEN.get(message, message)))
    session = SessionFactory()
    html = _html(client, session, "zh-hans")
    assert "2023年7月6日 星期四 10:00–11:00</time>（GMT+8，上海）" in html
    feed = client.get(
        session.forum.get_absolute_url().replace("/en/", "/zh-hans/", 1) + "sessions.rss"
    )
    assert "2023年7月6日 星期四 10:00–11:00（GMT+8，上海）" in feed.content.decode()


def test_previous_and_next_links_are_translatable_sentences(client, site_pages, monkeypatch):
    # zh-hans read "← 上一页: 茶歇": the colon was written into the template, half-width in
    # Chinese, and "Previous" alone was translated as a page of results, not a session.
    from django.utils import translation

    gettext = translation.gettext
    zh = {
        "← Previous: %(session)s": "← 上一场：%(session)s",
        "Next: %(session)s →": "下一场：%(session)s →",
    }
    monkeypatch.setattr(translation, "gettext", lambda message: gettext(zh.get(message, message)))
    forum = ForumFactory()
    SessionFactory(forum=forum, title="First", starts_at=shanghai(6, 9))
    middle = SessionFactory(forum=forum, title="Middle", starts_at=shanghai(6, 11))
    SessionFactory(forum=forum, title="Last", starts_at=shanghai(6, 12))
    html = _html(client, middle, "zh-hans")
    assert 'rel="prev">← 上一场：First</a>' in html
    assert 'rel="next">下一场：Last →</a>' in html
