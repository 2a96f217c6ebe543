import datetime as dt

import pytest
import time_machine
from defusedxml import ElementTree
from django.contrib.sites.models import Site

from events.models import Quote, Session
from tests.events.public_data import build_forum
from tests.events.querycount import queries_for, warm_up
from tests.factories import (
    ForumFactory,
    QuoteFactory,
    SessionFactory,
    SessionParticipantFactory,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
FUTURE = dt.datetime(2999, 1, 1, tzinfo=dt.UTC)
# Includes the CMS resolving the apphook page; feeds render no menu or placeholders.
# The sessions' room names are one of them.
FEED_BUDGET = 15


def _rss_items(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ElementTree.fromstring(response.content)
    return {item.findtext("title"): item for item in root.iter("item")}


def _atom_entries(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)
    return {entry.findtext(f"{ATOM}title"): entry for entry in root.iter(f"{ATOM}entry")}


def _sessions_url(forum, kind="rss"):
    return f"{forum.get_absolute_url()}sessions.{kind}"


def test_forum_sessions_feed_lists_public_sessions_in_both_formats(client, site_pages):
    forum = ForumFactory()
    public = SessionFactory(forum=forum, title="Opening", abstract="<p>Welcome.</p>")
    SessionParticipantFactory(session=public, speaker__name="Xu Haidong")
    SessionParticipantFactory(session=public, speaker__name="Not Yet", speaker__is_published=False)
    SessionFactory(forum=forum, title="Axed", status=Session.Status.CANCELLED)
    SessionFactory(forum=forum, title="Draft", status=Session.Status.DRAFT)
    SessionFactory(forum=forum, title="Embargoed", embargo_until=FUTURE)
    SessionFactory(title="Other forum")

    items = _rss_items(client, _sessions_url(forum))
    assert set(items) == {"Opening", "Cancelled: Axed"}
    opening = items["Opening"]
    # Feeds build absolute links from the Sites framework's domain, as Django's feeds do.
    domain = Site.objects.get_current().domain
    assert opening.findtext("link") == f"http://{domain}{public.get_absolute_url()}"
    assert opening.findtext("guid") == f"urn:uuid:{public.guid}"
    description = opening.findtext("description")
    assert "Thursday, July 6, 2023, 10:00–11:00 (GMT+8, Shanghai)" in description
    assert "Xu Haidong" in description and "<p>Welcome.</p>" in description
    assert "Not Yet" not in description
    entries = _atom_entries(client, _sessions_url(forum, "atom"))
    assert set(entries) == {"Opening", "Cancelled: Axed"}


def test_press_and_organizers_get_the_public_feed(client, site_pages, organizer):
    forum = ForumFactory()
    SessionFactory(forum=forum, title="Draft", status=Session.Status.DRAFT)
    client.force_login(organizer)
    assert _rss_items(client, _sessions_url(forum)) == {}


def test_draft_or_unknown_forum_feed_is_404(client, site_pages):
    forum = ForumFactory(status="draft")
    assert client.get(_sessions_url(forum)).status_code == 404
    assert client.get("/en/forums/no-such-forum/sessions.rss").status_code == 404


def test_quote_feed_never_shows_draft_embargoed_or_retracted_quotes(client, site_pages):
    QuoteFactory(text="Public words.", speaker__name="Xu Haidong")
    hidden = [
        QuoteFactory(text="Draft words.", status=Quote.Status.DRAFT),
        QuoteFactory(text="Retracted words.", status=Quote.Status.RETRACTED),
        QuoteFactory(text="Embargoed words.", embargo_until=FUTURE),
        QuoteFactory(text="Session embargoed.", session=SessionFactory(embargo_until=FUTURE)),
        QuoteFactory(text="Hidden speaker.", speaker__is_published=False),
        QuoteFactory(text="Draft forum.", forum__status="draft"),
    ]
    for url in ("/en/forums/quotes.rss", "/en/forums/quotes.atom"):
        body = client.get(url).content.decode()
        assert "Public words." in body
        for quote in hidden:
            assert quote.text not in body, (url, quote.text)
            assert quote.get_absolute_url() not in body


def test_embargoed_quote_enters_the_feed_on_top_when_the_embargo_ends(client, site_pages):
    lift = dt.datetime(2030, 5, 1, 9, tzinfo=dt.UTC)
    with time_machine.travel(dt.datetime(2030, 4, 1, tzinfo=dt.UTC), tick=False):
        embargoed = QuoteFactory(text="Under embargo.", embargo_until=lift)
        QuoteFactory(text="Said meanwhile.")
    with time_machine.travel(lift - dt.timedelta(minutes=1), tick=False):
        assert "Under embargo." not in client.get("/en/forums/quotes.rss").content.decode()
    with time_machine.travel(lift + dt.timedelta(minutes=1), tick=False):
        root = ElementTree.fromstring(client.get("/en/forums/quotes.rss").content)
    items = list(root.iter("item"))
    assert "Under embargo." in items[0].findtext("description")
    assert items[0].findtext("link").endswith(embargoed.get_absolute_url())
    assert items[0].findtext("pubDate") == "Wed, 01 May 2030 09:00:00 +0000"


def test_quote_in_an_embargoed_session_is_dated_when_the_session_embargo_ends(client, site_pages):
    lift = dt.datetime(2030, 5, 1, 9, tzinfo=dt.UTC)
    with time_machine.travel(dt.datetime(2030, 4, 1, tzinfo=dt.UTC), tick=False):
        QuoteFactory(text="Said in camera.", session=SessionFactory(embargo_until=lift))
        QuoteFactory(text="Said meanwhile.")
    with time_machine.travel(lift + dt.timedelta(days=3), tick=False):
        rss = ElementTree.fromstring(client.get("/en/forums/quotes.rss").content)
        atom = ElementTree.fromstring(client.get("/en/forums/quotes.atom").content)
    items = list(rss.iter("item"))
    assert "Said in camera." in items[0].findtext("description")
    assert items[0].findtext("pubDate") == "Wed, 01 May 2030 09:00:00 +0000"
    assert items[1].findtext("pubDate") == "Mon, 01 Apr 2030 00:00:00 +0000"
    entry = next(atom.iter(f"{ATOM}entry"))
    assert entry.findtext(f"{ATOM}published") == "2030-05-01T09:00:00+00:00"


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("/en/forums/quotes.rss", "<p>Said at Auto Forum on July 6, 2023.</p>"),
        ("/zh-hans/forums/quotes.rss", "2023年7月6日"),
    ],
)
def test_quote_feed_says_where_and_on_which_day_it_was_said(client, site_pages, url, said):
    QuoteFactory(text="Exports grew.", forum__name="Auto Forum", said_on=dt.date(2023, 7, 6))

    description = next(ElementTree.fromstring(client.get(url).content).iter("item")).findtext(
        "description"
    )

    assert description.startswith("<blockquote><p>Exports grew.</p></blockquote>")
    assert said in description


