"""Views that fail as a lost database connection and as a bug do, for test_views.py."""

from django.db import OperationalError
from django.urls import path

from forum_site.urls import handler500  # noqa: F401 (what is under test)


def lost_connection(request):
    raise OperationalError("server closed the connection unexpectedly")


def bug(request):
    raise ZeroDivisionError


urlpatterns = [path("lost/", lost_connection), path("bug/", bug)]
