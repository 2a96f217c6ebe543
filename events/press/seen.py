"""Who was shown which quote before its embargo lifted: rows of events.EmbargoView.

Every surface that hands embargoed quotes to a logged-in user calls
`embargoed_quotes_seen()` with the quotes it shows, each under its own EmbargoView.Surface:
the press room's search, its exports and packs, the quote's page and card, the API, and
the public pages a press user (events.view_embargoed_quote) or an organizer reads with
them: the session, speaker and topic pages and the site search. One INSERT for any number
of quotes, none when none is embargoed.

What renders inside a page, the featured-quote CMS plugin, may be placed any number of
times on one page: it calls `note_embargoed_quotes_seen()`, and SeenMiddleware writes
what the request noted in one INSERT once the page is rendered.

Anonymous visitors never get an embargoed quote (QuoteQuerySet.citable_by), so nothing
is written for them; they alone are answered from the cached public tier
(forum_site/public_cache.py), so every logged-in view runs its view and is written. The
page cache ignores these rows (events/invalidation.py).
"""

from events.models import EmbargoView
from events.press.labels import embargo_end

# The rows a request noted, as an attribute of the request: nothing global.
_NOTED = "embargo_views_noted"


def embargoed_quotes_seen(*, user, quotes, at, surface):
    """Record that `user` saw each of `quotes` still embargoed at `at`, on `surface`."""
    rows = _rows(user, quotes, at, surface)
    return EmbargoView.objects.bulk_create(rows) if rows else []


def note_embargoed_quotes_seen(request, *, quotes, at, surface):
    """As embargoed_quotes_seen() for `request.user`, written by SeenMiddleware later."""
    rows = _rows(request.user, quotes, at, surface)
    if rows:
        request.__dict__.setdefault(_NOTED, []).extend(rows)


class SeenMiddleware:
    """Writes the rows noted while the response was made, in one INSERT."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)  # template responses are rendered by now
        rows = request.__dict__.pop(_NOTED, None)
        if rows:
            EmbargoView.objects.bulk_create(rows)
        return response


def _rows(user, quotes, at, surface):
    if user is None or not user.is_authenticated:
        return []
    return [
        EmbargoView(
            quote=quote,
            # Kept with the row, which outlives the quote: every caller's quotes come with
            # their speaker (select_related), so these cost no query.
            quote_text=quote.text,
            speaker_name=quote.speaker.name,
            user=user,
            username=user.get_username(),
            viewed_at=at,
            embargo_until=end,
            surface=surface,
        )
        for quote in quotes
        if (end := embargo_end(quote, at)) is not None
    ]
