"""Shared vocabulary of the frab / c3voc schedule format: ids, slugs, day windows.

Both the exports and the frab import use these, so that a round trip is lossless.
"""

import re
import uuid
from datetime import datetime, time, timedelta

from django.utils.text import slugify

# Some apps (EventFahrplan) read ids into 32-bit ints.
MAX_ID = 2**31 - 1
# Days run from 04:00 to 03:59 the next morning, so late sessions stay on their evening.
DAY_CHANGE = time(4, 0)
NO_ROOM_NAMESPACE = uuid.UUID("6f1c4a1e-4c9e-4c43-9d43-2d1f0f0c6a52")
# frab events without a guid (FOSDEM) get one derived from the file's own id.
EVENT_NAMESPACE = uuid.UUID("0a5b1f2e-8f7c-4b8e-9c7e-5d3f1f7e2a10")


def integer_ids(guids):
    """A stable, unique positive 32-bit id per guid: {guid: id}.

    Derived from the guid rather than a database key, so an export imported into
    another database exports the same ids. Collisions probe upwards in guid order.
    Guids are canonical strings (lowercase 8-4-4-4-12), which sort like the numbers.
    """
    ids, taken = {}, set()
    for guid in sorted(set(guids)):
        number = int(guid.replace("-", ""), 16) % (MAX_ID - 1) + 1
        while number in taken:
            number = number % (MAX_ID - 1) + 1
        taken.add(number)
        ids[guid] = number
    return ids


def acronym(forum_slug):
    """The conference acronym: lowercase, underscores, at least 4 characters.

    schema.json allows a hyphen only as the first character or in a `-2023-xxx` tail.
    """
    value = re.sub(r"[^a-z0-9_]", "_", forum_slug.lower())
    return value.ljust(4, "_")


def event_slug(conference, number, session_slug):
    """`<acronym>-<id>-<slug>`, the voc slug shape; the tail is at least 4 characters."""
    tail = re.sub(r"[^a-z0-9_-]", "-", session_slug.lower()).strip("-_") or "session"
    return f"{conference}-{number}-{tail.ljust(4, '0')}"


def session_slug_from_event(slug, conference, number, title):
    """Undo event_slug() where the file follows it; otherwise keep what the file says."""
    for prefix in (f"{conference}-{number}-", f"{conference}-"):
        if conference and slug.startswith(prefix) and len(slug) > len(prefix):
            return slugify(slug[len(prefix) :])[:120]
    return (slugify(slug) or slugify(title) or "session")[:120]


def track_slug(topic_slug):
    """Track slugs must start with a letter and hold only [a-z0-9-]."""
    value = re.sub(r"[^a-z0-9-]", "-", topic_slug.lower()).strip("-")
    if not value or not value[0].isalpha():
        value = f"t-{value}".rstrip("-")
    return value if len(value) >= 2 else f"{value}-t"


def no_room_guid(forum_slug):
    """Sessions without a room go into one stable pseudo-room per forum."""
    return uuid.uuid5(NO_ROOM_NAMESPACE, forum_slug)


def day_windows(forum):
    """[(index, date, start, end)] in the forum's zone; each day ends at 03:59 next morning."""
    tz = forum.tzinfo
    windows = []
    day, index = forum.start_date, 1
    while day <= forum.end_date:
        start = datetime.combine(day, DAY_CHANGE, tzinfo=tz)
        end = datetime.combine(day + timedelta(days=1), DAY_CHANGE, tzinfo=tz)
        windows.append((index, day, start, end - timedelta(minutes=1)))
        day, index = day + timedelta(days=1), index + 1
    return windows


def day_of(local_start, forum):
    """The forum date a session belongs to: before 04:00 it is still the evening before."""
    day = local_start.date()
    if local_start.time() < DAY_CHANGE:
        day -= timedelta(days=1)
    return max(day, forum.start_date)


def hhmm(delta):
    """A duration as HH:MM, capped below 24:00 (three parts read as D:HH:MM in some apps)."""
    minutes = min(int(delta.total_seconds() // 60), 24 * 60 - 1)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
