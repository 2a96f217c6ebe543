"""Quotes from press articles: decode an article, propose its quotes, score the proposals.

`rules.extract(text)` is the entry point, over plain functions and dataclasses:
`text` (decoding, paragraphs, sentences, offsets), `marks` (quotation marks paired),
`direct` and `reported` (the two kinds of quote), `phrases`/`phrases_zh` (who a phrase
names), `names` (people named outside attributions), `attribution` (who "he" or
"Keller" is), `evaluate` (the scoring of issue 16). Only `matching` (speakers in the
database), `services` (the one-transaction save) and `review`/`review_forms` (the admin
screens) use the ORM.
"""
