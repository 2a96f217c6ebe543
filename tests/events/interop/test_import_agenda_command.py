from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from events.demo.loader import demo_forum_load
from events.models import Session
from tests.events.interop.conftest import db_snapshot

pytestmark = pytest.mark.django_db

DEMO_CSV = Path(__file__).resolve().parents[3] / "events" / "demo" / "demo-agenda.csv"
HEADER = "ref,day,start,end,room,title,kind,topics,moderator,abstract,speakers\n"


def _run(*args):
    out = StringIO()
    call_command("import_agenda", *args, stdout=out)
    return out.getvalue()


def test_demo_agenda_csv_matches_the_demo_forum():
    forum = demo_forum_load().forum
    before = db_snapshot()
    output = _run(str(DEMO_CSV), "--forum", forum.slug, "--apply")
    assert "Imported into china-auto-forum-2023: 9 unchanged." in output
    assert "Luo Junjie: matched" in output
    assert db_snapshot() == before


def test_dry_run_writes_nothing_and_apply_writes(demo_forum, tmp_path):
    path = tmp_path / "agenda.csv"
    path.write_text(HEADER + "N1,2023-07-07,10:00,10:30,Hall B,New talk,keynote,,,,Ann Lee\n")
    before = db_snapshot()
    output = _run(str(path), "--forum", demo_forum.slug, "--dry-run")
    assert "row 2: create" in output and "Ann Lee: new" in output
    assert "Dry run: nothing was written." in output
    assert db_snapshot() == before
    _run(str(path), "--forum", demo_forum.slug, "--apply", "--publish")
    assert Session.objects.get(ref="N1").status == Session.Status.PUBLISHED


def test_errors_stop_the_command(demo_forum, tmp_path):
    path = tmp_path / "agenda.csv"
    path.write_text(HEADER + "N2,2023-07-07,10:00,10:30,Attic,New talk,keynote,,,,\n")
    before = db_snapshot()
    with pytest.raises(CommandError, match="Nothing was imported: 1 errors."):
        _run(str(path), "--forum", demo_forum.slug, "--apply")
    assert db_snapshot() == before
