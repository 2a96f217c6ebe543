"""The downloads: "add to calendar" for one session or a whole agenda, the PDF programme."""

from django.http import HttpResponse
from django.utils.translation import gettext as _

from events.models import Forum, Session
from events.public.calendar import build_calendar
from events.public.programme import build_programme
from events.public.rows import agenda_rows
from events.public.views.common import absolute_urls, first_or_404, prepare_rows, zone_label
from events.querysets import with_venue_names


def session_calendar(request, forum_slug, slug):
    session = first_or_404(
        Session.objects.for_calendar(request.user), forum__slug=forum_slug, slug=slug
    )
    body = build_calendar(
        forum=session.forum,
        sessions=with_venue_names([session]),
        name=str(session),
        absolute=absolute_urls(request),
    )
    return _ics(body, f"{session.forum.slug}-{session.slug}.ics")


def forum_calendar(request, slug):
    forum = first_or_404(Forum.objects.for_agenda(request.user), slug=slug)
    body = build_calendar(
        forum=forum,
        sessions=agenda_rows(forum, request.user, abstracts=True),
        name=_("Agenda: %(forum)s") % {"forum": forum},
        absolute=absolute_urls(request),
    )
    return _ics(body, f"{forum.slug}.ics")


def forum_programme(request, slug):
    forum = first_or_404(Forum.objects.for_agenda(request.user), slug=slug)
    sessions = prepare_rows(agenda_rows(forum, request.user), forum)
    body = build_programme(forum, sessions, zone_label=zone_label(forum))
    response = HttpResponse(body, content_type="application/pdf")
    language = request.LANGUAGE_CODE
    response["Content-Disposition"] = f'inline; filename="{forum.slug}-programme-{language}.pdf"'
    return response


def _ics(body, filename):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
