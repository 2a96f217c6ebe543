"""Scores proposed quotes against annotated articles, by the rule the issue states.

A candidate matches a gold quote of the same kind when the F1 of their token overlap is
at least 0.8, after normalising case, quote marks and punctuation. Matching is one-to-one:
the best-scoring pairs are taken first. Attribution accuracy is the share of matched
quotes whose speaker name is right. A gold quote with speaker null and optional true
counts neither for nor against: it is left out of recall, and a candidate matching it is
left out of precision and attribution.

An annotated article is a JSON file (the format of the shared seed annotation) whose
"article" names the article's file relative to the JSON file.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from events.press.extraction.text import article_text, token_f1, tokens

MATCH_THRESHOLD = 0.8
KINDS = ("direct", "reported")


def same_name(a, b):
    if a is None or b is None:
        return a is None and b is None
    return tokens(a) == tokens(b)


@dataclass(frozen=True)
class GoldQuote:
    kind: str
    text: str
    speaker: str | None
    optional: bool = False

    @property
    def counts(self):
        return not (self.optional and self.speaker is None)


@dataclass(frozen=True)
class AnnotatedArticle:
    name: str
    text: str
    quotes: list


def load_annotated(json_path):
    """The article and its gold quotes, from one annotation file."""
    json_path = Path(json_path)
    annotation = json.loads(json_path.read_text(encoding="utf-8"))
    article_path = json_path.parent / annotation["article"]
    text = article_text(article_path.read_bytes(), filename=article_path.name)
    quotes = [
        GoldQuote(
            kind=quote["kind"],
            text=quote["text"],
            speaker=quote.get("speaker"),
            optional=bool(quote.get("optional", False)),
        )
        for quote in annotation["quotes"]
    ]
    return AnnotatedArticle(name=json_path.stem, text=text, quotes=quotes)


def load_folder(folder):
    return [load_annotated(path) for path in sorted(Path(folder).glob("*.json"))]


# --- Scores -----------------------------------------------------------------------------


@dataclass
class KindCounts:
    proposed: int = 0  # candidates of this kind, less those matching optional gold quotes
    expected: int = 0  # gold quotes of this kind that count
    matched: int = 0

    @property
    def precision(self):
        return self.matched / self.proposed if self.proposed else 1.0

    @property
    def recall(self):
        return self.matched / self.expected if self.expected else 1.0

    @property
    def f1(self):
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other):
        self.proposed += other.proposed
        self.expected += other.expected
        self.matched += other.matched


@dataclass
class Scores:
    kinds: dict = field(default_factory=lambda: {kind: KindCounts() for kind in KINDS})
    attributed: int = 0  # matched quotes that count
    attributed_right: int = 0
    misses: list = field(default_factory=list)  # (article, gold quote)
    false_alarms: list = field(default_factory=list)  # (article, candidate)
    wrong_speakers: list = field(default_factory=list)  # (article, gold quote, candidate)

    @property
    def attribution(self):
        return self.attributed_right / self.attributed if self.attributed else 1.0

    def add(self, other):
        for kind in KINDS:
            self.kinds[kind].add(other.kinds[kind])
        self.attributed += other.attributed
        self.attributed_right += other.attributed_right
        self.misses += other.misses
        self.false_alarms += other.false_alarms
        self.wrong_speakers += other.wrong_speakers

    def figures(self):
        """The figures as a JSON-ready dict."""
        result = {
            kind: {
                "precision": round(counts.precision, 4),
                "recall": round(counts.recall, 4),
                "f1": round(counts.f1, 4),
                "proposed": counts.proposed,
                "expected": counts.expected,
                "matched": counts.matched,
            }
            for kind, counts in self.kinds.items()
        }
        result["attribution"] = {
            "accuracy": round(self.attribution, 4),
            "matched": self.attributed,
            "right": self.attributed_right,
        }
        return result


def score_article(article, candidates):
    """Scores of one article's candidates (objects with .kind, .text, .speaker_name)."""
    scores = Scores()
    pairs = _one_to_one(article.quotes, candidates)
    matched_gold = {g for g, _ in pairs}
    matched_candidates = {c for _, c in pairs}
    for index, gold in enumerate(article.quotes):
        if gold.counts:
            scores.kinds[gold.kind].expected += 1
            if index not in matched_gold:
                scores.misses.append((article.name, gold))
    for index, candidate in enumerate(candidates):
        if index not in matched_candidates:
            scores.kinds[candidate.kind].proposed += 1
            scores.false_alarms.append((article.name, candidate))
    for gold_index, index in pairs:
        gold, candidate = article.quotes[gold_index], candidates[index]
        if not gold.counts:
            continue
        scores.kinds[gold.kind].proposed += 1
        scores.kinds[gold.kind].matched += 1
        scores.attributed += 1
        if same_name(gold.speaker, candidate.speaker_name):
            scores.attributed_right += 1
        else:
            scores.wrong_speakers.append((article.name, gold, candidate))
    return scores


def _one_to_one(gold_quotes, candidates):
    """(gold index, candidate index) pairs: every pair of the same kind scoring at least the
    threshold, best first, each gold quote and each candidate used once."""
    gold_tokens = [(gold, tokens(gold.text)) for gold in gold_quotes]
    scored = []
    for index, candidate in enumerate(candidates):
        candidate_tokens = tokens(candidate.text)
        for gold_index, (gold, wanted) in enumerate(gold_tokens):
            if gold.kind != candidate.kind:
                continue
            f1 = token_f1(candidate_tokens, wanted)
            if f1 >= MATCH_THRESHOLD:
                scored.append((-f1, index, gold_index))
    scored.sort()
    used_gold, used_candidates, pairs = set(), set(), []
    for _, index, gold_index in scored:
        if gold_index in used_gold or index in used_candidates:
            continue
        used_gold.add(gold_index)
        used_candidates.add(index)
        pairs.append((gold_index, index))
    return pairs


def evaluate(articles, extract):
    """Total scores of `extract(text)` over annotated articles; the extractor sees only text."""
    total = Scores()
    for article in articles:
        total.add(score_article(article, extract(article.text)))
    return total
