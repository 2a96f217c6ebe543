"""Text helpers: Chinese for search, and the plain text of sanitized HTML.

Neither PostgreSQL nor SQLite segments Chinese. Every run of Han characters is
written as its overlapping two-character pieces: 中国汽车出口 becomes
"中国 国汽 汽车 车出 出口". A search for 汽车 is then a one-piece phrase.
"""

import re
from html import unescape

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RUN = re.compile(f"[{HAN}]+")
# A Han character touching a Latin letter or digit, in either order.
HAN_LATIN = re.compile(f"(?<=[{HAN}])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])(?=[{HAN}])")


def bigrams(run):
    """The overlapping two-character pieces of a run of Han characters."""
    if len(run) < 2:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def spaced_between_han_and_latin(text):
    """A space where Han meets Latin, as Chinese typesetting sets one apart:
    "副总工程师Xu Haidong" reads "副总工程师 Xu Haidong", "BYD副总裁" "BYD 副总裁"."""
    return HAN_LATIN.sub(" ", text)


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
