"""The forum list and latest quotes plugins, for a home page or any other."""

import datetime as dt

import pytest
import time_machine
from cms.plugin_pool import plugin_pool
from django.test import RequestFactory
from django.utils import timezone, translation

from events import cms_plugins, generations
from events.models import Forum, Quote
from tests.events.test_cms_plugins import _count, _render
from tests.factories import ForumFactory, QuoteFactory

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2024, 6, 1, 4, tzinfo=dt.UTC)
FUTURE = dt.datetime(2999, 1, 1, tzinfo=dt.UTC)
# The forums, upcoming and past in one, their translations and their venues' names.
FORUM_LIST_BUDGET = 3
LATEST_QUOTES_BUDGET = 6  # quotes, their sessions' and forums' translations, affiliations...


def _forum(name, start, days=1, **fields):
    end = start + dt.timedelta(days=days - 1)
    return ForumFactory(name=name, start_date=start, end_date=end, **fields)


@time_machine.travel(TODAY, tick=False)
def test_forum_list_shows_upcoming_soonest_first_then_the_latest_past(site_pages):
    _forum("Later forum", dt.date(2024, 9, 1))
    _forum("Sooner forum", dt.date(2024, 7, 1))
    _forum("Running forum", dt.date(2024, 5, 31), days=3)
    _forum("Last year", dt.date(2023, 7, 6))
    _forum("Long ago", dt.date(2019, 7, 6))
    _forum("Draft forum", dt.date(2024, 8, 1), status=Forum.Status.DRAFT)
    html = _render("ForumListPlugin", count=4)
    order = ["Running forum", "Sooner forum", "Later forum", "Last year"]
    assert [html.index(name) for name in order] == sorted(html.index(name) for name in order)
    assert "Long ago" not in html and "Draft forum" not in html
    assert 'href="/en/forums/"' in html


@time_machine.travel(TODAY, tick=False)
def test_forum_list_shows_organizers_what_everyone_sees(site_pages, organizer):
    # The CMS keeps the plugin's output for every visitor: a draft must never be in it.
    _forum("Draft forum", dt.date(2024, 8, 1), status=Forum.Status.DRAFT)
    _forum("Published forum", dt.date(2024, 8, 2))
    html = _render("ForumListPlugin", user=organizer, count=4)
    assert "Published forum" in html and "Draft forum" not in html


@time_machine.travel(TODAY, tick=False)
def test_forum_list_of_only_past_forums_shows_the_latest(site_pages):
    _forum("Last year", dt.date(2023, 7, 6))
    _forum("Long ago", dt.date(2019, 7, 6))
    html = _render("ForumListPlugin", count=1)
    assert "Last year" in html and "Long ago" not in html


def test_forum_list_without_forums_says_so(site_pages):
    assert "No forums are published yet." in _render("ForumListPlugin", count=3)


@time_machine.travel(TODAY, tick=False)
def test_forum_list_query_count_does_not_grow(site_pages):
    _forum("Only", dt.date(2023, 7, 6))
    _count("ForumListPlugin", count=20)  # warm-up: per-process caches
    small = _count("ForumListPlugin", count=20)
    for year in range(2000, 2050):
        _forum(f"Forum {year}", dt.date(year, 7, 6))
    large = _count("ForumListPlugin", count=20)
    assert small == large <= FORUM_LIST_BUDGET


def test_latest_quotes_shows_the_newest_public_ones_with_attribution(site_pages, organizer):
    old = QuoteFactory(text="Old words.")
    Quote.objects.filter(pk=old.pk).update(created_at=dt.datetime(2023, 7, 6, tzinfo=dt.UTC))
    new = QuoteFactory(text="New words.", speaker__name="Xu Haidong")
    QuoteFactory(text="Draft words.", status=Quote.Status.DRAFT)
    QuoteFactory(text="Withdrawn words.", status=Quote.Status.RETRACTED)
    QuoteFactory(text="Embargoed words.", embargo_until=FUTURE)
    html = _render("LatestQuotesPlugin", count=1)
    assert "New words." in html and "Xu Haidong" in html and new.get_absolute_url() in html
    assert "Old words." not in html
    # Press staff and organizers see what everyone sees: no embargoed quote on a public page.
    for user in (None, organizer):
        html = _render("LatestQuotesPlugin", user=user, count=10)
        assert "Old words." in html
        for hidden in ("Draft words.", "Withdrawn words.", "Embargoed words."):
            assert hidden not in html


def test_latest_quotes_query_count_does_not_grow(site_pages):
    QuoteFactory()
    _count("LatestQuotesPlugin", count=50)
    small = _count("LatestQuotesPlugin", count=50)
    QuoteFactory.create_batch(49)
    large = _count("LatestQuotesPlugin", count=50)
    assert small == large <= LATEST_QUOTES_BUDGET


def test_home_plugins_may_be_cached_until_the_next_embargo_lift(site_pages):
    lift = timezone.now() + dt.timedelta(hours=2)
    QuoteFactory(embargo_until=lift)
    request = RequestFactory().get("/en/")
    for plugin_type in ("ForumListPlugin", "LatestQuotesPlugin"):
        plugin = plugin_pool.get_plugin(plugin_type)
        assert plugin.cache is True
        assert plugin().get_cache_expiration(request, None, None) == lift


def test_home_plugins_are_named_in_chinese():
    names = {"ForumListPlugin": "论坛", "LatestQuotesPlugin": "最新引语"}
    for plugin_type, chinese in names.items():
        plugin = plugin_pool.get_plugin(plugin_type)
        with translation.override("zh-hans"):
            assert str(plugin.name) == chinese


def test_every_plugin_the_cms_may_cache_has_its_caches_emptied_by_writes():
    cached = {name for name, plugin in plugin_pool.plugins.items() if plugin.cache}
    events_cached = {
        name for name in cached if plugin_pool.plugins[name].__module__ == cms_plugins.__name__
    }
    assert events_cached == set(generations.CMS_PLUGINS_SAME_FOR_EVERYONE)
