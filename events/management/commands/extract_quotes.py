import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events.press.extraction.rules import extract
from events.press.extraction.text import MAX_ARTICLE_BYTES, ArticleRefused, article_text


class Command(BaseCommand):
    help = (
        "Propose the quotes of a press article (.txt or .html, at most "
        f"{MAX_ARTICLE_BYTES:,} bytes): direct quotes and reported speech, with speakers. "
        "Offsets are into the decoded text, after any byte-order mark and HTML are stripped."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--json",
            action="store_true",
            help='print a JSON list of {"text", "kind", "speaker", "start", "end"}',
        )

    def handle(self, *args, **options):
        path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}") from error
        try:
            text = article_text(data, filename=path.name)
        except ArticleRefused as error:
            raise CommandError(str(error)) from error
        candidates = extract(text)
        if options["json"]:
            payload = [candidate.as_json() for candidate in candidates]
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        for candidate in candidates:
            self.stdout.write(_line(candidate))
        self.stdout.write(f"{len(candidates)} proposed.")


def _line(candidate):
    speaker = candidate.speaker
    who = (
        ", ".join(p for p in (speaker.name, speaker.title, speaker.organization) if p)
        if (speaker)
        else "(speaker not named)"
    )
    return f"[{candidate.kind} {candidate.start}-{candidate.end}] {who}: {candidate.text}"
