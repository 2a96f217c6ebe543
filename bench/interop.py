"""Bench section `interop`: import 38C3, then export its schedule.xml and schedule.json.

Targets (issue 5): import under 10 s; each export under 300 ms with a query count that
does not grow with the number of sessions. Everything runs in a transaction that is
rolled back, so the database is left as it was.
"""

import datetime as dt
import statistics
import time
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from events.interop import importer, views
from events.interop.frab_import import parse_frab
from events.models import Forum, Session, Venue

SCHEDULE = Path(__file__).resolve().parent / "data" / "38c3.xml"
RUNS = 5


class _Rollback(Exception):
    pass


def prepare(args):
    """Measured here, in this process, before the public section imports 38C3 for good
    (the same GUIDs cannot be in two forums); the lines are written with the others."""
    lines = []
    bench_interop(lines.append)
    return lines


def measure(site, lines, write):
    for line in lines:
        write(line)


def bench_interop(write):
    try:
        with transaction.atomic():
            _measure(write)
            raise _Rollback
    except _Rollback:
        pass


def import_38c3(slug):
    """A published forum `slug` with the 38C3 schedule imported; returns (forum, plan)."""
    venue = Venue.objects.create(name="CCH", city="Hamburg", country="Germany")
    forum = Forum.objects.create(
        slug=slug,
        name="38C3",
        venue=venue,
        start_date=dt.date(2024, 12, 27),
        end_date=dt.date(2024, 12, 31),
        time_zone="Europe/Berlin",
        status=Forum.Status.PUBLISHED,
    )
    parsed = parse_frab(SCHEDULE.read_bytes(), forum=forum)
    plan = importer.plan_import(forum=forum, parsed=parsed, language="en", publish=True)
    importer.apply_plan(plan=plan, confirm_overlaps=True)
    return forum, plan


def _measure(write):
    # The public section's 38C3, kept between runs, holds the same GUIDs: free them for
    # this import (the transaction is rolled back, so the public forum comes back).
    from bench.public import SLUG

    Session.objects.filter(forum__slug=SLUG).delete()
    start = time.perf_counter()
    forum, plan = import_38c3("bench-38c3")
    seconds = time.perf_counter() - start
    write(f"import 38c3.xml ({len(plan.rows)} events): {seconds:.2f} s (target < 10 s)")
    for name, view in (("schedule.xml", views.forum_schedule_xml),
                       ("schedule.json", views.forum_schedule_json)):  # fmt: skip
        timings, queries = _time_view(view, forum)
        write(f"export {name}: {_spread(timings)} of {RUNS}, {queries} queries each "
              "(target < 300 ms; the count must not grow with sessions)")  # fmt: skip


def _spread(timings):
    figures = (statistics.median(timings), min(timings), max(timings))
    median, fastest, slowest = (round(seconds * 1000) for seconds in figures)
    return f"median {median} ms (min {fastest}, max {slowest})"


def _time_view(view, forum):
    host = (settings.ALLOWED_HOSTS or ["localhost"])[0].lstrip(".").replace("*", "localhost")
    request = RequestFactory(HTTP_HOST=host).get(f"/en/forums/{forum.slug}/")
    timings = []
    for _run in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = view(request, slug=forum.slug)
            timings.append(time.perf_counter() - start)
        assert response.status_code == 200
    return timings, len(queries)
