"""The site search page: /<lang>/search/?q=..."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import EmbargoView
from events.press.seen import embargoed_quotes_seen
from events.public.site_search import MAX_LENGTH, site_search
from events.public.views.common import page_meta


def search_page(request):
    q = " ".join(request.GET.get("q", "").split())[:MAX_LENGTH]
    at = timezone.now()
    groups = site_search(request.user, q, at) if q else []
    # Press users and organizers find embargoed quotes here too: each one shown is logged.
    quotes = [quote for group in groups if group.kind == "quotes" for quote in group.shown]
    surface = EmbargoView.Surface.SITE_SEARCH
    embargoed_quotes_seen(user=request.user, quotes=quotes, at=at, surface=surface)
    title = _("Search: %(query)s") % {"query": q} if q else _("Search")
    context = {
        "q": q,
        "groups": groups,
        "meta": page_meta(
            request,
            title=title,
            description=_("Search sessions, speakers, topics and quotes."),
            path=request.path,
        ),
    }
    return render(request, "events/search.html", context)
