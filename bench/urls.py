from django.http import HttpResponse
from django.urls import path

from forum_site.urls import handler500  # noqa: F401 (the site's 503 page on a database outage)
from forum_site.urls import urlpatterns as site_urlpatterns


def bare(request):
    """The cheapest answer Django can give: the baseline of a run's figures."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("__bench__/bare", bare), *site_urlpatterns]
