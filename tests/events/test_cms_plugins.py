import datetime as dt

import pytest
import time_machine
from cms.api import add_plugin
from cms.models import Page, Placeholder
from cms.plugin_pool import plugin_pool
from cms.plugin_rendering import ContentRenderer
from cms.utils.plugins import copy_plugins_to_placeholder
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.template import Context
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from events.cms_plugins import SpeakerGridForm
from events.models import ForumAgendaPluginConfig, Quote, Session
from tests.events.public_data import build_forum
from tests.factories import (
    AffiliationFactory,
    ForumFactory,
    PanelTopicFactory,
    QuoteFactory,
    SessionFactory,
    SessionParticipantFactory,
    SpeakerFactory,
    shanghai,
)

pytestmark = pytest.mark.django_db

BEFORE_THE_FORUM = dt.datetime(2023, 7, 1, tzinfo=dt.UTC)
FUTURE = dt.datetime(2999, 1, 1, tzinfo=dt.UTC)
# The plugin's own queries: sessions, translations, room names, participants, affiliations,
# titles, topics.
UPCOMING_BUDGET = 10


def _render(plugin_type, user=None, **fields):
    placeholder = Placeholder.objects.create(slot="test")
    instance = add_plugin(placeholder, plugin_type, "en", **fields)
    request = RequestFactory().get("/en/")
    request.user = user or AnonymousUser()
    renderer = ContentRenderer(request)
    return renderer.render_plugin(instance, Context({"request": request}))


@time_machine.travel(BEFORE_THE_FORUM, tick=False)
def test_upcoming_sessions_shows_the_next_visible_sessions(site_pages):
    SessionFactory(title="Later", starts_at=shanghai(7, 9))
    SessionFactory(title="Sooner", starts_at=shanghai(6, 9))
    SessionFactory(title="Third", starts_at=shanghai(7, 15))
    SessionFactory(title="Draft", status=Session.Status.DRAFT)
    SessionFactory(title="Embargoed", embargo_until=FUTURE)
    SessionFactory(title="Axed", status=Session.Status.CANCELLED)
    SessionFactory(title="Draft forum", forum__status="draft")
    past = SessionFactory(title="Over", starts_at=dt.datetime(2023, 6, 1, tzinfo=dt.UTC))
    past.ends_at = past.starts_at + dt.timedelta(hours=1)
    past.save()
    html = _render("UpcomingSessionsPlugin", count=2)
    assert html.index("Sooner") < html.index("Later")
    for hidden in ("Third", "Draft", "Embargoed", "Axed", "Over"):
        assert hidden not in html


@time_machine.travel(BEFORE_THE_FORUM, tick=False)
def test_upcoming_sessions_query_count_does_not_grow(site_pages):
    build_forum(1)
    _count("UpcomingSessionsPlugin", count=50)  # warm-up: per-process caches (content types)
    small = _count("UpcomingSessionsPlugin", count=50)
    build_forum(50)
    large = _count("UpcomingSessionsPlugin", count=50)
    assert small == large <= UPCOMING_BUDGET


def _count(plugin_type, **fields):
    placeholder = Placeholder.objects.create(slot="test")
    instance = add_plugin(placeholder, plugin_type, "en", **fields)
    request = RequestFactory().get("/en/")
    request.user = AnonymousUser()
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        ContentRenderer(request).render_plugin(instance, Context({"request": request}))
    return len(queries)


def test_featured_quote_shows_only_a_visible_quote(site_pages, organizer):
    quote = QuoteFactory(text="Exports will grow.", speaker__name="Xu Haidong")
    html = _render("FeaturedQuotePlugin", quote=quote)
    assert "Exports will grow." in html and "Xu Haidong" in html
    assert quote.get_absolute_url() in html
    for status in (Quote.Status.DRAFT, Quote.Status.RETRACTED):
        hidden = QuoteFactory(text=f"{status} words.", status=status)
        assert "words." not in _render("FeaturedQuotePlugin", quote=hidden)
    embargoed = QuoteFactory(text="Later words.", embargo_until=FUTURE)
    assert "Later words." not in _render("FeaturedQuotePlugin", quote=embargoed)
    assert "Later words." in _render("FeaturedQuotePlugin", user=organizer, quote=embargoed)


