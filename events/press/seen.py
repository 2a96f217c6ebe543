"""Who was shown which quote before its embargo lifted: rows of events.EmbargoView.

Every surface that hands embargoed quotes to a logged-in user calls
`embargoed_quotes_seen()` with the quotes it shows, each under its own EmbargoView.Surface:
the press room's search, its exports and packs, the quote's page and card, the API, and
the public pages a press user (events.view_embargoed_quote) or an organizer reads with
them: the session, speaker and topic pages and the site search. One INSERT for any number
of quotes, none when none is embargoed.

Anonymous visitors never get an embargoed quote (QuoteQuerySet.citable_by), so nothing
is written for them; they alone are answered from the cached public tier
(forum_site/public_cache.py), so every logged-in view runs its view and is written. The
page cache ignores these rows (events/invalidation.py).
"""

from events.models import EmbargoView
from events.press.labels import embargo_end


def embargoed_quotes_seen(*, user, quotes, at, surface):
    """Record that `user` saw each of `quotes` still embargoed at `at`, on `surface`."""
    rows = _rows(user, quotes, at, surface)
    return EmbargoView.objects.bulk_create(rows) if rows else []


def _rows(user, quotes, at, surface):
    if user is None or not user.is_authenticated:
        return []
    return [
        EmbargoView(
            quote=quote,
            user=user,
            username=user.get_username(),
            viewed_at=at,
            embargo_until=end,
            surface=surface,
        )
        for quote in quotes
        if (end := embargo_end(quote, at)) is not None
    ]
