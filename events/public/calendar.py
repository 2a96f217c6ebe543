"""iCalendar ("add to calendar") files for one session or a whole forum.

Callers pass sessions already filtered by `visible_to`: a session from
SessionQuerySet.for_calendar, or a forum's rows from events/public/rows.agenda_rows.
This module only turns them into VEVENTs.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Timezone

from common.text import plain_text
from events.models import SessionParticipant
from events.public.views.common import RowLabels, attach_participants, localize

PRODID = "-//forum_site//Industry forums//EN"


def build_calendar(*, forum, sessions, name, absolute):
    """The VCALENDAR bytes: the forums' VTIMEZONEs and one VEVENT per session.

    `forum` None: the sessions may come from several forums (a personal agenda), each
    written in its own forum's zone. `absolute` turns a site path into an absolute URL.
    icalendar writes the VTIMEZONE; the VEVENTs are written here, because its line
    folding walks every character and took most of a 1000-session forum's download.
    """
    sessions = list(sessions)
    lines = [
        "BEGIN:VCALENDAR",
        f"PRODID:{_text(PRODID)}",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_text(name)}",
    ]
    if forum is not None:
        lines.append(f"X-WR-TIMEZONE:{_text(forum.time_zone)}")
        names = [forum.time_zone]
    else:
        names = sorted({session.forum.time_zone for session in sessions})
    # Always the forum's, even for an empty agenda, so clients show local times as the site.
    zones = [Timezone.from_tzid(zone).to_ical().decode().rstrip("\r\n") for zone in names]
    stamp = timezone.now().astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    labels = RowLabels()
    words = _words()
    events = [
        _event(session, forum or session.forum, stamp, absolute, labels, words)
        for session in sessions
    ]
    head = [_fold(line) for line in lines]
    return "\r\n".join([*head, *zones, *events, "END:VCALENDAR", ""]).encode()


def _words():
    """The description's words, translated once per calendar rather than once per event."""
    return {
        "cancelled": _("This session has been cancelled."),
        "speakers": _("Speakers: %(names)s"),
        "moderator": _("Moderator: %(names)s"),
    }


def _event(session, forum, stamp, absolute, labels, words):
    attach_participants(localize(session, forum, labels), labels)
    url = absolute(session.url)
    zone = forum.time_zone
    lines = [
        "BEGIN:VEVENT",
        # The GUID survives title, slug and time changes, so re-imports update the entry.
        f"UID:{_text(str(session.guid))}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;TZID={zone}:{session.local_starts.ical}",
        f"DTEND;TZID={zone}:{session.local_ends.ical}",
        f"SUMMARY:{_text(str(session))}",
        f"STATUS:{'CANCELLED' if session.is_cancelled else 'CONFIRMED'}",
        f"CATEGORIES:{_text(session.kind_label)}",
    ]
    location = _location(session, forum)
    if location:
        lines.append(f"LOCATION:{_text(location)}")
    if url:
        lines.append(f"URL:{url}")
    lines.append(f"DESCRIPTION:{_text(_description(session, url, words))}")
    lines.append("END:VEVENT")
    return "\r\n".join(_fold(line) for line in lines)


def _text(value):
    """An RFC 5545 TEXT value: backslash, semicolon, comma and newlines escaped."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _fold(line, limit=75):
    """Lines of at most `limit` octets, continued on lines starting with a space (RFC 5545).

    Cuts never split a UTF-8 character or an escape ("\\,"), which some clients misread.
    """
    if len(line) <= limit and line.isascii():  # most lines: no need to encode them
        return line
    encoded = line.encode()
    if len(encoded) <= limit:
        return line
    parts = []
    start, width = 0, limit
    while len(encoded) - start > width:
        cut = start + width
        while encoded[cut] & 0xC0 == 0x80:  # a continuation byte: inside a character
            cut -= 1
        if encoded[cut - 1] == 0x5C:  # a backslash: keep the escape whole
            cut -= 1
        parts.append(encoded[start:cut].decode())
        start, width = cut, limit - 1  # the leading space counts
    parts.append(encoded[start:].decode())
    return "\r\n ".join(parts)


def _location(session, forum):
    if session.room:
        return f"{session.room.name}, {session.room.venue}"
    return str(forum.venue) if forum.venue else ""


def _person(participant):
    affiliation = participant.affiliation
    if affiliation is None:
        return participant.speaker.display_name
    name = participant.speaker.display_name
    return f"{name} ({affiliation.title_text}, {affiliation.organization})"


def _description(session, url, words):
    moderator = SessionParticipant.Role.MODERATOR
    speakers = [_person(p) for p in session.visible_participants if p.role != moderator]
    moderators = [_person(p) for p in session.visible_participants if p.role == moderator]
    lines = []
    if session.is_cancelled:
        lines.append(words["cancelled"])
    if speakers:
        lines.append(words["speakers"] % {"names": "; ".join(speakers)})
    if moderators:
        lines.append(words["moderator"] % {"names": "; ".join(moderators)})
    abstract = plain_text(session.abstract)
    if abstract:
        lines.extend(["", abstract])
    if url:
        lines.extend(["", url])
    return "\n".join(lines)
