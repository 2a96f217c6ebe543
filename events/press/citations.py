"""How a quote is cited: plain news-style text, HTML and Markdown.

The press room's copy boxes, the exports and the press pack all call cite(),
so a quote reads the same wherever a journalist picks it up. Sentence order is
a translatable string: Chinese puts the date and place before "said".

The quote's words are kept; only its final punctuation follows news style: a
quote followed by "said ..." ends in a comma ("..., next 10 years," said ...),
a quote standing alone in a block ends in a full stop.

Expects quote.speaker's affiliations and quote.forum.venue to be loaded
(events.press.search and events/press/results.py do that).
"""

import re
from dataclasses import dataclass

from django.utils import formats
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from common.text import fill

SENTENCE_ENDS = ".,;:"
KEEP_ENDS = "?!…。？！"
# Characters that mean something inline in Markdown, and block starts at a line's beginning.
MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>#|~])")
MARKDOWN_BULLET = re.compile(r"^(\s*)([-+=])", re.MULTILINE)
MARKDOWN_ORDERED = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)


@dataclass(frozen=True)
class Citation:
    text: str
    html: str
    markdown: str


def cite(quote, permalink=""):
    """The three citation forms of `quote`; `permalink` is an absolute URL, or ""."""
    parts = _parts(quote)
    return Citation(
        text=_plain(quote, parts),
        html=_html(quote, parts, permalink),
        markdown=_markdown(quote, parts, permalink),
    )


def _parts(quote):
    venue = quote.forum.venue
    city = venue.city if venue else ""
    forum = str(quote.forum)
    if city:
        place = fill(_("at the %(forum)s in %(city)s"), forum=forum, city=city)
    else:
        place = fill(_("at the %(forum)s"), forum=forum)
    return {
        "attribution": quote.attribution,
        "place": place,
        "date": formats.date_format(quote.said_on, "DATE_FORMAT"),
    }


def _is_chinese():
    return (get_language() or "").startswith("zh")


def _full_stop():
    """The caption's full stop in the reader's language: Chinese text ends in "。"."""
    return "。" if _is_chinese() else "."


def _words(text):
    return " ".join((text or "").split())


def _before_said(text):
    """The quote as it stands before "said": its final full stop becomes a comma."""
    text = _words(text)
    if _is_chinese() or text.endswith(tuple(KEEP_ENDS)) or text.endswith(","):
        return text
    return text.rstrip(SENTENCE_ENDS) + ","


def _standing_alone(text):
    """The quote as a block: a final comma or colon becomes a full stop."""
    text = _words(text)
    if not text or text.endswith(tuple(KEEP_ENDS)) or text.endswith("."):
        return text
    return text.rstrip(SENTENCE_ENDS) + "."


def _credit(quote):
    if not (quote.original_text and quote.translation_credit):
        return ""
    return _("Translation: %(credit)s.") % {"credit": quote.translation_credit}


def _plain(quote, parts):
    if quote.kind == quote.Kind.REPORTED:
        # Reported speech carries no quotation marks.
        template = _("%(text)s %(attribution)s, said %(place)s on %(date)s.")
    else:
        template = _('"%(text)s" said %(attribution)s, %(place)s on %(date)s.')
    sentence = fill(template, **parts, text=_before_said(quote.text))
    return " ".join(piece for piece in (sentence, _credit(quote)) if piece)


def caption(parts):
    """'Xu Haidong, deputy chief engineer of ..., at the ... in Shanghai on July 6, 2023'."""
    return fill(_("%(attribution)s, %(place)s on %(date)s"), **parts)


def _html(quote, parts, permalink):
    cite_attribute = f' cite="{escape(permalink)}"' if permalink else ""
    language = f' lang="{escape(quote.language)}"' if quote.language else ""
    credit = _credit(quote)
    link = f' <a href="{escape(permalink)}">{escape(_("Permalink"))}</a>' if permalink else ""
    return (
        "<figure>\n"
        f"  <blockquote{cite_attribute}{language}>\n"
        f"    <p>{escape(_standing_alone(quote.text))}</p>\n"
        "  </blockquote>\n"
        f"  <figcaption>— {escape(caption(parts))}{_full_stop()}"
        f"{' ' + escape(credit) if credit else ''}{link}</figcaption>\n"
        "</figure>"
    )


def markdown_escape(text):
    text = MARKDOWN_INLINE.sub(r"\\\1", text)
    text = MARKDOWN_BULLET.sub(r"\1\\\2", text)
    return MARKDOWN_ORDERED.sub(r"\1\\\2", text)


def _markdown(quote, parts, permalink):
    credit = _credit(quote)
    line = f"— {markdown_escape(caption(parts))}{_full_stop()}"
    if credit:
        line += " " + markdown_escape(credit)
    if permalink:
        line += f" [{_('Permalink')}](<{permalink}>)"
    return f"> {markdown_escape(_standing_alone(quote.text))}\n>\n> {line}"
