"""A forum's sessions grouped by the forum's local day, for its admin change page."""

from itertools import groupby

from django.urls import reverse

from events.models import Session


def agenda_by_day(forum):
    """[(date, [row, ...]), ...] in the forum's zone; two queries whatever the size.

    Each row holds the session, its local start and end, and its admin URL.
    """
    zone = forum.tzinfo
    rows = [
        {
            "session": session,
            "starts": session.starts_at.astimezone(zone),
            "ends": session.ends_at.astimezone(zone),
            "url": reverse("admin:events_session_change", args=[session.pk]),
        }
        for session in Session.objects.filter(forum=forum).for_admin_agenda()
    ]
    return [(day, list(group)) for day, group in groupby(rows, key=lambda r: r["starts"].date())]
