import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from events.models import Quote
from events.press.search import search_quotes
from events.searchindex import refresh_index
from tests.factories import QuoteFactory, SessionFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2023, 7, 6, 12, 0, tzinfo=dt.UTC)


def _found(q):
    return {quote.pk for quote in search_quotes(user=AnonymousUser(), q=q, at=NOW).items}


def test_document_holds_text_original_speaker_and_session_titles():
    session = SessionFactory(title="Opening")
    session.set_current_language("zh-hans")
    session.title = "开幕式"
    session.save()
    quote = QuoteFactory(
        text="Exports.",
        original_text="出口",
        speaker__name="Xu Haidong",
        speaker__name_native="许海东",
        session=session,
        forum=session.forum,
    )
    for word in ("Exports.", "出口", "Xu Haidong", "许海 海东", "Opening", "开幕 幕式"):
        assert word in quote.search_document


def test_editing_the_text_updates_search():
    quote = QuoteFactory(text="Exports grew.")
    quote.text = "Batteries improved."
    quote.save()
    assert _found("exports") == set()
    assert _found("batteries") == {quote.pk}


def test_save_with_update_fields_still_updates_search():
    quote = QuoteFactory(text="Exports grew.")
    quote.text = "Batteries improved."
    quote.save(update_fields=["text"])
    assert _found("batteries") == {quote.pk}


def test_renaming_the_speaker_updates_search():
    quote = QuoteFactory(speaker__name="Xu Haidong")
    speaker = quote.speaker
    speaker.name = "Fu Bingfeng"
    speaker.save()
    assert _found("haidong") == set()
    assert _found("bingfeng") == {quote.pk}


def test_renaming_the_session_updates_search():
    session = SessionFactory(title="Opening ceremony")
    quote = QuoteFactory(session=session, forum=session.forum)
    session.title = "Electrification keynote"
    session.save()
    assert _found("ceremony") == set()
    assert _found("electrification") == {quote.pk}


def test_bulk_created_quotes_are_found_after_one_refresh():
    template = QuoteFactory(text="Seed.")
    Quote.objects.bulk_create(
        Quote(
            text=f"Hydrogen {i}",
            speaker=template.speaker,
            forum=template.forum,
            said_on=template.said_on,
            status=Quote.Status.VERIFIED,
            search_document=f"Hydrogen {i}",
        )
        for i in range(3)
    )
    assert _found("hydrogen") == set()
    refresh_index()
    assert len(_found("hydrogen")) == 3
    assert _found("seed") == {template.pk}
