import datetime as dt

import pytest
from defusedxml import ElementTree
from django.contrib.sites.models import Site

from events.models import Quote, Session
from tests.events.public_data import build_forum
from tests.events.querycount import queries_for, warm_up
from tests.factories import (
    ForumFactory,
    PanelTopicFactory,
    QuoteFactory,
    SessionFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
FUTURE = dt.datetime(2999, 1, 1, tzinfo=dt.UTC)
# URL revision, CMS page URLs, one query per object section, the topics' translations.
SITEMAP_BUDGET = 8


def _sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    base = f"http://{Site.objects.get_current().domain}"
    entries = {}
    for url in root.findall("s:url", NS):
        alternates = {
            link.get("hreflang"): link.get("href").removeprefix(base)
            for link in url.findall("x:link", NS)
        }
        entries[url.findtext("s:loc", namespaces=NS).removeprefix(base)] = alternates
    return entries


def test_sitemap_is_language_neutral_and_lists_cms_pages_in_both_languages(client, site_pages):
    entries = _sitemap(client)
    for path in ("/en/", "/zh-hans/", "/en/forums/", "/zh-hans/forums/", "/en/about/"):
        assert path in entries, path
    assert entries["/en/speakers/"] == {
        "en": "/en/speakers/",
        "zh-hans": "/zh-hans/speakers/",
    }


def test_sitemap_lists_public_objects_with_hreflang_alternates(client, site_pages):
    session = SessionFactory()
    speaker = SpeakerFactory()
    topic = PanelTopicFactory()
    session.topics.add(topic)
    quote = QuoteFactory(session=session, forum=session.forum, speaker=speaker)
    entries = _sitemap(client)
    for obj in (session.forum, session, speaker, topic, quote):
        english = obj.get_absolute_url()
        chinese = english.replace("/en/", "/zh-hans/", 1)
        assert english in entries and chinese in entries, english
        assert entries[chinese]["en"] == english and entries[english]["zh-hans"] == chinese


def test_sitemap_leaks_nothing_hidden(client, site_pages):
    hidden = [
        ForumFactory(status="draft"),
        SessionFactory(status=Session.Status.DRAFT),
        SessionFactory(embargo_until=FUTURE),
        SessionFactory(forum__status="draft"),
        SpeakerFactory(is_published=False),
        PanelTopicFactory(),  # nothing visible is filed under it
        QuoteFactory(status=Quote.Status.DRAFT),
        QuoteFactory(status=Quote.Status.RETRACTED),
        QuoteFactory(embargo_until=FUTURE),
    ]
    draft_session = SessionFactory(status=Session.Status.DRAFT)
    draft_session.topics.add(topic := PanelTopicFactory())
    hidden.append(topic)
    body = client.get("/sitemap.xml").content.decode()
    for obj in hidden:
        url = obj.get_absolute_url()
        assert f"{url}<" not in body and f'{url}"' not in body, url


def test_sitemap_query_count_does_not_grow(client, site_pages):
    build_forum(1)
    warm_up(client, "/sitemap.xml")
    small = queries_for(client, "/sitemap.xml")
    build_forum(50)
    assert queries_for(client, "/sitemap.xml") == small <= SITEMAP_BUDGET
