"""What every press surface adds to a quote it shows: permalink, citations, labels, notes.

One place, so the press room, the exports and the press pack agree. Costs one
query for any number of quotes (their correction notes).
"""

from django.db.models import prefetch_related_objects

from events.press.citations import cite
from events.press.labels import embargo_label


def prepare(quotes, *, absolute, at):
    """Annotate `quotes` (from search_quotes) in place and return them.

    `absolute` turns a path into an absolute URL. Each quote gets `permalink`,
    `citation` (events.press.citations.Citation), `embargo_label` ("" when not
    embargoed at `at`) and `correction_notes`, oldest first.
    """
    prefetch_related_objects(quotes, "corrections")
    for quote in quotes:
        path = quote.get_absolute_url()
        quote.permalink = absolute(path) if path else ""
        quote.citation = cite(quote, quote.permalink)
        quote.embargo_label = embargo_label(quote, at)
        quote.correction_notes = list(quote.corrections.all())
    return quotes
