"""Time pages over HTTP, one request at a time, as one visitor sees them."""

import http.client
import statistics
import time
import urllib.parse

# What every browser sends: the cached public tier answers it with the page it keeps gzipped.
BROWSER_HEADERS = {"Accept-Encoding": "gzip, deflate, br"}


def get(url, headers=None):
    """(status, body as sent, seconds) of one GET of `url` on a new connection, as a browser."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    started = time.perf_counter()
    connection.request("GET", path, headers=BROWSER_HEADERS | (headers or {}))
    response = connection.getresponse()
    body = response.read()
    seconds = time.perf_counter() - started
    connection.close()
    return response.status, body, seconds


def timings(url, runs, headers=None, warmup=3, before_each=None):
    """Seconds of `runs` GETs of `url` after `warmup` untimed ones; each must answer 200.

    `before_each()` runs before every request (clearing the cache, say), untimed.
    """
    found = []
    for number in range(warmup + runs):
        if before_each is not None:
            before_each()
        status, body, seconds = get(url, headers)
        if status != 200:
            raise RuntimeError(f"GET {url} answered {status}: {body[:300]!r}")
        if number >= warmup:
            found.append(seconds)
    return found


def percentile(seconds, share):
    """The `share` (0-100) percentile of `seconds`, in milliseconds."""
    cuts = statistics.quantiles(seconds, n=100, method="inclusive")
    return cuts[share - 1] * 1000
