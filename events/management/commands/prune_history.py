from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from events.retention import history_prune


class Command(BaseCommand):
    help = (
        "Delete audit log entries older than DJANGO_AUDIT_KEEP_DAYS (default 365) and "
        "webhook events delivered or failed more than DJANGO_WEBHOOK_KEEP_DAYS ago "
        "(default 30) with their delivery attempts; never pending events, nor the log of "
        "embargoed quotes seen. One transaction; --dry-run only counts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="count what would be deleted, delete nothing"
        )
        parser.add_argument(
            "--audit-days", type=int, help="days of audit log to keep (default: the setting)"
        )
        parser.add_argument(
            "--webhook-days", type=int, help="days of webhook events to keep (default: the setting)"
        )

    def handle(self, *args, dry_run, audit_days, webhook_days, **options):
        audit_days = _days(
            audit_days, "--audit-days", settings.AUDIT_KEEP_DAYS, "DJANGO_AUDIT_KEEP_DAYS"
        )
        webhook_days = _days(
            webhook_days, "--webhook-days", settings.WEBHOOK_KEEP_DAYS, "DJANGO_WEBHOOK_KEEP_DAYS"
        )
        pruned = history_prune(audit_days=audit_days, webhook_days=webhook_days, dry_run=dry_run)
        for line in _lines(pruned, audit_days, webhook_days, dry_run):
            self.stdout.write(line)


# A century: beyond that "keep" means forever (don't run the command), and a date that
# far back cannot be computed.
MOST_DAYS = 36500


def _days(option, option_name, setting, variable):
    """The days to keep: the option's, else the setting's. The error names which is wrong."""
    value, name = (setting, variable) if option is None else (option, option_name)
    if not 0 <= value <= MOST_DAYS:
        message = _("%(name)s must be from 0 to %(most)d days, not %(value)d.")
        raise CommandError(message % {"name": name, "most": MOST_DAYS, "value": value})
    return value


def _lines(pruned, audit_days, webhook_days, dry_run):
    if dry_run:
        audit = _("Audit log entries older than %(days)d days: %(count)d would be deleted.")
        events = _("Finished webhook events older than %(days)d days: %(count)d would be deleted.")
        attempts = _("Their delivery attempts: %(count)d would be deleted.")
    else:
        audit = _("Audit log entries older than %(days)d days: %(count)d deleted.")
        events = _("Finished webhook events older than %(days)d days: %(count)d deleted.")
        attempts = _("Their delivery attempts: %(count)d deleted.")
    yield audit % {"days": audit_days, "count": pruned.audit_entries}
    yield events % {"days": webhook_days, "count": pruned.webhook_events}
    yield attempts % {"count": pruned.webhook_deliveries}
    if dry_run:
        yield _("Dry run: nothing was deleted.")
