"""What an agenda import reads (specs) and what it will do (the plan).

Readers (csv_import, frab_import) turn a file into SessionSpecs and Problems;
importer.plan_import() turns specs into a Plan that a person can review;
importer.apply_plan() carries it out in one transaction.
"""

import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

# 38C3 is 2.2 MB; ten times the size of a big agenda is still far below this.
MAX_IMPORT_BYTES = 5 * 1024 * 1024


class ImportRefused(Exception):
    """The file cannot be read at all (too big, wrong encoding, malformed or unsafe XML)."""

    def __init__(self, problem):
        super().__init__(str(problem))
        self.problem = problem


@dataclass(frozen=True)
class Problem:
    where: str  # "row 4", "event 12 'Opening'", "file"
    field: str  # column or element name, "" for the whole row
    message: str

    def __str__(self):
        place = f"{self.where}, {self.field}" if self.field else self.where
        return f"{place}: {self.message}"


@dataclass
class PersonSpec:
    name: str
    title: str = ""
    organization: str = ""
    guid: uuid.UUID | None = None
    role: str = "speaker"


@dataclass
class SessionSpec:
    where: str
    title: str
    starts_at: datetime
    ends_at: datetime
    ref: str = ""
    guid: uuid.UUID | None = None
    slug: str = ""
    abstract: str | None = None  # None: the file has no such column; keep what is stored
    kind: str | None = None
    language: str | None = None
    room: str | None = None  # None: the file has no room column; keep what is stored
    room_guid: uuid.UUID | None = None
    topics: list[str] | None = None
    persons: list[PersonSpec] | None = None
    links: dict[str, str] = field(default_factory=dict)


@dataclass
class ParsedFile:
    """What a reader made of a file."""

    format: str  # "csv" or "frab"
    specs: list[SessionSpec] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    creates_rooms: bool = False  # frab files bring their rooms; spreadsheets name existing ones
    topic_slugs: dict[str, str] = field(default_factory=dict)  # track name -> slug


@dataclass
class RowPlan:
    where: str
    title: str
    action: str  # "create", "update", "unchanged"
    changes: list[str] = field(default_factory=list)
    people: list[tuple[str, str]] = field(default_factory=list)  # (name, "matched" | "new")
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class Plan:
    forum: object
    format: str
    language: str
    publish: bool
    rows: list[RowPlan] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    clashes: list[Problem] = field(default_factory=list)
    new: Counter = field(default_factory=Counter)  # model name -> how many will be created
    matched: Counter = field(default_factory=Counter)
    work: object = None  # the importer's resolved objects, for apply_plan()

    @property
    def all_errors(self):
        return self.errors + [e for row in self.rows for e in row.errors]

    @property
    def is_valid(self):
        return not self.all_errors

    @property
    def actions(self):
        return Counter(row.action for row in self.rows)

    @property
    def changes_anything(self):
        return bool(self.new) or any(row.action != "unchanged" for row in self.rows)


def grouped(problems, limit=10):
    """Collapse problems that say the same thing at many places into one each."""
    places = {}
    for problem in problems:
        places.setdefault((problem.field, problem.message), []).append(problem.where)
    result = []
    for (field_name, message), wheres in places.items():
        where = ", ".join(wheres[:limit])
        if len(wheres) > limit:
            where += f" and {len(wheres) - limit} more"
        result.append(Problem(where, field_name, message))
    return result
