"""What the extractor proposes: a quote's text, kind, speaker and place in the article."""

from dataclasses import dataclass

DIRECT = "direct"
REPORTED = "reported"


@dataclass(frozen=True)
class SpeakerGuess:
    """Who the article says spoke, as written there (not yet a Speaker in the database)."""

    name: str
    title: str = ""
    organization: str = ""

    def as_json(self):
        return {"name": self.name, "title": self.title, "organization": self.organization}


@dataclass(frozen=True)
class Candidate:
    """One proposed quote. `start`/`end` are offsets into the article text (text.py); for a
    direct quote split around its attribution they span all its parts."""

    text: str
    kind: str
    speaker: SpeakerGuess | None
    start: int
    end: int

    @property
    def speaker_name(self):
        return self.speaker.name if self.speaker else None

    def as_json(self):
        return {
            "text": self.text,
            "kind": self.kind,
            "speaker": self.speaker.as_json() if self.speaker else None,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Proposal:
    """A quote found by a rule, before its speaker is resolved (rules.extract does that).

    `mention` is who its attribution names (phrases.Mention), None when it has none;
    `at` is where that attribution stands, which decides what "he" means there. A direct
    quote without attribution may still `continue_` the speaker before it: "paragraph"
    when it is a paragraph of its own, "sentence" when it follows a sentence of theirs.
    """

    kind: str
    parts: tuple  # text.Span of each piece of the quote's text
    mention: object
    at: int
    covers: tuple = ()  # (start, end) the rule read, attribution included
    continue_: str = ""

    @property
    def start(self):
        return self.parts[0].start

    @property
    def end(self):
        return self.parts[-1].end
