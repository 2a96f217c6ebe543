"""The page django-axes shows a locked-out login (settings.AXES_LOCKOUT_CALLABLE).

Status 429 and the cool-off in whole minutes, in the visitor's language: the same page for
the admin's login and the press room's, outside the CMS so that it needs no page.
"""

import math

from django.conf import settings
from django.shortcuts import render

TOO_MANY_REQUESTS = 429


def lockout_response(request, original_response=None, credentials=None):
    minutes = math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    response = render(
        request,
        "forum_site/lockout.html",
        {"minutes": minutes, "login_url": request.path},
        status=TOO_MANY_REQUESTS,
    )
    response["Retry-After"] = str(minutes * 60)
    response["Cache-Control"] = "no-store"
    return response
