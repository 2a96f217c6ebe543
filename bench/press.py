"""The press room search page, over HTTP, logged in as press, on 100,000 quotes.

Targets (issue 17): p50 <= 60 ms and p95 <= 120 ms for each case, with a query count that
does not grow with the data (counted in this process, through Django's test client).
"""

import time
from urllib.parse import urlencode

from bench import press_seed
from bench.client import percentile, timings

RUNS = 100
P50_TARGET, P95_TARGET = 60, 120
CASES = [
    ("common word", press_seed.COMMON_WORD),
    ("rare word", press_seed.RARE_WORD),
    ("phrase", '"{} {}"'.format(*press_seed.PHRASE)),
    ("chinese word", "芯片"),
    ("no query", ""),
]


def prepare(args):
    """Seed the quotes unless they are there; return the press user's session cookie."""
    from django.contrib.auth.models import Group, User
    from django.db import connection
    from django.test import Client

    if args.reseed or not press_seed.seeded():
        print("seeding 100,000 quotes ...", flush=True)
        started = time.perf_counter()
        press_seed.clear()
        press_seed.seed()
        print(f"seeded in {time.perf_counter() - started:.1f} s", flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    user, _ = User.objects.get_or_create(username="bench-press")
    user.groups.add(Group.objects.get(name="Press"))
    client = Client()
    client.force_login(user)
    return {"cookie": f"sessionid={client.cookies['sessionid'].value}", "client": client}


def measure(site, state, write):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    write(f"{'case':<16}{'p50 ms':>8}{'p95 ms':>8}{'queries':>9}  target p50 <= 60, p95 <= 120")
    headers = {"Cookie": state["cookie"]}
    for label, q in CASES:
        query = urlencode({"q": q}) if q else ""
        path = "/en/press/" + (f"?{query}" if query else "")
        with CaptureQueriesContext(connection) as queries:
            response = state["client"].get(path, HTTP_HOST="127.0.0.1")
        assert response.status_code == 200, response.status_code
        seconds = timings(site.url + path, RUNS, headers)
        p50, p95 = percentile(seconds, 50), percentile(seconds, 95)
        met = "ok" if p50 <= P50_TARGET and p95 <= P95_TARGET else "MISSED"
        write(f"{label:<16}{p50:>8.1f}{p95:>8.1f}{len(queries):>9}  {met}")
