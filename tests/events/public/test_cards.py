"""Social cards of session, speaker and quote pages: tags, image, and that it follows edits."""

import io
import re

import pytest
from django.test import Client
from PIL import Image

from events.models import Quote, Session
from events.public import cards
from tests.events.public_data import build_forum, translate
from tests.events.querycount import queries_for, warm_up
from tests.factories import (
    AffiliationFactory,
    QuoteFactory,
    SessionFactory,
    SessionParticipantFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db

CARD_BUDGET = 13  # the session's room name among them


def _card_url(client, page):
    html = client.get(page).content.decode()
    og = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    twitter = re.search(r'<meta name="twitter:image" content="([^"]+)">', html).group(1)
    assert og == twitter
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert og.startswith("http://testserver/") and "card.png?v=" in og
    return og.removeprefix("http://testserver")


def _png(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.size == (1200, 630)
    return response.content


@pytest.fixture
def session(site_pages):
    speaker = SpeakerFactory(name="Xu Haidong", name_native="许海东", slug="xu-haidong")
    AffiliationFactory(speaker=speaker, title="deputy chief engineer", start_date=None)
    session = SessionFactory(title="Exports outlook")
    translate(session, title="汽车出口的未来")
    SessionParticipantFactory(session=session, speaker=speaker)
    return session


@pytest.mark.parametrize("page", ["session", "speaker", "quote"])
def test_each_page_links_a_1200_by_630_card(client, session, page):
    quote = QuoteFactory(
        session=session, forum=session.forum, speaker=session.participants.get().speaker
    )
    path = {
        "session": session.get_absolute_url(),
        "speaker": "/en/speakers/xu-haidong/",
        "quote": quote.get_absolute_url(),
    }[page]
    _png(client, _card_url(client, path))


def test_the_card_changes_when_the_title_does(client, session):
    before_url = _card_url(client, session.get_absolute_url())
    before = _png(client, before_url)
    session.title = "Exports to 2030"
    session.save()
    after_url = _card_url(client, session.get_absolute_url())
    assert after_url != before_url
    assert _png(client, after_url) != before


def test_the_chinese_page_has_a_chinese_card(client, session):
    english = _card_url(client, session.get_absolute_url())
    chinese = _card_url(client, session.get_absolute_url().replace("/en/", "/zh-hans/", 1))
    assert chinese.startswith("/zh-hans/")
    assert _png(client, chinese) != _png(client, english)


def test_hidden_things_have_no_card(client, session):
    draft = SessionFactory(forum=session.forum, status=Session.Status.DRAFT)
    embargoed = QuoteFactory(status=Quote.Status.VERIFIED, embargo_until="2999-01-01T00:00Z")
    retracted = QuoteFactory(status=Quote.Status.RETRACTED)
    hidden = SpeakerFactory(is_published=False)
    for item in (draft, embargoed, retracted, hidden):
        assert client.get(item.get_absolute_url() + "card.png").status_code == 404, item


def test_card_query_counts_do_not_grow(site_pages):
    client = Client()
    small_forum, (small,) = build_forum(1)
    warm_up(client, small.get_absolute_url() + "card.png")
    small_count = queries_for(client, small.get_absolute_url() + "card.png")
    _forum, sessions = build_forum(2)
    for _ in range(49):
        SessionParticipantFactory(session=sessions[0], speaker=AffiliationFactory().speaker)
    assert queries_for(client, sessions[0].get_absolute_url() + "card.png") == small_count
    assert small_count <= CARD_BUDGET


def test_only_a_direct_quotes_card_has_quotation_marks(session):
    direct = QuoteFactory(text="Exports will grow.", session=session, forum=session.forum)
    reported = QuoteFactory(
        text="Exports grew fast.", kind=Quote.Kind.REPORTED, session=session, forum=session.forum
    )
    assert cards.for_quote(direct).title == "“Exports will grow.”"
    assert cards.for_quote(reported).title == "Exports grew fast."
