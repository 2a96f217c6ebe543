"""frab schedule.xml / schedule.json exports of a forum's public agenda.

`build_schedule()` produces one dict in the shape of schedule.json; the XML is
written from the same dict, so both always say the same thing.
"""

import hashlib
import json
from xml.etree.ElementTree import Element, SubElement, indent, tostring  # noqa: S405 (writing only)

from django.utils import translation

from events.interop import frab
from events.models import Session

GENERATOR = {"name": "forum_site", "version": "0.1.0"}
JSON_SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
LINK_TYPES = (("slides_url", "slides", "Slides"), ("video_url", "media", "Video"))


def build_schedule(forum, *, base_url, absolute):
    """The schedule.json document for `forum`.

    `base_url` is the site root ("https://host/"); `absolute(path)` turns a path into a URL.
    """
    sessions = list(Session.objects.for_schedule_export(forum))
    for session in sessions:
        session.forum = forum  # saves a query per get_absolute_url()
    event_ids = frab.integer_ids(s.guid for s in sessions)
    person_ids = frab.integer_ids(p.speaker.guid for s in sessions for p in s.public_participants)
    conference = frab.acronym(forum.slug)
    fallback_url = absolute(forum.get_absolute_url() or "/")
    rooms, tracks = {}, {}
    days = [
        {"index": index, "date": day.isoformat(), "day_start": _iso(start),
         "day_end": _iso(end), "rooms": {}}
        for index, day, start, end in frab.day_windows(forum)
    ]  # fmt: skip
    by_date = {day["date"]: day for day in days}
    for session in sessions:
        room = _room(session, forum)
        rooms.setdefault(room["name"], room)
        topic = _first_topic(session)
        if topic:
            tracks.setdefault(topic["name"], topic)
        event = _event(session, forum, conference, event_ids, person_ids, topic, room["name"])
        event["url"] = absolute(session.get_absolute_url()) or f"{fallback_url}#{session.slug}"
        local_start = session.starts_at.astimezone(forum.tzinfo)
        day = by_date[frab.day_of(local_start, forum).isoformat()]
        day["rooms"].setdefault(room["name"], []).append(event)
    schedule = {
        "base_url": base_url,
        "conference": {
            "acronym": conference,
            "title": str(forum),
            "start": forum.start_date.isoformat(),
            "end": forum.end_date.isoformat(),
            "daysCount": len(days),
            "timeslot_duration": "00:05",
            "time_zone_name": forum.time_zone,
            "url": fallback_url,
            "tracks": sorted(tracks.values(), key=lambda t: t["slug"]),
            "rooms": sorted(rooms.values(), key=lambda r: r["name"]),
            "days": days,
        },
    }
    schedule = {"version": _version(schedule), **schedule}
    return {"$schema": JSON_SCHEMA_URL, "generator": dict(GENERATOR), "schedule": schedule}


def _iso(moment):
    return moment.isoformat(timespec="seconds")


def _version(schedule):
    """A digest of the content: it changes exactly when the agenda does."""
    canonical = json.dumps(schedule, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def _room(session, forum):
    if session.room is None:
        name = forum.venue.name if forum.venue_id else str(forum)
        return {"name": name, "guid": str(frab.no_room_guid(forum.slug))}
    return {"name": session.room.name, "guid": str(session.room.guid)}


def _first_topic(session):
    topics = list(session.topics.all())
    if not topics:
        return None
    topic = topics[0]
    return {"name": str(topic), "slug": frab.track_slug(topic.slug)}


def _event(session, forum, conference, event_ids, person_ids, topic, room_name):
    local_start = session.starts_at.astimezone(forum.tzinfo)
    number = event_ids[session.guid]
    title = session.safe_translation_getter("title", any_language=True) or session.slug
    return {
        "id": number,
        "guid": str(session.guid),
        "date": _iso(local_start),
        "start": local_start.strftime("%H:%M"),
        "end": _iso(session.ends_at.astimezone(forum.tzinfo)),
        "duration": frab.hhmm(session.ends_at - session.starts_at),
        "room": room_name,
        "slug": frab.event_slug(conference, number, session.slug),
        "title": title,
        "subtitle": "",
        "track": topic["name"] if topic else "",
        "type": _kind_label(session.kind),
        "language": session.language,
        "abstract": session.safe_translation_getter("abstract", any_language=True) or "",
        "description": "",
        "persons": [
            {
                "id": person_ids[p.speaker.guid],
                "guid": str(p.speaker.guid),
                "public_name": p.speaker.name,
            }
            for p in session.public_participants
        ],  # fmt: skip
        "links": [
            {"url": getattr(session, field), "type": kind, "title": label}
            for field, kind, label in LINK_TYPES
            if getattr(session, field)
        ],
    }


def _kind_label(kind):
    # The English label, whatever the page language: importers match it back to the kind.
    with translation.override("en"):
        return str(Session.Kind(kind).label)


def render_json(document):
    return json.dumps(document, ensure_ascii=False, indent=1)


def render_xml(document):
    """schedule.xml from the schedule.json dict, in the element order of example-minimal.xml."""
    schedule = document["schedule"]
    conference = schedule["conference"]
    root = Element("schedule")
    SubElement(root, "generator", document["generator"])
    _text(root, "version", schedule["version"])
    _conference_xml(root, conference, schedule["base_url"])
    for day in conference["days"]:
        attrs = {"index": str(day["index"]), "date": day["date"],
                 "start": day["day_start"], "end": day["day_end"]}  # fmt: skip
        day_el = SubElement(root, "day", attrs)
        guids = {room["name"]: room["guid"] for room in conference["rooms"]}
        for room_name, events in day["rooms"].items():
            room_el = SubElement(day_el, "room", {"name": room_name, "guid": guids[room_name]})
            for event in events:
                _event_xml(room_el, event)
    indent(root, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="unicode") + "\n"


def _text(parent, tag, value):
    element = SubElement(parent, tag)
    element.text = str(value)
    return element


def _conference_xml(root, conference, base_url):
    element = SubElement(root, "conference")
    for tag in ("acronym", "title", "start", "end"):
        _text(element, tag, conference[tag])
    _text(element, "days", conference["daysCount"])
    _text(element, "timeslot_duration", conference["timeslot_duration"])
    _text(element, "time_zone_name", conference["time_zone_name"])
    _text(element, "base_url", base_url)
    _text(element, "url", conference["url"])
    for track in conference["tracks"]:
        SubElement(element, "track", {"name": track["name"], "slug": track["slug"]})


EVENT_TEXT_FIELDS = ("room", "title", "subtitle", "type", "date", "start", "duration",
                     "abstract", "slug", "track", "language", "description")  # fmt: skip


def _event_xml(room_el, event):
    element = SubElement(room_el, "event", {"guid": event["guid"], "id": str(event["id"])})
    for tag in EVENT_TEXT_FIELDS:
        _text(element, tag, event[tag])
    persons = SubElement(element, "persons")
    for person in event["persons"]:
        attrs = {"id": str(person["id"]), "guid": person["guid"]}
        SubElement(persons, "person", attrs).text = person["public_name"]
    links = SubElement(element, "links")
    for link in event["links"]:
        SubElement(links, "link", {"href": link["url"], "type": link["type"]}).text = link["title"]
    _text(element, "url", event["url"])
