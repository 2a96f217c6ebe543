import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from events.press.extraction.text import MAX_ARTICLE_BYTES
from tests.events.press.extraction.conftest import HELD_OUT, SUITE

# The targets on unseen articles, as thresholds.
TARGETS = {
    "min_direct_precision": 0.95,
    "min_direct_recall": 0.9,
    "min_attribution": 0.9,
    "min_reported_precision": 0.8,
    "min_reported_recall": 0.7,
}


def run(*args, **options):
    out = StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


def extract_json(path):
    return json.loads(run("extract_quotes", str(path), json=True))


def test_evaluate_extraction_meets_the_targets_on_the_annotated_articles():
    figures = json.loads(run("evaluate_extraction", str(SUITE), json=True, **TARGETS))
    assert figures["articles"] >= 11
    assert figures["direct"]["precision"] >= 0.95


def test_evaluate_extraction_meets_the_targets_on_the_held_out_articles():
    run("evaluate_extraction", str(HELD_OUT), **TARGETS)


def test_evaluate_extraction_below_a_threshold_fails_naming_it():
    with pytest.raises(CommandError, match="direct precision 1.000 < 1.01"):
        run("evaluate_extraction", str(SUITE), min_direct_precision=1.01)


def test_evaluate_extraction_prints_precision_recall_f1_and_attribution():
    out = run("evaluate_extraction", str(SUITE))
    assert "direct    precision" in out and "reported  precision" in out
    assert "attribution accuracy" in out


def test_evaluate_extraction_of_a_folder_without_annotations_fails(tmp_path):
    with pytest.raises(CommandError, match="no annotated articles"):
        run("evaluate_extraction", str(tmp_path))


def test_extract_quotes_json_of_the_seed():
    candidates = extract_json(SUITE / "china-auto-forum-2023.txt")
    assert [c["kind"] for c in candidates] == ["reported", "direct", "direct"]
    assert candidates[1]["speaker"] == {
        "name": "Xu Haidong",
        "title": "deputy chief engineer",
        "organization": "China Association of Automobile Manufacturers",
    }
    text = (SUITE / "china-auto-forum-2023.txt").read_text(encoding="utf-8")
    assert text[candidates[0]["start"] : candidates[0]["end"]] == candidates[0]["text"]


def test_extract_quotes_offsets_are_into_the_text_after_the_bom(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeff“We are ready,” said Anna Keller.".encode())
    [candidate] = extract_json(path)
    assert (candidate["start"], candidate["end"]) == (1, 14)


# --- Bad input: a clear message or an empty proposal, never a traceback ---------------


def test_extract_quotes_of_an_empty_file_proposes_nothing(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert extract_json(tmp_path / "empty.txt") == []


def test_extract_quotes_of_an_article_without_quotes_proposes_nothing(tmp_path):
    (tmp_path / "a.txt").write_text("Jiading will focus on vehicles and parts.\n\nThe end.")
    assert extract_json(tmp_path / "a.txt") == []


def test_extract_quotes_with_unbalanced_marks_proposes_only_balanced_quotes(tmp_path):
    (tmp_path / "a.txt").write_text(
        '"This never closes, said nobody.\n\nThen: "We are ready," said Anna Keller. ” Stray.'
    )
    candidates = extract_json(tmp_path / "a.txt")
    assert [(c["text"], c["speaker"]["name"]) for c in candidates] == [
        ("We are ready,", "Anna Keller")
    ]


def test_extract_quotes_over_the_size_limit_is_refused_with_the_limit(tmp_path):
    (tmp_path / "big.txt").write_bytes(b"word " * (MAX_ARTICLE_BYTES // 5 + 1))
    with pytest.raises(CommandError, match="at most 2,097,152 bytes"):
        run("extract_quotes", str(tmp_path / "big.txt"))


def test_extract_quotes_of_a_one_megabyte_article_works(tmp_path):
    seed = (SUITE / "china-auto-forum-2023.txt").read_text(encoding="utf-8")
    (tmp_path / "big.txt").write_text("\n\n".join([seed] * (1_000_000 // len(seed))))
    candidates = extract_json(tmp_path / "big.txt")
    assert len(candidates) == 3  # the same statements, each proposed once


def test_extract_quotes_of_html_ignores_scripts_and_styles(tmp_path):
    (tmp_path / "a.html").write_text(
        "<html><head><script>var q = '\"Buy now,\" said Anna Keller.';</script>"
        '<style>q::before{content:"\\201C"}</style></head><body>'
        "<p>&ldquo;We are ready,&rdquo; said Anna Keller.</p>"
        "<script>document.write('\"Subscribe,\" the editor said.')</script></body></html>"
    )
    assert [c["text"] for c in extract_json(tmp_path / "a.html")] == ["We are ready,"]


def test_extract_quotes_of_a_missing_file_says_so(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run("extract_quotes", str(tmp_path / "missing.txt"))


def test_extract_quotes_of_a_binary_file_says_it_is_not_text(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 10)
    with pytest.raises(CommandError, match="does not look like text"):
        run("extract_quotes", str(tmp_path / "a.txt"))
