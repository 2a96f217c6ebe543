"""The press room's URLs, mounted under the CMS page `press` by PressApphook."""

from django.urls import path, re_path

from events.press import views

app_name = "press"

urlpatterns = [
    path("", views.press_room, name="search"),
    re_path(r"^export\.(?P<fmt>csv|json|md)$", views.export, name="export"),
    path("pack/<slug:forum_slug>/", views.forum_pack, name="forum-pack"),
    path("pack/<slug:forum_slug>/<slug:session_slug>/", views.session_pack, name="session-pack"),
]
