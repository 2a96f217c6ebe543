"""Public schedule exports of a published forum: frab XML and JSON, and the agenda CSV.

Whoever asks, the export holds only what the public may see.
"""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from events.interop import agenda_csv, exports
from events.models import Forum


def _public_forum(slug):
    return get_object_or_404(Forum.objects.visible_to(AnonymousUser()), slug=slug)


def _schedule(request, forum):
    def absolute(path):
        return request.build_absolute_uri(path) if path else ""

    return exports.build_schedule(forum, base_url=absolute("/"), absolute=absolute)


def forum_schedule_xml(request, slug):
    forum = _public_forum(slug)
    body = exports.render_xml(_schedule(request, forum))
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


def forum_schedule_json(request, slug):
    forum = _public_forum(slug)
    body = exports.render_json(_schedule(request, forum))
    return HttpResponse(body, content_type="application/json; charset=utf-8")


def forum_agenda_csv(request, slug):
    forum = _public_forum(slug)
    response = HttpResponse(agenda_csv.export_csv(forum), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{forum.slug}-agenda.csv"'
    return response
