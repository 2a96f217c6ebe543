import datetime as dt

import pytest

from events.models import Quote
from tests.events.api.conftest import full_quote
from tests.factories import AffiliationFactory, QuoteFactory, SessionParticipantFactory

pytestmark = pytest.mark.django_db


def _ids(client, query):
    response = client.get(f"/api/v1/quotes/?{query}")
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["results"]}


def test_quote_filters_select_by_each_relation(client):
    quote, other = full_quote(), full_quote()

    assert _ids(client, f"forum={quote.forum.slug}") == {quote.pk}
    assert _ids(client, f"session={quote.session_id}") == {quote.pk}
    assert _ids(client, f"speaker={quote.speaker.slug}") == {quote.pk}
    assert _ids(client, f"topic={quote.topics.get().slug}") == {quote.pk}
    assert _ids(client, f"topic={quote.session.topics.get().slug}") == {quote.pk}
    organization = quote.speaker.affiliations.get().organization
    assert _ids(client, f"organization={organization.slug}") == {quote.pk}
    assert other.pk not in _ids(client, f"forum={quote.forum.slug}")


def test_organization_filter_uses_the_affiliation_held_on_the_day(client):
    early = QuoteFactory(said_on=dt.date(2020, 1, 1))
    late = QuoteFactory(speaker=early.speaker, said_on=dt.date(2023, 7, 6))
    old = AffiliationFactory(speaker=early.speaker, end_date=dt.date(2021, 12, 31))
    new = AffiliationFactory(speaker=early.speaker, start_date=dt.date(2022, 1, 1))

    assert _ids(client, f"organization={old.organization.slug}") == {early.pk}
    assert _ids(client, f"organization={new.organization.slug}") == {late.pk}


def test_date_language_and_kind_filters_combine(client):
    match = QuoteFactory(said_on=dt.date(2023, 7, 7), language="zh-hans", kind="reported")
    QuoteFactory(said_on=dt.date(2023, 7, 7), language="en", kind="reported")
    QuoteFactory(said_on=dt.date(2023, 7, 5), language="zh-hans", kind="reported")
    QuoteFactory(said_on=dt.date(2023, 7, 7), language="zh-hans", kind="direct")

    query = "said_from=2023-07-06&said_to=2023-07-07&language=zh-hans&kind=reported"
    assert _ids(client, query) == {match.pk}


def test_filters_never_reveal_hidden_quotes(client):
    hidden = QuoteFactory(status=Quote.Status.DRAFT)

    assert _ids(client, f"speaker={hidden.speaker.slug}") == set()
    assert _ids(client, f"forum={hidden.forum.slug}") == set()


def test_session_filters(client):
    participant = SessionParticipantFactory(session__kind="panel")
    SessionParticipantFactory(session__kind="keynote")
    session = participant.session

    def ids(query):
        return {s["id"] for s in client.get(f"/api/v1/sessions/?{query}").json()["results"]}

    assert ids(f"speaker={participant.speaker.slug}") == {session.pk}
    assert ids("kind=panel") == {session.pk}
    assert ids(f"forum={session.forum.slug}") == {session.pk}


def test_speaker_filter_by_organization(client):
    affiliation = AffiliationFactory()
    AffiliationFactory()

    speakers = client.get(f"/api/v1/speakers/?organization={affiliation.organization.slug}")

    assert [s["id"] for s in speakers.json()["results"]] == [affiliation.speaker_id]


# --- Bad input: a 400 naming the parameter, or an empty result; never a 500 ------------


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("said_from=2023-08-01&said_to=2023-07-01", "said_to", "before its start"),
        ("said_from=yesterday", "said_from", "Enter a valid date."),
        ("session=abc", "session", "Enter a whole number."),
        ("session=99999999999999999999999", "session", "less than or equal to"),
        ("kind=rumour", "kind", "Select a valid choice."),
        ("language=xx", "language", "Select a valid choice."),
        ("speaker=" + "x" * 500, "speaker", "at most 120 characters"),
        ("forum=%00", "forum", "Null characters are not allowed."),
        ("page=0", "page", "Must be a whole number, 1 or more."),
        ("page=last", "page", "Must be a whole number, 1 or more."),
        ("page_size=1000", "page_size", "from 1 to 100"),
    ],
)
def test_bad_input_is_a_400_that_names_the_field(client, query, field, message):
    response = client.get(f"/api/v1/quotes/?{query}")

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert message in response.json()[field][0]


def test_unknown_values_give_an_empty_result(client):
    QuoteFactory()

    for query in ("forum=nope", "speaker=nope", "topic=nope", "organization=nope", "session=7"):
        assert _ids(client, query) == set(), query


def test_page_past_the_end_is_empty_and_points_back(client):
    QuoteFactory.create_batch(3)

    body = client.get("/api/v1/quotes/?page_size=2&page=99").json()

    assert body["count"] == 3
    assert body["results"] == []
    assert body["next"] is None
    assert body["previous"] == "http://testserver/api/v1/quotes/?page=2&page_size=2"


def test_pages_link_to_each_other(client):
    QuoteFactory.create_batch(3)

    first = client.get("/api/v1/quotes/?page_size=2").json()
    second = client.get(first["next"]).json()

    assert len(first["results"]) == 2
    assert len(second["results"]) == 1
    assert second["next"] is None
    assert {q["id"] for q in first["results"]}.isdisjoint(q["id"] for q in second["results"])
