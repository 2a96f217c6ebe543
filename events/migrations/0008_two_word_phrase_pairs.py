from importlib import import_module

from django.db import migrations

# PostgreSQL only. A two-word phrase ('batteri' <-> 'swap') now queries its one
# adjacent-word pair ('batteri swap', migration 0007) alone: a document holds the
# pair exactly when it holds the two words side by side, so the results are the
# same. The planner, though, estimated "phrase AND pair" as the product of three
# selectivities (one row where hundreds match) and chose nested loops that made
# phrase searches twice as slow as word searches; the pair alone is estimated
# from its own statistics. Longer phrases still check word positions.
TWO_WORD_PAIR = r"""
CREATE OR REPLACE FUNCTION events_phrase_query(phrase text) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN found.pairs IS NULL THEN query.words
              WHEN found.count = 1 AND numnode(query.words) = 3 THEN found.pairs::tsquery
              ELSE query.words && found.pairs::tsquery END
  FROM (SELECT phraseto_tsquery('english', phrase) AS words) AS query,
  (
    SELECT string_agg(
             '''' || replace(replace(pair, '\', '\\'), '''', '''''') || '''', ' & ') AS pairs,
           count(*) AS count
    FROM unnest(tsvector_to_array(events_word_pairs(to_tsvector('english', phrase)))) AS pair
  ) AS found
$$
"""

# Reversing restores the function as migration 0007 wrote it (its third statement).
PHRASE_AND_PAIRS = import_module("events.migrations.0007_phrase_pairs").FORWARD_SQL[2]


def _run(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0007_phrase_pairs"),
    ]

    operations = [migrations.RunPython(_run(TWO_WORD_PAIR), _run(PHRASE_AND_PAIRS))]
