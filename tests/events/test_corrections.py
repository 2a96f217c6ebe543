import datetime as dt

import pytest
import time_machine

from events.models import Quote, QuoteCorrection
from events.services import quote_save
from tests.factories import QuoteFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def _corrections(quote):
    return list(
        QuoteCorrection.objects.filter(quote=quote).values_list(
            "field", "old_value", "new_value", "note"
        )
    )


def test_editing_a_verified_quote_records_a_dated_note():
    quote = QuoteFactory(text="Exports will grow 10%.")
    quote.text = "Exports will grow 12%."
    with time_machine.travel(dt.datetime(2023, 7, 8, 9, 0, tzinfo=dt.UTC), tick=False):
        quote_save(quote=quote, note="Checked against the recording.")
    (note,) = QuoteCorrection.objects.filter(quote=quote)
    assert (note.field, note.old_value, note.new_value, note.note) == (
        "text",
        "Exports will grow 10%.",
        "Exports will grow 12%.",
        "Checked against the recording.",
    )
    assert note.changed_at == dt.datetime(2023, 7, 8, 9, 0, tzinfo=dt.UTC)


def test_attribution_changes_are_recorded_with_readable_values():
    quote = QuoteFactory(speaker__name="Xu Haidong", said_on=dt.date(2023, 7, 6))
    quote.speaker = SpeakerFactory(name="Fu Bingfeng")
    quote.said_on = "2023-07-07"  # as the shell or an import might set it
    quote_save(quote=quote)
    assert _corrections(quote) == [
        ("speaker", "Xu Haidong", "Fu Bingfeng", ""),
        ("said_on", "2023-07-06", "2023-07-07", ""),
    ]


def test_each_edit_adds_its_own_note():
    quote = QuoteFactory(original_text="出口增长")
    quote.original_text = "出口快速增长"
    quote_save(quote=quote)
    quote.original_text = "出口增长很快"
    quote_save(quote=quote)
    assert [c[1:3] for c in _corrections(quote)] == [
        ("出口增长", "出口快速增长"),
        ("出口快速增长", "出口增长很快"),
    ]


def test_saving_without_changes_records_nothing():
    quote = QuoteFactory()
    quote.context = "Said in the Q&A."
    quote_save(quote=quote)
    assert _corrections(quote) == []


def test_editing_a_draft_records_nothing():
    quote = QuoteFactory(status=Quote.Status.DRAFT)
    quote.text = "Fixed a typo before publishing."
    quote.status = Quote.Status.VERIFIED
    quote_save(quote=quote)
    assert _corrections(quote) == []


def test_queryset_reload_and_edit_records_too():
    # The admin and imports load the quote fresh before editing it.
    pk = QuoteFactory(text="Old words.").pk
    quote = Quote.objects.get(pk=pk)
    quote.text = "New words."
    quote_save(quote=quote)
    assert _corrections(quote) == [("text", "Old words.", "New words.", "")]
