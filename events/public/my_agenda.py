"""Whose stars, and where they are kept: the user's agenda, or the visitor's cookie.

Public pages stay the same for everyone (and cacheable): a star is a form posting to
the star view, and events/static/events/stars.js asks `stars.json` which are lit. A
visitor without an account keeps the starred ids in the COOKIE; once they ask for a
calendar feed, an agenda row named by FEED_COOKIE follows every change of the cookie.
A user's own agenda takes in the cookie's stars the next time they are read.
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from events.models import AgendaStar, PersonalAgenda, Session
from events.models.agendas import new_token

COOKIE = "my_agenda"
FEED_COOKIE = "my_agenda_feed"
MAX_STARS = 300
COOKIE_SECONDS = 365 * 24 * 60 * 60


def cookie_ids(request):
    """The session ids in the visitor's cookie: whole numbers only, at most MAX_STARS."""
    raw = request.COOKIES.get(COOKIE, "")
    ids = []
    for part in raw.split(".")[:MAX_STARS]:
        if part.isdigit() and int(part) not in ids:
            ids.append(int(part))
    return ids


def _feed_agenda(request):
    token = request.COOKIES.get(FEED_COOKIE, "")
    if not token:
        return None
    return PersonalAgenda.objects.filter(user=None, token=token).first()


def _user_agenda(user):
    agenda, _created = PersonalAgenda.objects.get_or_create(user=user)
    return agenda


def starred_ids(request):
    """The ids `request`'s visitor starred, merging a signed-in user's cookie stars in."""
    if request.user.is_authenticated:
        agenda = _user_agenda(request.user)
        extra = cookie_ids(request)
        if extra:
            _add(agenda, extra)
            request.merged_cookie = True
        return list(agenda.stars.values_list("session_id", flat=True).order_by("starred_at"))
    return cookie_ids(request)


def visible(user, ids):
    """The ids of `ids` that `user` may see, in the order given."""
    found = set(Session.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
    return [pk for pk in ids if pk in found]


def toggle(request, session_id, wanted=None):
    """Star (wanted True), unstar (False) or flip (None) one session; the new ids.

    The caller writes them back with `remember(response, request, ids)`.
    """
    ids = starred_ids(request)
    on = session_id not in ids if wanted is None else wanted
    if request.user.is_authenticated:
        agenda = _user_agenda(request.user)
        if on:
            _add(agenda, [session_id])
        else:
            agenda.stars.filter(session_id=session_id).delete()
    ids = [pk for pk in ids if pk != session_id] + ([session_id] if on else [])
    return ids[-MAX_STARS:]


def _add(agenda, ids):
    existing = set(agenda.stars.values_list("session_id", flat=True))
    valid = Session.objects.filter(pk__in=set(ids) - existing).values_list("pk", flat=True)
    AgendaStar.objects.bulk_create(
        [AgendaStar(agenda=agenda, session_id=pk) for pk in valid], ignore_conflicts=True
    )


def remember(response, request, ids):
    """Keep a visitor's `ids` in their cookie (and their feed); a user's need nothing."""
    if request.user.is_authenticated:
        if getattr(request, "merged_cookie", False):
            response.delete_cookie(COOKIE)
        return response
    _set_cookie(response, COOKIE, ".".join(map(str, ids)))
    agenda = _feed_agenda(request)
    if agenda is not None:
        _replace(agenda, ids)
    return response


def _set_cookie(response, name, value):
    # Lax: a star or feed is never changed by a request another site starts.
    response.set_cookie(
        name,
        value,
        max_age=COOKIE_SECONDS,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


@transaction.atomic
def _replace(agenda, ids):
    agenda.stars.exclude(session_id__in=ids).delete()
    _add(agenda, ids)


def feed_agenda(request):
    """The agenda whose feed `request`'s visitor controls, or None."""
    if request.user.is_authenticated:
        return _user_agenda(request.user)
    return _feed_agenda(request)


@transaction.atomic
def start_feed(request, response):
    """Give the visitor's agenda a new feed token (revoking any old URL); the agenda."""
    agenda = feed_agenda(request)
    if agenda is None:
        agenda = PersonalAgenda.objects.create()
        _replace(agenda, cookie_ids(request))
    agenda.token = new_token()
    agenda.save(update_fields=["token"])
    if not request.user.is_authenticated:
        _set_cookie(response, FEED_COOKIE, agenda.token)
    return agenda


def stop_feed(request, response):
    agenda = feed_agenda(request)
    if agenda is None:
        return
    if agenda.user_id:
        agenda.token = ""
        agenda.save(update_fields=["token"])
    else:
        agenda.delete()  # the visitor's stars stay in their cookie
        response.delete_cookie(FEED_COOKIE)


def feed_sessions(token):
    """(agenda, ids) of the feed `token` names, or (None, []). A feed is a URL anyone
    holding it may read, so it shows only what the public may see."""
    agenda = PersonalAgenda.objects.filter(token=token).exclude(token="").first()
    if agenda is None:
        return None, []
    ids = list(agenda.stars.values_list("session_id", flat=True))
    return agenda, visible(AnonymousUser(), ids)


def clashes(sessions):
    """{session id: [sessions it overlaps]} among `sessions` (sorted by start)."""
    found = {}
    for i, session in enumerate(sessions):
        for other in sessions[i + 1 :]:
            if other.starts_at >= session.ends_at:
                break
            found.setdefault(session.id, []).append(other)
            found.setdefault(other.id, []).append(session)
    return found
