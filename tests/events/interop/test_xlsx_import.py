import csv
import datetime as dt
import io
import zipfile

import pytest
from openpyxl import Workbook

from events.interop import agenda_csv, importer
from events.interop.plan import ImportRefused
from events.interop.readers import parse_upload
from events.interop.xlsx_import import MAX_UNPACKED_BYTES
from events.models import Session
from tests.events.interop.conftest import db_snapshot

pytestmark = pytest.mark.django_db

HEADER = ["ref", "day", "start", "end", "room", "title", "kind", "topics", "moderator",
          "abstract", "speakers"]  # fmt: skip


def xlsx(rows):
    """A workbook as Excel saves it: typed cells, the agenda on the first sheet."""
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.create_sheet("Notes").append(["not read"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _plan(forum, data):
    return importer.plan_import(forum=forum, parsed=parse_upload(data, forum=forum), language="en")


def _errors(plan):
    return [str(problem) for problem in plan.all_errors]


def test_typed_cells_import_like_the_csv_and_a_second_import_changes_nothing(demo_forum):
    row = ["S21", dt.datetime(2023, 7, 7), dt.time(11, 0), dt.time(11, 29, 59, 999999),
           "Hall B", "电动车出海", "dialogue", "Going abroad", "许海东", None,
           "Wang Fang | CEO | New Motors"]  # fmt: skip
    data = xlsx([HEADER, row])
    plan = _plan(demo_forum, data)
    assert _errors(plan) == []
    assert plan.rows[0].where == "row 2" and plan.rows[0].action == "create"
    assert plan.rows[0].people == [("许海东", "matched"), ("Wang Fang", "new"),
                                   ("New Motors", "new")]  # fmt: skip
    importer.apply_plan(plan=plan)
    session = Session.objects.get(forum=demo_forum, ref="S21")
    local = session.starts_at.astimezone(demo_forum.tzinfo)
    assert (local.isoformat(), session.ends_at - session.starts_at) == (
        "2023-07-07T11:00:00+08:00", dt.timedelta(minutes=30))  # fmt: skip
    assert str(session) == "电动车出海"
    assert _plan(demo_forum, data).actions == {"unchanged": 1}


def test_the_csv_export_saved_as_xlsx_changes_nothing(demo_forum):
    header, *rows = csv.reader(io.StringIO(agenda_csv.export_csv(demo_forum).lstrip("\ufeff")))
    typed = [  # as Excel keeps them once the cells are formatted as date and time
        [row[0], dt.date.fromisoformat(row[1]), dt.time.fromisoformat(row[2]),
         dt.time.fromisoformat(row[3]), *row[4:]]
        for row in rows
    ]  # fmt: skip
    before = db_snapshot()
    plan = _plan(demo_forum, xlsx([header, *typed]))
    assert _errors(plan) == []
    assert plan.actions == {"unchanged": 5}
    importer.apply_plan(plan=plan)
    assert db_snapshot() == before


def test_bad_rows_name_row_and_column_and_nothing_is_written(demo_forum):
    before = db_snapshot()
    data = xlsx([
        HEADER,
        ["S22", "2023-07-07", "08:00", "08:30", "Hall B", "Fine", "opening"],
        [],
        ["S23", dt.date(2023, 7, 7), dt.time(12, 0), dt.time(11, 30), "Hall B", "Late", "panel"],
        [24, "7 July", "11:00", "11:30", "Hall Z", "T", "opening"],
    ])  # fmt: skip
    plan = _plan(demo_forum, data)
    assert _errors(plan) == [
        "row 5, day: '7 July' is not a date like 2023-07-06.",
        "row 4, end: It ends at 11:30, before it starts at 12:00.",
    ]
    with pytest.raises(ImportRefused):
        importer.apply_plan(plan=plan)
    assert db_snapshot() == before


def test_missing_columns_are_named(demo_forum):
    plan = _plan(demo_forum, xlsx([["ref", "day", "title"], ["S1", "2023-07-06", "T"]]))
    assert _errors(plan) == [
        "row 1: Missing columns: start, end. The columns are: ref, day, start, end, room, "
        "title, kind, topics, moderator, abstract, speakers, time_zone."
    ]


def _zip(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_zip({"word/document.xml": "<w/>"}), "not a readable Excel workbook (.xlsx)"),
        (b"PK\x03\x04 truncated", "not a readable Excel workbook (.xlsx)"),
        (_zip({"xl/workbook.xml": "<broken"}), "not a readable Excel workbook (.xlsx)"),
        (_zip({"xl/workbook.xml": "", "xl/big.bin": b"\0" * (MAX_UNPACKED_BYTES + 1)}),
         "The workbook unpacks to 104857601 bytes"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500, "old Excel workbook (.xls)"),
    ],
)  # fmt: skip
def test_files_that_are_not_readable_workbooks_are_refused(demo_forum, data, message):
    before = db_snapshot()
    with pytest.raises(ImportRefused) as refused:
        parse_upload(data, forum=demo_forum)
    assert message in str(refused.value)
    assert db_snapshot() == before


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
    'uniqueCount="1"><si><t>&lol2;</t></si></sst>'
)
XXE = (
    '<?xml version="1.0"?><!doctype sst [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&x;</t>'
    "</si></sst>"
)


def _with_part(name, content):
    """A real workbook with one part replaced."""
    with zipfile.ZipFile(io.BytesIO(xlsx([HEADER, ["S1", "2023-07-06", "09:00"]]))) as source:
        files = {item: source.read(item) for item in source.namelist()}
    files[name] = content
    return _zip(files)


@pytest.mark.parametrize(
    "data",
    [
        _with_part("xl/sharedStrings.xml", LAUGHS),
        _with_part("xl/sharedStrings.xml", XXE),
        _with_part("xl/sharedStrings.xml", LAUGHS.replace('"1.0"?>', '"1.0" encoding="UTF-16"?>')
                   .encode("utf-16")),
    ],
    ids=["billion-laughs", "xxe", "utf-16"],
)  # fmt: skip
def test_xml_with_entity_declarations_is_refused(demo_forum, data):
    before = db_snapshot()
    with pytest.raises(ImportRefused) as refused:
        parse_upload(data, forum=demo_forum)
    assert "not a readable Excel workbook (.xlsx)" in str(refused.value)
    assert db_snapshot() == before


def test_the_kind_of_file_is_judged_by_content_not_name(demo_forum):
    data = xlsx([HEADER, ["S25", "2023-07-07", "09:00", "09:30", "Hall B", "Named .csv"]])
    plan = _plan(demo_forum, data)  # parse_upload never sees a name
    assert _errors(plan) == [] and plan.rows[0].title == "Named .csv"
