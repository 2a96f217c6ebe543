"""events/retention.py and `manage.py prune_history`: old history goes, nothing else."""

import uuid
from datetime import timedelta
from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.utils import timezone

from events import retention
from events.models import (
    EmbargoView,
    Forum,
    WebhookAnnouncement,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)
from tests.factories import ForumFactory, QuoteFactory

pytestmark = pytest.mark.django_db
Status = WebhookEvent.Status


def _ago(days):
    return timezone.now() - timedelta(days=days)


def _entry(days_ago):
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Forum),
        object_pk="1",
        object_repr="a forum",
        action=LogEntry.Action.UPDATE,
        timestamp=_ago(days_ago),
    )


def _event(endpoint, status, created_days_ago, *attempt_days_ago):
    event = WebhookEvent.objects.create(
        endpoint=endpoint,
        event_type="session.published",
        subject_kind="session",
        subject_id=1,
        batch=uuid.uuid4(),
        body="{}",
        status=status,
        created_at=_ago(created_days_ago),
    )
    for days in attempt_days_ago:
        WebhookDelivery.objects.create(
            event=event, attempted_at=_ago(days), ok=status == Status.DELIVERED
        )
    return event


@pytest.fixture
def history():
    """Rows either side of the defaults (365 days of audit log, 30 of webhooks)."""
    forum = ForumFactory()
    quote = QuoteFactory(forum=forum)  # before the endpoint: the outbox announces nothing
    endpoint = WebhookEndpoint.objects.create(forum=forum, url="https://hooks.example.org/x")
    rows = {
        "old_entry": _entry(400),
        "recent_entry": _entry(300),
        "old_delivered": _event(endpoint, Status.DELIVERED, 40, 40),
        "old_failed": _event(endpoint, Status.FAILED, 40, 40, 39),
        # Failed long ago, retried from the admin last week and failed again: stays.
        "retried": _event(endpoint, Status.FAILED, 40, 40, 5),
        "recent_delivered": _event(endpoint, Status.DELIVERED, 5, 5),
        # Still to be delivered, however old (its endpoint was inactive for months).
        "old_pending": _event(endpoint, Status.PENDING, 60, 60),
        "never_tried": _event(endpoint, Status.PENDING, 90),
        "seen": EmbargoView.objects.create(
            quote=quote,
            username="reporter",
            viewed_at=_ago(800),
            embargo_until=_ago(799),
            surface=EmbargoView.Surface.SEARCH,
        ),  # fmt: skip
        # Its quote deleted since: the row stays all the same.
        "seen_deleted_quote": EmbargoView.objects.create(
            quote=None,
            quote_text="Deleted words.",
            speaker_name="Xu Haidong",
            username="reporter",
            viewed_at=_ago(800),
            embargo_until=_ago(799),
            surface=EmbargoView.Surface.SEARCH,
        ),
        "announced": WebhookAnnouncement.objects.create(
            kind="session", object_id=1, forum=forum, data={}, announced_at=_ago(800)
        ),
    }
    return rows


def _state():
    return {
        model: set(model.objects.values_list("pk", flat=True))
        for model in (LogEntry, WebhookEvent, WebhookDelivery, EmbargoView, WebhookAnnouncement)
    }


def _prune(*args):
    out = StringIO()
    call_command("prune_history", *args, stdout=out)
    return out.getvalue().splitlines()


def test_prune_deletes_old_audit_entries_and_finished_events_with_their_attempts(history):
    before = _state()
    gone_events = {history["old_delivered"].pk, history["old_failed"].pk}
    gone_attempts = set(
        WebhookDelivery.objects.filter(event__in=gone_events).values_list("pk", flat=True)
    )

    lines = _prune()

    assert _state() == {
        **before,
        LogEntry: before[LogEntry] - {history["old_entry"].pk},
        WebhookEvent: before[WebhookEvent] - gone_events,
        WebhookDelivery: before[WebhookDelivery] - gone_attempts,
    }
    assert len(gone_attempts) == 3
    assert lines == [
        "Audit log entries older than 365 days: 1 deleted.",
        "Finished webhook events older than 30 days: 2 deleted.",
        "Their delivery attempts: 3 deleted.",
    ]


def test_dry_run_counts_what_would_go_and_deletes_nothing(history):
    before = _state()

    lines = _prune("--dry-run")

    assert _state() == before
    assert lines == [
        "Audit log entries older than 365 days: 1 would be deleted.",
        "Finished webhook events older than 30 days: 2 would be deleted.",
        "Their delivery attempts: 3 would be deleted.",
        "Dry run: nothing was deleted.",
    ]


def test_pending_events_survive_even_with_no_days_kept(history):
    _prune("--webhook-days", "0")

    assert set(WebhookEvent.objects.values_list("status", flat=True)) == {Status.PENDING}
    assert set(WebhookEvent.objects.values_list("pk", flat=True)) == {
        history["old_pending"].pk,
        history["never_tried"].pk,
    }
    # The pending event keeps its failed attempt: the log of an event still being tried.
    assert list(WebhookDelivery.objects.values_list("event", flat=True)) == [
        history["old_pending"].pk
    ]


def test_the_embargo_log_and_the_announcements_are_never_pruned(history):
    _prune("--audit-days", "0", "--webhook-days", "0")

    kept = {history["seen"].pk, history["seen_deleted_quote"].pk}
    assert set(EmbargoView.objects.values_list("pk", flat=True)) == kept
    assert list(WebhookAnnouncement.objects.all()) == [history["announced"]]


def test_options_override_the_settings(history, settings):
    settings.AUDIT_KEEP_DAYS = 1000
    settings.WEBHOOK_KEEP_DAYS = 1000
    assert _prune("--dry-run")[:2] == [
        "Audit log entries older than 1000 days: 0 would be deleted.",
        "Finished webhook events older than 1000 days: 0 would be deleted.",
    ]

    _prune("--audit-days", "200", "--webhook-days", "2")

    assert not LogEntry.objects.filter(pk__in=[history["old_entry"].pk, history["recent_entry"].pk])
    assert set(WebhookEvent.objects.values_list("pk", flat=True)) == {
        history["old_pending"].pk,
        history["never_tried"].pk,
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--audit-days", "-1"], "--audit-days must be from 0 to 36500 days, not -1."),
        (["--webhook-days", "-30"], "--webhook-days must be from 0 to 36500 days, not -30."),
        (["--webhook-days", "36501"], "--webhook-days must be from 0 to 36500 days, not 36501."),
    ],
)
def test_bad_days_are_refused_and_nothing_is_deleted(history, args, message):
    before = _state()
    with pytest.raises(CommandError) as refused:
        _prune(*args)
    assert str(refused.value) == message
    assert _state() == before


def test_a_bad_setting_is_named_by_its_variable(history, settings):
    settings.AUDIT_KEEP_DAYS = -7
    with pytest.raises(CommandError, match="^DJANGO_AUDIT_KEEP_DAYS must be from 0 to 36500 days"):
        _prune()
    _prune("--audit-days", "365")  # the option wins over the setting
    assert not LogEntry.objects.filter(pk=history["old_entry"].pk).exists()


def test_one_transaction_a_failure_deletes_nothing(history, monkeypatch):
    before = _state()

    def broken(events):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(retention, "_webhook_events_delete", broken)
    with pytest.raises(RuntimeError):
        retention.history_prune(audit_days=365, webhook_days=30)

    assert _state() == before  # the audit entries deleted first are back
