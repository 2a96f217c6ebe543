"""Who "he", "Keller" or "the researcher" is at each point of an article.

`Speakers` follows an article from start to end and turns the Mention objects of
phrases.py into SpeakerGuess objects: a full name (with the title and organization of its
apposition), a surname or a title (the speaker last named who has them), a pronoun (the
speaker in focus), or None for someone the article does not name ("an official who asked
not to be named"), never a made-up name.
"""

from bisect import bisect_left
from collections import deque
from dataclasses import dataclass

from events.press.extraction.candidates import SpeakerGuess
from events.press.extraction.phrases import NAME, OTHER, PRONOUN, SURNAME, TITLE

RECENT = 40
# "The CFO said" finds "Daniel Price, Chief Financial Officer".
TITLE_ABBREVIATIONS = {
    "ceo": "chief executive",
    "cfo": "chief financial",
    "coo": "chief operating",
    "cto": "chief technology",
}


class NameIndex:
    """Every capitalized run of two or three words in the article, by its first and last
    word: "When Lin Mei took over" lets a later "Lin, 41," be Lin Mei."""

    def __init__(self, runs):
        self.by_word = {}
        for position, name_words in runs:
            for word in {name_words[0], name_words[-1]}:
                self.by_word.setdefault(word, []).append((position, " ".join(name_words)))

        self.all = sorted((position, " ".join(name_words)) for position, name_words in runs)

    def before(self, word, position):
        found = self.by_word.get(word, [])
        index = bisect_left(found, (position,))
        return found[index - 1][1] if index else None

    def latest_before(self, position):
        index = bisect_left(self.all, (position,))
        return self.all[index - 1][1] if index else None


@dataclass
class _Known:
    guess: SpeakerGuess
    words: tuple


class Speakers:
    """The speakers named so far, and the one in focus (named last, or unnamed)."""

    def __init__(self, name_index=None):
        self.name_index = name_index or NameIndex([])
        self.known = {}  # name -> _Known
        self.by_word = {}  # first or last word of a name -> the _Known named so latest
        # _Known, or the title of someone unnamed, the latest last; "the minister" looks
        # back this far.
        self.recent = deque(maxlen=RECENT)
        self.last = None  # _Known in focus, None after someone unnamed spoke
        self.last_named = None
        self.unnamed_in_focus = False

    def resolve(self, mention, position=0):
        """(SpeakerGuess or None, is_a_person) for `mention` at `position`."""
        if mention is None or mention.kind == OTHER:
            return None, False
        if mention.kind == NAME:
            return self.introduce(mention), True
        if mention.kind == SURNAME:
            known = self.by_surname(mention.name, position)
            return (self._focus(known), True) if known else (None, False)
        if mention.kind == PRONOUN:
            if self.last is None and not self.unnamed_in_focus:
                return self._nearest_full_name(position), True
            return (self.last.guess if self.last else None), True
        if mention.kind == TITLE:
            return self._by_title(mention.title), True
        self.last, self.unnamed_in_focus = None, True
        self.recent.append(mention.title)
        return None, True

    def _nearest_full_name(self, position):
        """For "she said" before anyone was named as a speaker: the last full name the
        article gave before it ("That is how Clara Weiss sums up ..."), if any."""
        name = self.name_index.latest_before(position)
        if name is None:
            return None
        return self._focus(self.known.get(name) or self._remember(SpeakerGuess(name)))

    def introduce(self, mention):
        """Remember a named speaker (merging what is known of them); they are now in focus."""
        known = self.known.get(mention.name)
        if known is None:
            guess = SpeakerGuess(mention.name, mention.title, mention.organization)
            known = self._remember(guess)
        else:
            old = known.guess
            known.guess = SpeakerGuess(
                old.name, old.title or mention.title, old.organization or mention.organization
            )
        return self._focus(known)

    def by_surname(self, surname, position):
        """The known speaker a surname (or "de Vries") stands for, the latest named first;
        else someone the article names in full earlier; else None."""
        words = tuple(surname.split())
        for word in (words[-1], words[0]):
            known = self.by_word.get(word)
            if known and _has_part(known.words, words):
                return known
        full = self.name_index.before(words[-1], position)
        if full and full != surname:
            return self.known.get(full) or self._remember(SpeakerGuess(full))
        return None

    def _remember(self, guess):
        known = self.known[guess.name] = _Known(guess, tuple(guess.name.split()))
        return known

    def mentioned(self, word, position):
        """A known speaker named again outside an attribution ("Okoye is modest") is now
        the one in focus."""
        known = self.by_word.get(word)
        if known:
            self._focus(known)

    def _focus(self, known):
        self.last = self.last_named = known
        self.unnamed_in_focus = False
        self.recent.append(known)
        self.by_word[known.words[0]] = self.by_word[known.words[-1]] = known
        return known.guess

    def _by_title(self, title):
        wanted = {title, TITLE_ABBREVIATIONS.get(title, title)} - {""}
        for recent in reversed(self.recent):
            held = (recent.guess.title if isinstance(recent, _Known) else recent or "").lower()
            if any(w in held for w in wanted):
                return recent.guess if isinstance(recent, _Known) else None
        return self.last_named.guess if self.last_named else None

    def current(self, guess):
        """`guess` with all the article says of its speaker (title, organization)."""
        if guess is None:
            return None
        known = self.known.get(guess.name)
        return known.guess if known else guess


def _has_part(name_words, words):
    return name_words[-len(words) :] == words or name_words[: len(words)] == words
