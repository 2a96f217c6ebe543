from django.core.management.base import BaseCommand, CommandError

from events.backup.create import BackupRefused
from events.backup.restore import backup_restore


class Command(BaseCommand):
    help = (
        "Restore an archive written by `manage.py backup` into an EMPTY database (run "
        "`manage.py migrate` first) and media storage, in one transaction: it refuses, "
        "changing nothing, if the database already holds data."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="an archive written by `manage.py backup`")

    def handle(self, *args, **options):
        try:
            restored = backup_restore(options["file"])
        except BackupRefused as error:
            raise CommandError(f"Nothing was restored: {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {restored.rows} rows and {restored.files} media files "
                f"({restored.already_there} were there already, identical)."
            )
        )
