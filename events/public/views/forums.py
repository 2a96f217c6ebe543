"""The forum list and a forum's agenda."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Forum
from events.public import structured_data
from events.public.filters import AgendaFilter
from events.public.rows import agenda_rows
from events.public.views.common import (
    absolute_urls,
    describe,
    first_or_404,
    follow_object_across_languages,
    group_by_day,
    is_preview,
    page_meta,
    prepare_rows,
    show_in_toolbar,
    zone_label,
)


def forum_list(request):
    forums = list(Forum.objects.for_forum_list(request.user))
    today = timezone.localdate()
    for forum in forums:
        forum.url = forum.get_absolute_url()
    context = {
        "upcoming": [f for f in reversed(forums) if f.end_date >= today],
        "past": [f for f in forums if f.end_date < today],
        "meta": page_meta(
            request,
            title=_("Forums"),
            description=_("Agendas of our industry forums and conferences."),
            path=request.path,
        ),
    }
    return render(request, "events/forum_list.html", context)


def forum_detail(request, slug):
    forum = first_or_404(Forum.objects.for_agenda(request.user), slug=slug)
    follow_object_across_languages(request, forum)
    show_in_toolbar(request, forum)
    sessions = prepare_rows(agenda_rows(forum, request.user), forum)
    agenda_filter = AgendaFilter(request.GET, sessions)
    shown = agenda_filter.apply(sessions)
    context = {
        "forum": forum,
        "days": group_by_day(shown),
        "filter": agenda_filter,
        "zone_label": zone_label(forum),
        "preview": is_preview(Forum.objects, forum, request.user),
        # The whole agenda, whatever the filters show.
        "structured_data": structured_data.ld_json(
            structured_data.forum_event(forum, sessions, absolute_urls(request))
        ),
        "meta": page_meta(
            request,
            title=_("Agenda: %(forum)s") % {"forum": forum},
            description=describe(forum.description, _("Agenda of %(forum)s.") % {"forum": forum}),
            path=forum.get_absolute_url(),
            og_type="website",
        ),
    }
    return render(request, "events/forum_detail.html", context)
