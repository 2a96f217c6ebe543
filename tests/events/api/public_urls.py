"""A root urlconf with stand-ins for the public pages that CMS apphooks will mount."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import include, path


def _page(request, **kwargs):
    return HttpResponse()


events_pages = (
    [
        path("forums/<slug:slug>/", _page, name="forum-detail"),
        path("forums/<slug:forum_slug>/<slug:slug>/", _page, name="session-detail"),
        path("topics/<slug:slug>/", _page, name="topic-detail"),
        path("quotes/<int:pk>/", _page, name="quote-detail"),
    ],
    "events",
)
speakers_pages = ([path("speakers/<slug:slug>/", _page, name="speaker-detail")], "speakers")

urlpatterns = [path("api/", include("events.api.urls"))]
urlpatterns += i18n_patterns(path("", include(events_pages)), path("", include(speakers_pages)))
