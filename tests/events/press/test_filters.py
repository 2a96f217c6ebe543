import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Forum, Quote
from events.press.search import InvalidSearch, search_quotes
from tests.factories import (
    AffiliationFactory,
    ForumFactory,
    OrganizationFactory,
    PanelTopicFactory,
    QuoteFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2023, 7, 6, 12, 0, tzinfo=dt.UTC)
ANONYMOUS = AnonymousUser()


def _found(filters, q="", user=ANONYMOUS):
    result = search_quotes(user=user, q=q, filters=filters, at=NOW)
    return {quote.pk for quote in result.items}


def _errors(filters, user=ANONYMOUS):
    with pytest.raises(InvalidSearch) as error:
        search_quotes(user=user, filters=filters, at=NOW)
    return error.value.message_dict


def test_forum_filter_by_slug():
    quote = QuoteFactory(forum__slug="auto-2023")
    QuoteFactory()
    assert _found({"forum": "auto-2023"}) == {quote.pk}


def test_filter_combines_with_search():
    forum = ForumFactory(slug="auto-2023")
    match = QuoteFactory(forum=forum, text="Exports grew.")
    QuoteFactory(forum=forum, text="Imports fell.")
    QuoteFactory(text="Exports too.")
    assert _found({"forum": "auto-2023"}, q="exports") == {match.pk}


def test_session_filter_by_guid():
    session = SessionFactory()
    quote = QuoteFactory(session=session, forum=session.forum)
    QuoteFactory()
    assert _found({"session": str(session.guid)}) == {quote.pk}


def test_speaker_filter_by_slug():
    quote = QuoteFactory(speaker__slug="xu-haidong")
    QuoteFactory()
    assert _found({"speaker": "xu-haidong"}) == {quote.pk}


def test_organization_filter_uses_the_affiliation_held_on_the_day():
    caam = OrganizationFactory(slug="caam")
    then = QuoteFactory(said_on=dt.date(2023, 7, 6))
    AffiliationFactory(speaker=then.speaker, organization=caam, end_date=dt.date(2023, 12, 31))
    later = QuoteFactory(speaker=then.speaker, said_on=dt.date(2024, 3, 1))
    assert later.pk not in _found({"organization": "caam"})
    assert _found({"organization": "caam"}) == {then.pk}


def test_topic_filter_matches_quote_or_session_topics():
    topic = PanelTopicFactory(slug="batteries")
    tagged = QuoteFactory()
    tagged.topics.add(topic)
    session = SessionFactory()
    session.topics.add(topic)
    in_session = QuoteFactory(session=session, forum=session.forum)
    QuoteFactory()
    assert _found({"topic": "batteries"}) == {tagged.pk, in_session.pk}


def test_date_range_filter_is_inclusive():
    QuoteFactory(said_on=dt.date(2023, 7, 5))
    inside = QuoteFactory(said_on=dt.date(2023, 7, 6))
    last = QuoteFactory(said_on=dt.date(2023, 7, 7))
    QuoteFactory(said_on=dt.date(2023, 7, 8))
    found = _found({"date_from": "2023-07-06", "date_to": "2023-07-07"})
    assert found == {inside.pk, last.pk}


def test_language_filter_matches_text_or_original():
    chinese = QuoteFactory(language="zh-hans")
    translated = QuoteFactory(language="en", original_language="zh-hans", original_text="出口")
    QuoteFactory(language="en")
    assert _found({"language": "zh-hans"}) == {chinese.pk, translated.pk}


def test_chinese_is_a_range_that_includes_simplified_but_not_the_reverse():
    simplified = QuoteFactory(language="zh-hans")
    unspecified = QuoteFactory(language="en", original_language="zh", original_text="出口")
    QuoteFactory(language="en")
    assert _found({"language": "zh"}) == {simplified.pk, unspecified.pk}
    assert _found({"language": "zh-hans"}) == {simplified.pk}


