"""The stored search document of a quote, and the index built from it.

A quote's document spans several tables (its text, the speaker's names, the
session's titles), so it is stored in `Quote.search_document` and kept current
by the model layer: `Quote.save()` and, when a speaker or session is renamed,
`reindex_quotes()` (called from events/signals.py).

Han runs are written as bigrams (common/text.py), since neither database
segments Chinese.

The index is derived from the stored document, in bulk where possible:
PostgreSQL keeps an english tsvector in `Quote.search_vector` (GIN index),
with each pair of adjacent words added as one lexeme so that phrases are
found by the index too (migration 0007);
SQLite keeps an FTS5 table (`porter unicode61`) whose rowid is the quote id.
Both are created in migration 0002.
"""

from django.db import connection

from common.text import with_han_bigrams

FTS_TABLE = "events_quote_fts"


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
        _refresh_postgresql(quote_ids)
    elif connection.vendor == "sqlite":
        _refresh_sqlite(quote_ids)


def _refresh_postgresql(quote_ids):
    # english tsvector plus adjacent-lexeme pairs for phrases (migration 0007).
    sql = "UPDATE events_quote SET search_vector = events_quote_vector(search_document)"
    with connection.cursor() as cursor:
        if quote_ids is None:
            cursor.execute(sql)
        else:
            cursor.execute(sql + " WHERE id = ANY(%s)", [list(quote_ids)])


def _refresh_sqlite(quote_ids):
    delete = "DELETE FROM events_quote_fts"
    insert = (
        "INSERT INTO events_quote_fts(rowid, document) SELECT id, search_document FROM events_quote"
    )
    params = []
    if quote_ids is not None:
        params = list(quote_ids)
        marks = ",".join(["%s"] * len(params))
        delete += f" WHERE rowid IN ({marks})"
        insert += f" WHERE id IN ({marks})"
    with connection.cursor() as cursor:
        cursor.execute(delete, params)
        cursor.execute(insert, params)


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
