"""Property tests from the OpenAPI schema: whatever schemathesis sends, never a 500.

The schema is fetched from /api/schema/ with `schemathesis.openapi.from_wsgi`, and each
operation gets a bounded number of generated requests, valid and invalid ones, sent to
the WSGI app in-process as an anonymous caller and with an organizer's token, over a
small agenda with quotes in every state. Successful answers must also match the schema.

The operations are driven with Hypothesis directly rather than `schema.parametrize()`:
schemathesis's lazy pytest loader, needed to load the schema inside a test database,
relies on a private pytest attribute that pytest 9 removed.
"""

import datetime as dt

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance

from events.models import Quote
from forum_site.wsgi import application
from tests.events.api.conftest import auth, full_quote
from tests.factories import QuoteFactory

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 20
CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture
def test_connection_kept():
    """Keep the test transaction's connection open across WSGI requests.

    Django's WSGI handler closes the connection when a request ends; its test client
    turns that off, and so must a test calling the WSGI app directly (on PostgreSQL
    the closed connection would end the test's transaction).
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def seeded(organizer):
    quote = full_quote(text="China exported five million cars.")
    full_quote(status=Quote.Status.DRAFT)
    full_quote(embargo_until=dt.datetime(2099, 1, 1, tzinfo=dt.UTC))
    QuoteFactory(status=Quote.Status.RETRACTED, original_text="中国汽车出口增长很快")
    QuoteFactory(speaker=quote.speaker, session=quote.session, forum=quote.forum)


def _cases(operation):
    return st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )


def test_no_generated_request_gets_a_server_error(test_connection_kept, seeded, organizer):
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
    organizer_token = {"Authorization": auth(organizer)["HTTP_AUTHORIZATION"]}
    operations = [result.ok() for result in schema.get_all_operations()]

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def check(data):
        for operation in operations:
            case = data.draw(_cases(operation), label=operation.label)
            case.call_and_validate(checks=CHECKS)
            case.call_and_validate(headers=organizer_token, checks=CHECKS)

    assert len(operations) == 12
    check()
