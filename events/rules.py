"""Agenda rules that cannot live in the database: dates, clashes, consistency.

Model `clean()` methods call these (and Session.validate_constraints() the
participants' clash check), so the admin, imports and services all get the same
errors. Every clash error names the other session.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from speakers.models import held_on


def _local_span(session, other):
    tz = session.forum.tzinfo
    return "{}-{}".format(
        other.starts_at.astimezone(tz).strftime("%H:%M"),
        other.ends_at.astimezone(tz).strftime("%H:%M"),
    )


def overlapping_sessions(session):
    """Other live sessions of the same forum that overlap `session` in time."""
    others = session._meta.model.objects.filter(
        forum_id=session.forum_id,
        starts_at__lt=session.ends_at,
        ends_at__gt=session.starts_at,
        allow_overlap=False,
    ).exclude(status="cancelled")
    if session.pk:
        others = others.exclude(pk=session.pk)
    return others


def _can_clash(session):
    return not session.allow_overlap and session.status != "cancelled"


def check_session(session):
    if not (session.starts_at and session.ends_at and session.forum_id):
        return
    if session.ends_at <= session.starts_at:
        raise ValidationError({"ends_at": _("A session must end after it starts.")})
    _check_within_forum(session)
    _check_room_at_venue(session)
    if _can_clash(session):
        _check_room_free(session)


def check_participants_free(session):
    """Refuse `session`'s times or status when a stored participant is busy elsewhere then.

    Session.validate_constraints() calls this unless the participants are excluded,
    as the session admin excludes them: it checks the participants as submitted,
    which may drop the very speaker the stored ones would clash on.
    """
    if not session.pk:
        return  # no participants yet; each one added is checked by SessionParticipant.clean()
    for participant in session.participants.select_related("speaker"):
        message = speaker_clash(session, participant.speaker)
        if message:
            raise ValidationError(message)


def _check_within_forum(session):
    forum = session.forum
    first, last = forum.local_bounds()
    if session.starts_at < first or session.ends_at > last:
        raise ValidationError(
            {
                "starts_at": _(
                    "The session must lie within the forum's dates, %(start)s to %(end)s "
                    "(%(zone)s)."
                )
                % {"start": forum.start_date, "end": forum.end_date, "zone": forum.time_zone}
            }
        )


def check_forum(forum):
    """Refuse new dates or a new venue that some of the forum's sessions would not fit."""
    if forum.pk and forum.venue_id:
        _check_rooms_at_new_venue(forum)
    if not (forum.pk and forum.start_date and forum.end_date and forum.time_zone):
        return
    if forum.end_date < forum.start_date:
        return  # the constraint's own message
    first, last = forum.local_bounds()
    outside = forum.sessions.filter(Q(starts_at__lt=first) | Q(ends_at__gt=last))
    example, count = _first_of(outside)
    if not count:
        return
    message = ngettext(
        "%(count)d session lies outside these dates: '%(title)s' on %(day)s. Move or "
        "delete it first.",
        "%(count)d sessions lie outside these dates, the first '%(title)s' on %(day)s. "
        "Move or delete them first.",
        count,
    ) % {
        "count": count,
        "title": example,
        "day": example.starts_at.astimezone(forum.tzinfo).date(),
    }
    field = "start_date" if example.starts_at < first else "end_date"
    raise ValidationError({field: message})


def _check_rooms_at_new_venue(forum):
    elsewhere = forum.sessions.filter(room__isnull=False).exclude(room__venue_id=forum.venue_id)
    example, count = _first_of(elsewhere)
    if not count:
        return
    message = ngettext(
        "%(count)d session is in a room of another venue: '%(title)s' in %(room)s "
        "(%(room_venue)s). Move it to a room of %(venue)s first.",
        "%(count)d sessions are in rooms of another venue, the first '%(title)s' in "
        "%(room)s (%(room_venue)s). Move them to rooms of %(venue)s first.",
        count,
    ) % {
        "count": count,
        "title": example,
        "room": example.room.name,
        "room_venue": example.room.venue,
        "venue": forum.venue,
    }
    raise ValidationError({"venue": message})


def check_room(room):
    """Refuse a name another room of the venue has in the same language, and moving a
    room to another venue while sessions of a forum elsewhere use it."""
    if not room.venue_id:
        return
    _check_room_name_free(room)
    if not room.pk:
        return
    elsewhere = room.sessions.filter(forum__venue__isnull=False).exclude(
        forum__venue_id=room.venue_id
    )
    example, count = _first_of(elsewhere)
    if not count:
        return
    message = ngettext(
        "%(count)d session of a forum at another venue is in this room: '%(title)s' "
        "(%(forum)s, at %(forum_venue)s). Move it to another room first.",
        "%(count)d sessions of forums at another venue are in this room, the first "
        "'%(title)s' (%(forum)s, at %(forum_venue)s). Move them to other rooms first.",
        count,
    ) % {
        "count": count,
        "title": example,
        "forum": example.forum,
        "forum_venue": example.forum.venue,
    }
    raise ValidationError({"venue": message})


