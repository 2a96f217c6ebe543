"""Sending the outbox: `manage.py deliver_webhooks` runs `deliver_due()`.

Each due event is claimed first: its next attempt moves LEASE ahead, so a second
deliverer passes it by and a crashed deliverer's event comes back after the lease. It
is POSTed outside any transaction (no lock is held while a receiver thinks), and the
attempt is logged. A 2xx delivers it; anything else schedules the next attempt 1, 2,
4... minutes later (at most LONGEST_WAIT), and after MAX_ATTEMPTS the event is failed,
for an organizer to retry from the admin. Receivers may see an event twice (a lease ran
out, an answer was lost): the Idempotency-Key is the event id, the same on every try.
"""

import http.client
import logging
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.fields import WEB_URL_SCHEMES
from events.models import WebhookDelivery, WebhookEvent
from events.webhooks import outbox, signing

logger = logging.getLogger(__name__)

TIMEOUT = 5  # seconds to connect, and for each read of the answer
MAX_ATTEMPTS = 10  # 1 + 2 + 4 + ... + 256 minutes: about eight and a half hours
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=6)
LEASE = timedelta(minutes=1)  # well beyond TIMEOUT: the deliverer is done or dead by then
EXCERPT = 500  # characters of the answer kept in the log
USER_AGENT = "forum_site-webhooks/1"

Status = WebhookEvent.Status


@dataclass(frozen=True)
class Outcome:
    status_code: int | None
    excerpt: str = ""
    error: str = ""
    duration_ms: int = 0

    @property
    def ok(self):
        return self.status_code is not None and 200 <= self.status_code < 300


def deliver_due(*, limit=100):
    """Announce the embargoes lifted by now, then try up to `limit` due events; return them."""
    _announce_lifted()
    attempted = []
    for _i in range(limit):
        event = claim()
        if event is None:
            break
        attempted.append(deliver(event))
    return attempted


def _announce_lifted():
    try:
        with transaction.atomic():
            outbox.announce_lifted(timezone.now())
    except IntegrityError:
        # Another deliverer announced the same lift at the same moment: its events stand.
        logger.info("Embargo lifts were announced by another deliverer.")


def claim():
    """The next due event, leased to this deliverer; None when none is due (or another
    deliverer took it first)."""
    now = timezone.now()
    with transaction.atomic():
        due = (
            WebhookEvent.objects.filter(
                status=Status.PENDING, next_attempt_at__lte=now, endpoint__is_active=True
            )
            .select_related("endpoint")
            .order_by("next_attempt_at", "pk")
        )
        features = connection.features
        if features.has_select_for_update_skip_locked:  # PostgreSQL; SQLite has one writer
            of = ("self",) if features.has_select_for_update_of else ()
            due = due.select_for_update(skip_locked=True, of=of)
        event = due.first()
        if event is None:
            return None
        # Compare and set: where rows cannot be locked, only one deliverer's update matches.
        taken = WebhookEvent.objects.filter(
            pk=event.pk, status=Status.PENDING, next_attempt_at=event.next_attempt_at
        ).update(next_attempt_at=now + LEASE)
    return event if taken else None


def deliver(event):
    """POST `event` to its endpoint once and record the attempt."""
    body = event.body.encode()
    outcome = post(event.endpoint.url, body, headers(event, int(time.time()), body))
    record(event, outcome)
    return event


def headers(event, timestamp, body):
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Idempotency-Key": str(event.event_id),
        "X-Forum-Delivery": str(event.event_id),
        "X-Forum-Event": event.event_type,
        "X-Forum-Timestamp": str(timestamp),
        "X-Forum-Signature": signing.signature(event.endpoint.secret, timestamp, body),
    }


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A 3xx is the receiver's answer: following it would re-send the signed body elsewhere."""

    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def post(url, body, headers):
    """POST `body`; the Outcome says what came back, or what went wrong, and how long it took."""
    # urllib would open file: and ftp: URLs too; the model refuses them, this makes sure.
    if urlsplit(url).scheme not in WEB_URL_SCHEMES:
        return Outcome(None, error=_("Not an http or https URL: %(url)s") % {"url": url})
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    started = time.monotonic()
    try:
        with _OPENER.open(request, timeout=TIMEOUT) as answer:
            status, excerpt = answer.status, _excerpt(answer)
        error = ""
    except urllib.error.HTTPError as answer:  # 3xx, 4xx, 5xx: an answer all the same
        with answer:
            status, excerpt, error = answer.code, _excerpt(answer), ""
    except (OSError, http.client.HTTPException, ValueError) as failure:
        status, excerpt, error = None, "", _describe(failure)
    duration_ms = round((time.monotonic() - started) * 1000)
    return Outcome(status, excerpt, error, duration_ms)


def _excerpt(answer):
    try:
        return answer.read(EXCERPT * 4).decode("utf-8", "replace")[:EXCERPT]
    except (OSError, http.client.HTTPException):
        return ""  # the status arrived; a body cut short or too slow is not worth a retry


def _describe(failure):
    reason = getattr(failure, "reason", failure)  # URLError wraps the socket's error
    return f"{type(reason).__name__}: {reason}"[:EXCERPT]


def record(event, outcome):
    """Log the attempt and decide what comes next: delivered, another try later, or failed."""
    now = timezone.now()
    with transaction.atomic():
        WebhookDelivery.objects.create(
            event=event,
            attempted_at=now,
            ok=outcome.ok,
            status_code=outcome.status_code,
            response_excerpt=outcome.excerpt,
            error=outcome.error,
            duration_ms=outcome.duration_ms,
        )
        event.attempts += 1
        if outcome.ok:
            event.status, event.delivered_at = Status.DELIVERED, now
        elif event.attempts >= MAX_ATTEMPTS:
            event.status = Status.FAILED
        else:
            event.next_attempt_at = now + backoff(event.attempts)
        event.save(update_fields=["status", "attempts", "next_attempt_at", "delivered_at"])


def backoff(attempts):
    """How long to wait after the `attempts`-th failed attempt: 1 min, doubling, capped."""
    return min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_WAIT)


def retry_now(events):
    """Make the failed ones of `events` due now, with a fresh round of attempts."""
    return events.filter(status=Status.FAILED).update(
        status=Status.PENDING, attempts=0, next_attempt_at=timezone.now()
    )
