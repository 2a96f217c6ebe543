"""Text helpers for Chinese: neither PostgreSQL nor SQLite segments it.

Every run of Han characters is written as its overlapping two-character
pieces: 中国汽车出口 becomes "中国 国汽 汽车 车出 出口". A search for 汽车 is
then a one-piece phrase.
"""

import re

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RUN = re.compile(f"[{HAN}]+")


def bigrams(run):
    """The overlapping two-character pieces of a run of Han characters."""
    if len(run) < 2:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def with_han_bigrams(text):
    """`text` with each Han run replaced by its space-separated bigrams."""
    return HAN_RUN.sub(lambda m: " " + " ".join(bigrams(m.group())) + " ", text)