def test_feed_descriptions_escape_plain_text(client, site_pages):
    QuoteFactory(text='<script>alert(1)</script><img src=x onerror="alert(2)">')
    body = client.get("/en/forums/quotes.rss").content.decode()
    # Escaped twice: once for XML, once because readers parse the description as HTML.
    assert "&amp;lt;script&amp;gt;" in body
    assert "&lt;script&gt;" not in body and "<script>" not in body


def test_pages_announce_their_feeds(client, site_pages):
    forum = ForumFactory()
    agenda = client.get(forum.get_absolute_url()).content.decode()
    assert f'type="application/rss+xml" title="Sessions (RSS)" href="{_sessions_url(forum)}"' in (
        agenda
    )
    assert f'href="{_sessions_url(forum, "atom")}"' in agenda
    forum_list = client.get("/en/forums/").content.decode()
    assert 'href="/en/forums/quotes.rss"' in forum_list


def test_feed_query_counts_do_not_grow(client, site_pages):
    small_forum, _ = build_forum(1)
    warm_up(client, _sessions_url(small_forum))
    small_sessions = queries_for(client, _sessions_url(small_forum))
    small_quotes = queries_for(client, "/en/forums/quotes.rss")
    big_forum, _ = build_forum(50)
    assert queries_for(client, _sessions_url(big_forum)) == small_sessions <= FEED_BUDGET
    assert queries_for(client, "/en/forums/quotes.rss") == small_quotes <= FEED_BUDGET
