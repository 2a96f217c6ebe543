"""The processes a bench run needs: PostgreSQL, Redis and gunicorn, each stopped by its id."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def postgres(data_dir, port):
    """A PostgreSQL server on 127.0.0.1:`port` with its data in `data_dir` (kept between runs)."""
    script = str(ROOT / ".ci" / "postgres")
    subprocess.run([script, "start", str(data_dir), str(port)], check=True, stdout=subprocess.PIPE)
    try:
        yield f"postgres://postgres@127.0.0.1:{port}/forum_site_bench"
    finally:
        subprocess.run([script, "stop", str(data_dir)], check=False)


def create_database(url, *, fresh=False):
    """Create the database of `url` on its server unless it exists; `fresh` drops it first."""
    import psycopg2

    *server, name = url.rsplit("/", 1)
    with contextlib.closing(psycopg2.connect(server[0] + "/postgres")) as connection:
        connection.autocommit = True
        with connection.cursor() as cursor:
            if fresh:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if not cursor.fetchone():
                cursor.execute(f'CREATE DATABASE "{name}"')


@contextlib.contextmanager
def redis(port):
    """A Redis server on 127.0.0.1:`port`, in memory only; yields its URL."""
    command = ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "",
               "--appendonly", "no"]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    try:
        _wait_for_port(port, process)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_for_port(port, process, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return
        time.sleep(0.1)
    raise RuntimeError(f"{process.args[0]} did not listen on {port} within {timeout} s")


@dataclass
class Site:
    """A served site: its base URL, and how to empty the cache its servers share."""

    url: str
    clear_cache: Callable[[], None]


@contextlib.contextmanager
def gunicorn(env, workers=2):
    """The site served by gunicorn on a free port; yields its Site."""
    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", "forum_site.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
        "--log-level", "warning", "--no-control-socket",
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env})
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base + "/__bench__/bare", process)
        yield Site(base, clear_cache=_shared_cache().clear)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _shared_cache():
    """The cache the servers share (the bench's Redis), as this process's settings name it."""
    from django.core.cache import cache

    return cache


def _wait_until_up(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (our own loopback URL)
                return
        except urllib.error.HTTPError as error:
            raise RuntimeError(f"{url} answered {error.code}") from error
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer {url} within {timeout} s")
