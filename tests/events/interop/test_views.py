import csv
import io

import pytest
from django.core.cache import cache
from django.urls import reverse

from events.models import Forum, Room
from tests.events.interop.conftest import many_sessions
from tests.events.public_data import translate
from tests.factories import ForumFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.events.interop.urls")]

# CMS url revision, forum + name, sessions + translations, room names, topic links +
# titles, participants, speakers; the CSV (model instances) has speakers with participants and
# adds affiliations and organizations with their translations, but not the forum's name.
BUDGETS = {
    "events:forum-schedule-xml": 10,
    "events:forum-schedule-json": 10,
    "events:forum-agenda-csv": 11,
}
EXPORTS = list(BUDGETS)


def _get(client, name, slug):
    return client.get(reverse(name, kwargs={"slug": slug}))


def test_schedule_xml_is_served_as_xml(client, demo_forum, xsd):
    response = _get(client, "events:forum-schedule-xml", demo_forum.slug)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    xsd.validate(response.content.decode())
    assert b"<url>http://testserver/" in response.content


def test_schedule_json_is_served_and_valid(client, demo_forum, json_validator):
    response = _get(client, "events:forum-schedule-json", demo_forum.slug)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert list(json_validator.iter_errors(response.json())) == []


def test_agenda_csv_has_bom_and_the_import_columns(client, demo_forum):
    response = _get(client, "events:forum-agenda-csv", demo_forum.slug)
    assert response["Content-Disposition"] == (
        'attachment; filename="china-auto-forum-2023-agenda.csv"'
    )
    text = response.content.decode("utf-8")
    header, *rows = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    assert header == [
        "ref", "day", "start", "end", "room", "title", "kind",
        "topics", "moderator", "abstract", "speakers", "time_zone",
    ]  # fmt: skip
    # The times are local; the last column says where.
    assert {row[-1] for row in rows} == {"Asia/Shanghai"}
    assert "S03,2023-07-06,14:00,15:30,Hall B,Going abroad,panel," in text
    assert "Xu Haidong | deputy chief engineer | China Association of Automobile" in text


def test_chinese_page_exports_chinese_titles(client, demo_forum):
    response = client.get(
        reverse("events:forum-schedule-xml", kwargs={"slug": demo_forum.slug}).replace(
            "/en/", "/zh-hans/"
        )
    )
    assert "<title>2023中国汽车论坛</title>" in response.content.decode()


def test_chinese_export_names_rooms_in_chinese_else_english(client, demo_forum):
    translate(Room.objects.get(translations__name="Main Hall"), name="主会场")
    url = reverse("events:forum-schedule-xml", kwargs={"slug": demo_forum.slug})
    xml = client.get(url.replace("/en/", "/zh-hans/")).content.decode()
    assert '<room name="主会场"' in xml and '<room name="Hall B"' in xml
    assert "<room>主会场</room>" in xml


@pytest.mark.parametrize("name", EXPORTS)
def test_draft_forum_has_no_exports(client, name):
    forum = ForumFactory(status=Forum.Status.DRAFT)
    assert _get(client, name, forum.slug).status_code == 404


@pytest.mark.parametrize("name", EXPORTS)
def test_export_query_count_does_not_grow_with_sessions(client, name, django_assert_num_queries):
    small, large = ForumFactory(), ForumFactory()
    many_sessions(small, 1)
    many_sessions(large, 50)
    _get(client, name, small.slug)  # the CMS records its url revision on the first request
    for forum, count in ((small, 1), (large, 50)):
        cache.clear()
        with django_assert_num_queries(BUDGETS[name]):
            response = _get(client, name, forum.slug)
        assert response.content.count(b"Session ") >= count
