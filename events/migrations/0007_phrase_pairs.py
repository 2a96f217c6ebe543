from django.db import migrations

# PostgreSQL only. A phrase query ('batteri' <-> 'swap') cannot be answered by the
# GIN index alone: the index finds every quote holding both words, and each of those
# rows is read again to compare word positions (thousands of rows for two common
# words, most of a phrase search's time). So the stored vector also holds each pair
# of adjacent lexemes as one extra lexeme ('batteri swap', with a space, which the
# parser never puts in a lexeme), and a phrase query also requires its pairs: the
# index then narrows to the quotes that really hold the phrase.
# events.searchindex writes vectors with events_quote_vector(); events.press.backends
# queries phrases with events_phrase_query(). Both derive the pairs from the same
# english tsvector positions, so a phrase's pairs are in every document that matches it.
FORWARD_SQL = [
    r"""
    CREATE OR REPLACE FUNCTION events_word_pairs(v tsvector) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      WITH p AS (SELECT a.lexeme, pos FROM unnest(v) AS a, unnest(a.positions) AS pos)
      SELECT coalesce(array_to_tsvector(array_agg(DISTINCT x.lexeme || ' ' || y.lexeme)),
                      ''::tsvector)
      FROM p AS x JOIN p AS y ON y.pos = x.pos + 1
    $$
    """,
    r"""
    CREATE OR REPLACE FUNCTION events_quote_vector(document text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT v || events_word_pairs(v) FROM to_tsvector('english', document) AS v
    $$
    """,
    r"""
    CREATE OR REPLACE FUNCTION events_phrase_query(phrase text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT CASE WHEN pairs IS NULL THEN phraseto_tsquery('english', phrase)
                  ELSE phraseto_tsquery('english', phrase) && pairs::tsquery END
      FROM (
        SELECT string_agg(
                 '''' || replace(replace(pair, '\', '\\'), '''', '''''') || '''', ' & ') AS pairs
        FROM unnest(tsvector_to_array(events_word_pairs(to_tsvector('english', phrase)))) AS pair
      ) AS found
    $$
    """,
]
BACKWARD_SQL = [
    "UPDATE events_quote SET search_vector = to_tsvector('english', search_document)",
    "DROP FUNCTION IF EXISTS events_phrase_query(text)",
    "DROP FUNCTION IF EXISTS events_quote_vector(text)",
    "DROP FUNCTION IF EXISTS events_word_pairs(tsvector)",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in FORWARD_SQL:
        schema_editor.execute(sql)
    schema_editor.execute(
        "UPDATE events_quote SET search_vector = events_quote_vector(search_document)"
    )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in BACKWARD_SQL:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0006_http_urls_only"),
    ]

    operations = [migrations.RunPython(forward, backward)]
