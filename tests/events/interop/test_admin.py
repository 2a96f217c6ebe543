"""The agenda import screens, driven through HTTP as an organizer would."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from events.interop.plan import MAX_IMPORT_BYTES
from events.interop.xlsx_import import OLE2_MAGIC
from events.models import Forum, Session
from tests.events.interop.conftest import db_snapshot
from tests.events.interop.test_frab_import import MINIMAL
from tests.events.interop.test_xlsx_import import xlsx
from tests.factories import ForumFactory, RoomFactory

pytestmark = pytest.mark.django_db

DEMO_CSV = Path(__file__).resolve().parents[3] / "events" / "demo" / "demo-agenda.csv"
HEADER = "ref,day,start,end,room,title,kind,topics,moderator,abstract,speakers\n"


@pytest.fixture(autouse=True)
def _private_upload_dir(settings, tmp_path):
    settings.AGENDA_IMPORT_DIR = tmp_path / "imports"


@pytest.fixture
def demo(db):
    call_command("load_demo")
    return Forum.objects.get(slug="china-auto-forum-2023")


def _upload(client, forum, content, name="agenda.csv", **options):
    url = reverse("admin:events_forum_import_agenda", args=[forum.pk])
    data = {"file": SimpleUploadedFile(name, content), "language": "en", **options}
    return client.post(url, data)


def _preview(client, forum, content, **options):
    response = _upload(client, forum, content, **options)
    assert response.status_code == 302, response.content.decode()
    return response["Location"], client.get(response["Location"])


def test_change_page_links_to_the_import(organizer_client, demo):
    response = organizer_client.get(reverse("admin:events_forum_change", args=[demo.pk]))
    url = reverse("admin:events_forum_import_agenda", args=[demo.pk])
    assert f'href="{url}"' in response.content.decode()
    page = organizer_client.get(url)
    assert page.status_code == 200
    assert "at most 5 MB" in page.content.decode()


def test_demo_csv_previews_and_confirms_without_duplicates(organizer_client, demo):
    before = db_snapshot()
    preview_url, preview = _preview(organizer_client, demo, DEMO_CSV.read_bytes())
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Sessions unchanged: 9" in html
    assert "Luo Junjie (matched)" in html
    assert "Confirm and import" in html
    assert db_snapshot() == before  # the preview is a dry run

    response = organizer_client.post(preview_url, {"confirm": "1"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:events_forum_change", args=[demo.pk])
    assert "0 created, 0 updated, 9 unchanged" in response.content.decode()
    assert db_snapshot() == before
    # The staged upload is gone: confirming twice does not import twice.
    again = organizer_client.post(preview_url, {"confirm": "1"})
    assert again["Location"] == reverse("admin:events_forum_import_agenda", args=[demo.pk])


def test_an_edited_row_and_a_new_row_are_applied(organizer_client, demo):
    text = DEMO_CSV.read_text(encoding="utf-8-sig").replace("Tea break", "Coffee break", 1)
    text += "late-talk,2023-07-07,16:00,16:20,Main Hall,Late talk,keynote,,,,"
    text += "Ann Example | CEO | Newco\n"
    preview_url, preview = _preview(organizer_client, demo, text.encode())
    html = preview.content.decode()
    assert "Sessions to create: 1" in html and "Sessions to update: 1" in html
    assert "Ann Example (new)" in html and "Newco (new)" in html
    count = Session.objects.count()
    organizer_client.post(preview_url, {"confirm": "1"})
    assert Session.objects.count() == count + 1
    tea = Session.objects.get(forum=demo, slug="tea-break-day-1")
    assert tea.safe_translation_getter("title", language_code="en") == "Coffee break"
    assert Session.objects.get(ref="late-talk").status == Session.Status.DRAFT


def test_errors_show_row_column_reason_and_cannot_be_confirmed(organizer_client, demo):
    bad = HEADER + (
        "x1,2023-07-06,11:00,10:00,Main Hall,Backwards,keynote,,,,\n"
        "x2,2023-07-06,11:00,11:30,Attic,Nowhere,keynote,,,,\n"
    )
    before = db_snapshot()
    preview_url, preview = _preview(organizer_client, demo, bad.encode())
    html = preview.content.decode()
    assert preview.status_code == 422
    ends = r"<td>row 2</td><td>end</td><td>It ends at 10:00, before it starts at 11:00."
    assert re.search(ends, html)
    assert re.search(r"<td>row 3</td><td>room</td><td>Unknown room &#x27;Attic&#x27;", html)
    assert "Confirm and import" not in html
    forced = organizer_client.post(preview_url, {"confirm": "1"})
    assert forced.status_code == 422
    assert "nothing was imported" in forced.content.decode()
    assert db_snapshot() == before


def test_frab_xml_previews_and_applies(organizer_client):
    forum = ForumFactory(start_date="2023-07-06", end_date="2023-07-07")
    xml = MINIMAL.format(zone="<time_zone_name>Asia/Shanghai</time_zone_name>").encode()
    # The name says CSV; the content is frab XML, and the content decides.
    preview_url, preview = _preview(organizer_client, forum, xml, name="agenda.csv")
    html = preview.content.decode()
    assert "Sessions to create: 1" in html and "Ada Example (new)" in html
    assert "Unknown event type &#x27;Juggling act&#x27; is imported as &#x27;Other&#x27;." in html
    organizer_client.post(preview_url, {"confirm": "1"})
    session = Session.objects.get(forum=forum)
    assert str(session.guid) == "5f0a3e2e-9b4a-5c7e-8f10-1d2e3f4a5b6c"
    assert session.kind == Session.Kind.OTHER
    assert session.room.name == "Hall M"


def test_frab_without_time_zone_asks_for_one(organizer_client):
    forum = ForumFactory(start_date="2023-07-06", end_date="2023-07-07")
    xml = MINIMAL.format(zone="").encode()
    _url, preview = _preview(organizer_client, forum, xml)
    assert "does not say which time zone" in preview.content.decode()
    _url, preview = _preview(organizer_client, forum, xml, time_zone="Asia/Shanghai")
    assert "Sessions to create: 1" in preview.content.decode()


def test_clashes_must_be_confirmed(organizer_client):
    forum = ForumFactory(start_date="2023-07-06", end_date="2023-07-07")
    RoomFactory(venue=forum.venue, name="Main Hall")
    both = HEADER + (
        "a,2023-07-06,10:00,11:00,Main Hall,First,keynote,,,,\n"
        "b,2023-07-06,10:30,11:30,Main Hall,Second,keynote,,,,\n"
    )
    preview_url, preview = _preview(organizer_client, forum, both.encode())
    assert "Clashes" in preview.content.decode()
    refused = organizer_client.post(preview_url, {"confirm": "1"})
    assert "overlaps need confirming" in refused.content.decode()
    assert not Session.objects.filter(forum=forum).exists()
    organizer_client.post(preview_url, {"confirm": "1", "confirm_overlaps": "1"})
    assert Session.objects.filter(forum=forum, allow_overlap=True).count() == 2


def test_oversize_file_is_refused_clearly(organizer_client, demo):
    before = db_snapshot()
    response = _upload(organizer_client, demo, b"x" * (MAX_IMPORT_BYTES + 1))
    assert response.status_code == 200
    assert f"the limit is {MAX_IMPORT_BYTES} bytes (5 MB)" in response.content.decode()
    assert db_snapshot() == before


def test_unreadable_xml_is_refused_at_upload(organizer_client, demo):
    response = _upload(organizer_client, demo, b"<?xml version='1.0'?><schedule><day>")
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


def test_without_permission_403(client, django_user_model, demo):
    viewer = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    from django.contrib.auth.models import Permission

    viewer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_forum", "change_forum", "view_session"])
    )
    client.force_login(viewer)
    url = reverse("admin:events_forum_import_agenda", args=[demo.pk])
    assert client.get(url).status_code == 403
    before = db_snapshot()
    response = client.post(url, {"file": SimpleUploadedFile("a.csv", DEMO_CSV.read_bytes())})
    assert response.status_code == 403
    assert db_snapshot() == before
    change = client.get(reverse("admin:events_forum_change", args=[demo.pk]))
    assert url not in change.content.decode()


def test_a_preview_token_works_only_in_its_own_session(organizer_client, organizer, demo):
    preview_url, _preview_page = _preview(organizer_client, demo, DEMO_CSV.read_bytes())
    client = Client()
    client.force_login(organizer)
    response = client.get(preview_url)  # same user, another browser session
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:events_forum_import_agenda", args=[demo.pk])


def _change_page(client, forum):
    return client.get(reverse("admin:events_forum_change", args=[forum.pk])).content.decode()


@pytest.mark.urls("tests.events.interop.admin_urls")
def test_change_page_links_to_the_schedule_exports(organizer_client):
    forum = ForumFactory(status=Forum.Status.PUBLISHED)
    html = _change_page(organizer_client, forum)
    for name in ("forum-schedule-xml", "forum-schedule-json", "forum-agenda-csv"):
        assert f'href="{reverse(f"events:{name}", kwargs={"slug": forum.slug})}"' in html


@pytest.mark.urls("tests.events.interop.admin_urls")
def test_a_draft_forum_has_no_export_links(organizer_client):
    forum = ForumFactory(status=Forum.Status.DRAFT)
    html = _change_page(organizer_client, forum)
    assert "schedule.xml" not in html
    assert "The schedule exports appear once the forum is published." in html


def test_without_forum_pages_the_change_page_says_why(organizer_client):
    forum = ForumFactory(status=Forum.Status.PUBLISHED)
    html = _change_page(organizer_client, forum)
    assert "The schedule exports appear once a page shows the forums." in html


def test_the_upload_page_speaks_chinese(organizer_client, demo):
    with translation.override("zh-hans"):
        url = reverse("admin:events_forum_import_agenda", args=[demo.pk])
    html = organizer_client.get(url).content.decode()
    assert url.startswith("/zh-hans/")
    assert "预览导入" in html and "文件的时区" in html


def test_xlsx_workbook_previews_and_applies_like_the_csv(organizer_client, demo):
    rows = list(csv.reader(io.StringIO(DEMO_CSV.read_text(encoding="utf-8-sig"))))
    rows.append(["late-talk", "2023-07-07", "16:00", "16:20", "Main Hall", "Late talk",
                 "keynote", "", "", "", "Ann Example | CEO | Newco"])  # fmt: skip
    preview_url, preview = _preview(organizer_client, demo, xlsx(rows), name="agenda.xlsx")
    html = preview.content.decode()
    assert "Sessions to create: 1" in html and "Sessions unchanged: 9" in html
    assert "Ann Example (new)" in html
    organizer_client.post(preview_url, {"confirm": "1"})
    assert Session.objects.get(ref="late-talk").forum == demo


def test_old_xls_is_refused_with_how_to_save_it(organizer_client, demo):
    response = _upload(organizer_client, demo, OLE2_MAGIC + b"\0" * 100, name="agenda.xls")
    assert response.status_code == 200
    assert "old Excel workbook (.xls)" in response.content.decode()
