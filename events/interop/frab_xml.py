"""schedule.xml written as text from the schedule.json dict.

ElementTree built ~17,000 elements for 38C3 and then walked them again to serialize:
about 100 ms of the export's 300 ms budget. Joining strings takes a quarter of that.
The layout is the one ElementTree's indent(space=" ") gave, so files stay comparable.
"""

import re
from xml.sax.saxutils import escape

# Characters that XML 1.0 forbids even as character references: a parser rejects the
# whole file over one of them, so they are dropped.
ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# A raw CR in text or attributes would come back as LF (XML end-of-line handling);
# in attributes, tabs and newlines would come back as spaces.
TEXT_ENTITIES = {"\r": "&#13;"}
ATTR_ENTITIES = {'"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#09;"}
NEEDS_ESCAPING = re.compile('[&<>"\r\n\t]')
EVENT_TEXT_FIELDS = ("room", "title", "subtitle", "type", "date", "start", "duration",
                     "abstract", "slug", "track", "language", "description")  # fmt: skip


def render_xml(document):
    """schedule.xml from the schedule.json dict, in the element order of example-minimal.xml."""
    schedule = document["schedule"]
    conference = schedule["conference"]
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<schedule>"]
    lines.append(_leaf(" ", "generator", document["generator"]))
    lines.append(_leaf(" ", "version", None, schedule["version"]))
    _conference(lines, conference, schedule["base_url"])
    guids = {room["name"]: room["guid"] for room in conference["rooms"]}
    for day in conference["days"]:
        attrs = {"index": str(day["index"]), "date": day["date"],
                 "start": day["day_start"], "end": day["day_end"]}  # fmt: skip
        if not day["rooms"]:
            lines.append(_leaf(" ", "day", attrs))
            continue
        lines.append(f" <day{_attrs(attrs)}>")
        for room_name, events in day["rooms"].items():
            lines.append(f"  <room{_attrs({'name': room_name, 'guid': guids[room_name]})}>")
            for event in events:
                _event(lines, event)
            lines.append("  </room>")
        lines.append(" </day>")
    lines.append("</schedule>\n")
    return _legal("\n".join(lines))


def _conference(lines, conference, base_url):
    lines.append(" <conference>")
    for tag, value in (
        *((tag, conference[tag]) for tag in ("acronym", "title", "start", "end")),
        ("days", conference["daysCount"]),
        ("timeslot_duration", conference["timeslot_duration"]),
        ("time_zone_name", conference["time_zone_name"]),
        ("base_url", base_url),
        ("url", conference["url"]),
    ):
        lines.append(_leaf("  ", tag, None, str(value)))
    for track in conference["tracks"]:
        lines.append(_leaf("  ", "track", {"name": track["name"], "slug": track["slug"]}))
    lines.append(" </conference>")


# The event's text children, pre-built: 38C3 writes 14,000 of them.
EVENT_CHILDREN = [(tag, f"    <{tag}>", f"</{tag}>", f"    <{tag} />") for tag in EVENT_TEXT_FIELDS]


def _event(lines, event):
    lines.append(f"   <event{_attrs({'guid': event['guid'], 'id': str(event['id'])})}>")
    for tag, opening, closing, empty in EVENT_CHILDREN:
        value = event[tag]
        if not value:
            lines.append(empty)
        elif NEEDS_ESCAPING.search(value):
            lines.append(opening + escape(value, TEXT_ENTITIES) + closing)
        else:
            lines.append(opening + value + closing)
    _list(lines, "persons", [
        _leaf("     ", "person", {"id": str(p["id"]), "guid": p["guid"]}, p["public_name"])
        for p in event["persons"]
    ])  # fmt: skip
    _list(lines, "links", [
        _leaf("     ", "link", {"href": link["url"], "type": link["type"]}, link["title"])
        for link in event["links"]
    ])  # fmt: skip
    lines.append(_leaf("    ", "url", None, event["url"]))
    lines.append("   </event>")


def _list(lines, tag, items):
    if not items:
        lines.append(f"    <{tag} />")
        return
    lines.append(f"    <{tag}>")
    lines.extend(items)
    lines.append(f"    </{tag}>")


def _leaf(indent, tag, attrs=None, text=""):
    """One element without children; empty ones self-close."""
    opening = f"{indent}<{tag}{_attrs(attrs) if attrs else ''}"
    if not text:
        return f"{opening} />"
    return f"{opening}>{_escape(text, TEXT_ENTITIES)}</{tag}>"


def _attrs(attrs):
    return "".join(f' {name}="{_escape(value, ATTR_ENTITIES)}"' for name, value in attrs.items())


def _escape(value, entities):
    # Most values need nothing; testing first halves the time of the whole writer.
    if NEEDS_ESCAPING.search(value):
        return escape(value, entities)
    return value


def _legal(text):
    # One scan of the finished file: cheaper than checking every value.
    return ILLEGAL.sub("", text) if ILLEGAL.search(text) else text
