"""`make bench`: speed targets, measured on the configured database.

Each section is a module with `add_arguments(parser)` (optional) and
`run(command, options)`; add yours to SECTIONS. `--only NAME` runs one.
"""

from importlib import import_module

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

SECTIONS = {
    "search": "events.press.bench",
    "interop": "events.interop.bench",
}


def _section(name):
    return import_module(SECTIONS[name])


class Command(BaseCommand):
    help = "Seed benchmark data and report latency percentiles for each section."

    def add_arguments(self, parser):
        parser.add_argument(
            "--only", action="append", choices=sorted(SECTIONS), help="Run only this section."
        )
        for name in SECTIONS:
            add = getattr(_section(name), "add_arguments", None)
            if add:
                add(parser)

    def handle(self, *args, **options):
        names = options["only"] or list(SECTIONS)
        unknown = set(names) - set(SECTIONS)
        if unknown:
            raise CommandError(f"Unknown section(s): {', '.join(sorted(unknown))}")
        call_command("migrate", verbosity=0, interactive=False)
        for name in names:
            self.stdout.write(self.style.MIGRATE_HEADING(f"== {name}"))
            _section(name).run(self, options)
