"""Quotes from press articles: decode an article, propose its quotes, score the proposals.

Plain functions and dataclasses, no Django, except `matching` and `review`, which read
the database and serve the admin screen. `extract(text)` (rules.py) is the entry point.
"""
