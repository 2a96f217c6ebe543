"""38C3's schedule (1,007 events), imported by the interop and public sections."""

import datetime as dt
from pathlib import Path

from events.interop import importer
from events.interop.frab_import import parse_frab
from events.models import Forum, Venue

SCHEDULE = Path(__file__).resolve().parent / "data" / "38c3.xml"
# The forum the public section keeps between runs.
PUBLIC_SLUG = "38c3"


def import_38c3(slug):
    """A published forum `slug` with the 38C3 schedule imported; returns (forum, plan)."""
    venue = Venue.objects.create(name="CCH", city="Hamburg", country="Germany")
    forum = Forum.objects.create(
        slug=slug,
        name="38C3",
        venue=venue,
        start_date=dt.date(2024, 12, 27),
        end_date=dt.date(2024, 12, 31),
        time_zone="Europe/Berlin",
        status=Forum.Status.PUBLISHED,
    )
    parsed = parse_frab(SCHEDULE.read_bytes(), forum=forum)
    plan = importer.plan_import(forum=forum, parsed=parsed, language="en", publish=True)
    importer.apply_plan(plan=plan, confirm_overlaps=True)
    return forum, plan
