"""common/audit.py and its History view: who changed what, with old and new values."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from common import audit
from events.models import Session
from speakers.models import Affiliation, Speaker
from tests.admin_form import submit
from tests.factories import AffiliationFactory, SessionFactory, SessionParticipantFactory

pytestmark = pytest.mark.django_db
SessionTranslation = Session._parler_meta.root_model


def _entries(model, **filters):
    content_type = ContentType.objects.get_for_model(model)
    return LogEntry.objects.filter(content_type=content_type, **filters)


def test_a_title_edited_in_the_admin_records_actor_field_old_and_new(organizer_client, organizer):
    session = SessionFactory(title="Opening plenary")
    url = reverse("admin:events_session_change", args=[session.pk])
    response = submit(organizer_client, url, title="Opening keynote")
    assert response.status_code == 302, response.content.decode()[:2000]
    translation = session.translations.get(language_code="en")
    entry = _entries(SessionTranslation, object_id=translation.pk).get(
        action=LogEntry.Action.UPDATE
    )
    assert entry.actor == organizer
    assert entry.changes_dict == {"title": ["Opening plenary", "Opening keynote"]}
    assert entry.additional_data == {"page": f"events.session:{session.pk}"}


def test_the_history_button_shows_the_session_and_its_title_changes(organizer_client):
    session = SessionFactory(title="Opening plenary")
    url = reverse("admin:events_session_change", args=[session.pk])
    submit(organizer_client, url, title="Opening keynote", kind="opening")
    response = organizer_client.get(reverse("admin:events_session_history", args=[session.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Who changed what: Opening keynote" in content
    # The title (a translation) and the kind (the session's own field), old and new.
    assert "<td>Title</td><td>Opening plenary</td><td>Opening keynote</td>" in content
    assert "<td>Kind</td><td>keynote</td><td>opening</td>" in content
    assert {e.content_type.model for e in response.context["log_entries"]} == {
        "session",
        "sessiontranslation",
    }
    entries = response.context["log_entries"]
    actors = {(e.action, e.actor.username if e.actor else None) for e in entries}
    assert actors == {(LogEntry.Action.CREATE, None), (LogEntry.Action.UPDATE, "organizer")}


def test_a_speaker_page_shows_the_changes_of_its_affiliations_even_deleted_ones():
    affiliation = AffiliationFactory(title="chief engineer")
    speaker = affiliation.speaker
    affiliation.title = "deputy chief engineer"
    affiliation.save()
    affiliation.delete()
    other = AffiliationFactory()  # someone else's: not on this page
    entries = audit.entries_on_page(speaker)
    kinds = sorted((e.content_type.model, e.action) for e in entries)
    create, update, delete = LogEntry.Action.CREATE, LogEntry.Action.UPDATE, LogEntry.Action.DELETE
    assert kinds == sorted(
        [
            ("speaker", create),
            ("affiliation", create),
            ("affiliationtranslation", create),
            ("affiliationtranslation", update),
            ("affiliationtranslation", delete),
            ("affiliation", delete),
        ]
    )
    assert not audit.entries_on_page(speaker).filter(
        object_id=other.pk, content_type=ContentType.objects.get_for_model(Affiliation)
    )


def test_a_participant_is_filed_under_its_session():
    participant = SessionParticipantFactory()
    participants = ContentType.objects.get_for_model(participant)
    entry = audit.entries_on_page(participant.session).get(content_type=participants)
    assert entry.object_id == participant.pk
    assert not audit.entries_on_page(participant.speaker).filter(content_type=participants)


def test_recording_import_names_every_entry_and_gives_an_actor(django_user_model):
    alice = django_user_model.objects.create_user("alice", email="alice@example.org")
    with audit.recording_import("import: agenda.csv by alice", alice):
        speaker = Speaker.objects.create(name="Xu Haidong", slug="xu")
    entry = _entries(Speaker, object_id=speaker.pk).get()
    assert entry.additional_data == {
        "page": f"speakers.speaker:{speaker.pk}",
        "import": "import: agenda.csv by alice",
    }
    assert (entry.actor, entry.actor_email) == (alice, "alice@example.org")
    speaker.name = "Xu H."
    speaker.save()  # after the import: neither named nor attributed
    later = _entries(Speaker, object_id=speaker.pk, action=LogEntry.Action.UPDATE).get()
    assert later.additional_data == {"page": f"speakers.speaker:{speaker.pk}"}
    assert later.actor is None


def test_log_created_writes_one_create_entry_per_bulk_created_object():
    speakers = Speaker.objects.bulk_create(
        [Speaker(name="A", slug="a"), Speaker(name="B", slug="b")]
    )
    assert not _entries(Speaker).exists()  # bulk_create sends no signals
    with audit.recording_import("import: x.xml by bob"):
        audit.log_created(speakers)
    entries = _entries(Speaker).order_by("object_id")
    assert [(e.object_id, e.action) for e in entries] == [
        (s.pk, LogEntry.Action.CREATE) for s in speakers
    ]
    assert entries[0].changes_dict["name"] == [None, "A"]
    assert {e.additional_data["import"] for e in entries} == {"import: x.xml by bob"}
