import datetime as dt

import pytest
from django.test import override_settings

from events.services import quote_save
from tests.events.api.conftest import full_quote
from tests.factories import AffiliationFactory, QuoteFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _quote(client, quote, query=""):
    response = client.get(f"/api/v1/quotes/{quote.pk}/{query}")
    assert response.status_code == 200
    return response.json()


def test_attribution_uses_the_title_held_on_the_day(client):
    quote = QuoteFactory(speaker__name="Xu Haidong", said_on=dt.date(2023, 7, 6))
    AffiliationFactory(
        speaker=quote.speaker,
        organization__name="China Association of Automobile Manufacturers",
        title="deputy chief engineer",
        start_date=dt.date(2020, 1, 1),
    )
    AffiliationFactory(speaker=quote.speaker, title="retiree", start_date=dt.date(2024, 1, 1))

    body = _quote(client, quote)

    assert body["attribution"] == (
        "Xu Haidong, deputy chief engineer of the China Association of Automobile Manufacturers"
    )


def test_attribution_follows_the_language(client):
    quote = QuoteFactory(speaker__name="Xu Haidong", speaker__name_native="许海东")
    affiliation = AffiliationFactory(
        speaker=quote.speaker, organization__name="CAAM", title="deputy chief engineer"
    )
    affiliation.set_current_language("zh-hans")
    affiliation.title = "副总工程师"
    affiliation.save()
    organization = affiliation.organization
    organization.set_current_language("zh-hans")
    organization.name = "中国汽车工业协会"
    organization.save()

    body = _quote(client, quote, "?lang=zh-hans")

    assert body["attribution"] == "中国汽车工业协会副总工程师许海东"
    assert body["speaker"]["display_name"] == "许海东"


def test_quote_carries_ids_slugs_guids_and_relations(client):
    quote = full_quote()

    body = _quote(client, quote)

    assert body["id"] == quote.pk
    assert body["speaker"]["guid"] == str(quote.speaker.guid)
    assert body["session"]["guid"] == str(quote.session.guid)
    assert body["forum"]["slug"] == quote.forum.slug
    assert body["source"]["publication"] == "China Daily"
    assert body["url"] == f"http://testserver/api/v1/quotes/{quote.pk}/"


def test_permalink_is_null_while_no_public_page_exists(client):
    assert _quote(client, QuoteFactory())["permalink"] is None


@override_settings(ROOT_URLCONF="tests.events.api.public_urls")
def test_permalinks_are_absolute_and_in_the_answers_language(client):
    quote = full_quote()
    session = quote.session

    english = _quote(client, quote)
    chinese = _quote(client, quote, "?lang=zh-hans")
    session_body = client.get(f"/api/v1/sessions/{session.pk}/").json()

    assert english["permalink"] == f"http://testserver/en/quotes/{quote.pk}/"
    assert chinese["permalink"] == f"http://testserver/zh-hans/quotes/{quote.pk}/"
    assert session_body["permalink"] == (
        f"http://testserver/en/forums/{session.forum.slug}/{session.slug}/"
    )


def test_session_times_are_shown_in_the_forums_zone(client):
    session = SessionFactory(starts_at=dt.datetime(2023, 7, 6, 2, 0, tzinfo=dt.UTC))

    body = client.get(f"/api/v1/sessions/{session.pk}/").json()

    assert body["starts_at"] == "2023-07-06T10:00:00+08:00"
    assert body["ends_at"] == "2023-07-06T11:00:00+08:00"
    assert body["time_zone"] == "Asia/Shanghai"


def test_quote_shows_its_dated_correction_notes_in_detail_and_list(client):
    quote = QuoteFactory(text="Exports grew.")
    quote.text = "Exports grew fast."
    quote_save(quote=quote, note="Checked against the recording.")

    detail = _quote(client, quote)["corrections"]
    (listed,) = client.get("/api/v1/quotes/?q=exports").json()["results"]

    assert listed["corrections"] == detail
    (note,) = detail
    assert (note["field"], note["old_value"], note["new_value"], note["note"]) == (
        "text",
        "Exports grew.",
        "Exports grew fast.",
        "Checked against the recording.",
    )
    changed_at = dt.datetime.fromisoformat(note["changed_at"])
    assert changed_at == quote.corrections.get().changed_at


def test_uncorrected_quote_has_no_correction_notes(client):
    assert _quote(client, QuoteFactory())["corrections"] == []
