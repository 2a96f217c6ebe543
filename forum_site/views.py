"""The error pages Django's handlers call, and the icon browsers ask for (forum_site/urls.py)."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views import defaults

# Seconds a client or nginx should wait before trying again: a database restart or
# failover takes a few seconds.
RETRY_AFTER = 5


def favicon(request):
    """/favicon.ico, which browsers and feed readers fetch unasked: the site's icon.

    Without it every visitor's first page logged a 404 (the CMS's, under /en/).
    Temporary: the hashed name changes with the icon.
    """
    return redirect(static("favicon.svg"))


def server_error(request, template_name="500.html"):
    """500, unless the database could not be reached: then a 503 that says so.

    A lost connection (a PostgreSQL restart) is an outage the client may retry, not a
    bug; Django reconnects by itself on the next request. The page touches neither the
    database nor the cache.
    """
    error = sys.exc_info()[1]
    if not _database_unreachable(error):
        return defaults.server_error(request, template_name)
    body = render_to_string(
        "503.html",
        {
            "title": _("The site is briefly unavailable"),
            "message": _(
                "Our database is restarting. Nothing you sent before this page was lost; "
                "please try again in a few seconds."
            ),
        },
    )
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def _database_unreachable(error):
    # psycopg2 reports a refused or dropped connection as OperationalError (or, on a
    # closed connection, InterfaceError); SQLite's "database is locked" is one as well.
    return isinstance(error, OperationalError | InterfaceError)
