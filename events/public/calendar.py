"""iCalendar ("add to calendar") files for one session or a whole forum.

Callers pass sessions already filtered by `visible_to` (SessionQuerySet.for_calendar);
this module only turns them into VEVENTs.
"""

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone

from events.models import SessionParticipant
from events.public.views.common import attach_participants, localize

PRODID = "-//forum_site//Industry forums//EN"


def build_calendar(*, forum, sessions, name, absolute):
    """The VCALENDAR bytes: the forum's VTIMEZONE and one VEVENT per session.

    `absolute` turns a site path into an absolute URL.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", forum.time_zone)
    # Always present, even for an empty agenda, so clients show local times as the site does.
    calendar.add_component(Timezone.from_tzid(forum.time_zone))
    stamp = timezone.now()
    for session in sessions:
        calendar.add_component(_event(session, forum, stamp, absolute))
    return calendar.to_ical()


def _event(session, forum, stamp, absolute):
    attach_participants(localize(session, forum))
    event = Event()
    # The GUID survives title, slug and time changes, so re-imports update the entry.
    event.add("uid", f"{session.guid}")
    event.add("dtstamp", stamp)
    event.add("dtstart", session.starts_at.astimezone(forum.tzinfo))
    event.add("dtend", session.ends_at.astimezone(forum.tzinfo))
    event.add("summary", str(session))
    event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
    event.add("categories", [str(session.get_kind_display())])
    location = _location(session, forum)
    if location:
        event.add("location", location)
    url = absolute(session.url)
    if url:
        event.add("url", url)
    event.add("description", _description(session, url))
    return event


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


def _description(session, url):
    moderator = SessionParticipant.Role.MODERATOR
    speakers = [_person(p) for p in session.visible_participants if p.role != moderator]
    moderators = [_person(p) for p in session.visible_participants if p.role == moderator]
    lines = []
    if session.is_cancelled:
        lines.append(_("This session has been cancelled."))
    if speakers:
        lines.append(_("Speakers: %(names)s") % {"names": "; ".join(speakers)})
    if moderators:
        lines.append(_("Moderator: %(names)s") % {"names": "; ".join(moderators)})
    abstract = " ".join(strip_tags(session.abstract or "").split())
    if abstract:
        lines.extend(["", abstract])
    if url:
        lines.extend(["", url])
    return "\n".join(lines)
