from io import StringIO

import pytest
from django.core.management import call_command

from events.models import Forum, Session


@pytest.mark.slow
@pytest.mark.django_db
def test_bench_interop_reports_its_figures_and_leaves_the_database_alone(settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    out = StringIO()
    call_command("bench", "--only", "interop", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "== interop"
    assert lines[1].startswith("import 38c3.xml (1007 events): ")
    assert lines[2].startswith("export schedule.xml: median ")
    assert lines[3].startswith("export schedule.json: median ")
    assert not Forum.objects.exists() and not Session.objects.exists()