def test_kind_filter():
    reported = QuoteFactory(kind=Quote.Kind.REPORTED)
    QuoteFactory(kind=Quote.Kind.DIRECT)
    assert _found({"kind": "reported"}) == {reported.pk}


def test_blank_filters_are_ignored():
    quote = QuoteFactory()
    assert _found({"forum": "", "kind": "", "date_from": "", "utm_source": "x"}) == {quote.pk}


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("forum", "nope", "There is no forum “nope”."),
        ("session", "not-a-uuid", "“not-a-uuid” is not a valid UUID."),
        (
            "session",
            "00000000-0000-0000-0000-000000000000",
            "There is no session “00000000-0000-0000-0000-000000000000”.",
        ),
        ("speaker", "nobody", "There is no speaker “nobody”."),
        ("organization", "acme", "There is no organization “acme”."),
        ("topic", "nothing", "There is no topic “nothing”."),
        ("language", "xx", "“xx” is not a language you can filter by."),
        ("kind", "rumour", "“rumour” is not a kind of quote: use direct or reported."),
        ("date_from", "July", "Enter a valid date."),
    ],
)
def test_unknown_filter_value_names_the_field(name, value, message):
    assert _errors({name: value}) == {name: [message]}


def test_backwards_date_range_is_refused():
    errors = _errors({"date_from": "2023-07-07", "date_to": "2023-07-06"})
    assert errors == {"date_to": ["The end date 2023-07-06 is before the start date 2023-07-07."]}


def test_draft_forum_is_unknown_to_the_public_but_not_to_organizers(organizer):
    ForumFactory(slug="secret", status=Forum.Status.DRAFT)
    assert _errors({"forum": "secret"}) == {"forum": ["There is no forum “secret”."]}
    assert _found({"forum": "secret"}, user=organizer) == set()


@pytest.mark.parametrize(
    ("filters", "q"),
    [
        ({"forum": "auto-2023"}, "exports"),
        ({"speaker": "xu-haidong"}, ""),
        ({"session": "GUID"}, "exports"),
        ({"organization": "caam"}, ""),
        ({"topic": "going-abroad"}, "exports"),
    ],
)
def test_a_filter_costs_one_lookup_of_what_it_names(filters, q):
    session = SessionFactory(forum__slug="auto-2023")
    session.topics.add(PanelTopicFactory(slug="going-abroad"))
    quote = QuoteFactory(
        session=session, forum=session.forum, speaker__slug="xu-haidong", text="Exports grew."
    )
    AffiliationFactory(speaker=quote.speaker, organization=OrganizationFactory(slug="caam"))
    guid = str(session.guid)
    filters = {name: guid if value == "GUID" else value for name, value in filters.items()}

    with CaptureQueriesContext(connection) as unfiltered:
        assert _found({}, q=q) == {quote.pk}
    with CaptureQueriesContext(connection) as filtered:
        assert _found(filters, q=q) == {quote.pk}

    # The named object is looked up once (checking that the user may see it).
    assert len(filtered) == len(unfiltered) + 1


def test_unknown_value_is_reported_with_the_other_mistakes():
    errors = _errors({"forum": "nope", "date_from": "July", "kind": "direct"})
    assert errors == {"forum": ["There is no forum “nope”."], "date_from": ["Enter a valid date."]}


def test_unknown_value_is_reported_when_the_query_has_nothing_to_search():
    with pytest.raises(InvalidSearch) as error:
        search_quotes(user=ANONYMOUS, q="the", filters={"speaker": "nobody"}, at=NOW)
    assert error.value.message_dict == {"speaker": ["There is no speaker “nobody”."]}


def test_known_value_without_matches_is_an_empty_result_not_an_error():
    ForumFactory(slug="auto-2023")
    QuoteFactory(text="Imports fell.")
    assert _found({"forum": "auto-2023"}, q="exports") == set()


def test_null_character_in_a_slug_is_refused_before_the_database():
    assert _errors({"forum": "auto\x002023"}) == {"forum": ["Null characters are not allowed."]}
