"""Bench section `interop`: import 38C3, then export its schedule.xml and schedule.json.

Targets (issue 5): import under 10 s; each export under 300 ms with a query count that
does not grow with the number of sessions. Everything runs in a transaction that is
rolled back, so the database is left as it was.
"""

import statistics
import time

from django.conf import settings
from django.db import connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from bench import schedule
from events.interop import views
from events.models import Session

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


def _measure(write):
    # The public section's 38C3, kept between runs, holds the same GUIDs: free them for
    # this import (the transaction is rolled back, so the public forum comes back).
    Session.objects.filter(forum__slug=schedule.PUBLIC_SLUG).delete()
    start = time.perf_counter()
    forum, plan = schedule.import_38c3("bench-38c3")
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
