"""Who was shown which quote before its embargo lifted: rows of events.EmbargoView.

Every surface that hands embargoed quotes to a logged-in user (the press room's search,
its exports and packs, the quote's page, the API) calls `embargoed_quotes_seen()` with
the quotes it shows. One INSERT for any number of them, none when none is embargoed.
Anonymous visitors never get an embargoed quote (QuoteQuerySet.citable_by), so nothing
is written for them; the public page cache ignores these rows (events/invalidation.py).
"""

from events.models import EmbargoView
from events.press.labels import embargo_end


def embargoed_quotes_seen(*, user, quotes, at, surface):
    """Record that `user` saw each of `quotes` still embargoed at `at`, on `surface`."""
    if user is None or not user.is_authenticated:
        return []
    rows = [
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
    return EmbargoView.objects.bulk_create(rows) if rows else []
