"""The admin next to the events routes, as when a CMS page mounts the forums."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = i18n_patterns(
    path("admin/", admin.site.urls), path("forums/", include("events.urls"))
)
