"""The events routes under a plain prefix, so views are tested without a CMS page."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

urlpatterns = i18n_patterns(path("forums/", include("events.urls")))
