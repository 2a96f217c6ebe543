"""Reported speech: "X told the forum that ...", "X said ...", "according to X, ...",
"..., X said.", and their Chinese forms ("X表示，...", "据X介绍，...").

The statement starts after "that" (or the comma) and runs to the end of the sentence.
Sentences that hold a direct quote are left to direct.py; short quoted fragments inside
reported speech stay part of its text.
"""

import re
from bisect import bisect_left

from events.press.extraction import lexicon, phrases, phrases_zh
from events.press.extraction.candidates import REPORTED, Proposal
from events.press.extraction.direct import ADVERBIAL, HAN
from events.press.extraction.text import Span, sentences

# A real sentence is far shorter; a longer "sentence" is a list or a page without stops.
MAX_SENTENCE = 1500
MIN_WORDS = 3
REPORT_VERB = re.compile(
    r"\b(?:"
    + "|".join(sorted(lexicon.REPORT_VERBS | set(lexicon.PHRASAL_VERBS), key=len, reverse=True))
    + r")\b"
)
THAT = re.compile(r"^\s*(?:[^\s,.;:]+\s+){0,10}?that\s+(?=\S)")
# A verb before "that" means the statement began already and "that" starts a relative
# clause inside it: "said a large order would help replace aircraft that burn ...".
CLAUSE_BEGUN = re.compile(
    r"\b(?:would|will|could|can|should|must|may|might|is|are|was|were|has|have|had)\b"
)
# Who was told, before a statement without "that": "told analysts the company expects".
TOLD = frozenset({"told", "tells"})
TOLD_OBJECT = re.compile(
    r"^\s*(?:reporters|journalists|analysts|investors|delegates|lawmakers|the \w+|"
    r"him|her|them|us|me|[A-Z][\w.’'-]+(?: [A-Z][\w.’'-]+)?)\s+(?=\S)"
)
ADDING_THAT = re.compile(r",\s*adding that\s+(?=\S)")
ACCORDING_START = re.compile(
    r"^(?:(?:But|And|Yet|However|So),?\s+)?[Aa]ccording to ([^,]{2,80}),\s+(?=\S)"
)
ACCORDING_INSIDE = re.compile(r",\s+according to ([^,.;]{2,80})(?=[,.;]|$)")
# Sentences such a clause does not start with: "said in May", "said to be".
NOT_A_CLAUSE = lexicon.words(
    "to in on at by for with of from about during after before as when while than"
)
# What follows a trailing attribution without being part of the statement.
CONTEXT_AFTER = lexicon.words(
    "as while after before when because since although though in adding which citing"
)
DATELINE = re.compile(
    r"\s*(?:date\s+\d{4}-\d{2}-\d{2}\s+|[A-Z][A-Z'’.]+(?:[ -][A-Z][A-Z'’.]+)*"
    r"(?:,\s[^\n—–-]{1,40}?)?(?:\s\([^)\n]{1,40}\))?\s[-—–]{1,2}\s)"
)
ZH_VERB = re.compile(
    "(" + "|".join(sorted(lexicon.ZH_VERBS, key=len, reverse=True)) + ")道?[，：,:]"
)
ZH_ACCORDING = re.compile(r"^[据據]")
QUOTE_OPENERS = '"“「『'


def proposals(text, paragraph_spans, covered):
    """A Proposal for each sentence of reported speech outside the `covered` (start, end)
    spans, which must be sorted."""
    found = []
    for paragraph in paragraph_spans:
        for number, sentence in enumerate(sentences(text, paragraph.start, paragraph.end)):
            if _overlaps(covered, sentence) or sentence.end - sentence.start > MAX_SENTENCE:
                continue
            start = sentence.start
            if number == 0:
                dateline = DATELINE.match(text, start, sentence.end)
                start = dateline.end() if dateline else start
            found.extend(_in_sentence(text, start, sentence.end))
    return found


def _overlaps(covered, sentence):
    index = bisect_left(covered, (sentence.end,))
    return index > 0 and covered[index - 1][1] > sentence.start


def _in_sentence(text, start, end):
    sentence = text[start:end]
    if len(HAN.findall(sentence)) * 3 > len(sentence):
        return _chinese(sentence, start)
    return _english(sentence, start)


def _proposal(parts, mention, at):
    parts = [p for p in (_trimmed(p) for p in parts) if p]
    if not parts or sum(len(_words(p)) for p in parts) < MIN_WORDS:
        return []
    return [Proposal(REPORTED, tuple(span for span, _ in parts), mention, at)]


def _trimmed(span_and_text):
    span, text = span_and_text
    start, end = span.start, span.end
    while start < end and text[start - span.start].isspace():
        start += 1
    while end > start and text[end - 1 - span.start] in " \t\n,;":
        end -= 1
    return (Span(start, end), text[start - span.start : end - span.start]) if start < end else None


