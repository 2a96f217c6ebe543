import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from events.models import Forum, Quote, Session
from tests.factories import QuoteFactory, SessionFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2023, 7, 6, 12, 0, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(hours=2)
ANONYMOUS = AnonymousUser()


def _visible(user, at=NOW):
    return set(Quote.objects.visible_to(user, at=at))


def test_verified_quote_is_public():
    quote = QuoteFactory()
    assert _visible(ANONYMOUS) == {quote}


@pytest.mark.parametrize("status", [Quote.Status.DRAFT, Quote.Status.RETRACTED])
def test_unverified_quote_is_hidden_from_public_and_press(status, press_user):
    QuoteFactory(status=status)
    assert _visible(ANONYMOUS) == set()
    assert _visible(press_user) == set()


def test_embargoed_quote_is_hidden_until_embargo_ends():
    quote = QuoteFactory(embargo_until=LATER)
    assert _visible(ANONYMOUS, at=NOW) == set()
    assert _visible(ANONYMOUS, at=LATER) == {quote}


def test_quote_in_embargoed_session_is_hidden_until_embargo_ends():
    session = SessionFactory(embargo_until=LATER)
    quote = QuoteFactory(session=session, forum=session.forum)
    assert _visible(ANONYMOUS, at=NOW) == set()
    assert _visible(ANONYMOUS, at=LATER + dt.timedelta(seconds=1)) == {quote}


def test_press_sees_embargoed_quotes(press_user):
    session = SessionFactory(embargo_until=LATER)
    own = QuoteFactory(embargo_until=LATER)
    in_session = QuoteFactory(session=session, forum=session.forum)
    assert _visible(press_user) == {own, in_session}


def test_quote_of_draft_forum_is_hidden(press_user):
    QuoteFactory(forum__status=Forum.Status.DRAFT)
    assert _visible(ANONYMOUS) == set()
    assert _visible(press_user) == set()


def test_quote_of_unpublished_speaker_is_hidden():
    QuoteFactory(speaker__is_published=False)
    assert _visible(ANONYMOUS) == set()


def test_quote_in_draft_session_is_hidden(press_user):
    session = SessionFactory(status=Session.Status.DRAFT)
    QuoteFactory(session=session, forum=session.forum)
    assert _visible(ANONYMOUS) == set()
    assert _visible(press_user) == set()


def test_quote_in_cancelled_session_stays_public():
    session = SessionFactory(status=Session.Status.CANCELLED)
    quote = QuoteFactory(session=session, forum=session.forum)
    assert _visible(ANONYMOUS) == {quote}


def test_organizer_sees_every_quote(organizer):
    quotes = {
        QuoteFactory(status=Quote.Status.DRAFT),
        QuoteFactory(status=Quote.Status.RETRACTED),
        QuoteFactory(embargo_until=LATER),
        QuoteFactory(forum__status=Forum.Status.DRAFT),
    }
    assert _visible(organizer) == quotes


def test_session_visibility_by_status_and_embargo(press_user, organizer):
    published = SessionFactory()
    cancelled = SessionFactory(status=Session.Status.CANCELLED)
    draft = SessionFactory(status=Session.Status.DRAFT)
    embargoed = SessionFactory(embargo_until=LATER)
    in_draft_forum = SessionFactory(forum__status=Forum.Status.DRAFT)

    def visible(user):
        return set(Session.objects.visible_to(user, at=NOW))

    assert visible(ANONYMOUS) == {published, cancelled}
    assert visible(press_user) == {published, cancelled, embargoed}
    assert visible(organizer) == {published, cancelled, draft, embargoed, in_draft_forum}


def test_forum_and_speaker_visibility(organizer):
    from speakers.models import Speaker

    quote = QuoteFactory(forum__status=Forum.Status.DRAFT, speaker__is_published=False)
    assert set(Forum.objects.visible_to(ANONYMOUS)) == set()
    assert set(Forum.objects.visible_to(organizer)) == {quote.forum}
    assert set(Speaker.objects.visible_to(ANONYMOUS)) == set()
    assert set(Speaker.objects.visible_to(organizer)) == {quote.speaker}


def test_visibility_holds_inside_a_subquery_of_the_same_table():
    # As a subquery the quote table is renamed (U0): the clause must follow it.
    shown, hidden = QuoteFactory(), QuoteFactory(status=Quote.Status.DRAFT)
    inner = Quote.objects.visible_to(ANONYMOUS, at=NOW).values("pk")
    outer = Quote.objects.filter(pk__in=inner)
    assert 'U0."status"' in str(outer.query).replace("`", '"')
    assert set(outer) == {shown}
    assert set(Quote.objects.exclude(pk__in=inner)) == {hidden}


def test_visibility_holds_inside_a_subquery_of_another_model():
    # Django resolves a subquery's WHERE again against the outer query (Session here).
    shown, hidden = SessionFactory(), SessionFactory()
    QuoteFactory(session=shown, forum=shown.forum)
    QuoteFactory(session=hidden, forum=hidden.forum, status=Quote.Status.DRAFT)
    visible = Quote.objects.visible_to(ANONYMOUS, at=NOW)
    assert set(Session.objects.filter(quotes__in=visible)) == {shown}