def test_retracted_featured_quote_is_gone_from_the_home_page_on_the_next_request(
    client, site_pages
):
    quote = QuoteFactory(text="Exports will grow.")
    home = Page.objects.get(reverse_id="home")
    placeholder = home.get_placeholders("en", admin_manager=True).get(slot="content")
    add_plugin(placeholder, "FeaturedQuotePlugin", "en", quote=quote)
    assert "Exports will grow." in client.get("/en/").content.decode()
    assert "Exports will grow." in client.get("/en/").content.decode()  # now cached if it could
    quote.status = Quote.Status.RETRACTED
    quote.save()
    assert "Exports will grow." not in client.get("/en/").content.decode()


def test_upcoming_sessions_plugin_names_visible_speakers_only(site_pages):
    with time_machine.travel(BEFORE_THE_FORUM, tick=False):
        session = SessionFactory(title="Opening")
        SessionParticipantFactory(session=session, speaker__name="Xu Haidong")
        SessionParticipantFactory(
            session=session, speaker__name="Not Yet", speaker__is_published=False
        )
        html = _render("UpcomingSessionsPlugin", count=5)
    assert "Xu Haidong" in html and "Not Yet" not in html


# --- Forum agenda, speaker grid, sessions on a topic ----------------------------------
# Each budget is the plugin's own queries, which do not depend on the number of rows:
# forum + translations, then the agenda page's 10: sessions, translations, forum translations,
# room names, topics + translations, participants, affiliations + titles + organizations.
AGENDA_PLUGIN_BUDGET = 12
# forum + its name, any chosen speakers?, speakers, bios, affiliations + titles + organizations.
SPEAKER_GRID_BUDGET = 8
SPEAKER_GRID_CHOSEN_BUDGET = 6  # no forum to look up or name
# sessions, translations, forum translations, room names, topics + translations,
# participants, affiliations + titles + organizations, the topic + its title.
TOPIC_PLUGIN_BUDGET = 12


def _add(plugin_type, **fields):
    placeholder = Placeholder.objects.create(slot="test")
    return add_plugin(placeholder, plugin_type, "en", **fields)


def _render_instance(instance, user=None, language="en"):
    request = RequestFactory().get(f"/{language}/")
    request.user = user or AnonymousUser()
    with translation.override(language):
        return ContentRenderer(request).render_plugin(instance, Context({"request": request}))


def _count_instance(instance):
    request = RequestFactory().get("/en/")
    request.user = AnonymousUser()
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        ContentRenderer(request).render_plugin(instance, Context({"request": request}))
    return len(queries)


def test_the_new_plugins_are_never_cached():
    for plugin_type in ("ForumAgendaPlugin", "SpeakerGridPlugin", "TopicSessionsPlugin"):
        assert plugin_pool.get_plugin(plugin_type).cache is False, plugin_type


def _hidden_sessions(forum, **extra):
    SessionFactory(forum=forum, title="Draft session", status=Session.Status.DRAFT, **extra)
    SessionFactory(forum=forum, title="Embargoed session", embargo_until=FUTURE, **extra)


def test_forum_agenda_shows_the_days_in_the_forums_zone_like_the_agenda_page(site_pages):
    forum = ForumFactory(name="China Auto Forum")
    opening = SessionFactory(forum=forum, title="Opening", starts_at=shanghai(6, 9))
    SessionParticipantFactory(session=opening, speaker__name="Xu Haidong")
    SessionFactory(forum=forum, title="Exports", starts_at=shanghai(7, 14, 30))
    SessionFactory(forum=forum, title="Axed", starts_at=shanghai(7, 16), status="cancelled")
    _hidden_sessions(forum)
    html = _render_instance(_add("ForumAgendaPlugin", forum=forum))
    assert "China Auto Forum" in html and forum.get_absolute_url() in html
    assert "GMT+8, Shanghai" in html
    assert html.index("Thursday, July 6, 2023") < html.index("Opening")
    assert html.index("Opening") < html.index("Friday, July 7, 2023") < html.index("Exports")
    assert "09:00–10:00" in html and "14:30–15:30" in html  # local time, not UTC
    assert "Xu Haidong" in html
    assert "<del>Axed</del>" in html  # cancelled: struck through, as on the agenda page
    assert "Draft session" not in html and "Embargoed session" not in html


def test_forum_agenda_of_one_day_uses_the_forums_local_day(site_pages):
    forum = ForumFactory()
    # 00:30 on July 7 in Shanghai is still July 6 in UTC: it belongs to the 7th.
    SessionFactory(forum=forum, title="Past midnight", starts_at=shanghai(7, 0, 30))
    SessionFactory(forum=forum, title="Late on the sixth", starts_at=shanghai(6, 23))
    html = _render_instance(_add("ForumAgendaPlugin", forum=forum, day=dt.date(2023, 7, 7)))
    assert "Past midnight" in html and "Late on the sixth" not in html


