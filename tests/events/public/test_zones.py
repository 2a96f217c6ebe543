"""Time zone labels: the forum's offset and its city, in the reader's language."""

import datetime as dt
import zoneinfo

import pytest
from django.utils import translation

from events.public.zones import CITIES, city, offset, zone_label
from tests.factories import ForumFactory, SessionFactory


def test_every_translated_city_is_a_real_zone():
    assert set(CITIES) <= zoneinfo.available_timezones()


@pytest.mark.parametrize(
    ("zone", "day", "expected"),
    [
        ("Asia/Shanghai", dt.date(2023, 7, 6), "GMT+8"),
        ("Asia/Kolkata", dt.date(2023, 7, 6), "GMT+5:30"),
        ("America/St_Johns", dt.date(2023, 1, 10), "GMT-3:30"),
        ("Europe/Berlin", dt.date(2023, 7, 6), "GMT+2"),  # summer time on that day
        ("Europe/Berlin", dt.date(2023, 1, 10), "GMT+1"),
        ("UTC", dt.date(2023, 7, 6), "GMT+0"),
    ],
)
def test_offset_on_the_day(zone, day, expected):
    assert offset(zoneinfo.ZoneInfo(zone), day) == expected


def test_city_in_chinese_and_english():
    with translation.override("zh-hans"):
        assert city("Asia/Shanghai") == "上海"
        assert city("Europe/Berlin") == "柏林"
    assert city("Asia/Shanghai") == "Shanghai"


def test_a_zone_without_a_translation_shows_its_iana_city():
    with translation.override("zh-hans"):
        assert city("America/Argentina/Buenos_Aires") == "Buenos Aires"


@pytest.mark.django_db
def test_label_in_both_languages():
    forum = ForumFactory.build(time_zone="Asia/Shanghai")
    assert zone_label(forum) == "GMT+8, Shanghai"
    with translation.override("zh-hans"):
        assert zone_label(forum) == "GMT+8，上海"


@pytest.mark.django_db
def test_chinese_agenda_and_session_show_the_chinese_label(client, site_pages):
    session = SessionFactory()
    agenda = session.forum.get_absolute_url().replace("/en/", "/zh-hans/", 1)
    page = session.get_absolute_url().replace("/en/", "/zh-hans/", 1)
    agenda_html = client.get(agenda).content.decode()
    assert "所有时间均为当地时间（GMT+8，上海）" in agenda_html
    assert "GMT+8, Shanghai" not in agenda_html
    page_html = client.get(page).content.decode()
    # Around the label, the catalog's punctuation (views.common.session_when).
    assert "GMT+8，上海" in page_html and "GMT+8, Shanghai" not in page_html


@pytest.mark.django_db
def test_the_zone_switch_words_and_brackets_come_from_the_catalog(client, site_pages):
    session = SessionFactory()
    agenda = session.forum.get_absolute_url()
    english = client.get(agenda).content.decode()
    chinese = client.get(agenda.replace("/en/", "/zh-hans/", 1)).content.decode()
    assert 'data-your-time="{time} (your time)"' in english
    assert 'my time zone (<span class="zone-switch-name"></span>)' in english
    # zones.js puts the visitor's time where {time} stands; Chinese brackets are full-width.
    assert 'data-your-time="{time}（您的时间）"' in chinese
    assert '（<span class="zone-switch-name"></span>）' in chinese


@pytest.mark.django_db
def test_times_across_a_dst_change_carry_each_days_offset(client, site_pages):
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    forum = ForumFactory(
        slug="dst", time_zone="Europe/Berlin",
        start_date=dt.date(2024, 3, 30), end_date=dt.date(2024, 3, 31),
    )  # fmt: skip
    for day in (30, 31):
        start = dt.datetime(2024, 3, day, 10, tzinfo=berlin)
        SessionFactory(forum=forum, starts_at=start, ends_at=start + dt.timedelta(hours=1))
    html = client.get(forum.get_absolute_url()).content.decode()
    assert 'datetime="2024-03-30T10:00:00+01:00" data-ends="2024-03-30T11:00:00+01:00"' in html
    assert 'datetime="2024-03-31T10:00:00+02:00" data-ends="2024-03-31T11:00:00+02:00"' in html
