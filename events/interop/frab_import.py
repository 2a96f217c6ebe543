"""Read a frab schedule.xml (pretalx, frab, wafer, FOSDEM's pentabarf) into SessionSpecs.

Parsed with defusedxml, refusing DTDs: no external entities, no entity expansion.
Deviations that every consumer tolerates become warnings; what would corrupt data is an error.
"""

import re
import uuid
import zoneinfo
from datetime import datetime, timedelta

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring
from django.utils.text import slugify
from django.utils.translation import gettext as _

from events.interop import frab
from events.interop.csv_import import check_size
from events.interop.plan import ImportRefused, ParsedFile, PersonSpec, Problem, SessionSpec

FIELDS = {"start": "date", "end": "duration", "room": "room", "kind": "type",
          "speakers": "persons", "topics": "track", "slug": "slug", "guid": "guid"}  # fmt: skip
KNOWN_EVENT_ELEMENTS = {
    "room", "title", "subtitle", "type", "date", "start", "duration", "abstract", "slug",
    "track", "logo", "persons", "language", "description", "recording", "links",
    "attachments", "video_download_url", "url", "feedback_url", "origin_url",
}  # fmt: skip
SLUG_SHAPE = re.compile(r"[a-z0-9_]{4,}-[a-z0-9\-_]{4,}")
LINK_FIELDS = {"slides": "slides_url", "media": "video_url", "video": "video_url"}


def parse_xml(data):
    check_size(data)
    try:
        root = fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise ImportRefused(
            Problem(
                _("file"),
                "<!DOCTYPE>",
                _(
                    "The file declares a DTD or entities. They are refused because they can "
                    "read files on the server or expand without end (XXE, 'billion laughs')."
                ),
            )
        ) from None
    except ParseError as exc:
        line, column = exc.position
        raise ImportRefused(
            Problem(
                _("line %(line)s, column %(column)s") % {"line": line, "column": column + 1},
                "",
                _("The XML is malformed: %(reason)s.") % {"reason": str(exc).split(":")[0]},
            )
        ) from None
    if root.tag != "schedule":
        message = _("The root element is <%(tag)s>, not <schedule>.") % {"tag": root.tag}
        raise ImportRefused(Problem(_("file"), root.tag, message))
    return root


def parse_frab(data, *, forum, time_zone=None):
    """Specs from schedule.xml bytes; `time_zone` names the zone when the file does not."""
    root = parse_xml(data)
    parsed = ParsedFile(format="frab", creates_rooms=True)
    conference = root.find("conference")
    if conference is None:
        parsed.errors.append(Problem(_("file"), "conference", _("<conference> is missing.")))
        return parsed
    tz = _zone(parsed, conference, time_zone, forum)
    if tz is None:
        return parsed
    if not (root.findtext("version") or "").strip():
        parsed.warnings.append(
            Problem(_("file"), "version", _("The file has no <version>; imported anyway."))
        )
    acronym = (conference.findtext("acronym") or "").strip()
    for track in conference.findall("track"):
        if track.get("name") and track.get("slug"):
            parsed.topic_slugs[track.get("name").strip()] = track.get("slug")
    for day in root.findall("day"):
        _day(parsed, day, tz, acronym)
    return parsed


def _zone(parsed, conference, time_zone, forum):
    name = (conference.findtext("time_zone_name") or "").strip() or time_zone
    if not name:
        message = _(
            "The file does not say which time zone its times are in. Choose it (the "
            "forum's is %(zone)s) and import again."
        ) % {"zone": forum.time_zone}
        parsed.errors.append(Problem(_("file"), "time_zone_name", message))
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        message = _("'%(name)s' is not a time zone name like Asia/Shanghai.") % {"name": name}
        parsed.errors.append(Problem(_("file"), "time_zone_name", message))
        return None


def _day(parsed, day, tz, acronym):
    index = day.get("index", "?")
    if not (day.get("start") and day.get("end")):
        message = _("The day has no start or end; its events are read by their own times.")
        parsed.warnings.append(Problem(_("day %(index)s") % {"index": index}, "day", message))
    for room in day.findall("room"):
        for event in room.findall("event"):
            spec = _event(parsed, event, room, day, tz, acronym)
            if spec is not None:
                parsed.specs.append(spec)