def _check_room_name_free(room):
    """The database cannot say it (the venue is on the room, the name on its translation)."""
    translation = room._parler_meta.root_model
    names = _room_names(room)
    taken = translation.objects.filter(master__venue_id=room.venue_id).exclude(master_id=room.pk)
    for code, name in names.items():
        if taken.filter(language_code=code, name=name).exists():
            message = _("Another room of this venue is already called %(name)s.")
            raise ValidationError({"name": message % {"name": name}})


def _room_names(room):
    """{language code: name} of `room`, saved and as edited (parler's unsaved ones)."""
    cache = room._translations_cache[room._parler_meta.root_model]
    codes = set(room.get_available_languages(include_unsaved=True)) if room.pk else set()
    codes |= {code for code, value in cache.items() if hasattr(value, "name")}
    return {code: room.get_translation(code).name for code in sorted(codes)}


def _first_of(sessions):
    """(the earliest of `sessions` with its room and forum, how many there are)."""
    count = sessions.count()
    if not count:
        return None, 0
    related = sessions.select_related("room__venue", "forum__venue")
    return related.order_by("starts_at", "pk").first(), count


def _check_room_at_venue(session):
    venue_id = session.forum.venue_id
    if not session.room_id or not venue_id or session.room.venue_id == venue_id:
        return
    message = _("Room %(room)s is at %(venue)s, not at this forum's venue, %(forum_venue)s.")
    raise ValidationError(
        {
            "room": message
            % {
                "room": session.room.name,
                "venue": session.room.venue,
                "forum_venue": session.forum.venue,
            }
        }
    )


def _check_room_free(session):
    if not session.room_id:
        return
    clash = (
        overlapping_sessions(session).filter(room_id=session.room_id).order_by("starts_at").first()
    )
    if clash:
        raise ValidationError(
            {
                "room": _("Room %(room)s is booked %(span)s by '%(title)s'.")
                % {"room": session.room.name, "span": _local_span(session, clash), "title": clash}
            }
        )


def check_speaker_free(session, speaker):
    """Refuse `speaker` in `session` when they are in another overlapping session."""
    message = speaker_clash(session, speaker)
    if message:
        raise ValidationError({"speaker": message})


def speaker_clash(session, speaker):
    """The error message when `speaker` is busy elsewhere during `session`, else None."""
    if not (session.starts_at and session.ends_at) or not _can_clash(session):
        return None
    clash = (
        overlapping_sessions(session)
        .filter(participants__speaker=speaker)
        .order_by("starts_at")
        .first()
    )
    if clash is None:
        return None
    return _("%(speaker)s already speaks %(span)s in '%(title)s'.") % {
        "speaker": speaker,
        "span": _local_span(session, clash),
        "title": clash,
    }


def check_quote(quote):
    if quote.session_id and quote.forum_id and quote.session.forum_id != quote.forum_id:
        message = _("The session '%(title)s' belongs to another forum.")
        raise ValidationError({"session": message % {"title": quote.session}})
    if quote.session_id and quote.said_on:
        _check_said_in_session(quote)
    if quote.speaker_id and quote.said_on:
        _check_title_held(quote)


def _check_said_in_session(quote):
    """A quote filed under a session is dated on its day, or citations contradict the agenda."""
    session = quote.session
    if not (session.starts_at and session.ends_at and session.forum_id):
        return
    first, last = session.local_days()
    if first <= quote.said_on <= last:
        return
    message = _(
        "The session '%(title)s' took place on %(day)s, so a quote said in it is dated that "
        "day. A quote given elsewhere, such as in an interview, has no session."
    )
    day = date_format(first, "DATE_FORMAT")
    raise ValidationError({"said_on": message % {"title": session, "day": day}})


def speaker_missing_from_session(session, speaker):
    """The error message when `speaker` is not among `session`'s participants, else None.

    Checked where organizers enter quotes by hand (events/admin_forms.py). The article
    extraction may file a speaker it has just created under a session, so the model
    does not insist.
    """
    if session.participants.filter(speaker=speaker).exists():
        return None
    message = _(
        "%(speaker)s does not take part in the session '%(title)s': add them to its "
        "participants, or choose the session they spoke in."
    )
    return message % {"speaker": speaker, "title": session}


def _check_title_held(quote):
    """A speaker with recorded titles must hold one of them on the day of the quote.

    Otherwise the attribution silently loses the title. A speaker with none is quoted
    by name alone, as intended.
    """
    affiliations = list(quote.speaker.affiliations.for_attribution())
    if not affiliations or held_on(affiliations, quote.said_on):
        return
    message = _(
        "On %(date)s %(speaker)s held none of their recorded titles (%(titles)s), so the "
        "quote would be attributed by name alone. Correct the date, or the dates of the "
        "affiliation on the speaker's page."
    )
    titles = "; ".join(_affiliation_span(a) for a in affiliations)
    raise ValidationError(
        {"said_on": message % {"date": quote.said_on, "speaker": quote.speaker, "titles": titles}}
    )


def _affiliation_span(affiliation):
    """'deputy chief engineer, CAAM, 2020-01-01 – …' (an open end as an ellipsis)."""
    start, end = affiliation.start_date or "…", affiliation.end_date or "…"
    return f"{affiliation.title_text}, {affiliation.organization}, {start} – {end}"
