"""Direct quotes: which quoted passages are someone's words, and where their speaker is named.

A passage is a quote when an attribution stands right after it (`"...," said Xu Haidong`,
`"..." 他说。`) or right before it, ending in a colon or comma (`Menon said: "..."`,
`According to Keller, "..."`). A second passage that follows the attribution directly is
the rest of the same quote (`"...," he said, "..."`). A passage with no attribution that
forms a paragraph or a sentence of its own may continue the previous speaker; rules.py
decides that, knowing what came before. Every other passage is a title, a slogan, a term
or a fragment ("new four modernizations"), and is not proposed.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass

from events.press.extraction import lexicon, phrases, phrases_zh
from events.press.extraction.candidates import DIRECT, Proposal
from events.press.extraction.text import sentences

# How far from a quotation mark its attribution is looked for.
WINDOW = 400
LEADING = re.compile(r"[\s,.;:—–，。；：、-]*")
QUOTE_VERB = re.compile(
    r"\b(?:" + "|".join(sorted(lexicon.QUOTE_VERBS, key=len, reverse=True)) + r")\b"
)
ZH_VERB_ALTERNATIVES = "|".join(sorted(lexicon.ZH_VERBS, key=len, reverse=True))
ZH_AFTER = re.compile(
    rf"([^，。！？：；“”「」\s]{{1,30}}?)(?:{ZH_VERB_ALTERNATIVES})道?(?=[，。！？：,.]|$)"
)
ZH_BEFORE = re.compile(rf"(?:{ZH_VERB_ALTERNATIVES})道?$")
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
ACCORDING = re.compile(r"\b[Aa]ccording to (.{2,80})$")
ADVERBIAL = re.compile(
    r"^\s*(?:(?:on|last|this|earlier|later|in|at|during|after)\s+(?:[\w'’-]+\s+){0,4}?"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month|year|night|"
    r"morning|afternoon|evening|statement|interview|speech|email|address|briefing|time|"
    r"conference|forum|summit|meeting|event|session|panel|keynote|call|post|video|report|"
    r"letter|note|last)\b\s*)+",
    re.I,
)
CLOSING_PUNCTUATION = " \t\n,.;:!?。，！？：；"
SENTENCE_ENDS = '.!?。！？”」』"'
SMALL_WORDS = lexicon.words("a an and the of in on at for to from with by or nor but")


def proposals(text, paragraph_spans, quoted):
    """A Proposal for each quoted passage that is a quote, or may continue one."""
    starts = [p.start for p in paragraph_spans]
    reader = _Reader(text, paragraph_spans, starts, quoted)
    found, index = [], 0
    while index < len(quoted):
        proposal, used = reader.read(index)
        if proposal is not None:
            found.append(proposal)
        index += used
    return found


class _Reader:
    def __init__(self, text, paragraph_spans, starts, quoted):
        self.text, self.paragraphs, self.starts, self.quoted = (
            text, paragraph_spans, starts, quoted,
        )  # fmt: skip
        self.attributions = {}  # index -> after_attribution() of that passage

    def attributed_after(self, index):
        if index not in self.attributions:
            quote = self.quoted[index]
            offset, after = self.after(index)
            ends_a_sentence = self.text[quote.end - 1 : quote.end] in ".!?。！？"
            self.attributions[index] = after_attribution(after, offset, ends_a_sentence)
        return self.attributions[index]

    def paragraph_of(self, position):
        return self.paragraphs[bisect_right(self.starts, position) - 1]

    def after(self, index):
        """(offset, text) from a passage's closing mark to the next mark or paragraph end."""
        quote = self.quoted[index]
        end = min(self.paragraph_of(quote.closed).end, quote.closed + 1 + WINDOW)
        following = self.quoted[index + 1] if index + 1 < len(self.quoted) else None
        if following is not None and following.opened < end:
            end = following.opened
        return quote.closed + 1, self.text[quote.closed + 1 : end]

    def before(self, index):
        quote = self.quoted[index]
        start = max(self.paragraph_of(quote.opened).start, quote.opened - WINDOW)
        if index and self.quoted[index - 1].closed >= start:
            start = self.quoted[index - 1].closed + 1
        return start, self.text[start : quote.opened]

    def read(self, index):
        """(Proposal or None, how many passages it used)."""
        quote = self.quoted[index]
        offset, after = self.after(index)
        found = self.attributed_after(index)
        if found is not None:
            return self._attributed_after(index, found)
        start, before = self.before(index)
        found = before_attribution(before, start) or self._introduced_before(quote, before)
        if found is not None:
            mention, at = found
            covers = (start, quote.closed + 1)
            return Proposal(DIRECT, quote.parts, mention, at, covers=covers), 1
        continues = may_continue(self.text, quote, before, after)
        if continues:
            covers = (quote.opened, quote.closed + 1)
            return Proposal(DIRECT, quote.parts, None, quote.start, covers, continues), 1
        return None, 1

    def _attributed_after(self, index, found):
        """The quote, with the passage after its attribution when that is its rest."""
        quote = self.quoted[index]
        following = self.quoted[index + 1] if index + 1 < len(self.quoted) else None
        if (
            found.whole
            and following
            and self._same_paragraph(quote.closed, following.opened)
            and self.attributed_after(index + 1) is None
        ):
            covers = (quote.opened, following.closed + 1)
            parts = quote.parts + following.parts
            return Proposal(DIRECT, parts, found.mention, found.at, covers=covers), 2
        covers = (quote.opened, found.end)
        return Proposal(DIRECT, quote.parts, found.mention, found.at, covers=covers), 1

    def _introduced_before(self, quote, before):
        """(Mention, offset) when the paragraph before introduces this one with a colon:
        "Lund put it more simply:" then a paragraph that is the quote."""
        paragraph = bisect_right(self.starts, quote.opened) - 1
        if before.strip() or paragraph == 0:
            return None
        previous = self.paragraphs[paragraph - 1]
        intro = self.text[previous.start : previous.end]
        if not intro.endswith((":", "：")) or len(intro.split()) > 25:
            return None
        return before_attribution(intro, previous.start) or _leading_speaker(intro, previous)

    def _same_paragraph(self, a, b):
        return self.paragraph_of(a) == self.paragraph_of(b)


