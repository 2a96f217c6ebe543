import datetime as dt

import pytest
from rest_framework.authtoken.models import Token

from events.models import Quote
from tests.factories import (
    AffiliationFactory,
    PanelTopicFactory,
    QuoteFactory,
    SessionFactory,
    SessionParticipantFactory,
    SourceFactory,
)

# The API's clock in these tests: the forum's first afternoon.
NOW = dt.datetime(2023, 7, 6, 6, 0, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(days=1)


@pytest.fixture
def frozen_now(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW


def auth(user):
    """Request headers for a fresh token of `user`."""
    token = Token.objects.create(user=user)
    return {"HTTP_AUTHORIZATION": f"Token {token.key}"}


@pytest.fixture
def callers(db, press_user, organizer):
    return {"anonymous": {}, "press": auth(press_user), "organizer": auth(organizer)}


@pytest.fixture
def quotes_by_state(db, frozen_now):
    """One quote in each state the visibility rules distinguish."""
    embargoed_session = SessionFactory(embargo_until=LATER)
    return {
        "verified": QuoteFactory(),
        "draft": QuoteFactory(status=Quote.Status.DRAFT),
        "retracted": QuoteFactory(status=Quote.Status.RETRACTED),
        "embargoed": QuoteFactory(embargo_until=LATER),
        "embargoed_session": QuoteFactory(session=embargoed_session, forum=embargoed_session.forum),
    }


def full_quote(**kwargs):
    """A quote with every relation the API shows filled in, as in a real agenda."""
    participant = SessionParticipantFactory()
    session = participant.session
    session.topics.add(PanelTopicFactory())
    AffiliationFactory(speaker=participant.speaker)
    quote = QuoteFactory(
        speaker=participant.speaker,
        session=session,
        forum=session.forum,
        source=SourceFactory(),
        **kwargs,
    )
    quote.topics.add(PanelTopicFactory())
    return quote
