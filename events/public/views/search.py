"""The site search page: /<lang>/search/?q=..."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from events.public.site_search import MAX_LENGTH, site_search
from events.public.views.common import page_meta


def search_page(request):
    q = " ".join(request.GET.get("q", "").split())[:MAX_LENGTH]
    groups = site_search(request.user, q) if q else []
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
