"""The site search: /<lang>/search/?q=, grouped by kind, only what the visitor may see."""

import datetime as dt

import pytest
from django.test import Client

from events.models import Quote, Session
from tests.events.public_data import translate
from tests.events.querycount import queries_for, warm_up
from tests.factories import (
    AffiliationFactory,
    ForumFactory,
    PanelTopicFactory,
    QuoteFactory,
    SessionFactory,
    SessionParticipantFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db

# The CMS's menu and page (4); sessions with translations, forums' and rooms' (4); speakers with
# affiliations, titles and organizations (4); topics (2); the quote search, its count and
# what a result shows (8).
SEARCH_BUDGET = 22


def _search(client, q, language="en"):
    response = client.get(f"/{language}/search/", {"q": q})
    assert response.status_code == 200
    return response


def _groups(response):
    return {group.kind: [hit.title for hit in group.items] for group in response.context["groups"]}


@pytest.fixture
def world(site_pages):
    forum = ForumFactory(slug="auto-forum", name="China Auto Forum")
    xu = SpeakerFactory(name="Xu Haidong", name_native="许海东", slug="xu-haidong")
    AffiliationFactory(speaker=xu, title="deputy chief engineer", start_date=None)
    exports = SessionFactory(forum=forum, title="Exports outlook", abstract="<p>Batteries</p>")
    translate(exports, title="汽车出口的未来")
    SessionParticipantFactory(session=exports, speaker=xu)
    topic = PanelTopicFactory(title="Going abroad", slug="going-abroad")
    translate(topic, title="汽车企业出海")
    exports.topics.add(topic)
    QuoteFactory(
        forum=forum, session=exports, speaker=xu, text="Exports of cars will keep growing."
    )
    return forum, exports


def test_one_word_finds_each_kind_grouped(client, world):
    groups = _groups(_search(client, "exports"))
    assert groups == {
        "sessions": ["Exports outlook"],
        "quotes": ["Exports of cars will keep growing."],
    }
    # A quote is found by its speaker's name too, as in the press room.
    assert _groups(_search(client, "haidong")) == {
        "speakers": ["Xu Haidong"],
        "quotes": ["Exports of cars will keep growing."],
    }
    assert _groups(_search(client, "abroad")) == {"topics": ["Going abroad"]}


def test_every_word_must_match_and_the_abstract_counts(client, world):
    assert _groups(_search(client, "exports batteries")) == {"sessions": ["Exports outlook"]}
    assert _groups(_search(client, "exports nowhere")) == {}


def test_chinese_finds_sessions_topics_speakers_and_shows_chinese(client, world):
    zh = _groups(_search(client, "出口", "zh-hans"))
    assert zh["sessions"] == ["汽车出口的未来"]
    assert _groups(_search(client, "出海", "zh-hans")) == {"topics": ["汽车企业出海"]}
    assert _groups(_search(client, "许海东", "zh-hans"))["speakers"] == ["许海东"]


def test_results_link_their_pages_and_mark_quote_matches(client, world):
    html = _search(client, "growing").content.decode()
    assert "<mark>growing</mark>" in html
    assert 'href="/en/forums/quotes/' in html


def test_nothing_hidden_is_ever_found(client, world):
    forum, _session = world
    SessionFactory(forum=forum, title="Zqsecret draft", status=Session.Status.DRAFT)
    draft_forum = ForumFactory(status="draft")
    SessionFactory(forum=draft_forum, title="Zqsecret unpublished forum")
    SpeakerFactory(name="Zqsecret speaker", is_published=False)
    QuoteFactory(text="Zqsecret embargoed", embargo_until=dt.datetime(2999, 1, 1, tzinfo=dt.UTC))
    QuoteFactory(text="Zqsecret retracted", status=Quote.Status.RETRACTED)
    QuoteFactory(text="Zqsecret draft quote", status=Quote.Status.DRAFT)
    response = _search(client, "zqsecret")
    assert _groups(response) == {}
    assert b"Zqsecret" not in response.content.replace(b"zqsecret", b"")


def test_stop_words_and_punctuation_alone_search_nothing(client, world):
    response = _search(client, "the (( !!")
    assert response.context["groups"] == []
    assert _search(client, "").context["groups"] == []


def test_every_page_has_the_search_box(client, world):
    forum, _session = world
    html = client.get(forum.get_absolute_url()).content.decode()
    assert 'role="search"' in html and 'action="/en/search/"' in html


def _one_of_each(forum, word, i):
    speaker = AffiliationFactory(speaker__name=f"{word} {i}").speaker
    session = SessionFactory(forum=forum, title=f"{word} {i}")
    SessionParticipantFactory(session=session, speaker=speaker)
    QuoteFactory(text=f"{word} {i}", speaker=speaker, session=session, forum=forum)
    PanelTopicFactory(title=f"{word} {i}").sessions.add(session)


def test_search_query_counts_do_not_grow(site_pages):
    client = Client()
    forum = ForumFactory()
    _one_of_each(forum, "Zqsmall", 0)
    warm_up(client, "/en/search/?q=zqsmall")
    small_count = queries_for(client, "/en/search/?q=zqsmall")
    for i in range(50):
        _one_of_each(forum, "Zqbig", i)
    assert queries_for(client, "/en/search/?q=zqbig") == small_count <= SEARCH_BUDGET


def test_session_results_name_their_forums_time_zone(client, world):
    # Results come from several forums; a time alone did not say whose clock it was.
    berlin = ForumFactory(slug="berlin-forum", name="Berlin Forum", time_zone="Europe/Berlin")
    SessionFactory(
        forum=berlin,
        title="Exports in Europe",
        starts_at=dt.datetime(2023, 7, 6, 8, tzinfo=dt.UTC),
        ends_at=dt.datetime(2023, 7, 6, 9, tzinfo=dt.UTC),
    )
    details = {
        hit.title: hit.detail for hit in _search(client, "exports").context["groups"][0].items
    }
    assert "10:00–11:00 (GMT+2, Berlin)" in details["Exports in Europe"]
    assert "(GMT+8, Shanghai)" in details["Exports outlook"]
    zh = _search(client, "出口", "zh-hans").context["groups"][0].items[0].detail
    assert "（GMT+8，上海）" in zh


def test_only_direct_quotes_are_shown_in_quotation_marks(client, world):
    # Reported speech is the writer's words: quotation marks made it read as the speaker's.
    forum, exports = world
    QuoteFactory(
        forum=forum,
        session=exports,
        speaker=exports.participants.first().speaker,
        text="Car exports grew fast last year.",
        kind=Quote.Kind.REPORTED,
    )
    html = _search(client, "exports").content.decode()
    assert "“Exports of cars will keep growing.”" in html.replace("<mark>", "").replace(
        "</mark>", ""
    )
    reported = html[html.index("fast last year") - 200 : html.index("fast last year") + 40]
    assert "“" not in reported and "”" not in reported
