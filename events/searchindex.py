"""The stored search document of a quote, and the index built from it.

A quote's document spans several tables (its text, the speaker's names, the
session's titles), so it is stored in `Quote.search_document` and kept current
by the model layer: `Quote.save()` and, when a speaker or session is renamed,
`reindex_quotes()` (called from events/signals.py).

Han runs are written as bigrams (common/text.py), since neither database
segments Chinese.

The index is derived from the stored document, in bulk where possible:
PostgreSQL keeps an english tsvector in `Quote.search_vector` (GIN index);
SQLite keeps an FTS5 table whose rowid is the quote id (events/fts5.py).
"""

from django.apps import apps
from django.contrib.postgres.search import SearchVector
from django.db import connection

from common.text import with_han_bigrams
from events import fts5


def document_for(quote, session_titles):
    """The search document of `quote`, given the titles of its session."""
    speaker = quote.speaker
    parts = [quote.text, quote.original_text, speaker.name, speaker.name_native, *session_titles]
    return with_han_bigrams("\n".join(p for p in parts if p))


def session_titles(session):
    """Every language's title of `session` (prefetched translations are used)."""
    if session is None:
        return []
    return [t.title for t in session.translations.all()]


def refresh_index(quote_ids=None):
    """Rebuild the index entries of `quote_ids` (all quotes when None) from their documents.

    One statement for any number of quotes, so imports and the benchmark seed
    index in bulk.
    """
    if quote_ids is not None and not quote_ids:
        return
    if connection.vendor == "postgresql":
        quotes = apps.get_model("events", "Quote").objects.all()
        if quote_ids is not None:
            quotes = quotes.filter(pk__in=quote_ids)
        quotes.update(search_vector=SearchVector("search_document", config="english"))
    elif connection.vendor == "sqlite":
        fts5.refresh(quote_ids)


def reindex_quotes(quotes):
    """Recompute the documents of `quotes` (a QuerySet) and refresh their index entries.

    Used when a speaker or session they name is renamed; only changed
    documents are written.
    """
    changed = []
    for quote in quotes.select_related("speaker", "session").prefetch_related(
        "session__translations"
    ):
        document = document_for(quote, session_titles(quote.session))
        if document != quote.search_document:
            quote.search_document = document
            changed.append(quote)
    quotes.model.objects.bulk_update(changed, ["search_document"], batch_size=500)
    refresh_index([q.pk for q in changed])
    return len(changed)
