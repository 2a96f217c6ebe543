"""events/generations.py: numbers that only grow, scopes of pages, the next change in time."""

import datetime as dt
import zoneinfo

import pytest
from django.core.cache import cache
from django.urls import resolve

from events import generations
from events.generations import FORUMS, SITE, PageScope
from tests.factories import ForumFactory, QuoteFactory, SessionFactory

NOW = dt.datetime(2023, 7, 5, 12, 0, tzinfo=dt.UTC)

pytestmark = pytest.mark.django_db


def _numbers(*names):
    return generations.numbers(names, cache.get_many([generations.key(n) for n in names]))


def test_a_bump_changes_only_the_generations_named(django_capture_on_commit_callbacks):
    before = _numbers(SITE, FORUMS, "forum:a")
    with django_capture_on_commit_callbacks(execute=True):
        generations.bump("forum:a", FORUMS)
    after = _numbers(SITE, FORUMS, "forum:a")
    assert after[0] == before[0]
    assert after[1] > before[1] and after[2] > before[2]


def test_a_bump_waits_for_the_commit(django_capture_on_commit_callbacks):
    before = _numbers(SITE)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        generations.bump(SITE)
    assert _numbers(SITE) == before  # rolled back: nothing changes
    callbacks[0]()
    assert _numbers(SITE) > before


def test_an_evicted_generation_never_comes_back_to_an_old_number(
    django_capture_on_commit_callbacks,
):
    (first,) = _numbers(SITE)
    with django_capture_on_commit_callbacks(execute=True):
        generations.bump(SITE)
    cache.delete(generations.key(SITE))  # evicted by Redis, say
    (restarted,) = _numbers(SITE)
    assert restarted > first + 1


@pytest.mark.parametrize(
    ("path", "forum"),
    [
        ("/en/forums/", None),
        ("/en/forums/caf/", "caf"),
        ("/en/forums/caf/opening/", "caf"),
        ("/en/forums/caf/calendar.ics", "caf"),
        ("/en/forums/caf/opening/calendar.ics", "caf"),
        ("/en/forums/caf/schedule.xml", "caf"),
        ("/en/forums/caf/sessions.rss", "caf"),
        ("/en/forums/quotes/12/", None),
        ("/en/forums/quotes.rss", None),
        ("/en/speakers/xu/", None),
        ("/en/topics/exports/", None),
        ("/en/", None),
    ],
)
def test_a_forums_own_pages_are_scoped_to_it(site_pages, path, forum):
    scope = generations.scope_of(resolve(path))
    assert scope == PageScope(forum)
    assert scope.names == ((SITE, f"forum:{forum}") if forum else (SITE, FORUMS))


def test_a_forum_page_changes_next_when_one_of_its_embargoes_lifts():
    forum = ForumFactory(slug="caf")
    lift = NOW + dt.timedelta(hours=3)
    SessionFactory(forum=forum, embargo_until=NOW + dt.timedelta(hours=5))
    QuoteFactory(forum=forum, embargo_until=lift)
    QuoteFactory(forum=forum, embargo_until=NOW - dt.timedelta(hours=1))  # lifted already
    QuoteFactory(embargo_until=NOW + dt.timedelta(hours=1))  # another forum's
    # A session ending: agendas show it all the same.
    SessionFactory(forum=forum, starts_at=NOW, ends_at=NOW + dt.timedelta(minutes=30))
    assert PageScope("caf").next_change(NOW) == lift
    assert PageScope("elsewhere").next_change(NOW) is None


def test_a_page_across_forums_changes_with_any_lift_session_end_or_midnight(settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    midnight = dt.datetime(2023, 7, 6, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
    assert PageScope(None).next_change(NOW) == midnight
    session = SessionFactory(starts_at=NOW, ends_at=NOW + dt.timedelta(hours=2))
    assert PageScope(None).next_change(NOW) == session.ends_at
    QuoteFactory(embargo_until=NOW + dt.timedelta(minutes=10))
    assert PageScope(None).next_change(NOW) == NOW + dt.timedelta(minutes=10)
