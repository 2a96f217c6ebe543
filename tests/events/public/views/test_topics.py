import pytest

from tests.events.public_data import build_forum, translate
from tests.events.querycount import queries_for, warm_up
from tests.factories import (
    AffiliationFactory,
    PanelTopicFactory,
    QuoteFactory,
    SessionFactory,
    SessionParticipantFactory,
    SpeakerFactory,
    shanghai,
)

pytestmark = pytest.mark.django_db

# 24 measured: 10 are the CMS; the sessions' speakers add 4 (participants, their
# affiliations, titles and organization names), whatever the number of sessions; their
# rooms' names 1.
TOPIC_BUDGET = 25
TOPIC_LIST_BUDGET = 10


def _html(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_topic_page_shows_sessions_across_forums_and_quotes(client, site_pages):
    topic = PanelTopicFactory(slug="exports", title="Exports")
    for title in ("Export panel A", "Export panel B"):
        SessionFactory(title=title).topics.add(topic)
    QuoteFactory(text="Exports will grow.").topics.add(topic)
    SessionFactory(title="Draft export panel", status="draft").topics.add(topic)
    html = _html(client, "/en/topics/exports/")
    assert "<h1>Exports</h1>" in html
    assert "Export panel A" in html and "Export panel B" in html
    assert "Exports will grow." in html
    assert "Draft export panel" not in html


def test_topic_page_lists_each_sessions_speakers_with_their_title_then(client, site_pages):
    topic = PanelTopicFactory(slug="exports")
    session = SessionFactory(title="Export panel", starts_at=shanghai(6, 10))
    session.topics.add(topic)
    speaker = SpeakerFactory(name="Xu Haidong", name_native="许海东")
    AffiliationFactory(speaker=speaker, title="deputy chief engineer", end_date=None)
    AffiliationFactory(speaker=speaker, title="intern", end_date="2001-01-01")
    SessionParticipantFactory(session=session, speaker=speaker)
    SessionParticipantFactory(
        session=session, speaker=SpeakerFactory(name="Hidden Person", is_published=False)
    )
    html = _html(client, "/en/topics/exports/")
    assert "Xu Haidong</a><span>, deputy chief engineer," in html
    assert "intern" not in html and "Hidden Person" not in html
    assert "许海东</a>" in _html(client, "/zh-hans/topics/exports/")


def test_topic_list_shows_only_topics_with_something_visible(client, site_pages):
    SessionFactory().topics.add(PanelTopicFactory(title="Batteries"))
    SessionFactory(status="draft").topics.add(PanelTopicFactory(title="Secret merger", slug="m"))
    html = _html(client, "/en/topics/")
    assert "Batteries" in html
    assert "Secret merger" not in html
    assert client.get("/en/topics/m/").status_code == 404


def test_topic_page_in_chinese(client, site_pages):
    topic = PanelTopicFactory(slug="exports", title="Exports")
    translate(topic, title="汽车出口")
    SessionFactory().topics.add(topic)
    assert "<h1>汽车出口</h1>" in _html(client, "/zh-hans/topics/exports/")


def test_unknown_topic_is_404(client, site_pages):
    assert client.get("/en/topics/no-such-topic/").status_code == 404


def test_topic_page_query_count_does_not_grow(client, site_pages):
    small_topic = PanelTopicFactory(slug="small")
    build_forum(1, topic=small_topic)
    warm_up(client, "/en/topics/small/")
    small_count = queries_for(client, "/en/topics/small/")
    large_topic = PanelTopicFactory(slug="large")
    build_forum(50, topic=large_topic)
    large_count = queries_for(client, "/en/topics/large/")
    assert small_count == large_count <= TOPIC_BUDGET


def test_topic_list_query_count_does_not_grow(client, site_pages):
    build_forum(1)
    warm_up(client, "/en/topics/")
    small_count = queries_for(client, "/en/topics/")
    for _ in range(49):
        SessionFactory().topics.add(PanelTopicFactory())
    large_count = queries_for(client, "/en/topics/")
    assert small_count == large_count <= TOPIC_LIST_BUDGET
