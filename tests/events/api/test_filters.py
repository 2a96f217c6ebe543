import datetime as dt

import pytest

from events.models import Quote
from tests.events.api.conftest import full_quote
from tests.factories import (
    AffiliationFactory,
    QuoteFactory,
    SessionFactory,
    SessionParticipantFactory,
)

pytestmark = pytest.mark.django_db


def _ids(client, query):
    response = client.get(f"/api/v1/quotes/?{query}")
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["results"]}


def test_quote_filters_select_by_each_relation(client):
    quote, other = full_quote(), full_quote()

    assert _ids(client, f"forum={quote.forum.slug}") == {quote.pk}
    assert _ids(client, f"session={quote.session.guid}") == {quote.pk}
    assert _ids(client, f"speaker={quote.speaker.slug}") == {quote.pk}
    assert _ids(client, f"topic={quote.topics.get().slug}") == {quote.pk}
    organization = quote.speaker.affiliations.get().organization
    assert _ids(client, f"organization={organization.slug}") == {quote.pk}
    assert other.pk not in _ids(client, f"forum={quote.forum.slug}")


def test_date_language_and_kind_filters_combine(client):
    match = QuoteFactory(said_on=dt.date(2023, 7, 7), language="zh-hans", kind="reported")
    QuoteFactory(said_on=dt.date(2023, 7, 7), language="en", kind="reported")
    QuoteFactory(said_on=dt.date(2023, 7, 5), language="zh-hans", kind="reported")
    QuoteFactory(said_on=dt.date(2023, 7, 7), language="zh-hans", kind="direct")

    query = "date_from=2023-07-06&date_to=2023-07-07&language=zh-hans&kind=reported"
    assert _ids(client, query) == {match.pk}


def test_q_searches_through_the_press_rooms_search(client):
    exported = QuoteFactory(text="China exported five million cars.", said_on=dt.date(2023, 7, 6))
    QuoteFactory(text="Imports fell.")
    chinese = QuoteFactory(text="Rose.", original_text="中国汽车出口增长", original_language="zh")

    body = client.get("/api/v1/quotes/?q=exports").json()

    assert [item["id"] for item in body["results"]] == [exported.pk]
    assert body["results"][0]["highlighted_text"] == (
        "China <mark>exported</mark> five million cars."
    )
    assert body["results"][0]["rank"] > 0
    assert _ids(client, "q=汽车") == {chinese.pk}


def test_q_combines_with_filters(client):
    quote = QuoteFactory(text="Exports grew.")
    QuoteFactory(text="Exports grew too.")

    assert _ids(client, f"q=exports&speaker={quote.speaker.slug}") == {quote.pk}


def test_q_notes_what_it_ignored(client):
    QuoteFactory(text="Exports grew.")

    body = client.get('/api/v1/quotes/?q="exports').json()

    assert body["messages"] == ["An unmatched quotation mark was ignored."]
    assert body["count"] == 1


def test_q_never_reveals_hidden_quotes(client):
    QuoteFactory(text="Secret exports plan.", status=Quote.Status.DRAFT)

    assert _ids(client, "q=secret") == set()


def test_filters_never_reveal_hidden_objects(client):
    hidden = QuoteFactory(status=Quote.Status.DRAFT, forum__status="draft")
    unknown = client.get(f"/api/v1/quotes/?forum={hidden.forum.slug}").json()
    mistyped = client.get("/api/v1/quotes/?forum=no-such-forum").json()

    assert unknown == {"forum": [f"There is no forum “{hidden.forum.slug}”."]}
    assert mistyped == {"forum": ["There is no forum “no-such-forum”."]}


def test_session_filters(client):
    participant = SessionParticipantFactory(session__kind="panel")
    SessionParticipantFactory(session__kind="keynote")
    session = participant.session

    def ids(query):
        return {s["id"] for s in client.get(f"/api/v1/sessions/?{query}").json()["results"]}

    assert ids(f"speaker={participant.speaker.slug}") == {session.pk}
    assert ids("kind=panel") == {session.pk}
    assert ids(f"forum={session.forum.slug}") == {session.pk}


def test_session_language_filter_reads_zh_as_any_chinese(client):
    simplified = SessionFactory(language="zh-hans")
    english = SessionFactory(language="en")

    def ids(query):
        return {s["id"] for s in client.get(f"/api/v1/sessions/?{query}").json()["results"]}

    assert ids("language=zh") == {simplified.pk}
    assert ids("language=zh-hans") == {simplified.pk}
    assert ids("language=en") == {english.pk}


def test_speaker_filter_by_organization(client):
    affiliation = AffiliationFactory()
    AffiliationFactory()

    speakers = client.get(f"/api/v1/speakers/?organization={affiliation.organization.slug}")

    assert [s["id"] for s in speakers.json()["results"]] == [affiliation.speaker_id]


# --- Bad input: a 400 naming the parameter, or an empty result; never a 500 ------------


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("date_from=2023-08-01&date_to=2023-07-01", "date_to", "is before the start date"),
        ("date_from=yesterday", "date_from", "Enter a valid date."),
        ("session=abc", "session", "“abc” is not a valid UUID."),
        ("kind=rumour", "kind", "is not a kind of quote"),
        ("language=xx", "language", "is not a language you can filter by"),
        ("forum=%00", "forum", "Null characters are not allowed."),
        ("q=" + "export " * 100, "q", "at most 200 characters"),
        ("page=0", "page", "whole number, 1 or more"),
        ("page=last", "page", "whole number, 1 or more"),
        ("page_size=1000", "page_size", "from 1 to 100"),
        ("page_size=x", "page_size", "whole number, 1 or more"),
    ],
)
def test_bad_input_is_a_400_that_names_the_field(client, query, field, message):
    response = client.get(f"/api/v1/quotes/?{query}")

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert message in response.json()[field][0]


@pytest.mark.parametrize(
    "query", ["sessions/?forum=nope", "sessions/?speaker=nope", "sessions/?topic=nope",
              "speakers/?organization=nope"],
)  # fmt: skip
def test_unknown_slugs_give_an_empty_result(client, query):
    full_quote()

    response = client.get(f"/api/v1/{query}")

    assert response.status_code == 200
    assert response.json()["results"] == []


def test_quote_page_past_the_end_is_empty_and_points_back(client):
    QuoteFactory.create_batch(3)

    body = client.get("/api/v1/quotes/?page_size=2&page=99999999999999999999").json()

    assert (body["count"], body["count_capped"], body["results"]) == (3, False, [])
    assert body["next"] is None
    assert body["previous"] == "http://testserver/api/v1/quotes/?page=2&page_size=2"


def test_page_past_the_end_is_empty_and_points_back(client):
    SessionParticipantFactory.create_batch(3)

    body = client.get("/api/v1/sessions/?page_size=2&page=99").json()

    assert body["count"] == 3
    assert body["results"] == []
    assert body["next"] is None
    assert body["previous"] == "http://testserver/api/v1/sessions/?page=2&page_size=2"


@pytest.mark.parametrize("endpoint", ["quotes", "sessions"])
def test_pages_link_to_each_other(client, endpoint):
    for _ in range(3):
        full_quote()

    first = client.get(f"/api/v1/{endpoint}/?page_size=2").json()
    second = client.get(first["next"]).json()
    back = client.get(second["previous"]).json()

    assert len(first["results"]) == 2
    assert len(second["results"]) == 1
    assert second["next"] is None
    assert {q["id"] for q in first["results"]}.isdisjoint(q["id"] for q in second["results"])
    assert back == first
