"""python -m bench [--only SECTION] [--db postgres|sqlite] [--reseed]

Starts PostgreSQL (or uses SQLite), migrates, lets each section seed its data, serves the site
with gunicorn (2 workers, DEBUG off, a Redis cache) and lets each section time its pages over HTTP.
"""

import argparse
import contextlib
import os
import secrets
import signal
import sys
import time
from importlib import import_module
from pathlib import Path

from bench import services

# In this order: interop imports 38C3 and rolls it back before public imports it to stay.
SECTIONS = {
    "press": "bench.press",
    "interop": "bench.interop",
    "public": "bench.public",
    "extraction": "bench.extraction",
}
ROOT = services.ROOT
PG_DIR = Path(os.environ.get("BENCH_PG_DIR", "/tmp/forum-site-bench-pg"))


def _arguments(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[2])
    parser.add_argument("--only", action="append", choices=sorted(SECTIONS))
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument(
        "--reseed", action="store_true", help="Start from a fresh database and seed again."
    )
    return parser.parse_args(argv)


def _server_env(database_url):
    return {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(48),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        # As deploy/env.example: a PostgreSQL connection per request costs a server fork.
        "DJANGO_CONN_MAX_AGE": "60",
        "DJANGO_CONN_HEALTH_CHECKS": "1",
    }


def main(argv=None):
    args = _arguments(argv)
    # A stopped bench still stops the servers it started (the ExitStack unwinds).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with contextlib.ExitStack() as stack:
        if args.db == "postgres":
            url = stack.enter_context(services.postgres(PG_DIR, services.free_port()))
            services.create_database(url, fresh=args.reseed)
        else:
            (ROOT / "var").mkdir(exist_ok=True)
            path = ROOT / "var" / "bench.sqlite3"
            if args.reseed:
                path.unlink(missing_ok=True)
            url = f"sqlite:///{path}"
        # Production shares one Redis cache; the bench clears it between uncached requests.
        redis_url = stack.enter_context(services.redis(services.free_port()))
        env = {**_server_env(url), "REDIS_URL": redis_url}
        os.environ.update(env)
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0, interactive=False)
        # DEBUG off: pages link to the hashed files collectstatic writes.
        call_command("collectstatic", verbosity=0, interactive=False)
        call_command("setup_roles", verbosity=0)
        call_command("setup_pages", verbosity=0)
        chosen = [name for name in SECTIONS if name in (args.only or SECTIONS)]
        sections = [import_module(SECTIONS[name]) for name in chosen]
        states = [section.prepare(args) for section in sections]
        site = stack.enter_context(services.gunicorn(env))
        _write(f"{args.db}, gunicorn with 2 workers, DEBUG off, Redis; load average {_load()}")
        _write(f"this machine now: a 5,000,000-step Python loop takes {_calibration()} ms")
        for section, state in zip(sections, states, strict=True):
            _write(f"== {section.__name__.removeprefix('bench.')}")
            section.measure(site, state, _write)
        _write(f"load average {_load()}")
    return 0


def _write(line):
    print(line, flush=True)


def _calibration():
    """Milliseconds of a fixed pure-Python loop: shared machines vary, so compare runs by it."""
    started = time.perf_counter()
    total = 0
    for step in range(5_000_000):
        total += step
    return round((time.perf_counter() - started) * 1000)


def _load():
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())
