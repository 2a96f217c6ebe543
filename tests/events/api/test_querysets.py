"""Query counts of the list endpoints: the same for 1 and for 50 results, within a budget."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import ForumOrganization
from tests.events.api.conftest import auth, full_quote
from tests.factories import (
    AffiliationFactory,
    ForumFactory,
    OrganizationFactory,
    PanelTopicFactory,
    SessionParticipantFactory,
)

pytestmark = pytest.mark.django_db


def _corrected_quote():
    quote = full_quote()
    quote.text += " (corrected)"
    quote.save()  # a verified quote's edit leaves a correction note
    return quote


def _full_session():
    participant = SessionParticipantFactory()
    participant.session.topics.add(PanelTopicFactory())
    return participant.session


def _full_speaker():
    return AffiliationFactory().speaker


def _full_forum():
    forum = ForumFactory()
    ForumOrganization.objects.create(forum=forum, organization=OrganizationFactory())
    return forum


# endpoint -> (make one full item, query budget for a page).
# Budgets: django CMS's apphook revision check, COUNT and SELECT, then one query per
# prefetched relation and one per relation's translations. Quotes: the apphook check,
# the search (8: the page with its quote rows, one query each for speakers, sessions,
# forums, venues and sources, affiliations, all their translations), topics and
# theirs, corrections.
ENDPOINTS = {
    "quotes": (_corrected_quote, 12),
    "sessions": (_full_session, 8),
    "speakers": (_full_speaker, 7),
    "forums": (_full_forum, 7),  # the venue's translations too
    "organizations": (OrganizationFactory, 4),
    "topics": (PanelTopicFactory, 4),
}


@pytest.fixture(autouse=True)
def _warm_up(client):
    # The first request of a process fills process-wide state (CMS URL revision, Site).
    client.get("/api/v1/topics/")


def _queries_for_list(client, endpoint, headers):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/api/v1/{endpoint}/?page_size=50", **headers)
    assert response.status_code == 200
    return len(queries), response.json()["count"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_list_query_count_is_flat_from_1_to_50(client, endpoint):
    make, budget = ENDPOINTS[endpoint]
    make()
    one, count_one = _queries_for_list(client, endpoint, {})
    for _ in range(49):
        make()
    fifty, count_fifty = _queries_for_list(client, endpoint, {})

    assert (count_one, count_fifty) == (1, 50)
    assert one == fifty <= budget, (one, fifty)


def test_quote_list_query_count_with_a_press_token(client, press_user):
    # A token adds the token lookup and the user's permissions, once per request.
    headers = auth(press_user)
    _corrected_quote()
    one, _ = _queries_for_list(client, "quotes", headers)
    for _ in range(49):
        _corrected_quote()
    fifty, count = _queries_for_list(client, "quotes", headers)

    assert count == 50
    assert one == fifty <= 15
