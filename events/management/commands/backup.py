from django.core.management.base import BaseCommand, CommandError

from events.backup.create import BackupRefused, backup_create


class Command(BaseCommand):
    help = (
        "Write FILE (.tar.gz): the database as a dumpdata of every app (natural keys; "
        "PostgreSQL and SQLite alike) and every media file of the default storage. "
        "Restore it with `manage.py restore FILE` into a new, migrated database."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive to write; it must not exist")

    def handle(self, *args, **options):
        try:
            written = backup_create(options["file"])
        except (BackupRefused, OSError) as error:
            raise CommandError(f"No backup was written: {error}") from error
        megabytes = written.bytes / 1024 / 1024
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {written.path}: {written.rows} rows, {written.files} media files "
                f"({megabytes:.1f} MB)."
            )
        )
