"""Turn what a journalist typed into search terms, never into an error.

Words and "quoted phrases" are all required (AND). Operators and punctuation
are ignored, an unbalanced quotation mark is dropped, and each run of Chinese
characters becomes a phrase of its bigrams, matching the stored document
(events/searchindex.py). Each thing ignored leaves a message for the user.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from common.text import HAN, bigrams

MAX_TERMS = 12
# Curly and corner quotation marks pasted from articles count as ".
QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "「": '"', "」": '"', "＂": '"'})
TOKEN = re.compile(f"[{HAN}]+|[^\\W_{HAN}]+")
HAN_ONLY = re.compile(f"[{HAN}]+")
# PostgreSQL's english stop words: it drops them from queries, so we drop
# standalone ones on both databases and SQLite answers the same.
_STOP_WORDS_TEXT = (
    "i me my myself we our ours ourselves you your yours yourself yourselves he him his "
    "himself she her hers herself it its itself they them their theirs themselves what which "
    "who whom this that these those am is are was were be been being have has had having do "
    "does did doing a an the and but if or because as until while of at by for with about "
    "against between into through during before after above below to from up down in out on "
    "off over under again further then once here there when where why how all any both each "
    "few more most other some such no nor not only own same so than too very s t can will "
    "just don should now"
)
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())


@dataclass(frozen=True)
class Term:
    """A word, or a phrase of tokens that must appear in this order."""

    tokens: tuple
    is_phrase: bool


@dataclass
class ParsedQuery:
    terms: list = field(default_factory=list)
    messages: list = field(default_factory=list)
    # Words and Han runs as typed, for highlighting.
    words: list = field(default_factory=list)

    @property
    def is_empty(self):
        return not self.terms


def _tokens(text, parsed):
    """Index tokens of `text`: lowercased words and Han bigrams."""
    tokens = []
    for token in TOKEN.findall(text):
        parsed.words.append(token)
        if HAN_ONLY.fullmatch(token):
            if len(token) < 2:
                parsed.messages.append(
                    _("“%(char)s” was ignored: Chinese searches need two characters or more.")
                    % {"char": token}
                )
                continue
            tokens.extend(bigrams(token))
        else:
            tokens.append(token.lower())
    return tokens


def _split_quotes(q):
    """(phrase texts, loose text), dropping an unbalanced quotation mark."""
    q = q.translate(QUOTE_MARKS)
    pieces = q.split('"')
    unbalanced = len(pieces) % 2 == 0
    if unbalanced:
        # The last piece follows the stray mark: search its words loosely.
        pieces[-2:] = [pieces[-2] + " " + pieces[-1]]
    phrases = pieces[1::2]
    loose = " ".join(pieces[0::2])
    return phrases, loose, unbalanced


def parse_query(q):
    parsed = ParsedQuery()
    phrases, loose, unbalanced = _split_quotes(q or "")
    if unbalanced:
        parsed.messages.append(_("An unmatched quotation mark was ignored."))
    for text in [*phrases, *TOKEN.findall(loose)]:
        tokens = _tokens(text, parsed)
        if tokens and not (len(tokens) == 1 and tokens[0] in STOP_WORDS):
            parsed.terms.append(Term(tuple(tokens), is_phrase=len(tokens) > 1))
    if len(parsed.terms) > MAX_TERMS:
        parsed.terms = parsed.terms[:MAX_TERMS]
        parsed.messages.append(
            _("Only the first %(count)d words or phrases were searched.") % {"count": MAX_TERMS}
        )
    if not parsed.terms and (q or "").strip():
        parsed.messages.append(
            _("Nothing to search for: type words, or a “phrase in quotation marks”.")
        )
    return parsed