def test_forum_agenda_of_a_draft_forum_shows_nothing_to_visitors(site_pages, organizer):
    forum = ForumFactory(name="Secret Forum", status="draft")
    SessionFactory(forum=forum, title="Hidden opening")
    instance = _add("ForumAgendaPlugin", forum=forum)
    assert "Secret Forum" not in _render_instance(instance)
    assert "Hidden opening" in _render_instance(instance, user=organizer)


def test_forum_agenda_day_outside_the_forum_is_refused():
    forum = ForumFactory()
    config = ForumAgendaPluginConfig(forum=forum, day=dt.date(2023, 7, 9))
    with pytest.raises(ValidationError) as error:
        config.clean()
    assert "day" in error.value.message_dict


def test_forum_agenda_query_count_does_not_grow(site_pages):
    small, _ = build_forum(1)
    large, _ = build_forum(50)
    _count_instance(_add("ForumAgendaPlugin", forum=small))  # warm-up: content types
    small_count = _count_instance(_add("ForumAgendaPlugin", forum=small))
    large_count = _count_instance(_add("ForumAgendaPlugin", forum=large))
    assert small_count == large_count <= AGENDA_PLUGIN_BUDGET


def _career(name, **speaker):
    """A speaker who was deputy chief engineer in 2023 and is president since 2024."""
    person = SpeakerFactory(name=name, **speaker)
    AffiliationFactory(
        speaker=person,
        title="deputy chief engineer",
        start_date=dt.date(2020, 1, 1),
        end_date=dt.date(2023, 12, 31),
    )
    AffiliationFactory(speaker=person, title="president", start_date=dt.date(2024, 1, 1))
    return person


def test_speaker_grid_for_a_forum_shows_its_visible_speakers_with_titles_then(site_pages):
    forum = ForumFactory()
    xu = _career("Xu Haidong", name_native="许海东", photo="speakers/xu.jpg")
    SessionParticipantFactory(session=SessionFactory(forum=forum), speaker=xu)
    hidden_speaker = SpeakerFactory(name="Unpublished", is_published=False)
    SessionParticipantFactory(session=SessionFactory(forum=forum), speaker=hidden_speaker)
    for title, status, embargo in (
        ("Draft", "draft", None),
        ("Cancelled", "cancelled", None),
        ("Embargoed", "published", FUTURE),
    ):
        SessionParticipantFactory(
            session=SessionFactory(forum=forum, status=status, embargo_until=embargo),
            speaker__name=f"Only in {title}",
        )
    SessionParticipantFactory(session=SessionFactory(), speaker__name="Other forum")
    instance = _add("SpeakerGridPlugin", forum=forum)
    html = _render_instance(instance)
    assert "Xu Haidong" in html and xu.get_absolute_url() in html
    assert "/media/speakers/xu.jpg" in html
    assert "deputy chief engineer" in html and "president" not in html
    for hidden in ("Unpublished", "Only in", "Other forum"):
        assert hidden not in html
    assert "许海东" in _render_instance(instance, language="zh-hans")


def test_speaker_grid_of_a_draft_forum_shows_no_speakers(site_pages):
    forum = ForumFactory(status="draft")
    SessionParticipantFactory(session=SessionFactory(forum=forum), speaker__name="Xu Haidong")
    assert "Xu Haidong" not in _render_instance(_add("SpeakerGridPlugin", forum=forum))


def test_speaker_grid_of_chosen_speakers_shows_the_published_ones_with_todays_titles(
    site_pages,
):
    instance = _add("SpeakerGridPlugin")
    instance.speakers.set(
        [_career("Xu Haidong"), SpeakerFactory(name="Not Yet", is_published=False)]
    )
    SpeakerFactory(name="Not chosen")
    html = _render_instance(instance)
    assert "Xu Haidong" in html and "president" in html
    assert "Not Yet" not in html and "Not chosen" not in html


def test_speaker_grid_keeps_its_chosen_speakers_when_the_cms_copies_it(site_pages):
    xu = SpeakerFactory(name="Xu Haidong")
    instance = _add("SpeakerGridPlugin")
    instance.speakers.set([xu])
    target = Placeholder.objects.create(slot="copy")
    copy_plugins_to_placeholder([instance], target, language="en")
    (copied,) = [p.get_bound_plugin() for p in target.get_plugins("en")]
    assert copied.pk != instance.pk
    assert list(copied.speakers.all()) == [xu]


def test_speaker_grid_needs_a_forum_or_speakers():
    form = SpeakerGridForm(data={})
    assert not form.is_valid()
    assert "Choose a forum, some speakers, or both." in str(form.errors)


