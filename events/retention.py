"""What is kept only for a while: `manage.py prune_history` deletes it.

- The audit history (django-auditlog's entries, common/audit.py): entries older than
  settings.AUDIT_KEEP_DAYS. Our own query rather than auditlog's `auditlogflush`, which
  has no dry run, cuts at whole dates and deletes outside any transaction of ours.
- The webhook outbox (events/models/webhooks.py): events delivered or failed, with their
  attempts, that nothing happened to for settings.WEBHOOK_KEEP_DAYS: created before then
  and not attempted since (a failed event retried last week stays with its new attempts).
  Pending events are never deleted, however old: they are still to be delivered.
  WebhookAnnouncement rows stay too: they are what receivers were last told, not a log.

The log of embargoed quotes seen (events.EmbargoView) is not pruned: it is the press
embargo's audit trail, the record of who had a quote before its release, asked for long
after the forum. Nor does it go with its quote: a deleted quote leaves its rows, with
the text and speaker they keep (events/models/press.py).
"""

from dataclasses import dataclass
from datetime import timedelta

from auditlog import get_logentry_model
from django.db import transaction
from django.utils import timezone

from events.models import WebhookDelivery, WebhookEvent

FINISHED = (WebhookEvent.Status.DELIVERED, WebhookEvent.Status.FAILED)


@dataclass(frozen=True)
class Pruned:
    """How many rows of each kind were deleted, or would be in a dry run."""

    audit_entries: int
    webhook_events: int
    webhook_deliveries: int


def old_audit_entries(before):
    return get_logentry_model().objects.filter(timestamp__lt=before)


def old_webhook_events(before):
    return WebhookEvent.objects.filter(status__in=FINISHED, created_at__lt=before).exclude(
        deliveries__attempted_at__gte=before
    )


def history_prune(*, audit_days, webhook_days, dry_run=False, now=None):
    """Delete (or with `dry_run` count) what is older than the days given; in one transaction."""
    now = now or timezone.now()
    entries = old_audit_entries(now - timedelta(days=audit_days))
    events = old_webhook_events(now - timedelta(days=webhook_days))
    with transaction.atomic():
        if dry_run:
            deliveries = WebhookDelivery.objects.filter(event__in=events)
            return Pruned(entries.count(), events.count(), deliveries.count())
        audit_count, _ = entries.delete()
        return Pruned(audit_count, *_webhook_events_delete(events))


def _webhook_events_delete(events):
    """Delete `events` with their attempts: (events, attempts) deleted."""
    # Locked first (PostgreSQL): an organizer's Retry clicked meanwhile waits for the
    # commit and finds the event gone, rather than making due an event being deleted.
    list(events.select_for_update().values_list("pk", flat=True))
    _, per_model = events.only("pk").delete()
    return (
        per_model.get(WebhookEvent._meta.label, 0),
        per_model.get(WebhookDelivery._meta.label, 0),
    )