@dataclass(frozen=True)
class Attribution:
    mention: object  # phrases.Mention
    at: int  # where it starts
    end: int  # where it ends
    whole: bool  # nothing but it stands between the closing mark and what follows


def after_attribution(after, offset, ends_a_sentence=False):
    """The Attribution in the words right after a closing mark, or None when they are no
    phrases. After a quote that ends its sentence (`"... respect." Lin says she ...`)
    they more likely begin a new one."""
    lead = LEADING.match(after).end()
    rest = after[lead:]
    if HAN.match(rest[:1]):
        return _zh_after(rest, offset + lead)
    if not rest or not _may_start_a_subject(rest.split()[0]):
        return None
    sentence = sentences(rest, 0, len(rest))
    clause_end = sentence[0].end if sentence else len(rest)
    clause = rest[:clause_end].rstrip(CLOSING_PUNCTUATION)
    mention = _clause_speaker(clause, ends_a_sentence)
    if mention is None:
        return None
    whole = not rest[clause_end:].strip(CLOSING_PUNCTUATION)
    return Attribution(mention, offset + lead, offset + lead + clause_end, whole)


def _zh_after(rest, offset):
    match = ZH_AFTER.match(rest)
    if match is None:
        return None
    mention = phrases_zh.zh_subject(match.group(1))
    if mention is None:
        return None
    whole = not rest[match.end() :].strip(CLOSING_PUNCTUATION)
    return Attribution(mention, offset, offset + match.end(), whole)


def _may_start_a_subject(word):
    bare = phrases.bare(word)
    return (
        phrases.is_capitalized(word)
        or word in lexicon.PRONOUNS
        or bare in phrases.DETERMINERS
        or bare in phrases.INDEFINITES
        or bare in lexicon.NAME_PARTICLES
        or lexicon.is_role(bare)
        or bare in lexicon.QUOTE_VERBS
    )


def _clause_speaker(clause, ends_a_sentence):
    """The Mention of "said Xu Haidong, ...", "Keller told reporters" or "he said"."""
    verb = QUOTE_VERB.search(clause)
    if verb is None:
        return None
    if not clause[: verb.start()].strip():
        phrase = ADVERBIAL.sub("", clause[verb.end() :])
        return phrases.inverted(phrase)
    subject, rest = clause[: verb.start()], clause[verb.end() :].split()
    if len(subject.split()) > 25:
        return None
    if rest and _starts_a_clause(rest[0]) or (ends_a_sentence and len(rest) > 3):
        return None  # "Lin says she did not choose it": reported speech, not an attribution
    return phrases.whole_subject(subject)


def _starts_a_clause(word):
    return word in lexicon.PRONOUNS or phrases.bare(word) in {"that", "it", "we", "i"}


def before_attribution(before, offset):
    """(Mention, offset) for an attribution that introduces a quote (`Menon said: `), or
    None. It must end in a colon or comma, right before the opening mark."""
    stripped = before.rstrip()
    if not stripped or stripped[-1] not in ":,：，":
        return None
    spans = sentences(stripped, 0, len(stripped) - 1)
    if not spans:
        return None
    clause = stripped[spans[-1].start : spans[-1].end].rstrip(CLOSING_PUNCTUATION)
    at = offset + spans[-1].start
    if HAN.search(clause[-1:]):
        verb = ZH_BEFORE.search(clause)
        mention = phrases_zh.zh_subject(clause[: verb.start()]) if verb else None
        return (mention, at) if mention else None
    according = ACCORDING.search(clause)
    if according:
        mention = phrases.inverted(according.group(1))
        return (mention, at) if mention else None
    verbs = list(QUOTE_VERB.finditer(clause))
    if not verbs or len(clause[verbs[-1].end() :].split()) > 6:
        return None
    mention = phrases.subject(clause[: verbs[-1].start()])
    return (mention, at) if mention else None


def _leading_speaker(intro, span):
    """The speaker an introduction starts with ("Lund", "The minister"), if any."""
    words = intro.split()
    for count in range(min(4, len(words)), 0, -1):
        mention = phrases.whole_subject(" ".join(words[:count]))
        if mention is not None and mention.kind != phrases.OTHER:
            return mention, span.start
    return None


def may_continue(text, quote, before, after):
    """ "paragraph" or "sentence" when an unattributed passage stands alone, as a quote that
    goes on from the one before it would; else ""."""
    if after.strip(CLOSING_PUNCTUATION) or _is_a_title(text, quote):
        return ""
    if not _long_enough(text, quote):
        return ""
    head = before.strip()
    if not head:
        return "paragraph"
    return "sentence" if head[-1] in SENTENCE_ENDS else ""


def _long_enough(text, quote):
    inner = text[quote.start : quote.end]
    return len(inner.split()) >= 3 or len(HAN.findall(inner)) >= 5


def _is_a_title(text, quote):
    """ "Tides and Trades", "Smart Gate 2030": few words, nearly all capitalized."""
    words = [w for w in text[quote.start : quote.end].split() if w.lower() not in SMALL_WORDS]
    if not words or len(words) > 8:
        return False
    capitalized = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    return capitalized / len(words) >= 0.75
