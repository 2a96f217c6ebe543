"""Times in the visitor's zone, in a real browser set to another zone, across a DST change."""

import datetime as dt
import zoneinfo

import pytest

from tests.factories import ForumFactory, SessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


@pytest.fixture
def forum(site_pages):
    # Berlin moves its clocks forward in the night of 30 to 31 March 2024; New York
    # already did on 10 March. The same 10:00 in Berlin is 05:00, then 04:00, in New York.
    forum = ForumFactory(
        slug="dst-forum",
        time_zone="Europe/Berlin",
        start_date=dt.date(2024, 3, 30),
        end_date=dt.date(2024, 3, 31),
    )
    for day, slug in ((30, "before"), (31, "after")):
        start = dt.datetime(2024, 3, day, 10, tzinfo=BERLIN)
        SessionFactory(
            forum=forum, slug=slug, title=slug, starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
        )  # fmt: skip
    return forum


def _visitor_times(page):
    return page.locator(".visitor-time").all_inner_texts()


def test_the_switch_adds_the_visitors_times_and_is_remembered(new_context, live_server, forum):
    page = new_context(timezone_id="America/New_York").new_page()
    page.goto(live_server.url + forum.get_absolute_url())
    switch = page.get_by_label("Also show times in my time zone")
    assert page.locator(".zone-switch-name").first.inner_text() == "America/New York"
    assert _visitor_times(page) == []
    switch.check()
    assert _visitor_times(page) == [
        " · 05:00–06:00 EDT (your time)",
        " · 04:00–05:00 EDT (your time)",
    ]
    # The forum's own times stay, labelled with its zone.
    assert page.locator("time").all_inner_texts() == ["10:00–11:00", "10:00–11:00"]
    page.goto(live_server.url + forum.get_absolute_url() + "after/")
    assert _visitor_times(page) == [" · 04:00–05:00 EDT (your time)"]
    page.get_by_label("Also show times in my time zone").uncheck()
    assert _visitor_times(page) == []


def test_a_day_that_differs_is_named(new_context, live_server, forum):
    page = new_context(timezone_id="Pacific/Auckland").new_page()
    page.goto(live_server.url + forum.get_absolute_url())
    page.get_by_label("Also show times in my time zone").check()
    # 10:00 in Berlin on the 30th is 22:00 the same day in Auckland (NZDT, +13), and on
    # the 31st 21:00 (Berlin is +2 by then).
    assert _visitor_times(page) == [
        " · 22:00–23:00 GMT+13 (your time)",
        " · 21:00–22:00 GMT+13 (your time)",
    ]
    page = new_context(timezone_id="Asia/Tokyo").new_page()
    page.goto(live_server.url + forum.get_absolute_url() + "before/")
    page.get_by_label("Also show times in my time zone").check()
    assert _visitor_times(page) == [" · 18:00–19:00 GMT+9 (your time)"]


def test_chinese_pages_label_it_in_chinese(new_context, live_server, forum):
    page = new_context(timezone_id="America/New_York").new_page()
    page.goto(live_server.url + forum.get_absolute_url().replace("/en/", "/zh-hans/", 1))
    page.locator(".zone-switch input").check()
    shown = _visitor_times(page)
    assert len(shown) == 2 and all("您的时间" in text for text in shown)


def test_visitors_in_the_forums_zone_and_without_javascript_see_no_switch(
    new_context, live_server, forum
):
    same = new_context(timezone_id="Europe/Berlin").new_page()
    same.goto(live_server.url + forum.get_absolute_url())
    assert not same.locator(".zone-switch").is_visible()
    plain = new_context(java_script_enabled=False, timezone_id="America/New_York").new_page()
    plain.goto(live_server.url + forum.get_absolute_url())
    assert not plain.locator(".zone-switch").is_visible()
    assert plain.locator("time").all_inner_texts() == ["10:00–11:00", "10:00–11:00"]
