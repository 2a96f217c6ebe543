"""frab schedule.xml / schedule.json exports of a forum's public agenda.

`build_schedule()` produces one dict in the shape of schedule.json; the XML is
written from the same dict, so both always say the same thing.
"""

import hashlib
import json
import marshal

from django.contrib.auth.models import AnonymousUser
from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils import translation

from common.urls import reverse_or_empty
from events.interop import frab
from events.interop.frab_xml import render_xml  # noqa: F401 (the exports' entry points)
from events.models import PanelTopic, Room, Session, SessionParticipant
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
        reverse_or_empty("events:session-detail", forum_slug=forum.slug, slug=SLUG_MARK)
    )
    rooms, tracks = {}, {}
    days = [
        {"index": index, "date": day.isoformat(), "day_start": _iso(start),
         "day_end": _iso(end), "rooms": {}}
        for index, day, start, end in frab.day_windows(forum)
    ]  # fmt: skip
    by_date = {day["date"]: day for day in days}
    tz = forum.tzinfo
    for session in sessions:
        session["local_start"] = session["starts_at"].astimezone(tz)
        session["local_end"] = session["ends_at"].astimezone(tz)
        room = _room(session, forum, rooms)
        topic = session["topic"]
        if topic:
            tracks.setdefault(topic["name"], topic)
        event = _event(session, conference, event_ids, person_ids, room["name"])
        if url_template:
            event["url"] = url_template.replace(SLUG_MARK, session["slug"])
        else:
            event["url"] = f"{fallback_url}#{session['slug']}"
        day = by_date[frab.day_of(session["local_start"], forum).isoformat()]
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
    instantiating them took seconds; this export's target is 300 ms. Guids come as
    text, not uuid.UUID objects, which cost a tenth of that budget to build and print.
    """
    anonymous = AnonymousUser()
    visible = Session.objects.visible_to(anonymous).filter(forum=forum)
    sessions = list(
        visible.annotate(guid_text=_text("guid"), room_guid=_text("room__guid"))
        .values(
            "id", "guid_text", "slug", "kind", "starts_at", "ends_at", "language",
            "video_url", "slides_url", "room_id", "room_guid",
        )
    )  # fmt: skip
    texts = _translations(Session, visible, ("title", "abstract"))
    rooms = Room.objects.filter(pk__in={s["room_id"] for s in sessions} - {None})
    room_names = _translations(Room, rooms, ("name",))
    topics = _first_topics(visible)
    persons = _persons(visible, anonymous)
    for session in sessions:
        text = texts.get(session["id"], {})
        session["guid"] = _canonical_guid(session.pop("guid_text"))
        if session["room_guid"] is not None:
            session["room_guid"] = _canonical_guid(session["room_guid"])
        session["title"] = text.get("title") or session["slug"]
        session["abstract"] = text.get("abstract") or ""
        session["topic"] = topics.get(session["id"])
        session["persons"] = persons.get(session["id"], [])
        room_id = session.pop("room_id")
        session["room__name"] = room_names[room_id]["name"] if room_id else None
    # Rooms are named in the export's language: sorted here, not by the database.
    return sorted(sessions, key=lambda s: (s["starts_at"], s["room__name"] or "", s["id"]))


def _text(field):
    return Cast(field, output_field=CharField())


def _canonical_guid(text):
    """The 8-4-4-4-12 lowercase form: PostgreSQL prints that, SQLite stores 32 hex digits."""
    if len(text) == 32:
        return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}".lower()
    return text.lower()


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
        .annotate(guid_text=_text("guid"))
        .values("id", "guid_text", "name")
    }
    for speaker in speakers.values():
        speaker["guid"] = _canonical_guid(speaker.pop("guid_text"))
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
    """A digest of everything the export says: it changes exactly when that does.

    marshal format 2 is the cheapest exact serialization of these dicts, lists, strings
    and ints (7 ms for 38C3; JSON took 15-25): it writes values only, never object
    identities (references came with format 3), so equal content gives equal bytes,
    and the dicts are built in a fixed key order. A new Python may change the bytes:
    the version then changes once, which costs readers one download.
    """
    return hashlib.sha256(marshal.dumps(schedule, 2)).hexdigest()[:16]


def _room(session, forum, rooms):
    """The session's room as a frab room dict, one per name (kept in `rooms`)."""
    name = session["room__name"]
    if name is None:
        venue = (
            forum.venue.safe_translation_getter("name", any_language=True) if forum.venue_id else ""
        )
        name = venue or str(forum)
        guid = str(frab.no_room_guid(forum.slug))
    else:
        guid = session["room_guid"]
    return rooms.setdefault(name, {"name": name, "guid": guid})


def _event(session, conference, event_ids, person_ids, room_name):
    local_start = session["local_start"]
    number = event_ids[session["guid"]]
    topic = session["topic"]
    return {
        "id": number,
        "guid": session["guid"],
        "date": _iso(local_start),
        "start": f"{local_start.hour:02d}:{local_start.minute:02d}",
        "end": _iso(session["local_end"]),
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
            {"id": person_ids[p["guid"]], "guid": p["guid"], "public_name": p["name"]}
            for p in session["persons"]
        ],
        "links": [
            {"url": session[field], "type": kind, "title": label}
            for field, kind, label in LINK_TYPES
            if session[field]
        ],
    }


def render_json(document):
    """Compact: indent made json use its pure-Python encoder, 85 ms instead of 30 for 38C3."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), check_circular=False)
