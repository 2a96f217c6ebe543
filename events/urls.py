"""The `events` URLs, mounted under the Forums CMS page by the ForumsApphook."""

from django.urls import include, path

from events.public.urls import forum_patterns

app_name = "events"

urlpatterns = [
    path("", include("events.interop.urls")),
    *forum_patterns,
]
