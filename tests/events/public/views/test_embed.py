"""The embeddable agenda: framing allowed there only, filters, snippet in the admin."""

import re

import pytest
from django.test import Client

from tests.events.public_data import build_forum
from tests.events.querycount import queries_for, warm_up
from tests.factories import ForumFactory, RoomFactory, SessionFactory, shanghai

pytestmark = pytest.mark.django_db

# The CMS resolving the apphook page, the forum, and the agenda rows (as the agenda page,
# less its menu and placeholders, and the venue's name, which it does not print).
EMBED_BUDGET = 16


def _embed(forum, language="en"):
    return f"/{language}/forums/{forum.slug}/embed/"


def _frame_ancestors(response):
    policy = response["Content-Security-Policy"]
    return re.search(r"frame-ancestors ([^;]+)", policy).group(1).strip()


@pytest.fixture
def forum(site_pages):
    forum = ForumFactory(slug="auto-forum", name="China Auto Forum")
    hall = RoomFactory(venue=forum.venue, name="Hall A")
    SessionFactory(
        forum=forum, title="Keynote", room=hall, kind="keynote", starts_at=shanghai(6, 9)
    )
    SessionFactory(forum=forum, title="Panel", kind="panel", starts_at=shanghai(7, 9))
    return forum


def test_only_the_embed_may_be_framed(client, forum):
    embed = client.get(_embed(forum))
    assert embed.status_code == 200
    assert "X-Frame-Options" not in embed
    assert _frame_ancestors(embed) == "*"
    agenda = client.get(forum.get_absolute_url())
    assert agenda["X-Frame-Options"] == "DENY"
    assert _frame_ancestors(agenda) == "'none'"


def test_a_cached_embed_keeps_its_framing_headers(forum, settings):
    settings.PUBLIC_CACHE_SECONDS = 3600
    Client().get(_embed(forum))
    cached = Client().get(_embed(forum))
    assert "ETag" in cached and "X-Frame-Options" not in cached
    assert _frame_ancestors(cached) == "*"


def test_the_embed_filters_by_day_room_and_kind(client, forum):
    hall = forum.venue.rooms.get()

    def titles(query):
        html = client.get(_embed(forum) + query).content.decode()
        return re.findall(r'class="session-title"[^>]*>([^<]+)<', html)

    assert titles("") == ["Keynote", "Panel"]
    assert titles("?day=2023-07-07") == ["Panel"]
    assert titles(f"?room={hall.pk}") == ["Keynote"]
    assert titles("?kind=panel") == ["Panel"]


def test_the_embed_is_in_chinese_and_loads_nothing_from_elsewhere(client, forum):
    html = client.get(_embed(forum, "zh-hans")).content.decode()
    assert '<html lang="zh-hans">' in html
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith(("/", "http://testserver/")) for s in sources), sources


def test_the_embed_has_no_stars(client, forum):
    # In another site's frame the star cookie is not sent; the page has no star form.
    html = client.get(_embed(forum)).content.decode()
    assert 'class="session-title"' in html
    assert 'class="star' not in html and "star-form" not in html


def test_a_draft_forum_has_no_embed(client, site_pages):
    assert client.get(_embed(ForumFactory(status="draft"))).status_code == 404


def test_the_forum_admin_page_offers_the_snippets(organizer_client, forum):
    response = organizer_client.get(f"/en/admin/events/forum/{forum.pk}/change/")
    html = response.content.decode()
    assert "Embed the agenda on another site" in html
    for language in ("en", "zh-hans"):
        iframe = f"&lt;iframe src=&quot;http://testserver/{language}/forums/auto-forum/embed/&quot;"
        assert iframe in html
    assert "/static/events/embed.js" in html


def test_embed_query_counts_do_not_grow(site_pages):
    client = Client()
    small, _sessions = build_forum(1)
    warm_up(client, _embed(small))
    count = queries_for(client, _embed(small))
    big, _sessions = build_forum(50)
    assert queries_for(client, _embed(big)) == count <= EMBED_BUDGET
