from importlib import import_module

from django.db import migrations

# PostgreSQL only. The same two functions, the same results, in PL/pgSQL.
#
# A phrase search names events_phrase_query('...') twice (to match and to rank);
# being IMMUTABLE with a constant argument, the planner runs it while planning.
# As SQL functions that are not inlined, it and the events_word_pairs() it calls
# were parsed and planned again on every call: 0.35-0.57 ms of planning each time,
# against 0.13-0.21 ms in PL/pgSQL, which keeps its statements' plans for the session.
WORD_PAIRS = r"""
CREATE OR REPLACE FUNCTION events_word_pairs(v tsvector) RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  RETURN (
    WITH p AS (SELECT a.lexeme, pos FROM unnest(v) AS a, unnest(a.positions) AS pos)
    SELECT coalesce(array_to_tsvector(array_agg(DISTINCT x.lexeme || ' ' || y.lexeme)),
                    ''::tsvector)
    FROM p AS x JOIN p AS y ON y.pos = x.pos + 1
  );
END
$$
"""

PHRASE_QUERY = r"""
CREATE OR REPLACE FUNCTION events_phrase_query(phrase text) RETURNS tsquery
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  words tsquery := phraseto_tsquery('english', phrase);
  pairs text;
  found bigint;
BEGIN
  SELECT string_agg('''' || replace(replace(pair, '\', '\\'), '''', '''''') || '''', ' & '),
         count(*)
    INTO pairs, found
    FROM unnest(tsvector_to_array(events_word_pairs(to_tsvector('english', phrase)))) AS pair;
  RETURN CASE WHEN pairs IS NULL THEN words
              WHEN found = 1 AND numnode(words) = 3 THEN pairs::tsquery
              ELSE words && pairs::tsquery END;
END
$$
"""

# Reversing restores the SQL functions of migrations 0007 and 0008.
SQL_WORD_PAIRS = import_module("events.migrations.0007_phrase_pairs").FORWARD_SQL[0]
SQL_PHRASE_QUERY = import_module("events.migrations.0008_two_word_phrase_pairs").TWO_WORD_PAIR


def _run(*statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0009_hidden_session_indexes"),
    ]

    operations = [
        migrations.RunPython(
            _run(WORD_PAIRS, PHRASE_QUERY), _run(SQL_WORD_PAIRS, SQL_PHRASE_QUERY)
        )
    ]
