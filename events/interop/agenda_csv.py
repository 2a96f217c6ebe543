"""The agenda spreadsheet: its columns, and the CSV export in those columns.

The import (csv_import.py) reads exactly what export_csv() writes.
"""

import csv
import io

from events.models import Session, SessionParticipant

# day, start and end are local times in time_zone, the forum's IANA zone (last, so a
# sheet made before it had the column keeps its layout).
COLUMNS = (
    "ref", "day", "start", "end", "room", "title", "kind",
    "topics", "moderator", "abstract", "speakers", "time_zone",
)  # fmt: skip
LIST_SEPARATOR = ";"
PERSON_SEPARATOR = "|"
# Spreadsheets run cells starting with these as formulas; a leading apostrophe stops that.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_csv(forum):
    """The public agenda of `forum` as CSV text with a BOM, which Excel needs to read UTF-8."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for session in Session.objects.for_schedule_export(forum, affiliations=True):
        writer.writerow([_defuse(value) for value in _row(session, forum)])
    return buffer.getvalue()


def _row(session, forum):
    start = session.starts_at.astimezone(forum.tzinfo)
    end = session.ends_at.astimezone(forum.tzinfo)
    day = start.date()
    moderators = [p for p in session.public_participants if _is_moderator(p)]
    speakers = [p for p in session.public_participants if not _is_moderator(p)]
    return [
        session.ref or str(session.guid),
        day.isoformat(),
        start.strftime("%H:%M"),
        end.strftime("%H:%M"),
        session.room.name if session.room else "",
        session.safe_translation_getter("title", any_language=True) or "",
        session.kind,
        f"{LIST_SEPARATOR} ".join(str(topic) for topic in session.topics.all()),
        f"{LIST_SEPARATOR} ".join(person_cell(p.speaker, day) for p in moderators),
        session.safe_translation_getter("abstract", any_language=True) or "",
        f"{LIST_SEPARATOR} ".join(person_cell(p.speaker, day) for p in speakers),
        forum.time_zone,
    ]


def _is_moderator(participant):
    return participant.role == SessionParticipant.Role.MODERATOR


def person_cell(speaker, day):
    """`Name | title | organization`, as held on `day`; shorter when there is no affiliation."""
    affiliation = speaker.affiliation_on(day)
    if affiliation is None:
        return speaker.name
    parts = (speaker.name, affiliation.title_text, str(affiliation.organization))
    return f" {PERSON_SEPARATOR} ".join(parts)


def _defuse(value):
    value = str(value)
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def undefuse(value):
    """The inverse of _defuse() for the importer."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value
