"""People named outside attributions: "Dr. Sarah Lindqvist, a senior researcher at ...,
presented", "Belgian economy minister Sophie Lambert disagreed", "Lin, 41, is ...".

One pass over the words of the article. Each run of capitalized words gives one event:
an introduction (a name with a title before it, an honorific, or a role or an age in the
apposition after it), or a plain mention of a word that may be a known speaker's name.
"""

import re
from dataclasses import dataclass

from events.press.extraction import lexicon, phrases

WORD = re.compile(r"[^\W\d_][\w'’.-]*")
POSSESSIVE = re.compile(r"['’]s$")
APPOSITION = re.compile(r",\s*([^,.;:!?\n]{1,120})")


@dataclass(frozen=True)
class NameEvent:
    at: int
    mention: phrases.Mention | None = None  # an introduction
    word: str = ""  # else a word that may name a known speaker again


@dataclass(frozen=True)
class Run:
    at: int
    end: int
    words: tuple
    before: str  # the word before the run ("minister" in "minister Sophie Lambert")


def runs(text, paragraph_spans):
    """Each run of capitalized words ("Pieter de Vries", "China Machinery Industry
    Federation"), paragraph by paragraph."""
    found = []
    for paragraph in paragraph_spans:
        found.extend(_runs_in(text, paragraph.start, paragraph.end))
    return found


def _runs_in(text, start, end):
    found, current, before, previous, previous_end = [], [], "", "", start
    for match in WORD.finditer(text, start, end):
        raw = match.group()
        capital = raw[0].isupper()
        joined = bool(current) and text[previous_end : match.start()] == " "
        if joined and (capital or raw.lower() in lexicon.NAME_PARTICLES):
            current.append((match.start(), match.end(), _clean(raw)))
        elif capital:
            if current:
                found.append(_run(current, before))
            current, before = [(match.start(), match.end(), _clean(raw))], previous
        elif current:
            found.append(_run(current, before))
            current = []
        previous, previous_end = raw, match.end()
    if current:
        found.append(_run(current, before))
    return found


def _clean(word):
    word = POSSESSIVE.sub("", word)
    if word.endswith(".") and word not in lexicon.HONORIFICS and len(word) > 2:
        word = word.rstrip(".")
    return word


def _run(current, before):
    while len(current) > 1 and current[-1][2].lower() in lexicon.NAME_PARTICLES:
        current.pop()
    return Run(current[0][0], current[-1][1], tuple(w for _, _, w in current), before)


def name_index_entries(all_runs):
    """(offset, words) of the runs that may be a person's full name."""
    entries = []
    for run in all_runs:
        words = _strip_leading(run.words)
        if 2 <= len(words) <= 3 and phrases.looks_like_a_name(words):
            entries.append((run.at, words))
    return entries


def _strip_leading(words):
    """The words of a run that may be a name: after any function word, honorific or title
    ("Chief Financial Officer Daniel Price" -> "Daniel Price")."""
    words = list(words)
    while words and (words[0] in lexicon.FUNCTION_WORDS or words[0] in lexicon.HONORIFICS):
        words.pop(0)
    for index in range(len(words) - 1, -1, -1):
        if lexicon.is_role(phrases.bare(words[index])):
            return words[index + 1 :]
    return words


def events(text, all_runs):
    """A NameEvent for every run, in order."""
    found = []
    for run in all_runs:
        mention = _introduction(text, run)
        if mention is not None:
            found.append(NameEvent(run.at, mention=mention))
        else:
            found.extend(NameEvent(run.at, word=w) for w in _strip_leading(run.words))
    return found


def _introduction(text, run):
    words = run.words
    honorific = words[0] in lexicon.HONORIFICS
    pre_role = lexicon.is_role(phrases.bare(run.before))
    pre_role = pre_role or any(lexicon.is_role(phrases.bare(w)) for w in words)
    # Most runs are neither titled nor followed by a comma: the cheap tests go first.
    apposition = APPOSITION.match(text, run.end) if text.startswith(",", run.end) else None
    if not (honorific or pre_role or apposition):
        return None
    name = _strip_leading(words)
    if not name or len(name) > 4 or not phrases.looks_like_a_name(name):
        return None
    shape = phrases.shape(apposition.group(1)) if apposition else None
    if not (honorific or pre_role or shape == "apposition"):
        return None
    kind = phrases.NAME if len(name) > 1 else phrases.SURNAME
    title, organization = phrases.title_and_organization(
        apposition.group(1) if shape == "apposition" else ""
    )
    if not title:
        title = " ".join(words[len(words) - len(name) - _titled(words, name) : -len(name)])
    return phrases.Mention(kind, name=" ".join(name), title=title, organization=organization)


def _titled(words, name):
    """How many title words stand in the run before the name ("Chief Financial Officer")."""
    before = words[: len(words) - len(name)]
    count = 0
    while count < len(before) and before[-1 - count] not in lexicon.FUNCTION_WORDS:
        count += 1
    return count
