"""Bench section `extraction`: propose the quotes of 10 KB, 100 KB and 1 MB articles.

Target (issue 16): 1 MB in under 2 s, the time growing linearly with the length. The
articles are the annotated ones of tests/data/quotes/ joined and repeated to each size;
the extractor runs in this process (it touches no database), best of three runs.
"""

import time
from pathlib import Path

from events.press.extraction.rules import extract
from events.press.extraction.text import article_text

ARTICLES = Path(__file__).resolve().parent.parent / "tests" / "data" / "quotes"
SIZES = (10_000, 100_000, 1_000_000)
RUNS = 3
TARGET_SECONDS = 2.0


def prepare(args):
    return None


def measure(site, state, write):
    bench_extraction(write)


def articles_of(size):
    """The annotated articles, joined and repeated to `size` characters."""
    texts = [
        article_text(path.read_bytes(), filename=path.name)
        for path in sorted(ARTICLES.iterdir())
        if path.suffix in {".txt", ".html"}
    ]
    joined = "\n\n".join(texts)
    return (joined * (size // len(joined) + 1))[:size]


def bench_extraction(write):
    per_kilobyte = []
    for size in SIZES:
        text = articles_of(size)
        seconds, count = _best(text)
        per_kilobyte.append(seconds / (size / 1000))
        verdict = "" if size < 1_000_000 else (
            "  ok" if seconds < TARGET_SECONDS else f"  SLOWER than {TARGET_SECONDS} s"
        )  # fmt: skip
        write(
            f"{size // 1000:>5} KB: {seconds * 1000:8.1f} ms, {count} candidates, "
            f"{per_kilobyte[-1] * 1000:.2f} ms per KB{verdict}"
        )
    write(f"1 MB takes {per_kilobyte[-1] / per_kilobyte[0]:.2f}x the time per KB of 10 KB "
          "(1.00 is linear)")  # fmt: skip


def _best(text):
    best, count = None, 0
    for _ in range(RUNS):
        started = time.perf_counter()
        count = len(extract(text))
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return best, count


if __name__ == "__main__":
    # `python -m bench.extraction`: this section alone, without PostgreSQL or gunicorn. The
    # extractor needs settings only for its (lazy) messages; the test settings need no .env.
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum_site.test_settings")
    django.setup()
    bench_extraction(print)
