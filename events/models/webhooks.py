"""Webhooks: endpoints organizers register per forum, the outbox, and its delivery log.

Rows are written by events/webhooks/outbox.py in the transaction of the change they
announce and sent by `manage.py deliver_webhooks` (events/webhooks/delivery.py).
None of them is public content: events/invalidation.py leaves the page cache alone.
"""

import secrets
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import WebURLField
from events.models.forums import Forum


class EventType(models.TextChoices):
    SESSION_PUBLISHED = "session.published", _("Session published")
    SESSION_CHANGED = "session.changed", _("Session changed")
    SESSION_WITHDRAWN = "session.withdrawn", _("Session withdrawn")
    QUOTE_PUBLISHED = "quote.published", _("Quote published")
    QUOTE_CHANGED = "quote.changed", _("Quote changed")
    QUOTE_WITHDRAWN = "quote.withdrawn", _("Quote withdrawn")


def new_secret():
    return secrets.token_urlsafe(32)


class WebhookEndpoint(models.Model):
    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="webhook_endpoints", verbose_name=_("forum")
    )
    url = WebURLField(_("URL"), max_length=500, help_text=_("Receives a POST per event."))
    secret = models.CharField(
        _("secret"),
        max_length=100,
        default=new_secret,
        help_text=_("Signs every request (X-Forum-Signature); the receiver checks it."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    event_types = models.JSONField(
        _("event types"), default=list, blank=True, help_text=_("None chosen: every type.")
    )
    description = models.CharField(_("description"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        app_label = "events"
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["forum", "pk"]
        constraints = [
            # WebURLField stores "" for a javascript: or ftp: URL saved without validation.
            models.CheckConstraint(
                condition=~Q(url=""),
                name="webhook_endpoint_has_url",
                violation_error_message=_("A webhook endpoint needs an http or https URL."),
            )
        ]

    def __str__(self):
        return self.url

    def clean(self):
        super().clean()
        if not isinstance(self.event_types, list):
            raise ValidationError({"event_types": _("Event types must be a list.")})
        unknown = [t for t in self.event_types if t not in EventType.values]
        if unknown:
            message = _("Unknown event type %(types)s. Choose from: %(choices)s.")
            params = {"types": ", ".join(map(str, unknown)), "choices": ", ".join(EventType.values)}
            raise ValidationError({"event_types": message % params})

    def wants(self, event_type):
        return self.is_active and (not self.event_types or event_type in self.event_types)


class WebhookEvent(models.Model):
    """One event for one endpoint: the outbox row, and where its delivery stands."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="events", verbose_name=_("endpoint")
    )
    # The same for every endpoint and every retry: the receiver's idempotency key.
    event_id = models.UUIDField(_("event id"), default=uuid.uuid4)
    event_type = models.CharField(_("type"), max_length=32, choices=EventType.choices)
    subject_kind = models.CharField(_("object kind"), max_length=16)
    subject_id = models.PositiveBigIntegerField(_("object id"))
    # The transaction that wrote the row (events/webhooks/outbox.py): a second change of
    # the same object in it replaces the row instead of adding one.
    batch = models.UUIDField(editable=False, db_index=True)
    body = models.TextField(_("body"), help_text=_("Sent exactly as stored, and signed."))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        app_label = "events"
        verbose_name = _("webhook event")
        verbose_name_plural = _("webhook events")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "event_id"], name="webhook_event_once_per_endpoint"
            )
        ]
        indexes = [
            # The deliverer's question: which pending events are due, oldest first.
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status="pending"),
                name="webhook_event_due",
            ),
            models.Index(fields=["subject_kind", "subject_id"], name="webhook_event_subject"),
        ]

    def __str__(self):
        return f"{self.event_type} {self.subject_kind} {self.subject_id} → {self.endpoint}"


class WebhookDelivery(models.Model):
    """One attempt to deliver an event: the log organizers read in the admin."""

    event = models.ForeignKey(
        WebhookEvent, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("event")
    )
    attempted_at = models.DateTimeField(_("attempted at"), default=timezone.now, db_index=True)
    ok = models.BooleanField(_("delivered"), default=False)
    status_code = models.PositiveSmallIntegerField(_("status code"), null=True, blank=True)
    response_excerpt = models.TextField(_("response excerpt"), blank=True)
    error = models.TextField(_("error"), blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)

    class Meta:
        app_label = "events"
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-attempted_at", "-pk"]

    def __str__(self):
        return f"{self.event} @ {self.attempted_at:%Y-%m-%d %H:%M:%S}"


class WebhookAnnouncement(models.Model):
    """What the webhooks last announced of a session or quote that is public.

    No row: not announced, or withdrawn since. The next event is the difference
    between this and what the public API shows now.
    """

    kind = models.CharField(_("object kind"), max_length=16)
    object_id = models.PositiveBigIntegerField(_("object id"))
    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="+", verbose_name=_("forum")
    )
    data = models.JSONField(_("data"))
    announced_at = models.DateTimeField(_("announced at"), default=timezone.now)

    class Meta:
        app_label = "events"
        verbose_name = _("webhook announcement")
        verbose_name_plural = _("webhook announcements")
        constraints = [
            # Two deliverers announcing the same embargo lift: the second one fails.
            models.UniqueConstraint(fields=["kind", "object_id"], name="webhook_announcement_once")
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}"
