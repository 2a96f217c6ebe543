"""The read-only JSON API under /api/v1/, for press offices and other sites.

Everything it shows comes through the `visible_to` querysets, in the caller's language.
"""
