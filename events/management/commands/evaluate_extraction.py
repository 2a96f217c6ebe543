import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events.press.extraction.evaluate import KINDS, evaluate, load_folder
from events.press.extraction.rules import extract

THRESHOLDS = (
    ("min_direct_precision", "direct", "precision"),
    ("min_direct_recall", "direct", "recall"),
    ("min_reported_precision", "reported", "precision"),
    ("min_reported_recall", "reported", "recall"),
)


class Command(BaseCommand):
    help = (
        "Score the extractor over a folder of annotated articles (*.json naming their "
        "article): precision, recall and F1 of direct quotes and of reported speech, and "
        "speaker-attribution accuracy. Exits non-zero below any --min-* threshold."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        for option, kind, figure in THRESHOLDS:
            parser.add_argument(
                "--" + option.replace("_", "-"), type=float, default=0.0,
                help=f"fail when {kind} {figure} is lower",
            )  # fmt: skip
        parser.add_argument(
            "--min-attribution", type=float, default=0.0,
            help="fail when speaker-attribution accuracy is lower",
        )  # fmt: skip
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")
        parser.add_argument(
            "--details", action="store_true",
            help="also list missed quotes, false alarms and wrong speakers",
        )  # fmt: skip

    def handle(self, *args, **options):
        folder = options["folder"]
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.")
        try:
            articles = load_folder(folder)
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(f"Cannot read the annotations in {folder}: {error}") from error
        if not articles:
            raise CommandError(f"{folder} holds no annotated articles (*.json).")
        scores = evaluate(articles, extract)
        figures = scores.figures()
        figures["articles"] = len(articles)
        if options["json"]:
            self.stdout.write(json.dumps(figures, indent=2))
        else:
            self._table(figures)
        if options["details"]:
            self._details(scores)
        failed = _below(figures, options)
        if failed:
            raise CommandError("Below the thresholds: " + "; ".join(failed))

    def _table(self, figures):
        self.stdout.write(f"{figures['articles']} articles")
        for kind in KINDS:
            f = figures[kind]
            self.stdout.write(
                f"{kind:9} precision {f['precision']:.3f}  recall {f['recall']:.3f}  "
                f"F1 {f['f1']:.3f}  ({f['matched']} matched of {f['proposed']} proposed, "
                f"{f['expected']} expected)"
            )
        a = figures["attribution"]
        self.stdout.write(
            f"attribution accuracy {a['accuracy']:.3f}  ({a['right']} right of {a['matched']})"
        )

    def _details(self, scores):
        for article, gold in scores.misses:
            self.stdout.write(f"missed      {article} [{gold.kind}] {gold.speaker}: {gold.text}")
        for article, candidate in scores.false_alarms:
            self.stdout.write(
                f"false alarm {article} [{candidate.kind}] {candidate.speaker_name}: "
                f"{candidate.text}"
            )
        for article, gold, candidate in scores.wrong_speakers:
            self.stdout.write(
                f"wrong       {article} [{gold.kind}] {candidate.speaker_name} instead of "
                f"{gold.speaker}: {gold.text}"
            )


def _below(figures, options):
    failed = []
    for option, kind, figure in THRESHOLDS:
        if figures[kind][figure] < options[option]:
            failed.append(f"{kind} {figure} {figures[kind][figure]:.3f} < {options[option]}")
    accuracy = figures["attribution"]["accuracy"]
    if accuracy < options["min_attribution"]:
        failed.append(f"attribution {accuracy:.3f} < {options['min_attribution']}")
    return failed
