"""events/invalidation.py: each write bumps the generations of the pages it changes."""

import pytest
from django.core.cache import cache

from events import generations
from events.generations import FORUMS, SITE
from events.models import QuoteCorrection, Session
from tests.factories import (
    AffiliationFactory,
    ForumFactory,
    PanelTopicFactory,
    QuoteFactory,
    RoomFactory,
    SessionFactory,
    SessionParticipantFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def bumped(django_capture_on_commit_callbacks):
    """bumped(write) -> the names of the generations `write()` changed."""

    def run(write, names=(SITE, FORUMS, "forum:a", "forum:b")):
        before = _numbers(names)
        with django_capture_on_commit_callbacks(execute=True):
            write()
        after = _numbers(names)
        return {name for name, old, new in zip(names, before, after, strict=True) if new != old}

    return run


def _numbers(names):
    return generations.numbers(names, cache.get_many([generations.key(n) for n in names]))


@pytest.fixture
def session():
    return SessionFactory(forum=ForumFactory(slug="a"))


def test_a_session_edit_bumps_its_forum_and_the_pages_across_forums(bumped, session):
    def write():
        session.title = "Retitled"
        session.save()

    assert bumped(write) == {"forum:a", FORUMS}


def test_a_status_change_by_the_services_bumps_its_forum(bumped, session):
    from events import services

    sessions = Session.objects.filter(pk=session.pk)
    assert bumped(lambda: services.sessions_unpublish(sessions=sessions)) == {"forum:a", FORUMS}


def test_a_session_moved_to_another_forum_bumps_both(bumped, session):
    other = ForumFactory(slug="b")

    def write():
        session.forum = other
        session.save()

    assert bumped(write) == {"forum:a", "forum:b", FORUMS}


def test_a_renamed_forum_slug_bumps_the_old_and_the_new_one(bumped, session):
    def write():
        session.forum.slug = "b"
        session.forum.save()

    assert bumped(write) == {"forum:a", "forum:b", FORUMS}


@pytest.mark.parametrize(
    "write",
    [
        "participant added",
        "participant removed",
        "quote added",
        "quote corrected",
        "quote deleted",
        "topic set",
        "session deleted",
    ],
)
def test_rows_of_a_forums_agenda_bump_that_forum(bumped, session, write):
    participant = SessionParticipantFactory(session=session)
    quote = QuoteFactory(forum=session.forum, session=session)
    topic = PanelTopicFactory()
    speaker = SpeakerFactory()
    action = {
        "participant added": lambda: SessionParticipantFactory(session=session, speaker=speaker),
        "participant removed": participant.delete,
        "quote added": lambda: QuoteFactory(forum=session.forum, speaker=speaker),
        "quote corrected": lambda: QuoteCorrection.objects.create(quote=quote, field="text"),
        "quote deleted": quote.delete,
        "topic set": lambda: session.topics.set([topic]),
        "session deleted": lambda: (quote.delete(), session.delete()),
    }[write]
    assert bumped(action) == {"forum:a", FORUMS}


@pytest.mark.parametrize("write", ["speaker", "affiliation", "topic", "room", "topic sessions"])
def test_content_that_is_no_forums_own_bumps_the_site(bumped, session, write):
    topic = PanelTopicFactory()
    action = {
        "speaker": lambda: SpeakerFactory(),
        "affiliation": lambda: AffiliationFactory(),
        "topic": lambda: PanelTopicFactory(),
        "room": lambda: RoomFactory(),
        "topic sessions": lambda: topic.sessions.add(session),
    }[write]
    assert SITE in bumped(action)


def test_writes_no_public_page_shows_bump_nothing(bumped, django_user_model, client):
    def write():
        user = django_user_model.objects.create_user("someone", password="pw")
        client.force_login(user)  # a session row, a last_login

    assert bumped(write) == set()


def test_login_attempts_bump_nothing(bumped, django_user_model, client):
    # django-axes writes a row per failed login (AccessAttempt) and per login (AccessLog):
    # someone guessing passwords must not empty the page cache with each guess.
    from axes.models import AccessAttempt, AccessLog

    django_user_model.objects.create_user("someone", password="right-one")

    def log_in(password):
        return lambda: client.post(
            "/en/accounts/login/", {"username": "someone", "password": password}
        )

    assert bumped(log_in("wrong")) == set()
    assert AccessAttempt.objects.filter(username="someone").count() == 1
    assert bumped(log_in("right-one")) == set()
    assert AccessLog.objects.filter(username="someone").count() == 1


def test_an_agenda_import_bumps_the_site(bumped):
    # Its sessions, speakers and participants go in by bulk_create: no signal tells.
    from events.interop import importer
    from events.interop.csv_import import parse_csv

    forum = ForumFactory(slug="a")
    RoomFactory(venue=forum.venue, name="Hall A")
    data = (
        b"ref,day,start,end,room,title,kind,topics,moderator,abstract,speakers\r\n"
        b"S01,2023-07-06,10:00,10:30,Hall A,Opening,opening,,,,Zhang Wei\r\n"
    )
    parsed = parse_csv(data, forum=forum)
    plan = importer.plan_import(forum=forum, parsed=parsed, language="en")
    assert plan.is_valid, plan.all_errors
    assert SITE in bumped(lambda: importer.apply_plan(plan=plan))


def test_audit_entries_and_the_embargo_view_log_bump_nothing(bumped, session, django_user_model):
    # Written beside edits and on every press room view: neither changes a public page.
    import datetime as dt

    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    from events.models import EmbargoView

    quote = QuoteFactory(forum=session.forum, session=session)
    user = django_user_model.objects.create_user("press")

    def write():
        entry = LogEntry.objects.log_create(
            session, action=LogEntry.Action.UPDATE, changes={"title": ["a", "b"]}
        )
        entry.changes = {"title": ["a", "c"]}
        entry.save()
        assert entry.content_type == ContentType.objects.get_for_model(Session)
        seen = EmbargoView.objects.create(
            quote=quote, user=user, username="press", surface=EmbargoView.Surface.SEARCH,
            embargo_until=dt.datetime(2030, 1, 1, tzinfo=dt.UTC),
        )  # fmt: skip
        seen.delete()

    assert bumped(write) == set()
