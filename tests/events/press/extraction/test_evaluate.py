import json

import pytest

from events.press.extraction.candidates import Candidate, SpeakerGuess
from events.press.extraction.evaluate import (
    AnnotatedArticle,
    GoldQuote,
    evaluate,
    load_annotated,
    load_folder,
    score_article,
)
from events.press.extraction.text import token_f1, tokens
from tests.events.press.extraction.conftest import HELD_OUT, SUITE


def candidate(text, kind="direct", speaker="Xu Haidong"):
    guess = SpeakerGuess(speaker) if speaker else None
    return Candidate(text=text, kind=kind, speaker=guess, start=0, end=len(text))


def article(*quotes):
    return AnnotatedArticle(name="a", text="", quotes=list(quotes))


def test_tokens_ignore_case_quote_marks_and_punctuation():
    assert tokens("“China's exports,” he said—RISE!") == ["chinas", "exports", "he", "said", "rise"]
    assert tokens('"China’s"') == tokens("chinas")


def test_tokens_of_chinese_are_its_characters():
    assert tokens("出口增长，1.6倍。") == ["出", "口", "增", "长", "1", "6", "倍"]


def test_token_f1_counts_repeated_words_as_often_as_they_occur():
    assert token_f1(["a", "a", "b"], ["a", "b", "b"]) == pytest.approx(2 / 3)
    assert token_f1([], ["a"]) == 0.0


def test_a_candidate_matching_at_f1_08_counts_and_below_does_not():
    gold = GoldQuote("direct", "one two three four five", "Xu Haidong")
    # 4 of 5 words and nothing else: precision 1, recall 0.8, F1 0.889
    assert (
        score_article(article(gold), [candidate("one two three four")]).kinds["direct"].matched == 1
    )
    # 3 of 5: F1 0.75
    assert score_article(article(gold), [candidate("one two three")]).kinds["direct"].matched == 0


def test_a_candidate_of_the_other_kind_does_not_match():
    gold = GoldQuote("reported", "exports rose sharply", "Xu Haidong")
    scores = score_article(article(gold), [candidate("exports rose sharply", kind="direct")])
    assert scores.kinds["reported"].recall == 0.0
    assert scores.kinds["direct"].precision == 0.0


def test_matching_is_one_to_one_so_a_duplicate_is_a_false_alarm():
    gold = GoldQuote("direct", "exports rose sharply", "Xu Haidong")
    scores = score_article(
        article(gold), [candidate("exports rose sharply"), candidate("Exports rose sharply.")]
    )
    assert (scores.kinds["direct"].matched, scores.kinds["direct"].proposed) == (1, 2)
    assert scores.kinds["direct"].precision == 0.5


def test_the_best_pairs_are_matched_first():
    near = GoldQuote("direct", "a b c d e f g h i j", "X")
    exact = GoldQuote("direct", "a b c d e f g h i", "Y")
    scores = score_article(
        article(near, exact),
        [
            candidate("a b c d e f g h i", speaker="Y"),
            candidate("a b c d e f g h i j", speaker="X"),
        ],
    )
    assert scores.kinds["direct"].matched == 2
    assert scores.attribution == 1.0


def test_attribution_counts_matched_quotes_with_the_right_name():
    golds = [GoldQuote("direct", "one two", "Xu Haidong"), GoldQuote("direct", "three", "Luo")]
    scores = score_article(
        article(*golds), [candidate("one two", speaker="xu haidong"), candidate("three")]
    )
    assert (scores.attributed, scores.attributed_right) == (2, 1)
    assert scores.attribution == 0.5


def test_an_optional_null_speaker_quote_counts_neither_way():
    optional = GoldQuote("reported", "the talks stalled", None, optional=True)
    scores = score_article(article(optional), [candidate("the talks stalled", kind="reported")])
    assert scores.kinds["reported"].proposed == 0
    assert scores.kinds["reported"].expected == 0
    assert scores.attributed == 0
    missed = score_article(article(optional), [])
    assert missed.kinds["reported"].recall == 1.0


def test_a_null_speaker_quote_that_is_not_optional_wants_no_speaker():
    gold = GoldQuote("direct", "who pays", None)
    right = score_article(article(gold), [candidate("who pays", speaker=None)])
    wrong = score_article(article(gold), [candidate("who pays", speaker="Xu")])
    assert (right.attribution, wrong.attribution) == (1.0, 0.0)


def test_load_annotated_reads_the_article_relative_to_the_json(tmp_path):
    (tmp_path / "a.html").write_text("<p>“Yes,” he said.</p>", encoding="utf-8")
    (tmp_path / "a.json").write_text(
        json.dumps(
            {
                "article": "a.html",
                "quotes": [{"kind": "direct", "speaker": None, "text": "Yes,", "optional": True}],
            }
        ),  # fmt: skip
        encoding="utf-8",
    )
    loaded = load_annotated(tmp_path / "a.json")
    assert loaded.text == "“Yes,” he said."
    assert loaded.quotes == [GoldQuote("direct", "Yes,", None, optional=True)]


def test_evaluate_gives_the_extractor_only_the_text():
    seen = []
    articles = load_folder(SUITE)[:1]
    evaluate(articles, lambda text: seen.append(text) or [])
    assert seen == [articles[0].text]


@pytest.mark.parametrize("folder", [SUITE, HELD_OUT])
def test_annotated_folders_hold_enough_varied_articles(folder):
    articles = load_folder(folder)
    kinds = {q.kind for a in articles for q in a.quotes}
    assert kinds == {"direct", "reported"}
    assert len(articles) >= (10 if folder == SUITE else 4)


def _runs_needed(wanted, article_tokens):
    """How many contiguous runs of the article's words make up `wanted`, greedily."""
    haystack = f" {' '.join(article_tokens)} "
    runs, rest = 0, list(wanted)
    while rest:
        length = next(
            (k for k in range(len(rest), 0, -1) if f" {' '.join(rest[:k])} " in haystack), 0
        )
        if not length:
            return None
        runs, rest = runs + 1, rest[length:]
    return runs


def test_annotated_texts_are_words_of_their_articles():
    # A typo in an annotation would silently lower a score. A split quote is two or three
    # runs of the article's words (its attribution falls out), never a word it lacks.
    for annotated in load_folder(SUITE) + load_folder(HELD_OUT):
        article_tokens = tokens(annotated.text)
        for quote in annotated.quotes:
            runs = _runs_needed(tokens(quote.text), article_tokens)
            assert runs is not None and runs <= 3, (annotated.name, quote.text)
