import pytest

from events.interop import agenda_csv, importer
from events.interop.csv_import import parse_csv
from events.interop.plan import MAX_IMPORT_BYTES, ImportRefused
from events.models import Session
from speakers.models import Organization, Speaker
from tests.events.interop.conftest import db_snapshot

pytestmark = pytest.mark.django_db

HEADER = "ref,day,start,end,room,title,kind,topics,moderator,abstract,speakers\r\n"


def _plan(forum, data, **kwargs):
    return importer.plan_import(
        forum=forum, parsed=parse_csv(data, forum=forum), language="en", **kwargs
    )


def _errors(plan):
    return [str(problem) for problem in plan.all_errors]


def test_reimporting_the_export_changes_nothing(demo_forum):
    before = db_snapshot()
    plan = _plan(demo_forum, agenda_csv.export_csv(demo_forum).encode())
    assert plan.is_valid and not plan.changes_anything
    assert plan.actions == {"unchanged": 5}
    importer.apply_plan(plan=plan)
    assert db_snapshot() == before


def test_edited_file_updates_by_ref_and_creates_no_duplicates(demo_forum):
    text = agenda_csv.export_csv(demo_forum).replace("Auto exports outlook", "Exports to 2030")
    text += "S06,2023-07-07,10:00,10:30,Hall B,New dialogue,dialogue,,,,Zhang Wei\r\n"
    plan = _plan(demo_forum, text.encode())
    changed = [(r.where, r.action, r.changes) for r in plan.rows if r.action != "unchanged"]
    assert changed == [
        ("row 3", "update", ["title"]),
        ("row 7", "create", []),
    ]  # fmt: skip
    importer.apply_plan(plan=plan)
    assert Session.objects.filter(forum=demo_forum).count() == 6
    assert str(Session.objects.get(ref="S02")) == "Exports to 2030"
    assert _plan(demo_forum, text.encode()).actions == {"unchanged": 6}


def test_speakers_and_organizations_are_matched_before_created(demo_forum):
    text = HEADER + (
        "S07,2023-07-07,11:00,11:30,Hall B,Matching,dialogue,,许海东,,"
        "luo junjie | executive vice president | china machinery industry federation; "
        "Zhang Wei | analyst | caam; Wang Fang | CEO | New Motors\r\n"
    )
    plan = _plan(demo_forum, text.encode("utf-8"))
    assert plan.rows[0].people == [
        ("许海东", "matched"),
        ("luo junjie", "matched"),
        ("china machinery industry federation", "matched"),
        ("Zhang Wei", "new"),
        ("caam", "matched"),
        ("Wang Fang", "new"),
        ("New Motors", "new"),
    ]
    assert plan.new == {"speaker": 2, "organization": 1, "affiliation": 2}
    importer.apply_plan(plan=plan)
    session = Session.objects.get(ref="S07")
    people = [(p.speaker.name, p.role) for p in session.participants.select_related("speaker")]
    assert people == [("Xu Haidong", "moderator"), ("Luo Junjie", "speaker"),
                      ("Zhang Wei", "speaker"), ("Wang Fang", "speaker")]  # fmt: skip
    assert Speaker.objects.filter(name__iexact="xu haidong").count() == 1
    assert Organization.objects.count() == 3
    assert not Speaker.objects.get(name="Wang Fang").is_published  # unpublished unless asked


def test_gb18030_file_from_chinese_excel_is_read_correctly(demo_forum):
    text = HEADER + "S08,2023-07-07,11:00,11:30,主会场,开幕式,opening,,,,许海东\r\n"
    demo_forum.venue.rooms.create(name="主会场")
    plan = _plan(demo_forum, text.encode("gb18030"))
    assert plan.is_valid
    assert "read as GB18030/GBK" in plan.warnings[0].message
    importer.apply_plan(plan=plan)
    session = Session.objects.get(ref="S08")
    assert (session.title, session.room.name) == ("开幕式", "主会场")


def test_text_in_another_encoding_is_refused_with_how_to_save_utf8(demo_forum):
    before = db_snapshot()
    text = HEADER + "S09,2023-07-07,11:00,11:30,Hall B,Café,opening,,,,\r\n"
    with pytest.raises(ImportRefused) as refused:
        parse_csv(text.encode("latin-1"), forum=demo_forum)
    assert "'CSV UTF-8 (Comma delimited) (*.csv)'" in str(refused.value)
    assert db_snapshot() == before


def test_bom_and_blank_lines_are_accepted_and_rows_keep_their_numbers(demo_forum):
    text = "\ufeff" + HEADER + "\r\n\r\nS10,2023-07-07,11:00,10:30,Hall B,Late,opening,,,,\r\n"
    plan = _plan(demo_forum, text.encode("utf-8"))
    assert _errors(plan) == ["row 4, end: It ends at 10:30, before it starts at 11:00."]


