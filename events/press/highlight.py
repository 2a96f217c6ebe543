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


@functools.lru_cache(maxsize=50_000)
def _stem(word):
    # The pure-Python stemmer costs tens of microseconds a word; quotes repeat words.
    return _stemmer.stemWord(word.lower())


STOP_STEMS = frozenset(_stem(w) for w in STOP_WORDS)


@functools.lru_cache(maxsize=256)
def _candidates(initials):
    """The words of a text that start with one of `initials`.

    A Snowball stem keeps its word's first letter, so only these words need
    stemming; most words of a quote are skipped without it.
    """
    letters = "".join(re.escape(letter) for letter in sorted(initials))
    return re.compile(f"(?<!{WORD_CHARACTER})[{letters}]{WORD_CHARACTER}*", re.IGNORECASE)


@functools.lru_cache(maxsize=256)
def _searched(words):
    """(the stems of the searched words, a pattern of candidate words or None, Han runs).

    Worked out once per query: a page highlights forty texts with the same words.
    """
    stems = frozenset(_stem(w) for w in words if not HAN_ONLY.fullmatch(w)) - STOP_STEMS
    pattern = _candidates(frozenset(stem[0] for stem in stems)) if stems else None
    hans = tuple({w for w in words if HAN_ONLY.fullmatch(w) and len(w) > 1})
    return stems, pattern, hans


def _spans(text, parsed):
    stems, pattern, hans = _searched(tuple(parsed.words))
    spans = []
    if pattern is not None:
        spans = [m.span() for m in pattern.finditer(text) if _stem(m.group()) in stems]
    for han in hans:
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
    # html.escape() is what django.utils.html.escape() runs, without its lazy-string
    # wrapper and a SafeString per piece.
    for start, end in _spans(text, parsed) if not parsed.is_empty else []:
        out.append(html.escape(text[last:start]))
        out.append("<mark>" + html.escape(text[start:end]) + "</mark>")
        last = end
    out.append(html.escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 (every piece escaped above)
