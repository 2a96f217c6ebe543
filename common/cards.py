"""Social cards: the 1200×630 PNG that link previews show, drawn by Pillow.

A card is its text; `Card.digest` names that text, so a page links its card as
`...card.png?v=<digest>` and the PNG is drawn once per text (`png_for`), then kept in the
shared cache. Any change to the title, the people or the date gives a new digest, a new
URL, and a new image.
"""

import hashlib
import io
import unicodedata
from dataclasses import dataclass
from functools import cache

from django.core.cache import cache as shared_cache
from PIL import Image, ImageDraw, ImageFont

from common.fonts import cjk_font_path

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
BACKGROUND = (20, 42, 74)
ACCENT = (231, 76, 60)
TEXT = (255, 255, 255)
MUTED = (190, 205, 225)
# Bump when the drawing changes, so that cached PNGs of the old design are not reused.
DESIGN = 1
CACHE_SECONDS = 30 * 24 * 60 * 60


@dataclass(frozen=True)
class Card:
    title: str
    lines: tuple = ()
    footer: str = ""
    site: str = ""

    @property
    def digest(self):
        text = "\x1f".join([str(DESIGN), self.title, *self.lines, self.footer, self.site])
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def png_for(card):
    """The card's PNG bytes, drawn once per distinct card across all app servers."""
    key = f"social-card:{card.digest}"
    png = shared_cache.get(key)
    if png is None:
        png = draw(card)
        shared_cache.set(key, png, CACHE_SECONDS)
    return png


def draw(card):
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, 16, HEIGHT), fill=ACCENT)
    width = WIDTH - 2 * MARGIN
    y = MARGIN
    size, title_lines = _fit(card.title, width, sizes=(64, 56, 48, 40), max_lines=3)
    for line in title_lines:
        pen.text((MARGIN, y), line, font=_font(size), fill=TEXT)
        y += int(size * 1.25)
    y += 24
    for text in card.lines[:3]:
        for line in _wrap(text, _font(34), width)[:2]:
            pen.text((MARGIN, y), line, font=_font(34), fill=MUTED)
            y += 44
    footer_y = HEIGHT - MARGIN - 36
    pen.text(
        (MARGIN, footer_y), _ellipsis(card.footer, _font(30), width), font=_font(30), fill=TEXT
    )
    if card.site:
        pen.text((MARGIN, footer_y - 44), card.site, font=_font(26), fill=ACCENT)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


@cache
def _font(size):
    path = cjk_font_path()
    if path:
        return ImageFont.truetype(str(path), size, index=0)
    return ImageFont.load_default(size)


def _fit(text, width, *, sizes, max_lines):
    """The largest size at which `text` wraps into `max_lines`, and its lines (cut short
    with an ellipsis at the smallest size)."""
    for size in sizes:
        lines = _wrap(text, _font(size), width)
        if len(lines) <= max_lines:
            return size, lines
    lines = _wrap(text, _font(sizes[-1]), width)
    kept = lines[: max_lines - 1] + [
        _ellipsis(" ".join(lines[max_lines - 1 :]), _font(sizes[-1]), width)
    ]
    return sizes[-1], kept


def _tokens(text):
    """Words, but each CJK character on its own: Chinese breaks between any two."""
    token = ""
    for char in text:
        if char.isspace():
            if token:
                yield token
            yield " "
            token = ""
        elif _is_wide(char):
            if token:
                yield token
            yield char
            token = ""
        else:
            token += char
    if token:
        yield token


def _is_wide(char):
    return unicodedata.east_asian_width(char) in ("W", "F")


def _wrap(text, font, width):
    lines, line = [], ""
    for token in _fitting(_tokens(" ".join(text.split())), font, width):
        candidate = line + token
        if line and font.getlength(candidate.rstrip()) > width:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line = candidate
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _fitting(tokens, font, width):
    """The tokens, with any word wider than a line (a URL, say) cut into characters."""
    for token in tokens:
        if font.getlength(token) > width:
            yield from token
        else:
            yield token


def _ellipsis(text, font, width):
    if font.getlength(text) <= width:
        return text
    while text and font.getlength(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"
