import json
import re

from events.demo import data
from events.demo.loader import DEMO_DIR, quote_text


def _annotations():
    return json.loads((DEMO_DIR / data.QUOTES_FILE).read_text(encoding="utf-8"))


def _words(text):
    # Curly and straight quote marks differ between the article and the annotations.
    return re.sub(r"[^\w.%-]+", " ", text).split()


def test_every_quote_stands_in_the_article():
    article = " ".join(_words((DEMO_DIR / data.ARTICLE_FILE).read_text(encoding="utf-8")))
    for quote in _annotations()["quotes"]:
        words = _words(quote_text(quote["text"]))
        words[-1] = words[-1].rstrip(".")  # the loader's full stop may stand for a comma
        assert " ".join(words) in article, quote["text"]


def test_speakers_match_the_annotations():
    annotated = {(s["name"], s["title"], s["organization"]) for s in _annotations()["speakers"]}
    names = {o["slug"]: o["translated"]["name"]["en"] for o in data.ORGANIZATIONS}
    ours = {(s["name"], s["title"]["en"], names[s["organization"]]) for s in data.SPEAKERS}
    assert ours == annotated


def test_annotations_point_at_the_copied_article():
    assert (DEMO_DIR / _annotations()["article"]).is_file()


def test_quote_text_ends_a_sentence_cut_before_its_attribution():
    assert quote_text("growth will go on for 10 years,") == "growth will go on for 10 years."
    assert quote_text("A breakthrough.") == "A breakthrough."
