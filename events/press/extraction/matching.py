"""Who in the database a proposed speaker is.

First the forum's own speakers (its sessions' participants and its quotes' speakers), by
name, native-script name, the same words in another order ("Haidong Xu"), or a surname
that only one of them has. Then anyone in the database with exactly that name, so a
speaker known from another forum is not created twice. Otherwise a new Speaker is
proposed, with the title and organization the article's apposition gives; the
organization itself is matched or created when the organizer confirms (services.py).

Names are compared folded (events/interop/matching.py), in Python, the same on SQLite
and PostgreSQL.
"""

from dataclasses import dataclass

from django.db.models import Q

from events.interop.matching import fold
from events.press.extraction.candidates import SpeakerGuess
from speakers.models import Speaker

BY_NAME = "name"
BY_NATIVE_NAME = "native name"
BY_SURNAME = "surname"
ELSEWHERE = "another forum"
NEW = "new"


# A speaker to create on confirmation: the article's guess as it stands.
NewSpeaker = SpeakerGuess


@dataclass(frozen=True)
class Match:
    speaker: Speaker | None = None  # an existing speaker
    new: NewSpeaker | None = None  # or one to create
    how: str = ""  # BY_NAME, ..., NEW; "" when the article names no one


def forum_speakers(forum):
    """The speakers of `forum`'s sessions and quotes, with what attribution lines read."""
    return (
        Speaker.objects.filter(
            Q(session_participations__session__forum=forum) | Q(quotes__forum=forum)
        )
        .distinct()
        .order_by("name")
        .prefetch_related("affiliations__translations", "affiliations__organization__translations")
    )


class SpeakerMatcher:
    """Matches the SpeakerGuess objects of one article against `forum`'s speakers."""

    def __init__(self, forum, guesses):
        self.speakers = list(forum_speakers(forum))
        self.by_name, self.by_native, self.by_words, self.by_word = {}, {}, {}, {}
        for speaker in self.speakers:
            self._index(speaker)
        self.elsewhere = _elsewhere({fold(g.name) for g in guesses if g}, self.by_name)

    def _index(self, speaker):
        name = fold(speaker.name)
        self.by_name.setdefault(name, speaker)
        self.by_words.setdefault(frozenset(name.split()), speaker)
        for word in name.split():
            self.by_word.setdefault(word, set()).add(speaker)
        if speaker.name_native:
            self.by_native.setdefault(fold(speaker.name_native), speaker)

    def match(self, guess):
        """The Match for one SpeakerGuess (or None, for a speaker the article does not name)."""
        if guess is None:
            return Match()
        name = fold(guess.name)
        for speaker, how in (
            (self.by_name.get(name), BY_NAME),
            (self.by_native.get(name), BY_NATIVE_NAME),
            (self.by_words.get(frozenset(name.split())), BY_NAME),
            (self._by_surname(name), BY_SURNAME),
            (self.elsewhere.get(name), ELSEWHERE),
        ):
            if speaker is not None:
                return Match(speaker=speaker, how=how)
        return Match(new=NewSpeaker(guess.name, guess.title, guess.organization), how=NEW)

    def _by_surname(self, name):
        """The one forum speaker with this word in their name ("Keller"), if only one."""
        if " " in name:
            return None
        found = self.by_word.get(name, set())
        return next(iter(found)) if len(found) == 1 else None


def _elsewhere(wanted, known):
    """{folded name: Speaker} of the other speakers in the database with a wanted name."""
    wanted = wanted - set(known)
    if not wanted:
        return {}
    rows = Speaker.objects.values_list("pk", "name", "name_native")
    ids = {pk for pk, *names in rows if any(n and fold(n) in wanted for n in names)}
    found = {}
    for speaker in Speaker.objects.filter(pk__in=ids).order_by("pk"):
        for name in (speaker.name, speaker.name_native):
            if name:
                found.setdefault(fold(name), speaker)
    return found
