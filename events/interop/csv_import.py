"""Read an agenda spreadsheet saved as CSV into SessionSpecs.

Columns are those of agenda_csv.COLUMNS; day, start and end are in the forum's time zone,
which the optional time_zone column names (a row naming another zone is refused: its times
would land hours off).
"""

import csv
import io
import re
from datetime import datetime

from django.utils.translation import gettext as _

from events.interop.agenda_csv import COLUMNS, LIST_SEPARATOR, PERSON_SEPARATOR, undefuse
from events.interop.plan import (
    MAX_IMPORT_BYTES,
    ImportRefused,
    ParsedFile,
    PersonSpec,
    Problem,
    SessionSpec,
)

REQUIRED = ("ref", "day", "start", "end", "title")
DAY_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y")
TIME_FORMATS = ("%H:%M", "%H:%M:%S")
CJK = re.compile(r"[\u3400-\u9fff]")


def check_size(data):
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportRefused(
            Problem(
                _("file"),
                "",
                _("The file is %(size)s bytes; the limit is %(limit)s bytes (5 MB).")
                % {"size": len(data), "limit": MAX_IMPORT_BYTES},
            )
        )


def decode(data):
    """(text, warnings). UTF-8 with or without BOM, UTF-16 with BOM, or GB18030/GBK."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), []
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    if CJK.search(text):
        message = _(
            "The file is not UTF-8; it was read as GB18030/GBK, the encoding of Chinese Excel. "
            "Check the Chinese text below; in Excel, 'Save as: CSV UTF-8' avoids the guess."
        )
        return text, [Problem(_("file"), "", message)]
    raise ImportRefused(
        Problem(
            _("file"),
            "",
            _(
                "The file is not UTF-8 text. In Excel choose File > Save As > "
                "'CSV UTF-8 (Comma delimited) (*.csv)'; in LibreOffice choose "
                "'Text CSV' with character set 'Unicode (UTF-8)'."
            ),
        )
    )


def parse_csv(data, *, forum):
    check_size(data)
    text, warnings = decode(data)
    parsed = ParsedFile(format="csv", warnings=warnings)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    return parse_rows(parsed, rows, forum=forum)


def parse_rows(parsed, rows, *, forum):
    """Fill `parsed` from the spreadsheet's rows of text cells, the header row first.

    The XLSX reader shares this, so both report the same errors by row and column.
    """
    if not rows or not any(cell.strip() for cell in rows[0]):
        parsed.errors.append(Problem(_("row 1"), "", _("The header row is missing.")))
        return parsed
    header = [cell.strip().lstrip("\ufeff").lower() for cell in rows[0]]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        message = _("Missing columns: %(missing)s. The columns are: %(columns)s.") % {
            "missing": ", ".join(missing),
            "columns": ", ".join(COLUMNS),
        }
        parsed.errors.append(Problem(_("row 1"), "", message))
        return parsed
    for name in header:
        if name and name not in COLUMNS:
            message = _("Unknown column '%(name)s' is ignored.") % {"name": name}
            parsed.warnings.append(Problem(_("row 1"), name, message))
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue  # blank lines, as spreadsheets leave them
        values = {name: undefuse(cell.strip()) for name, cell in zip(header, cells, strict=False)}
        _parse_row(parsed, _("row %(number)s") % {"number": number}, values, header, forum)
    return parsed


def _delimiter(text):
    """Comma, or the tab/semicolon that some spreadsheet locales write, judged by the header."""
    first = text.lstrip("\ufeff").split("\n", 1)[0].lower()
    for delimiter in (",", "\t", ";"):
        if "ref" in first.split(delimiter) or len(first.split(delimiter)) >= len(REQUIRED):
            return delimiter
    return ","


def _parse_row(parsed, where, values, header, forum):
    errors = []

    def error(column, message):
        errors.append(Problem(where, column, message))

    for name in REQUIRED:
        if not values.get(name):
            error(name, _("This column is empty; it is required."))
    if errors:
        parsed.errors.extend(errors)
        return
    day = _parse(values["day"], DAY_FORMATS, lambda v: v.date())
    start = _parse(values["start"], TIME_FORMATS, lambda v: v.time())
    end = _parse(values["end"], TIME_FORMATS, lambda v: v.time())
    if day is None:
        error("day", _("'%(value)s' is not a date like 2023-07-06.") % {"value": values["day"]})
    for column, value in (("start", start), ("end", end)):
        if value is None:
            message = _("'%(value)s' is not a time like 09:30.") % {"value": values[column]}
            error(column, message)
    if len(values["ref"]) > 64:
        error("ref", _("The reference is longer than 64 characters."))
    zone = values.get("time_zone")
    if zone and zone != forum.time_zone:
        message = _(
            "The times are in %(zone)s, but this forum's are in %(forum_zone)s: "
            "convert them, then write %(forum_zone)s here or leave the cell empty."
        ) % {"zone": zone, "forum_zone": forum.time_zone}
        error("time_zone", message)
    if errors:
        parsed.errors.extend(errors)
        return
    tz = forum.tzinfo
    spec = SessionSpec(
        where=where,
        ref=values["ref"],
        title=values["title"],
        starts_at=datetime.combine(day, start, tzinfo=tz),
        ends_at=datetime.combine(day, end, tzinfo=tz),
        room=values.get("room"),
        kind=values.get("kind") or None,
        abstract=values["abstract"] if "abstract" in header else None,
        topics=_split(values["topics"]) if "topics" in header else None,
    )
    if "speakers" in header or "moderator" in header:
        spec.persons = _persons(values.get("moderator", ""), "moderator") + _persons(
            values.get("speakers", ""), "speaker"
        )
    parsed.specs.append(spec)


def _parse(value, formats, pick):
    for fmt in formats:
        try:
            return pick(datetime.strptime(value, fmt))  # noqa: DTZ007 (local; zone added later)
        except ValueError:
            continue
    return None


def _split(cell):
    return [part.strip() for part in cell.split(LIST_SEPARATOR) if part.strip()]


def _persons(cell, role):
    people = []
    for entry in _split(cell):
        parts = [part.strip() for part in entry.split(PERSON_SEPARATOR)] + ["", ""]
        people.append(PersonSpec(name=parts[0], title=parts[1], organization=parts[2], role=role))
    return people
