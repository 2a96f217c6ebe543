"""Mark the searched words in a quote, safely.

Done in Python on the page's items, so both databases highlight alike: a
word is marked when its Snowball english stem equals a searched word's stem
("exports" marks "exported"), and Chinese searches mark their exact text.
Everything but the <mark> tags is HTML-escaped.
"""

import functools
import html
import re

import snowballstemmer
from django.utils.safestring import mark_safe

from common.text import HAN
from events.press.query import HAN_ONLY, STOP_WORDS

# A letter or digit of a word; Han characters are matched as text, not as words.
WORD_CHARACTER = f"[^\\W_{HAN}]"
_stemmer = snowballstemmer.stemmer("english")


WORD = re.compile(f"{WORD_CHARACTER}+")


@functools.lru_cache(maxsize=50_000)
def _stem(word):
    # The pure-Python stemmer is slow enough to matter on a page; quotes repeat words.
    return _stemmer.stemWord(word.lower())


STOP_STEMS = frozenset(_stem(w) for w in STOP_WORDS)


def _spans(text, parsed):
    hans = {w for w in parsed.words if HAN_ONLY.fullmatch(w)}
    stems = {_stem(w) for w in parsed.words if w not in hans} - STOP_STEMS
    spans = [m.span() for m in WORD.finditer(text) if _stem(m.group()) in stems]
    for han in (han for han in hans if len(han) > 1):
        start = text.find(han)
        while start != -1:
            spans.append((start, start + len(han)))
            start = text.find(han, start + 1)
    return _merge(sorted(spans))


def _merge(spans):
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text, parsed):
    """`text` HTML-escaped, with each match wrapped in <mark>."""
    if not text:
        return mark_safe("")  # noqa: S308 (empty)
    out, last = [], 0
    for start, end in _spans(text, parsed) if not parsed.is_empty else []:
        out.append(html.escape(text[last:start]))
        out.append("<mark>" + html.escape(text[start:end]) + "</mark>")
        last = end
    out.append(html.escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 (every piece escaped above)
