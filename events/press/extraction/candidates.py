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