@pytest.mark.parametrize(
    ("row", "error"),
    [
        ("S11,2023-07-07,11:00,11:30,Hall Z,T,opening,,,,",
         "row 2, room: Unknown room 'Hall Z'. The rooms of Jiading Convention Center, Shanghai "
         "are: Hall B, Main Hall."),
        ("S12,2023-07-07,12:00,11:30,Hall B,T,opening,,,,",
         "row 2, end: It ends at 11:30, before it starts at 12:00."),
        ("S13,2023-07-09,11:00,11:30,Hall B,T,opening,,,,",
         "row 2, day: 2023-07-09 11:00 lies outside the forum's dates, 2023-07-06 to "
         "2023-07-07 (Asia/Shanghai)."),
        ("S14,2023-07-07,11:00,11:30,Hall B,T,lecture,,,,",
         "row 2, kind: Unknown session kind 'lecture'. Use one of: opening, keynote, "
         "themed_speech, panel, roundtable, dialogue, break, closing, other."),
        ("S15,7 July,11:00,11:30,Hall B,T,opening,,,,",
         "row 2, day: '7 July' is not a date like 2023-07-06."),
        (",2023-07-07,11:00,11:30,Hall B,T,opening,,,,",
         "row 2, ref: This column is empty; it is required."),
        ("S16,2023-07-07,11:00,11:30,Hall B,T,opening,,,, | chair | CAAM",
         "row 2, speakers: A speaker entry has no name (expected 'Name | title | "
         "organization')."),
    ],
)  # fmt: skip
def test_bad_rows_are_reported_and_nothing_is_written(demo_forum, row, error):
    before = db_snapshot()
    good = "S20,2023-07-07,08:00,08:30,Hall B,Fine,opening,,,,\r\n"
    plan = _plan(demo_forum, (HEADER + good + row + "\r\n").encode())
    assert _errors(plan) == [error.replace("row 2", "row 3")]
    with pytest.raises(ImportRefused):
        importer.apply_plan(plan=plan)
    assert db_snapshot() == before


def test_a_row_in_another_time_zone_is_refused(demo_forum):
    text = HEADER.replace("speakers\r\n", "speakers,time_zone\r\n") + (
        "S90,2023-07-06,09:00,09:30,,Opening,keynote,,,,,Asia/Shanghai\r\n"
        "S91,2023-07-06,10:00,10:30,,Tea,break,,,,,Europe/Berlin\r\n"
        "S92,2023-07-06,11:00,11:30,,Lunch,break,,,,,\r\n"
    )
    plan = _plan(demo_forum, text.encode())
    assert _errors(plan) == [
        "row 3, time_zone: The times are in Europe/Berlin, but this forum's are in "
        "Asia/Shanghai: convert them, then write Asia/Shanghai here or leave the cell empty."
    ]


def test_missing_columns_are_named(demo_forum):
    plan = _plan(demo_forum, b"ref,day,title\r\nS1,2023-07-06,T\r\n")
    assert _errors(plan) == [
        "row 1: Missing columns: start, end. The columns are: ref, day, start, end, room, "
        "title, kind, topics, moderator, abstract, speakers, time_zone."
    ]


def test_file_over_the_size_limit_is_refused(demo_forum):
    before = db_snapshot()
    with pytest.raises(ImportRefused) as refused:
        parse_csv(b"x" * (MAX_IMPORT_BYTES + 1), forum=demo_forum)
    assert "the limit is 5242880 bytes (5 MB)" in str(refused.value)
    assert db_snapshot() == before


def test_clashes_are_listed_and_stored_as_intended_overlaps_once_confirmed(demo_forum):
    text = HEADER + (
        "S21,2023-07-07,11:00,12:00,Hall B,First,dialogue,,,,\r\n"
        "S22,2023-07-07,11:30,12:30,Hall B,Second,dialogue,,,,\r\n"
    )
    plan = _plan(demo_forum, text.encode())
    assert [str(c) for c in plan.clashes] == ["row 3, room: Same room as 'First' (11:00-12:00)."]
    before = db_snapshot()
    with pytest.raises(importer.OverlapsNotConfirmed):
        importer.apply_plan(plan=plan)
    assert db_snapshot() == before
    importer.apply_plan(plan=plan, confirm_overlaps=True)
    overlaps = Session.objects.filter(ref__in=["S21", "S22"]).values_list(
        "allow_overlap", flat=True
    )
    assert list(overlaps) == [True, True]
    assert _plan(demo_forum, text.encode()).clashes == []


def test_publish_option_publishes_new_sessions_and_speakers(demo_forum):
    text = HEADER + "S23,2023-07-07,11:00,11:30,Hall B,Open,opening,,,,New Person\r\n"
    importer.apply_plan(plan=_plan(demo_forum, text.encode(), publish=True))
    session = Session.objects.get(ref="S23")
    assert session.status == Session.Status.PUBLISHED
    assert Speaker.objects.get(name="New Person").is_published


def test_session_moved_onto_its_speakers_other_session_is_refused_and_changes_nothing(
    demo_forum,
):
    # No speakers column: the session keeps its stored participants, Xu Haidong among them.
    text = "ref,day,start,end,title\r\nS03,2023-07-06,09:45,10:45,Going abroad\r\n"
    plan = _plan(demo_forum, text.encode())
    assert [str(c) for c in plan.clashes] == [
        "row 2, speakers: A speaker is also in 'Auto exports outlook' (09:30-10:15)."
    ]
    before = db_snapshot()
    with pytest.raises(importer.OverlapsNotConfirmed):
        importer.apply_plan(plan=plan)
    assert db_snapshot() == before