def test_speaker_grid_query_count_does_not_grow(site_pages):
    small, _ = build_forum(1)
    large, _ = build_forum(50)
    _count_instance(_add("SpeakerGridPlugin", forum=small))  # warm-up
    small_count = _count_instance(_add("SpeakerGridPlugin", forum=small))
    large_count = _count_instance(_add("SpeakerGridPlugin", forum=large))
    assert small_count == large_count <= SPEAKER_GRID_BUDGET


def test_speaker_grid_of_chosen_speakers_query_count_does_not_grow(site_pages):
    few, many = _add("SpeakerGridPlugin"), _add("SpeakerGridPlugin")
    few.speakers.set([AffiliationFactory().speaker])
    many.speakers.set([AffiliationFactory().speaker for _ in range(50)])
    _count_instance(few)  # warm-up
    assert _count_instance(few) == _count_instance(many) <= SPEAKER_GRID_CHOSEN_BUDGET


def test_sessions_on_a_topic_shows_the_latest_visible_ones_across_forums(site_pages):
    topic = PanelTopicFactory(title="Exports")
    for title, start, extra in (
        ("Older", shanghai(6, 9), {}),
        ("Newer", shanghai(7, 9), {"forum__name": "Second Forum"}),
        ("Oldest", shanghai(6, 8), {}),
        ("Draft", shanghai(7, 10), {"status": "draft"}),
        ("Axed", shanghai(7, 11), {"status": "cancelled"}),
        ("Embargoed", shanghai(7, 12), {"embargo_until": FUTURE}),
        ("In a draft forum", shanghai(7, 13), {"forum__status": "draft"}),
    ):
        SessionFactory(title=title, starts_at=start, **extra).topics.add(topic)
    SessionFactory(title="Off topic", starts_at=shanghai(7, 15))
    html = _render_instance(_add("TopicSessionsPlugin", topic=topic, count=2))
    assert "Exports" in html and topic.get_absolute_url() in html
    assert html.index("Newer") < html.index("Older")
    # Sessions of several forums: each row names its forum and its forum's zone.
    assert "Second Forum" in html and html.count("GMT+8, Shanghai") == 2
    for hidden in ("Oldest", "Draft", "Axed", "Embargoed", "In a draft forum", "Off topic"):
        assert hidden not in html


def test_sessions_on_a_topic_with_nothing_visible_does_not_name_the_topic(site_pages):
    topic = PanelTopicFactory(title="Secret plans")
    SessionFactory(status="draft").topics.add(topic)
    assert "Secret plans" not in _render_instance(_add("TopicSessionsPlugin", topic=topic))


def test_sessions_on_a_topic_query_count_does_not_grow(site_pages):
    few, many = PanelTopicFactory(), PanelTopicFactory()
    build_forum(1, topic=few)
    build_forum(50, topic=many)
    _count_instance(_add("TopicSessionsPlugin", topic=few, count=50))  # warm-up
    small = _count_instance(_add("TopicSessionsPlugin", topic=few, count=50))
    large = _count_instance(_add("TopicSessionsPlugin", topic=many, count=50))
    assert small == large <= TOPIC_PLUGIN_BUDGET


def test_the_new_plugins_are_named_in_chinese_for_chinese_editors():
    names = {
        plugin_type: str(plugin_pool.get_plugin(plugin_type).name)
        for plugin_type in ("ForumAgendaPlugin", "SpeakerGridPlugin", "TopicSessionsPlugin")
    }
    with translation.override("zh-hans"):
        chinese = {
            plugin_type: str(plugin_pool.get_plugin(plugin_type).name) for plugin_type in names
        }
    assert chinese == {
        "ForumAgendaPlugin": "论坛议程",
        "SpeakerGridPlugin": "演讲嘉宾墙",
        "TopicSessionsPlugin": "主题会议",
    }
    assert names["ForumAgendaPlugin"] == "Forum agenda"


def test_sessions_on_a_topic_name_the_visible_speakers_with_their_titles_then(site_pages):
    topic = PanelTopicFactory()
    session = SessionFactory(title="Exports")
    session.topics.add(topic)
    SessionParticipantFactory(session=session, speaker=_career("Xu Haidong"))
    SessionParticipantFactory(
        session=session, speaker=SpeakerFactory(name="Not Yet", is_published=False)
    )
    html = _render_instance(_add("TopicSessionsPlugin", topic=topic))
    assert "Xu Haidong" in html and "deputy chief engineer" in html
    assert "Not Yet" not in html and "president" not in html
