import getpass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from events.interop import importer
from events.interop.plan import ImportRefused, grouped
from events.interop.readers import parse_upload
from events.models import Forum


class Command(BaseCommand):
    help = (
        "Import an agenda (XLSX or CSV spreadsheet, or frab schedule.xml) into a forum. Shows "
        "the plan (a dry run) unless --apply is given; applying writes everything or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--forum", required=True, help="slug of the forum to import into")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--dry-run", action="store_true", help="only show the plan (default)")
        mode.add_argument("--apply", action="store_true", help="write the plan")
        parser.add_argument("--confirm-overlaps", action="store_true",
                            help="store the listed clashes as intended overlaps")  # fmt: skip
        parser.add_argument("--publish", action="store_true",
                            help="publish new sessions and speakers (default: drafts)")  # fmt: skip
        parser.add_argument("--time-zone", help="zone of the file's times if it names none")
        parser.add_argument("--language", default="en", choices=["en", "zh-hans"],
                            help="language of titles and abstracts in the file")  # fmt: skip
        parser.add_argument(
            "--user",
            help="username the audit history names as the importer (default: the system account)",
        )

    def handle(self, *args, **options):
        forum = Forum.objects.filter(slug=options["forum"]).first()
        if forum is None:
            raise CommandError(f"No forum with the slug '{options['forum']}'.")
        actor = _user(options["user"])
        try:
            parsed = parse_upload(
                options["file"].read_bytes(), forum=forum, time_zone=options["time_zone"]
            )
            plan = importer.plan_import(
                forum=forum,
                parsed=parsed,
                language=options["language"],
                publish=options["publish"],
            )
        except (OSError, ImportRefused) as error:
            raise CommandError(f"Nothing was imported: {error}") from error
        self._report(plan)
        if not plan.is_valid:
            raise CommandError(f"Nothing was imported: {len(plan.all_errors)} errors.")
        if not options["apply"]:
            self.stdout.write("Dry run: nothing was written. Run again with --apply.")
            return
        try:
            actions = importer.apply_plan(
                plan=plan,
                confirm_overlaps=options["confirm_overlaps"],
                file_name=options["file"].name,
                actor=actor,
                by=f"manage.py ({getpass.getuser()})",
            )
        except ImportRefused as error:
            raise CommandError(f"Nothing was imported: {error}") from error
        summary = ", ".join(f"{count} {action}" for action, count in sorted(actions.items()))
        self.stdout.write(self.style.SUCCESS(f"Imported into {forum.slug}: {summary}."))

    def _report(self, plan):
        for row in plan.rows:
            changes = f" ({', '.join(row.changes)})" if row.changes else ""
            self.stdout.write(f"{row.where}: {row.action}{changes}")
            for name, status in row.people:
                self.stdout.write(f"    {name}: {status}")
        for title, problems in (("Errors", plan.all_errors), ("Clashes", plan.clashes),
                                ("Warnings", plan.warnings + [w for r in plan.rows
                                                               for w in r.warnings])):  # fmt: skip
            if problems:
                self.stdout.write(f"{title}:")
                for problem in grouped(problems):
                    self.stdout.write(f"  {problem}")
        new = ", ".join(f"{count} {name}s" for name, count in sorted(plan.new.items()))
        self.stdout.write(f"New: {new or 'nothing'}. Rows: {dict(plan.actions)}.")


def _user(username):
    if username is None:
        return None
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"No user '{username}': nothing was imported.")
    return user
