import logging
import time
from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, close_old_connections
from django.utils.translation import gettext as _

from events.models import WebhookEvent
from events.webhooks import delivery

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "POST the webhook events that are due (announcing embargoes lifted meanwhile) and "
        "schedule retries. --once makes one pass (cron, a systemd timer); otherwise it "
        "passes every --interval seconds until stopped. Several may run at once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="one pass, then exit")
        parser.add_argument("--interval", type=float, default=15.0,
                            help="seconds between passes when looping (default 15)")  # fmt: skip
        parser.add_argument("--limit", type=int, default=100,
                            help="most events tried in one pass (default 100)")  # fmt: skip

    def handle(self, *args, once, interval, limit, verbosity, **options):
        self.verbosity = verbosity
        if interval <= 0:
            message = _("--interval must be more than 0 seconds, not %(value)s.")
            raise CommandError(message % {"value": interval})
        if limit < 1:
            raise CommandError(_("--limit must be at least 1, not %(value)s.") % {"value": limit})
        if once:
            self._pass(limit)
            return
        while True:
            try:
                self._pass(limit)
            except DatabaseError:  # PostgreSQL restarting: try again next time
                logger.exception("Webhook delivery pass failed")
            close_old_connections()
            time.sleep(interval)

    def _pass(self, limit):
        events = delivery.deliver_due(limit=limit)
        if not events and self.verbosity < 2:
            return
        counts = Counter(event.status for event in events)
        message = _("%(delivered)d delivered, %(pending)d to retry, %(failed)d failed.") % {
            "delivered": counts[WebhookEvent.Status.DELIVERED],
            "pending": counts[WebhookEvent.Status.PENDING],
            "failed": counts[WebhookEvent.Status.FAILED],
        }
        self.stdout.write(message)