def _words(part):
    _span, text = part
    return text.split() if not HAN.search(text) else HAN.findall(text)


def _english(sentence, offset):
    according = ACCORDING_START.match(sentence)
    if according:
        mention = phrases.inverted(according.group(1))
        return _piece(sentence, offset, according.end(), len(sentence), mention)
    according = ACCORDING_INSIDE.search(sentence)
    if according:
        return _according_inside(sentence, offset, according)
    for verb in REPORT_VERB.finditer(sentence):
        found = _around_verb(sentence, offset, verb)
        if found is not None:
            return found
    return []


def _piece(sentence, offset, start, end, mention, *more):
    """A proposal of sentence[start:end] (and any (start, end) pairs in `more`)."""
    pieces = [(start, end), *more]
    parts = [(Span(offset + a, offset + b), sentence[a:b]) for a, b in pieces]
    return _proposal(parts, mention, offset + start)


def _according_inside(sentence, offset, according):
    mention = phrases.inverted(according.group(1))
    more = _rest_of_statement(sentence[according.end() :], according.end(), len(sentence))
    return _piece(sentence, offset, 0, according.start(), mention, *more)


def _around_verb(sentence, offset, verb):
    before, after = sentence[: verb.start()], sentence[verb.end() :]
    if not phrases.subject_block(before[-WINDOW:]):
        if before.rstrip().endswith(",") and before.strip(" ,"):
            return _trailing_inverted(sentence, offset, verb)
        return None
    mention = phrases.subject(before[-WINDOW:])
    adverbial = ADVERBIAL.match(after)
    skip = verb.end() + (adverbial.end() if adverbial else 0)
    rest = sentence[skip:]
    that = THAT.match(rest)
    if that and not CLAUSE_BEGUN.search(rest[: that.end()]):
        return _piece(sentence, offset, skip + that.end(), len(sentence), mention)
    if not rest.strip(" .!?") or rest.lstrip()[:1] in ",;":
        return _trailing(sentence, offset, verb, mention, rest, skip)
    if verb.group() in TOLD:
        told = TOLD_OBJECT.match(rest)
        if told is None:
            return None
        skip, rest = skip + told.end(), rest[told.end() :]
    elif verb.group() not in lexicon.BARE_REPORT_VERBS:
        return None
    first = rest.split()[0].lower() if rest.split() else ""
    if first not in NOT_A_CLAUSE and rest.lstrip()[:1] not in QUOTE_OPENERS:
        return _piece(sentence, offset, skip, len(sentence), mention)
    return None


WINDOW = 300


def _trailing(sentence, offset, verb, mention, rest, skip):
    """ "Northbridge handled a record ..., Menon said[, adding that ...]."""
    statement = phrases.context_before(sentence[: verb.start()])
    adding = ADDING_THAT.match(rest)
    more = [] if adding else _rest_of_statement(rest, skip, len(sentence))
    # "From 2027, she said, new batteries ...": the pieces together make the statement.
    found = _piece(sentence, offset, 0, len(statement), mention, *more) if statement else []
    if adding:
        found += _piece(sentence, offset, skip + adding.end(), len(sentence), mention)
    return found or None


def _rest_of_statement(rest, start, end):
    """[(start, end)] of what follows an attribution inside a sentence when it goes on
    with the statement ("..., he says, compared with ..."), not with context ("as ...")."""
    if not rest.lstrip().startswith(","):
        return []
    words = rest.lstrip()[1:].split()
    if not words or words[0].lower() in CONTEXT_AFTER:
        return []
    return [(start + rest.index(",") + 1, end)]


def _trailing_inverted(sentence, offset, verb):
    """ "The gap is not only about towers, said Joseph Otieno, a professor ..."."""
    phrase = ADVERBIAL.sub("", sentence[verb.end() :]).rstrip(" .!?")
    mention = phrases.inverted(phrase)
    if mention is None:
        return None
    statement_end = sentence[: verb.start()].rstrip().rstrip(",")
    return _piece(sentence, offset, 0, len(statement_end), mention) or None


def _chinese(sentence, offset):
    verb = ZH_VERB.search(sentence)
    if verb is None:
        return []
    subject = ZH_ACCORDING.sub("", sentence[: verb.start()].split("，")[-1])
    mention = phrases_zh.zh_subject(subject)
    if mention is None:
        return []
    statement = sentence[verb.end() :]
    if statement.lstrip()[:1] in QUOTE_OPENERS:
        return []
    return _piece(sentence, offset, verb.end(), len(sentence), mention)
