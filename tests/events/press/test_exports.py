import csv
import io
import json

import pytest
from django.contrib.auth.models import AnonymousUser

from events.models import Quote
from events.press import exports
from events.services import quote_save
from tests.events.press.conftest import NOW
from tests.factories import AffiliationFactory, QuoteFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def _absolute(path):
    return f"https://forums.example{path}"


def _collect(user=None, limit=exports.EXPORT_LIMIT, **params):
    return exports.collect(
        user=user or AnonymousUser(), params=params, at=NOW, absolute=_absolute, limit=limit
    )


def _texts(export):
    return sorted(quote.text for quote in export.quotes)


def test_anonymous_exports_only_public_quotes(quotes_by_status):
    assert _texts(_collect()) == ["Verified words."]


def test_press_exports_embargoed_quotes_too(quotes_by_status, press_user):
    assert _texts(_collect(press_user)) == ["Embargoed words.", "Verified words."]


def test_organizer_exports_neither_drafts_nor_retracted_quotes(quotes_by_status, organizer):
    assert _texts(_collect(organizer)) == ["Embargoed words.", "Verified words."]


def test_export_stops_at_the_limit_and_says_so(db):
    QuoteFactory.create_batch(5)
    export = _collect(limit=3)
    assert (len(export.quotes), export.total, export.truncated) == (3, 5, True)


def test_export_pages_through_more_than_one_search_page(db):
    QuoteFactory.create_batch(105)
    assert len(_collect().quotes) == 105


def test_csv_has_a_bom_attribution_and_permalink(db):
    speaker = SpeakerFactory(name="Xu Haidong")
    AffiliationFactory(speaker=speaker, title="deputy chief engineer", organization__name="CAAM")
    QuoteFactory(text="=HYPERLINK(1) 出口", speaker=speaker)
    text = exports.to_csv(_collect())
    assert text.startswith("\ufeffpermalink,")
    row = next(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert row["attribution"] == "Xu Haidong, deputy chief engineer of the CAAM"
    assert row["text"] == "'=HYPERLINK(1) 出口"  # defused for spreadsheets, Chinese kept
    assert row["citation"].startswith('"=HYPERLINK(1) 出口," said Xu Haidong')


def test_csv_carries_the_embargo_in_the_forum_time_zone(quotes_by_status, press_user):
    rows = list(csv.DictReader(io.StringIO(exports.to_csv(_collect(press_user))[1:])))
    embargo = {row["text"]: row["embargoed_until"] for row in rows}
    assert embargo == {"Embargoed words.": "2023-07-07T18:00:00+08:00", "Verified words.": ""}


def test_json_lists_quotes_with_citations_and_corrections(db):
    quote = QuoteFactory(text="Exports grew.")
    quote.text = "Exports grew fast."
    quote_save(quote=quote, note="Checked against the recording.")
    document = json.loads(exports.to_json(_collect(q="exports"), {"q": "exports", "page": "2"}))
    assert document["parameters"] == {"q": "exports"}
    assert (document["limit"], document["total"], document["truncated"]) == (1000, 1, False)
    (item,) = document["quotes"]
    assert item["text"] == "Exports grew fast."
    assert item["attribution"] == quote.speaker.name
    assert item["citation"]["markdown"].startswith("> Exports grew fast.")
    assert [(c["old_value"], c["new_value"], c["note"]) for c in item["corrections"]] == [
        ("Exports grew.", "Exports grew fast.", "Checked against the recording.")
    ]


def test_markdown_labels_embargoed_quotes(quotes_by_status, press_user):
    text = exports.to_markdown(_collect(press_user), "Quotes")
    assert text.startswith("# Quotes\n")
    assert "**EMBARGOED until July 7, 2023, 18:00 (Asia/Shanghai, UTC+08:00)**" in text
    assert "> Verified words." in text
    assert Quote.objects.count() == 4 and "Drafted" not in text and "Retracted" not in text
