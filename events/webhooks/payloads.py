"""What an event says of a session or quote: the public API's JSON of it, for the public.

Built from the API's own querysets and serializers for an anonymous user, so a draft,
an embargoed quote or a hidden speaker can never reach a webhook: what the public
cannot read is simply not there.
"""

import json
from dataclasses import dataclass
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sites.models import Site
from django.core.serializers.json import DjangoJSONEncoder
from django.http import QueryDict
from django.utils import translation

from events.api import querysets
from events.api.serializers import QuoteSerializer, SessionSerializer
from events.models import Session

SESSION, QUOTE = "session", "quote"
# Changes with every save, whether or not anything public changed.
VOLATILE = {"updated_at"}


@dataclass(frozen=True)
class Snapshot:
    """An object as the public sees it now. `live`: it counts as published (a cancelled
    session is still shown, but announced as withdrawn)."""

    live: bool
    data: dict


class _Origin:
    """The little of a request the API serializers read (links and `?format=`): there is
    no request in a signal or a management command."""

    GET = QueryDict()

    def __init__(self, origin):
        self.origin = origin

    def build_absolute_uri(self, location):
        return urljoin(self.origin + "/", location)


def site_origin():
    """DJANGO_SITE_URL, else https:// and the Sites framework's domain."""
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/")
    return f"https://{Site.objects.get_current().domain}"


def snapshots(kind, pks):
    """{pk: Snapshot} of those of `pks` the public may see now; the others are missing."""
    queryset, serializer_class = _SHAPES[kind]
    objects = list(queryset(AnonymousUser()).filter(pk__in=pks))
    if not objects:
        return {}
    context = {"request": _Origin(site_origin())}
    # One language for every receiver: the site's own; texts fall back as the API's do.
    with translation.override(settings.LANGUAGE_CODE):
        rows = serializer_class(objects, many=True, context=context).data
    pairs = zip(objects, rows, strict=True)
    return {obj.pk: Snapshot(_live(obj), _plain(row)) for obj, row in pairs}


def _live(obj):
    return not isinstance(obj, Session) or obj.status == Session.Status.PUBLISHED


def _plain(row):
    # JSON types only, as the row will read back from the database and the receiver.
    return json.loads(json.dumps(row, cls=DjangoJSONEncoder))


def same(old, new):
    """Whether two announcements show the same public fields."""
    return _stable(old) == _stable(new)


def _stable(data):
    return {name: value for name, value in data.items() if name not in VOLATILE}


def body(*, event_id, event_type, occurred_at, forum_slug, data):
    """The request body: compact, UTF-8, keys in a stable order."""
    event = {
        "id": str(event_id),
        "type": event_type,
        "occurred_at": occurred_at.isoformat().replace("+00:00", "Z"),
        "forum": forum_slug,
        "data": data,
    }
    return json.dumps(event, ensure_ascii=False, separators=(",", ":"))


_SHAPES = {
    SESSION: (querysets.sessions_for_api, SessionSerializer),
    QUOTE: (querysets.quotes_for_api, QuoteSerializer),
}
