import datetime as dt

import pytest
import time_machine
from cms.api import add_plugin
from cms.models import Page, Placeholder
from cms.plugin_rendering import ContentRenderer
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection
from django.template import Context
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from events.models import Quote, Session
from tests.events.public_data import build_forum
from tests.factories import QuoteFactory, SessionFactory, SessionParticipantFactory, shanghai

pytestmark = pytest.mark.django_db

BEFORE_THE_FORUM = dt.datetime(2023, 7, 1, tzinfo=dt.UTC)
FUTURE = dt.datetime(2999, 1, 1, tzinfo=dt.UTC)
# The plugin's own queries: sessions, translations, participants, affiliations, titles, topics.
UPCOMING_BUDGET = 9


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
