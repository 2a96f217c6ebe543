"""My agenda: the star button's target, the page of starred sessions, and its iCal feed.

The star view is posted to from cached public pages, which cannot carry a per-visitor
CSRF token. It checks instead that the request comes from this site (Origin, else
Referer), so another site cannot post stars into a visitor's cookie or account.
"""

from itertools import groupby

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from events.models import Session
from events.public import my_agenda
from events.public.calendar import build_calendar
from events.public.views.common import absolute_urls, page_meta, prepare_rows
from events.querysets import with_venue_names


def _same_site(request):
    origin = request.headers.get("Origin") or request.headers.get("Referer") or ""
    host = request.get_host()
    return bool(origin) and url_has_allowed_host_and_scheme(
        origin, allowed_hosts={host}, require_https=request.is_secure()
    )


def _back(request, session_id):
    referer = request.headers.get("Referer", "")
    if url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
        return redirect(f"{referer.split('#')[0]}#session-{session_id}")
    return redirect("myagenda:page")


@csrf_exempt
@require_POST
@never_cache
def star(request):
    if not _same_site(request):
        return HttpResponseForbidden(_("Stars can only be set from this site."))
    session_id = request.POST.get("session", "")
    if not session_id.isdigit() or not my_agenda.visible(request.user, [int(session_id)]):
        raise Http404
    wanted = {"add": True, "remove": False}.get(request.POST.get("action"))
    ids = my_agenda.toggle(request, int(session_id), wanted)
    if "application/json" in request.headers.get("Accept", ""):
        response = JsonResponse({"starred": ids})
    else:
        response = _back(request, session_id)
    return my_agenda.remember(response, request, ids)


@require_GET
@never_cache
def stars(request):
    """Which sessions to light on a (cached, shared) public page."""
    ids = my_agenda.starred_ids(request)
    response = JsonResponse({"starred": ids})
    return my_agenda.remember(response, request, ids)


@never_cache
def page(request):
    # The cookie keeps stars of sessions hidden for now: they come back if republished.
    ids = my_agenda.starred_ids(request)
    sessions = prepare_rows(_sessions(ids, request.user))
    clashes = my_agenda.clashes(sessions)
    for session in sessions:
        session.clashes_with = clashes.get(session.id, [])
    agenda = my_agenda.feed_agenda(request)
    token = agenda.token if agenda else ""
    context = {
        "days": [(day, list(items)) for day, items in groupby(sessions, lambda s: s.day_label)],
        "feed_url": _feed_url(request, token),
        "meta": page_meta(
            request,
            title=_("My agenda"),
            description=_("The sessions you starred, with a calendar feed."),
            path=request.path,
        ),
    }
    response = render(request, "events/my_agenda.html", context)
    return my_agenda.remember(response, request, ids)


def _sessions(ids, user):
    """The starred sessions `user` may see, in time order, with what a row shows."""
    return with_venue_names(list(Session.objects.for_calendar(user).filter(pk__in=ids)))


def _feed_url(request, token):
    if not token:
        return ""
    return request.build_absolute_uri(reverse("myagenda:feed", kwargs={"token": token}))


@require_POST
def feed(request):
    """Start (or renew, revoking the old URL) or stop the visitor's calendar feed."""
    response = redirect("myagenda:page")
    if request.POST.get("action") == "stop":
        my_agenda.stop_feed(request, response)
    else:
        my_agenda.start_feed(request, response)
    return response


@require_GET
def feed_ics(request, token):
    agenda, ids = my_agenda.feed_sessions(token)
    if agenda is None:
        raise Http404
    body = build_calendar(
        forum=None,
        sessions=_sessions(ids, AnonymousUser()),
        name=_("My agenda"),
        absolute=absolute_urls(request),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    # Calendar apps poll it: a moved session shows at their next visit.
    response["Cache-Control"] = "private, no-cache"
    return response
