"""events/press/seen.py on the public pages: the embargoed quotes a press user reads there.

The session, speaker and topic pages, the site search and the featured-quote plugin show
press users (events.view_embargoed_quote) the quotes still under embargo; each one shown
is logged under the page's own surface, and nothing is logged for a visitor, who never
sees them.
"""

import datetime as dt
from urllib.parse import urlencode

import pytest
from cms.api import add_plugin
from cms.models import Page
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.functional import Promise

from events.models import EmbargoView
from tests.events.press.conftest import EMBARGO_END, NOW
from tests.events.querycount import queries_for, warm_up
from tests.factories import (
    AffiliationFactory,
    PanelTopicFactory,
    QuoteFactory,
    SessionFactory,
    SessionParticipantFactory,
    SourceFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
Surface = EmbargoView.Surface
SECRET = "Zqsecret"  # in the embargoed quote's text only


@pytest.fixture
def world(site_pages):
    """Beside each page with the embargoed quote, one of the same kind with public ones only.

    Session `embargoed` holds the embargoed quote (by speaker `embargoed`, on topic
    `embargoed`) and a public one; session, speaker and topic `public` only public ones.
    """
    embargoed_session = SessionFactory(title="Going abroad", slug="going-abroad")
    forum = embargoed_session.forum
    public_session = SessionFactory(forum=forum, title="Staying home", slug="staying-home")
    embargoed_topic = PanelTopicFactory(slug="exports")
    public_topic = PanelTopicFactory(slug="imports")
    embargoed = QuoteFactory(text=f"{SECRET} words.", embargo_until=EMBARGO_END,
                             session=embargoed_session, forum=forum)  # fmt: skip
    public = QuoteFactory(text="Verified words.", session=embargoed_session, forum=forum)
    other = QuoteFactory(text="Verified words, Zqpublic.", session=public_session, forum=forum,
                         speaker=embargoed.speaker)  # fmt: skip
    embargoed.topics.add(embargoed_topic)
    public.topics.add(embargoed_topic, public_topic)
    return {
        "quotes": {"embargoed": embargoed, "public": public, "other": other},
        "sessions": {"embargoed": embargoed_session, "public": public_session},
        "speakers": {"embargoed": embargoed.speaker, "public": public.speaker},
        "topics": {"embargoed": embargoed_topic, "public": public_topic},
    }


def _session_page(world, kind):
    return world["sessions"][kind].get_absolute_url()


def _speaker_page(world, kind):
    return world["speakers"][kind].get_absolute_url()


def _topic_page(world, kind):
    return world["topics"][kind].get_absolute_url()


def _site_search(world, kind):
    # "words" finds all three quotes, "zqpublic" only the one of the public session.
    return "/en/search/?" + urlencode({"q": {"embargoed": "words", "public": "zqpublic"}[kind]})


def _feature(*quotes):
    home = Page.objects.get(reverse_id="home")
    placeholder = home.get_placeholders("en", admin_manager=True).get(slot="content")
    for quote in quotes:
        add_plugin(placeholder, "FeaturedQuotePlugin", "en", quote=quote)
    return reverse("pages-root")


def _featured_quote(world, kind):
    return _feature(world["quotes"][kind])


SURFACES = [
    pytest.param(_session_page, Surface.SESSION, id="session-page"),
    pytest.param(_speaker_page, Surface.SPEAKER, id="speaker-page"),
    pytest.param(_topic_page, Surface.TOPIC, id="topic-page"),
    pytest.param(_site_search, Surface.SITE_SEARCH, id="site-search"),
    pytest.param(_featured_quote, Surface.FEATURED_QUOTE, id="featured-quote"),
]


def _html(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


def _seen():
    return [
        (seen.quote, seen.user, seen.username, seen.surface, seen.viewed_at, seen.embargo_until)
        for seen in EmbargoView.objects.order_by("pk")
    ]


def _embargo_inserts(queries):
    return [q["sql"] for q in queries if q["sql"].startswith('INSERT INTO "events_embargoview"')]


@pytest.mark.parametrize(("page", "surface"), SURFACES)
def test_a_press_user_shown_an_embargoed_quote_is_logged_once(
    client, press_user, world, page, surface
):
    url = page(world, "embargoed")
    client.force_login(press_user)
    with CaptureQueriesContext(connection) as queries:
        response = _html(client, url)
    assert SECRET in response.content.decode()
    embargoed = world["quotes"]["embargoed"]
    assert _seen() == [(embargoed, press_user, "press", surface, NOW, EMBARGO_END)]
    assert len(_embargo_inserts(queries)) == 1


@pytest.mark.parametrize(("page", "surface"), SURFACES)
def test_each_row_keeps_the_quotes_text_and_speaker(client, press_user, world, page, surface):
    client.force_login(press_user)
    _html(client, page(world, "embargoed"))
    embargoed = world["quotes"]["embargoed"]
    assert [(seen.quote_text, seen.speaker_name) for seen in EmbargoView.objects.all()] == [
        (f"{SECRET} words.", embargoed.speaker.name)
    ]


@pytest.mark.parametrize(("page", "surface"), SURFACES)
def test_a_page_with_public_quotes_only_logs_nothing(client, press_user, world, page, surface):
    url = page(world, "public")
    client.force_login(press_user)
    with CaptureQueriesContext(connection) as queries:
        html = _html(client, url).content.decode()
    assert "Verified words" in html and SECRET not in html
    assert _seen() == []
    assert _embargo_inserts(queries) == []


@pytest.mark.parametrize(("page", "surface"), SURFACES)
def test_an_anonymous_visitor_never_sees_the_quote_and_is_never_logged(
    client, world, page, surface
):
    html = _html(client, page(world, "embargoed")).content.decode()
    assert SECRET not in html
    assert _seen() == []


@pytest.mark.parametrize(("page", "surface"), SURFACES)
def test_nothing_is_logged_once_the_embargo_lifted(
    client, press_user, world, frozen, page, surface
):
    frozen.move_to(EMBARGO_END + dt.timedelta(minutes=1))
    client.force_login(press_user)
    assert SECRET in _html(client, page(world, "embargoed")).content.decode()
    assert _seen() == []


@pytest.mark.parametrize(("page", "surface"), SURFACES[:-1])
def test_a_press_user_is_logged_after_a_visitor_had_the_page_cached(
    client, settings, press_user, world, page, surface
):
    settings.PUBLIC_CACHE_SECONDS = 3600
    url = page(world, "embargoed")
    visitor = _html(client, url)
    assert visitor.has_header("ETag")  # stored in the cached public tier
    assert SECRET not in _html(client, url).content.decode()  # and answered from it
    client.force_login(press_user)
    press = _html(client, url)
    assert SECRET in press.content.decode() and not press.has_header("ETag")
    assert [row[:4] for row in _seen()] == [
        (world["quotes"]["embargoed"], press_user, "press", surface)
    ]


def test_a_page_featuring_a_quote_is_never_cached_so_press_views_are_logged(
    client, settings, press_user, world
):
    settings.PUBLIC_CACHE_SECONDS = 3600
    url = _featured_quote(world, "embargoed")
    visitor = _html(client, url)
    # The plugin is uncacheable (cache = False), so the CMS marks the whole page so.
    assert "no-store" in visitor["Cache-Control"] and not visitor.has_header("ETag")
    client.force_login(press_user)
    assert SECRET in _html(client, url).content.decode()
    assert [row[3] for row in _seen()] == [Surface.FEATURED_QUOTE]


def test_the_sessions_embargo_is_logged_on_its_page(client, press_user, world):
    session = world["sessions"]["public"]
    session.embargo_until = EMBARGO_END + dt.timedelta(hours=2)
    session.save()
    client.force_login(press_user)
    _html(client, session.get_absolute_url())
    other = world["quotes"]["other"]
    assert _seen() == [(other, press_user, "press", Surface.SESSION, NOW, session.embargo_until)]


def test_featured_quotes_of_one_page_are_logged_in_one_insert(client, press_user, world):
    later = QuoteFactory(text="Zqsecret later.", embargo_until=EMBARGO_END)
    embargoed = world["quotes"]["embargoed"]
    url = _feature(embargoed, world["quotes"]["public"], later)
    client.force_login(press_user)
    with CaptureQueriesContext(connection) as queries:
        _html(client, url)
    assert [row[0] for row in _seen()] == [embargoed, later]
    assert {row[3] for row in _seen()} == {Surface.FEATURED_QUOTE}
    assert len(_embargo_inserts(queries)) == 1


# --- Query budgets --------------------------------------------------------------
# The public pages read as a press user, measured. Above a visitor's count: the session
# and its user, their permissions (2), the check for an organizer's preview (session and
# speaker pages), and one INSERT for however many embargoed quotes are shown. The search
# reads its results' venue names (the citation's city) too.
PRESS_BUDGETS = {"session": 31, "speaker": 29, "topic": 29, "search": 27}


def _embargoed_quotes(count, word):
    """A session, its speaker and a topic with `count` embargoed quotes: all three pages,
    and a site search for `word`, show them all (the search its first ten)."""
    speaker = AffiliationFactory(speaker__name=f"{word} speaker", speaker__slug=word).speaker
    session = SessionFactory(title=f"{word} session", slug=word)
    SessionParticipantFactory(session=session, speaker=speaker)
    topic = PanelTopicFactory(title=f"{word} topic", slug=word)
    session.topics.add(topic)
    for i in range(count):
        quote = QuoteFactory(text=f"{word} words {i}.", speaker=speaker, session=session,
                             forum=session.forum, source=SourceFactory(),
                             embargo_until=EMBARGO_END)  # fmt: skip
        quote.topics.add(topic)
    return {
        "session": session.get_absolute_url(),
        "speaker": speaker.get_absolute_url(),
        "topic": topic.get_absolute_url(),
        "search": f"/en/search/?q={word}",
    }


def _measure(client, url):
    EmbargoView.objects.all().delete()
    count = queries_for(client, url)
    return count, EmbargoView.objects.count()


@pytest.mark.parametrize("page", sorted(PRESS_BUDGETS))
def test_the_log_costs_one_query_for_one_or_fifty_quotes(client, press_user, site_pages, page):
    client.force_login(press_user)
    small = _embargoed_quotes(1, "zqsmall")[page]
    warm_up(client, small)
    small_count, small_seen = _measure(client, small)
    big = _embargoed_quotes(50, "zqbig")[page]
    big_count, big_seen = _measure(client, big)
    assert (small_seen, big_seen) == (1, 10 if page == "search" else 50)
    assert big_count == small_count <= PRESS_BUDGETS[page], (small_count, big_count)


# --- The admin -----------------------------------------------------------------


NEW_SURFACES = [Surface.SESSION, Surface.SPEAKER, Surface.TOPIC, Surface.SITE_SEARCH,
                Surface.FEATURED_QUOTE]  # fmt: skip


def test_the_admin_names_and_filters_by_the_public_surfaces(organizer_client, press_user, world):
    embargoed = world["quotes"]["embargoed"]
    for surface in NEW_SURFACES:
        EmbargoView.objects.create(quote=embargoed, user=press_user, username="press",
                                   embargo_until=EMBARGO_END, surface=surface)  # fmt: skip
    url = reverse("admin:events_embargoview_changelist")
    html = organizer_client.get(url).content.decode()
    labels = ["Session page", "Speaker page", "Topic page", "Site search",
              "Featured quote on a CMS page"]  # fmt: skip
    assert [str(surface.label) for surface in NEW_SURFACES] == labels
    for surface, label in zip(NEW_SURFACES, labels, strict=True):
        assert f'<td class="field-surface">{label}</td>' in html
        assert f"?surface__exact={surface.value}" in html  # the filter's choice
        filtered = organizer_client.get(url, {"surface__exact": surface.value})
        assert [row.surface for row in filtered.context["cl"].result_list] == [surface]


def test_the_surfaces_labels_are_translatable():
    # gettext_lazy: makemessages finds them, and the admin shows each reader's language.
    assert all(isinstance(label, Promise) for _value, label in Surface.choices)
