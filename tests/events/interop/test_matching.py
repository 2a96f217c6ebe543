import pytest

from events.interop import importer
from events.interop.csv_import import parse_csv
from events.interop.matching import fold
from events.models import Room
from speakers.models import Organization, Speaker
from tests.events.public_data import translate
from tests.factories import (
    AffiliationFactory,
    OrganizationFactory,
    PanelTopicFactory,
    SpeakerFactory,
)

HEADER = "ref,day,start,end,room,title,kind,topics,moderator,abstract,speakers\r\n"


def test_fold_ignores_case_beyond_ascii_width_and_spacing():
    assert fold("ÉCOLE") == fold("École") == fold("école")
    assert fold("ＣＡＡＭ") == fold("caam")  # full-width, as Chinese input methods type it
    assert fold("E\u0301cole") == fold("École")  # decomposed accent, as macOS writes it
    assert fold("STRASSE") == fold("Straße")
    assert fold("  Xu   Haidong ") == fold("xu haidong")
    assert fold("许海东") == "许海东"
    assert fold("École") != fold("Ecole")


@pytest.mark.django_db
def test_non_ascii_names_match_whatever_their_case_on_every_database(demo_forum):
    # SQLite's iexact and LOWER() fold ASCII only; PostgreSQL's follow the locale.
    ecole = OrganizationFactory(name="École Polytechnique", slug="ecole-polytechnique")
    elodie = SpeakerFactory(name="Élodie Ångström", slug="elodie")
    AffiliationFactory(speaker=elodie, organization=ecole, title="professeure")
    topic = PanelTopicFactory(slug="energie", title="Énergie")
    row = (
        "S08,2023-07-07,11:00,11:30,Hall B,Matching,dialogue,ÉNERGIE,,,"
        "ÉLODIE ÅNGSTRÖM | PROFESSEURE | ÉCOLE POLYTECHNIQUE\r\n"
    )
    parsed = parse_csv((HEADER + row).encode(), forum=demo_forum)
    plan = importer.plan_import(forum=demo_forum, parsed=parsed, language="en")
    assert plan.all_errors == []
    assert plan.rows[0].people == [
        ("ÉLODIE ÅNGSTRÖM", "matched"),
        ("ÉCOLE POLYTECHNIQUE", "matched"),
    ]
    assert plan.new.get("speaker", 0) == plan.new.get("organization", 0) == 0
    assert plan.new.get("affiliation", 0) == 0  # the same title, in capitals
    importer.apply_plan(plan=plan)
    session = demo_forum.sessions.get(ref="S08")
    assert [p.speaker for p in session.participants.all()] == [elodie]
    assert list(session.topics.all()) == [topic]
    assert Speaker.objects.filter(slug__startswith="elodie").count() == 1
    assert Organization.objects.filter(slug__startswith="ecole").count() == 1


@pytest.mark.django_db
def test_room_matched_by_its_chinese_name(demo_forum):
    hall = Room.objects.get(venue=demo_forum.venue, translations__name="Main Hall")
    translate(hall, name="主会场")
    row = "S08,2023-07-07,11:00,11:30,主会场,Matching,dialogue,,,,\r\n"
    parsed = parse_csv((HEADER + row).encode(), forum=demo_forum)
    plan = importer.plan_import(forum=demo_forum, parsed=parsed, language="en")
    assert plan.all_errors == []
    assert plan.new.get("room", 0) == 0
    importer.apply_plan(plan=plan)
    assert demo_forum.sessions.get(ref="S08").room == hall
    assert Room.objects.filter(venue=demo_forum.venue).count() == 2


@pytest.mark.django_db
def test_unknown_room_lists_the_rooms_in_the_active_language(demo_forum):
    hall = Room.objects.get(venue=demo_forum.venue, translations__name="Main Hall")
    translate(hall, name="主会场")
    row = "S08,2023-07-07,11:00,11:30,Hall Z,Matching,dialogue,,,,\r\n"
    parsed = parse_csv((HEADER + row).encode(), forum=demo_forum)
    plan = importer.plan_import(forum=demo_forum, parsed=parsed, language="en")
    assert [problem.message for problem in plan.all_errors] == [
        f"Unknown room 'Hall Z'. The rooms of {demo_forum.venue} are: Hall B, Main Hall."
    ]
