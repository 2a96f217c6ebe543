"""frab schedule.xml / schedule.json exports of a forum's public agenda.

`build_schedule()` produces one dict in the shape of schedule.json; the XML is
written from the same dict, so both always say the same thing.
"""

import hashlib
import json
from xml.etree.ElementTree import Element, SubElement, indent, tostring  # noqa: S405 (writing only)

from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from events.interop import frab
from events.models import PanelTopic, Session, SessionParticipant, _reverse_or_empty
from speakers.models import Speaker

GENERATOR = {"name": "forum_site", "version": "0.1.0"}
JSON_SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
LINK_TYPES = (("slides_url", "slides", "Slides"), ("video_url", "media", "Video"))
SLUG_MARK = "__slug__"
# English labels whatever the page language: importers match them back to the kind.
with translation.override("en"):
    KIND_LABELS = {kind.value: str(kind.label) for kind in Session.Kind}


def build_schedule(forum, *, base_url, absolute):
    """The schedule.json document for `forum`.

    `base_url` is the site root ("https://host/"); `absolute(path)` turns a path into a URL.
    """
    sessions = schedule_rows(forum)
    event_ids = frab.integer_ids(s["guid"] for s in sessions)
    person_ids = frab.integer_ids(p["guid"] for s in sessions for p in s["persons"])
    conference = frab.acronym(forum.slug)
    fallback_url = absolute(forum.get_absolute_url() or "/")
    url_template = absolute(
        _reverse_or_empty("events:session-detail", forum_slug=forum.slug, slug=SLUG_MARK)
    )
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
        topic = session["topic"]
        if topic:
            tracks.setdefault(topic["name"], topic)
        event = _event(session, forum, conference, event_ids, person_ids, room["name"])
        if url_template:
            event["url"] = url_template.replace(SLUG_MARK, session["slug"])
        else:
            event["url"] = f"{fallback_url}#{session['slug']}"
        local_start = session["starts_at"].astimezone(forum.tzinfo)
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


def schedule_rows(forum):
    """The public sessions of `forum` as plain dicts, in a fixed number of queries.

    Plain values rather than model instances: 38C3 has ~6,000 related objects, and
    instantiating them took seconds; this export's target is 300 ms.
    """
    anonymous = AnonymousUser()
    visible = Session.objects.visible_to(anonymous).filter(forum=forum)
    sessions = list(
        visible.order_by("starts_at", "room__name", "pk").values(
            "id", "guid", "slug", "kind", "starts_at", "ends_at", "language",
            "video_url", "slides_url", "room__name", "room__guid",
        )
    )  # fmt: skip
    texts = _translations(Session, visible, ("title", "abstract"))
    topics = _first_topics(visible)
    persons = _persons(visible, anonymous)
    for session in sessions:
        text = texts.get(session["id"], {})
        session["title"] = text.get("title") or session["slug"]
        session["abstract"] = text.get("abstract") or ""
        session["topic"] = topics.get(session["id"])
        session["persons"] = persons.get(session["id"], [])
    return sessions


def _persons(sessions, user):
    """{session id: [{"guid", "name"}]} of the speakers `user` may see, in order.

    Two queries: SQLite plans `speaker_id IN (subquery)` on the participants badly
    (0.3 s for 38C3), while a list of ids is instant.
    """
    links = list(
        SessionParticipant.objects.filter(session__in=sessions)
        .order_by("order", "pk")
        .values_list("session_id", "speaker_id")
    )
    speakers = {
        row["id"]: row
        for row in Speaker.objects.visible_to(user)
        .filter(pk__in={speaker for _session, speaker in links})
        .values("id", "guid", "name")
    }
    persons = {}
    for session, speaker in links:
        if speaker in speakers:
            persons.setdefault(session, []).append(speakers[speaker])
    return persons


def _translations(model, masters, fields):
    """{master id: {field: value}} in the active language, else the fallback, else any."""
    wanted = [translation.get_language() or "en", "en"]
    rank = {code: n for n, code in enumerate(reversed(wanted), start=1)}
    best = {}
    for row in model._parler_meta.root_model.objects.filter(master__in=masters).values(
        "master_id", "language_code", *fields
    ):
        score = rank.get(row["language_code"], 0)
        if row["master_id"] not in best or score > best[row["master_id"]][0]:
            best[row["master_id"]] = (score, row)
    return {master: row for master, (_score, row) in best.items()}


def _first_topics(sessions):
    """{session id: {"name", "slug"}} for the first topic by slug: frab has one track."""
    links = list(
        Session.topics.through.objects.filter(session__in=sessions)
        .order_by("paneltopic__slug")
        .values("session_id", "paneltopic_id", "paneltopic__slug")
    )
    topic_ids = {link["paneltopic_id"] for link in links}
    titles = _translations(PanelTopic, PanelTopic.objects.filter(pk__in=topic_ids), ("title",))
    first = {}
    for link in links:
        slug = link["paneltopic__slug"]
        name = titles.get(link["paneltopic_id"], {}).get("title") or slug
        first.setdefault(link["session_id"], {"name": name, "slug": frab.track_slug(slug)})
    return first


def _iso(moment):
    return moment.isoformat(timespec="seconds")


def _version(schedule):
    """A digest of the content: it changes exactly when the agenda does."""
    canonical = json.dumps(schedule, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def _room(session, forum):
    if session["room__name"] is None:
        name = forum.venue.name if forum.venue_id else str(forum)
        return {"name": name, "guid": str(frab.no_room_guid(forum.slug))}
    return {"name": session["room__name"], "guid": str(session["room__guid"])}


def _event(session, forum, conference, event_ids, person_ids, room_name):
    local_start = session["starts_at"].astimezone(forum.tzinfo)
    number = event_ids[session["guid"]]
    topic = session["topic"]
    return {
        "id": number,
        "guid": str(session["guid"]),
        "date": _iso(local_start),
        "start": local_start.strftime("%H:%M"),
        "end": _iso(session["ends_at"].astimezone(forum.tzinfo)),
        "duration": frab.hhmm(session["ends_at"] - session["starts_at"]),
        "room": room_name,
        "slug": frab.event_slug(conference, number, session["slug"]),
        "title": session["title"],
        "subtitle": "",
        "track": topic["name"] if topic else "",
        "type": KIND_LABELS[session["kind"]],
        "language": session["language"],
        "abstract": session["abstract"],
        "description": "",
        "persons": [
            {"id": person_ids[p["guid"]], "guid": str(p["guid"]), "public_name": p["name"]}
            for p in session["persons"]
        ],
        "links": [
            {"url": session[field], "type": kind, "title": label}
            for field, kind, label in LINK_TYPES
            if session[field]
        ],
    }


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