def _event(parsed, event, room, day, tz, acronym):
    number = event.get("id", "")
    title = (event.findtext("title") or "").strip()
    where = _("event %(id)s '%(title)s'") % {"id": number or "?", "title": title[:60]}
    errors = []
    guid = _guid(parsed, event, where, errors, acronym)
    starts_at = _start(event, day, tz, where, errors)
    duration = _duration(event.findtext("duration"))
    if duration is None:
        message = _("'%(value)s' is not a duration like 00:45.") % {
            "value": event.findtext("duration") or ""
        }
        errors.append(Problem(where, "duration", message))
    if not title:
        errors.append(Problem(where, "title", _("The event has no title.")))
    if errors or starts_at is None:
        parsed.errors.extend(errors)
        return None
    _note_deviations(parsed, event, where)
    abstract = "\n\n".join(
        text.strip()
        for text in (event.findtext("abstract"), event.findtext("description"))
        if text and text.strip()
    )
    track = (event.findtext("track") or "").strip()
    return SessionSpec(
        where=where,
        guid=guid,
        title=title,
        starts_at=starts_at,
        ends_at=starts_at + duration,
        slug=frab.session_slug_from_event(
            (event.findtext("slug") or "").strip(), acronym, number, title
        ),
        abstract=abstract,
        kind=(event.findtext("type") or "").strip(),
        language=(event.findtext("language") or "").strip(),
        room=room.get("name", "").strip() or (event.findtext("room") or "").strip(),
        room_guid=_uuid(room.get("guid")),
        topics=[track] if track else [],
        persons=[_person(person) for person in event.iterfind("persons/person")],
        links=_links(event),
    )


def _guid(parsed, event, where, errors, acronym):
    value = event.get("guid")
    if value is None:
        parsed.warnings.append(
            Problem(where, "guid", _("The event has no guid; one is derived from its id."))
        )
        return uuid.uuid5(frab.EVENT_NAMESPACE, f"{acronym}/{event.get('id', '')}")
    guid = _uuid(value)
    if guid is None:
        errors.append(Problem(where, "guid", _("'%(value)s' is not a UUID.") % {"value": value}))
    return guid


def _uuid(value):
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


def _start(event, day, tz, where, errors):
    date = (event.findtext("date") or "").strip()
    if date:
        try:
            moment = datetime.fromisoformat(date)
        except ValueError:
            moment = None
        if moment is not None and moment.tzinfo is not None:
            return moment
        message = _("'%(value)s' is not a date and time with an offset.") % {"value": date}
        errors.append(Problem(where, "date", message))
        return None
    return _start_from_day(event, day, tz, where, errors)


def _start_from_day(event, day, tz, where, errors):
    """Old files (FOSDEM) give only the day's date and a local HH:MM."""
    try:
        local = datetime.strptime(  # noqa: DTZ007 (the zone is attached below)
            f"{day.get('date')} {(event.findtext('start') or '').strip()[:5]}", "%Y-%m-%d %H:%M"
        )
    except ValueError:
        message = _("The event has neither <date> nor a day date with a <start> time.")
        errors.append(Problem(where, "start", message))
        return None
    if local.time() < frab.DAY_CHANGE and day.get("start"):
        local += timedelta(days=1)  # past midnight, still on this day's schedule
    return local.replace(tzinfo=tz)


def _duration(value):
    parts = (value or "").strip().split(":")
    if len(parts) not in (2, 3) or not all(part.isdigit() for part in parts):
        return None
    hours, minutes = int(parts[0]), int(parts[1])
    seconds = int(parts[2]) if len(parts) == 3 else 0
    delta = timedelta(hours=hours, minutes=minutes, seconds=seconds)
    return delta if delta > timedelta(0) else None


def _person(element):
    return PersonSpec(name=(element.text or "").strip(), guid=_uuid(element.get("guid")))


def _links(event):
    links = {}
    for link in event.iterfind("links/link"):
        target = LINK_FIELDS.get((link.get("type") or "").lower())
        href = link.get("href") or ""
        if target and href.startswith(("http://", "https://")):
            links.setdefault(target, href)
    return links


def _note_deviations(parsed, event, where):
    slug = (event.findtext("slug") or "").strip()
    if slug and not SLUG_SHAPE.fullmatch(slug):
        message = _("The slug does not have the required shape; the session gets its own.")
        parsed.warnings.append(Problem(where, "slug", message))
    for child in event:
        if child.tag not in KNOWN_EVENT_ELEMENTS:
            message = _("Unknown element <%(tag)s> is ignored.") % {"tag": child.tag}
            parsed.warnings.append(Problem(where, child.tag, message))
    recording = event.find("recording")
    if recording is not None and recording.find("license") is None:
        message = _("<recording> has no <license>; ignored.")
        parsed.warnings.append(Problem(where, "recording", message))


def topic_slug(name, slugs):
    return slugs.get(name) or slugify(name)[:120] or "topic"
