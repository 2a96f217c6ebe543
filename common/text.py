"""Text helpers: Chinese for search, and the plain text of sanitized HTML.

Neither PostgreSQL nor SQLite segments Chinese. Every run of Han characters is
written as its overlapping two-character pieces: 中国汽车出口 becomes
"中国 国汽 汽车 车出 出口". A search for 汽车 is then a one-piece phrase.
"""

import re
from html import unescape

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RUN = re.compile(f"[{HAN}]+")
# Where fill() put a piece into a template: the characters on either side of its edge.
_START, _END = "\x01", "\x02"
_EDGE = re.compile(f"(?<=(.))[{_START}{_END}]+(?=(.))", re.S)
_EDGE_MARKS = re.compile(f"[{_START}{_END}]")
_LATIN = re.compile("[A-Za-z]")
_HAN_CHAR = re.compile(f"[{HAN}]")


def bigrams(run):
    """The overlapping two-character pieces of a run of Han characters."""
    if len(run) < 2:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def fill(template, **pieces):
    """`template % pieces`, with a space where a piece meets a word it would run into.

    Chinese templates set pieces side by side ("%(organization)s%(title)s%(name)s"), which
    reads right for Chinese words but runs Latin ones together. Where a Latin letter meets
    a Latin letter or a Han character across a piece's edge, a space sets them apart, as
    Chinese typesetting does: "副总工程师 Xu Haidong", "在 Shanghai 举行". Nothing changes
    inside a piece (a quote's words stay as said), nor beside a digit ("于2023年") or
    punctuation.
    """
    marked = template % {name: f"{_START}{value}{_END}" for name, value in pieces.items()}
    return _EDGE_MARKS.sub("", _EDGE.sub(_space_at_edge, marked))


def _space_at_edge(match):
    before, after = match[1], match[2]
    latin_before, latin_after = _LATIN.match(before), _LATIN.match(after)
    if (latin_before and (latin_after or _HAN_CHAR.match(after))) or (
        latin_after and _HAN_CHAR.match(before)
    ):
        return " "
    return ""


def with_han_bigrams(text):
    """`text` with each Han run replaced by its space-separated bigrams."""
    return HAN_RUN.sub(lambda m: " " + " ".join(bigrams(m.group())) + " ", text)


# A tag of sanitized HTML: nh3 writes every "<" and ">" inside text and attribute values
# as an entity, so the first ">" after a "<" ends the tag. Block tags part words.
SANITIZED_TAG = re.compile(r"</?([a-zA-Z0-9]*)[^>]*>")
BLOCK_TAGS = frozenset(
    [
        "address",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "li",
        "ol",
        "p",
        "pre",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
)


def _tag_to_text(match):
    return " " if match[1].lower() in BLOCK_TAGS else ""


def plain_text(sanitized_html):
    """The text of sanitized HTML, entities decoded and whitespace collapsed.

    For text that leaves HTML (iCal, JSON-LD, meta descriptions): the reader escapes it.
    Paragraphs stay apart ("<p>a</p><p>b</p>" reads "a b"), inline tags join ("R<b>&amp;</b>D"
    reads "R&D"). One regular expression suffices for what nh3 writes; Django's strip_tags
    parses any HTML twice and leaves entities encoded.
    """
    text = SANITIZED_TAG.sub(_tag_to_text, sanitized_html or "")
    return " ".join(unescape(text).split())
