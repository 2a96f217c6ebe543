"""An agenda import leaves one audit entry per object it created, naming the import."""

from io import StringIO
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from events.models import Session
from tests.factories import ForumFactory

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent / "data"
HEADER = "ref,day,start,end,room,title,kind,topics,moderator,abstract,speakers\n"


def _ids():
    models = auditlog.get_models()
    return {model: set(model.objects.values_list("pk", flat=True)) for model in models}


def _created_since(before):
    return {model: ids - before[model] for model, ids in _ids().items() if ids - before[model]}


def _logged_creations(name):
    entries = LogEntry.objects.filter(action=LogEntry.Action.CREATE, additional_data__import=name)
    found = {}
    for entry in entries.select_related("content_type"):
        model = entry.content_type.model_class()
        assert entry.object_id not in found.setdefault(model, set()), "one entry per object"
        found[model].add(entry.object_id)
    return found


def test_a_frab_import_by_command_logs_every_created_object_under_its_name(django_user_model):
    alice = django_user_model.objects.create_user("alice")
    forum = ForumFactory(slug="debconf23", start_date="2023-09-10", end_date="2023-09-18",
                         time_zone="Asia/Kolkata")  # fmt: skip
    before = _ids()
    call_command("import_agenda", str(DATA / "debconf23.xml"), "--forum", forum.slug,
                 "--apply", "--confirm-overlaps", "--user", "alice", stdout=StringIO())  # fmt: skip
    created = _created_since(before)
    assert len(created[Session]) == 117
    assert {Session._parler_meta.root_model, Session} <= set(created)
    assert _logged_creations("import: debconf23.xml by alice") == created
    entries = LogEntry.objects.filter(additional_data__import="import: debconf23.xml by alice")
    assert set(entries.values_list("actor", flat=True)) == {alice.pk}


def test_a_spreadsheet_import_in_the_admin_names_the_file_and_the_organizer(
    organizer_client, organizer, settings, tmp_path
):
    settings.AGENDA_IMPORT_DIR = tmp_path
    forum = ForumFactory()
    rows = (
        "N1,2023-07-06,10:00,10:30,,Opening,opening,Trade,,,Ann Lee | CEO | Acme Motors\n"
        "N2,2023-07-06,11:00,11:30,,Panel,panel,,,,Bo Chen\n"
    )
    upload = SimpleUploadedFile("agenda.csv", (HEADER + rows).encode())
    url = reverse("admin:events_forum_import_agenda", args=[forum.pk])
    preview = organizer_client.post(url, {"file": upload, "language": "en"})
    assert preview.status_code == 302, preview.content.decode()
    before = _ids()
    organizer_client.post(preview["Location"], {"confirm": "1"})
    created = _created_since(before)
    assert len(created[Session]) == 2
    name = "import: agenda.csv by organizer"
    assert _logged_creations(name) == created
    session = Session.objects.get(ref="N1")
    page = organizer_client.get(reverse("admin:events_session_history", args=[session.pk]))
    assert name in page.content.decode()
    entry = LogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Session), object_id=session.pk
    )
    assert entry.actor == organizer
    assert entry.changes_dict["ref"] == [None, "N1"]
