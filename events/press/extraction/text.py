"""An article's bytes as the text quotes are found in, and that text's paragraphs and sentences.

Every offset the extractor reports is into the string `article_text()` returns: the
decoded text after any byte-order mark and HTML markup are gone, with line breaks as
"\\n" (as Python's text mode reads files). Control characters become spaces rather than
disappearing, so the text keeps the length and layout its author gave it.
"""

import codecs
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

from django.utils.translation import gettext_lazy as _

from common.text import HAN

# The issue asks that a 1 MB article works; twice that leaves room for markup.
MAX_ARTICLE_BYTES = 2 * 1024 * 1024

# UTF-32 first: its little-endian mark begins with UTF-16's.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\u2028\u2029]")
HTML_START = re.compile(r"\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.I)
HTML_BLOCK_TAG = re.compile(r"<(?:p|div|br|article|section|h[1-6])[\s/>]", re.I)


class ArticleRefused(ValueError):
    """The article cannot be read; the message tells the organizer why."""


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def article_text(data, *, filename=""):
    """The text of an uploaded article (bytes) or a pasted one (str)."""
    if isinstance(data, str):
        text = data
        size = len(text.encode("utf-8", errors="surrogatepass"))
    else:
        size = len(data)
    if size > MAX_ARTICLE_BYTES:
        raise ArticleRefused(
            _("The article is %(size)s bytes; at most %(limit)s bytes can be read.")
            % {"size": f"{size:,}", "limit": f"{MAX_ARTICLE_BYTES:,}"}
        )
    if not isinstance(data, str):
        text = decode(data)
        _refuse_binary(data, text)
    text = normalise(text)
    if looks_like_html(text, filename):
        text = html_to_text(text)
    return text


def _refuse_binary(data, text):
    """A PDF, a Word file or an image renamed .txt decodes to noise: say so instead."""
    has_bom = any(data.startswith(bom) for bom, _codec in BOMS)
    unreadable = text.count("\ufffd") + (0 if has_bom else data[:65536].count(b"\x00"))
    if unreadable > max(8, len(text[:65536]) // 100):
        raise ArticleRefused(
            _("The file does not look like text. Upload the article as .txt or .html.")
        )


def decode(data):
    """Bytes as text: a byte-order mark decides, else UTF-8, else GB 18030 (Chinese)."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace")
    for codec in ("utf-8", "gb18030"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def normalise(text):
    """Line breaks as "\\n"; control characters (and a stray BOM) as spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    return CONTROL.sub(" ", text)


def looks_like_html(text, filename=""):
    if filename.lower().endswith((".html", ".htm")):
        return True
    head = text[:2000]
    return bool(HTML_START.match(head) or HTML_BLOCK_TAG.search(head))


# --- HTML ----------------------------------------------------------------------------

# Their content is never article text.
SKIPPED = {"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "head"}
BLOCKS = {
    "p", "div", "article", "section", "header", "footer", "aside", "main", "nav", "blockquote",
    "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr",
    "figure", "figcaption", "hr", "pre", "address", "form", "fieldset", "title",
}  # fmt: skip
SPACES = re.compile(r"[ \t\n\f\v\u00a0]+")
BLANK_AROUND_BREAK = re.compile(r" *\n *")
MANY_BREAKS = re.compile(r"\n{3,}")


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces = []
        self.skipping = []

    def handle_starttag(self, tag, attrs):
        if tag == "body" and "head" in self.skipping:
            self.skipping.remove("head")  # a <head> left open ends where <body> starts
        if tag in SKIPPED:
            self.skipping.append(tag)
        elif tag == "br":
            self.pieces.append("\n")
        elif tag in BLOCKS:
            self.pieces.append("\n\n")

    def handle_startendtag(self, tag, attrs):
        if tag not in SKIPPED:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in self.skipping:
            while self.skipping.pop() != tag:
                pass
        elif tag in BLOCKS:
            self.pieces.append("\n\n")

    def handle_data(self, data):
        if not self.skipping:
            self.pieces.append(SPACES.sub(" ", data))


def html_to_text(html):
    """The readable text of an HTML page: one paragraph per block, scripts and styles gone."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    text = BLANK_AROUND_BREAK.sub("\n", "".join(collector.pieces))
    return MANY_BREAKS.sub("\n\n", text).strip()


# --- Paragraphs and sentences -----------------------------------------------------------

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# A sentence ends at . ! ? (or their Chinese forms), maybe followed by closing quotes and
# brackets; after Latin punctuation some space must follow, after Chinese none need.
SENTENCE_END = re.compile(
    r"(?:[.!?]+[\"'”’」』)\]]*(?=\s)|[。！？]+[”’」』）)]*|[.!?]+[\"'”’」』)\]]*$)"
)
# Words whose full stop does not end a sentence: "Mr. Xu", "Jan. 5", "U.S. sales".
ABBREVIATIONS = frozenset(
    ("mr", "mrs", "ms", "dr", "prof", "st", "mt", "jr", "sr", "inc", "co", "corp", "ltd", "no",
     "vs", "etc", "gen", "gov", "sen", "rep", "dept", "est", "approx", "jan", "feb", "mar",
     "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "u.s",
     "u.k", "a.m", "p.m")
)  # fmt: skip
WORD_BEFORE = re.compile(r"([A-Za-z.]+)\.$")


def paragraphs(text, start=0, end=None):
    """Spans of the non-blank paragraphs of text[start:end], separated by blank lines."""
    end = len(text) if end is None else end
    spans, position = [], start
    for match in PARAGRAPH_BREAK.finditer(text, start, end):
        spans.extend(_trimmed(text, position, match.start()))
        position = match.end()
    spans.extend(_trimmed(text, position, end))
    return spans


def _trimmed(text, start, end):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [Span(start, end)] if start < end else []


def sentences(text, start, end):
    """Spans of the sentences of text[start:end] (one paragraph), punctuation included."""
    spans, position = [], start
    for match in SENTENCE_END.finditer(text, start, end):
        if _is_abbreviation(text, position, match):
            continue
        spans.extend(_trimmed(text, position, match.end()))
        position = match.end()
    spans.extend(_trimmed(text, position, end))
    return spans


def _is_abbreviation(text, start, match):
    if text[match.start()] != "." or match.end() - match.start() != 1:
        return False
    before = WORD_BEFORE.search(text, max(start, match.start() - 12), match.start() + 1)
    if before is None:
        return False
    word = before.group(1)
    # A single capital is an initial ("J. Smith"); otherwise look the word up.
    return (len(word) == 1 and word.isupper()) or word.lower() in ABBREVIATIONS


# --- Words, as the scoring compares them ------------------------------------------------

# Apostrophes join a word ("China's" -> "chinas"); other punctuation separates words.
APOSTROPHES = re.compile(r"['’‘`´]")
TOKEN = re.compile(rf"[{HAN}]|(?:(?![{HAN}])[^\W_])+")


def tokens(text):
    """The words of `text`, case-folded; each Han character is a word of its own."""
    folded = APOSTROPHES.sub("", unicodedata.normalize("NFKC", text).casefold())
    return TOKEN.findall(folded)


def token_f1(a, b):
    """F1 of the overlap of two token lists (as multisets)."""
    if not a or not b:
        return 0.0
    common = sum((Counter(a) & Counter(b)).values())
    if not common:
        return 0.0
    precision, recall = common / len(a), common / len(b)
    return 2 * precision * recall / (precision + recall)
