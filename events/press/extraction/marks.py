"""Pair quotation marks into quoted passages, in one pass over the text.

Straight and curly double quotes are one family: typists mix them ("...market.” in the
seed article), so whether a mark opens or closes is read from what stands on either side
of it, and only where both sides are letters (Chinese has no spaces) from its shape. 「」
and 『』 are families of their own. Marks of another family inside a passage are part of
its text. A passage whose paragraph ends without a closing mark goes on when the next
paragraph opens with a mark (the newspaper convention for quotes of several
paragraphs); otherwise it is unbalanced and dropped, never guessed at.
"""

import re
from dataclasses import dataclass

from events.press.extraction.text import Span

MARK = re.compile(r"[\"“”„「」『』]")
FAMILY = {'"': "double", "“": "double", "”": "double", "„": "double",
          "「": "corner", "」": "corner", "『": "white", "』": "white"}  # fmt: skip
OPENING_SHAPES = frozenset("“„「『")
CLOSING_SHAPES = frozenset("”」』")
# What a quotation may follow: space, an opening bracket, a dash, a colon or comma.
BEFORE_OPENING = frozenset(" \t\n([{<—–-:;,/：，、；（【《")
# What may follow a closing mark: space or punctuation.
AFTER_CLOSING = frozenset(" \t\n)]}>—–-:;,.!?/：，、；。！？）】》")


@dataclass(frozen=True)
class Quoted:
    """A passage between quotation marks; `parts` are its inner text, one per paragraph."""

    parts: tuple
    opened: int  # offset of the opening mark
    closed: int  # offset of the closing mark

    @property
    def start(self):
        return self.parts[0].start

    @property
    def end(self):
        return self.parts[-1].end


def role(text, position):
    """'open', 'close' or 'either' for the mark at `position`."""
    mark = text[position]
    if mark in "「『":
        return "open"
    if mark in "」』":
        return "close"
    before = text[position - 1] if position else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    may_open = before in BEFORE_OPENING and not after.isspace()
    may_close = not before.isspace() and (after in AFTER_CLOSING or after in MARK_CHARS)
    if may_open and not may_close:
        return "open"
    if may_close and not may_open:
        return "close"
    if mark in OPENING_SHAPES:
        return "open"
    if mark in CLOSING_SHAPES:
        return "close"
    return "either"


MARK_CHARS = frozenset(FAMILY)


def find_quoted(text, paragraph_spans):
    """Every balanced quoted passage of `text`, in order."""
    pairer = _Pairer(text, paragraph_spans)
    for match in MARK.finditer(text):
        pairer.mark(match.start())
    return pairer.found


class _Pairer:
    def __init__(self, text, paragraph_spans):
        self.text = text
        self.paragraphs = paragraph_spans
        self.paragraph = 0  # index of the paragraph the scan is in
        self.found = []
        self.family = None  # of the mark the current passage opened with; None: none open
        self.first_opened = self.opened = self.continued_at = None
        self.parts = []  # finished paragraphs of the current passage

    def mark(self, position):
        self._advance_to(position)
        if position == self.continued_at:
            return  # the mark that carries the passage on into this paragraph
        family = FAMILY[self.text[position]]
        kind = role(self.text, position)
        if self.family is None:
            if kind != "close":
                self._open(position, family)
        elif family != self.family:
            return  # another family's marks inside the passage are its text
        elif kind == "open":
            self._open(position, family)  # the earlier passage never closed
        else:
            self._close(position)

    def _open(self, position, family):
        self.family, self.first_opened, self.opened, self.parts = family, position, position, []

    def _close(self, position):
        inner = (*self.parts, _inner(self.text, self.opened, position))
        self.found.append(Quoted(parts=inner, opened=self.first_opened, closed=position))
        self.family, self.parts = None, []

    def _advance_to(self, position):
        """Leave the paragraphs that end before `position`, carrying an open passage over
        only into a paragraph that starts with an opening mark of its family."""
        while self.paragraph + 1 < len(self.paragraphs):
            current = self.paragraphs[self.paragraph]
            if position < current.end:
                return
            self.paragraph += 1
            following = self.paragraphs[self.paragraph]
            if self.family is None:
                continue
            if self._opens(following):
                self.parts.append(_inner(self.text, self.opened, current.end))
                self.opened = self.continued_at = following.start
            else:
                self.family, self.parts = None, []

    def _opens(self, paragraph):
        first = self.text[paragraph.start]
        return FAMILY.get(first) == self.family and role(self.text, paragraph.start) != "close"


def _inner(text, opened, closed):
    start, end = opened + 1, closed
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)
