"""The press room: search page, exports of its results, and press packs.

Mounted by PressApphook (events/cms_apps.py) under the CMS page `press`. Each
view asks search_quotes() or the `citable_by` querysets what the user may see,
at the moment of the request, so an embargo lifts on its own. Nothing here is
cached: what a page holds depends on who asks and when.
"""

import math

from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from events.models import EmbargoView, Forum, Session
from events.press import exports, pack
from events.press.forms import search_form
from events.press.results import prepare
from events.press.search import InvalidSearch, search_quotes
from events.press.seen import embargoed_quotes_seen

# Long enough to scan a day's quotes; the citation boxes stay folded.
RESULTS_PER_PAGE = 20
EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}


@never_cache
def press_room(request):
    at = timezone.now()
    form = search_form(request.user, request.GET, at)
    limit = formats.number_format(exports.EXPORT_LIMIT, force_grouping=True)
    context = {"form": form, "export_limit": limit}
    try:
        result = search_quotes(
            user=request.user,
            q=request.GET.get("q", ""),
            filters=request.GET,
            page=request.GET.get("page", 1),
            per_page=RESULTS_PER_PAGE,
            at=at,
        )
    except InvalidSearch as error:
        context["errors"] = _error_lines(error, form)
        return render(request, "events/press/press_room.html", context, status=400)
    prepare(result.items, absolute=request.build_absolute_uri, at=at)
    embargoed_quotes_seen(
        user=request.user, quotes=result.items, at=at, surface=EmbargoView.Surface.SEARCH
    )
    context.update(_result_context(result, form))
    return render(request, "events/press/press_room.html", context)


def _error_lines(error, form=None):
    """'Forum: There is no forum “x”.' for each parameter that is wrong."""
    labels = {"page": _("Page")}
    if form is not None:
        labels.update({name: str(field.label) for name, field in form.fields.items()})
    return [
        # Translators: a search parameter's label, then what is wrong with it; Chinese
        # uses a full-width colon.
        _("%(field)s: %(messages)s")
        % {"field": labels.get(name, name), "messages": " ".join(messages)}
        for name, messages in error.message_dict.items()
    ]


def _result_context(result, form):
    pages = max(math.ceil(result.total / result.per_page), 1)
    chosen = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return {
        "result": result,
        "pages": pages,
        "past_end": bool(result.total) and result.page > pages,
        "searched": form.is_bound,
        "forum": chosen.get("forum"),
        "session": chosen.get("session"),
    }


@never_cache
def export(request, fmt):
    at = timezone.now()
    try:
        export_set = exports.collect(
            user=request.user, params=request.GET, at=at, absolute=request.build_absolute_uri
        )
    except InvalidSearch as error:
        return HttpResponseBadRequest(
            "\n".join(_error_lines(error)) + "\n", content_type="text/plain; charset=utf-8"
        )
    embargoed_quotes_seen(
        user=request.user, quotes=export_set.quotes, at=at, surface=EmbargoView.Surface.EXPORT
    )
    body = _export_body(fmt, export_set, request.GET)
    response = HttpResponse(body, content_type=EXPORT_TYPES[fmt])
    stamp = at.strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="quotes-{stamp}.{fmt}"'
    return response


def _export_body(fmt, export_set, params):
    if fmt == "csv":
        return exports.to_csv(export_set)
    if fmt == "json":
        return exports.to_json(export_set, params)
    return exports.to_markdown(export_set, _("Quotes"))


def _zip_response(name, data):
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@never_cache
def forum_pack(request, forum_slug):
    forum = get_object_or_404(
        Forum.objects.citable_by(request.user)
        .select_related("venue")
        .prefetch_related("venue__translations"),
        slug=forum_slug,
    )
    at = timezone.now()
    name, data = pack.forum_pack(
        user=request.user, forum=forum, at=at, absolute=request.build_absolute_uri
    )
    return _zip_response(name, data)


@never_cache
def session_pack(request, forum_slug, session_slug):
    at = timezone.now()
    session = get_object_or_404(
        Session.objects.citable_by(request.user, at).select_related("forum"),
        forum__slug=forum_slug,
        slug=session_slug,
    )
    name, data = pack.session_pack(
        user=request.user, session=session, at=at, absolute=request.build_absolute_uri
    )
    return _zip_response(name, data)
