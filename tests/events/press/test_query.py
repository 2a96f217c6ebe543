from events.press.backends import fts5_expression
from events.press.query import MAX_TERMS, Term, parse_query


def test_words_and_phrases_become_terms():
    parsed = parse_query('Exports "new energy vehicle"')
    assert parsed.terms == [
        Term(("new", "energy", "vehicle"), is_phrase=True),
        Term(("exports",), is_phrase=False),
    ]
    assert parsed.messages == []


def test_chinese_run_becomes_a_bigram_phrase():
    assert parse_query("中国汽车").terms == [Term(("中国", "国汽", "汽车"), is_phrase=True)]


def test_single_chinese_character_is_dropped_with_a_message():
    parsed = parse_query("车")
    assert parsed.terms == []
    assert "two characters or more" in parsed.messages[0]


def test_operators_and_stop_words_are_ignored():
    parsed = parse_query("the & exports | !growth <-> :*")
    assert [t.tokens for t in parsed.terms] == [("exports",), ("growth",)]


def test_curly_quotes_make_a_phrase():
    assert parse_query("“battery swap”").terms == [Term(("battery", "swap"), is_phrase=True)]


def test_too_many_terms_are_cut_with_a_message():
    parsed = parse_query(" ".join(f"word{i}" for i in range(MAX_TERMS + 3)))
    assert len(parsed.terms) == MAX_TERMS
    assert parsed.messages == [f"Only the first {MAX_TERMS} words or phrases were searched."]


def test_fts5_expression_quotes_every_term():
    parsed = parse_query('exports OR "NOT near" NEAR(x)')
    assert fts5_expression(parsed) == '"not near" AND "exports" AND "near" AND "x"'
