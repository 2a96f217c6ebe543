"""Session kinds from the words that spreadsheets and conference systems use for them."""

from functools import cache

from django.utils import translation

from events.models import Session

# frab event types seen in real files (pretalx, frab, wafer, pentabarf), by a word they contain.
TYPE_WORDS = (
    ("keynote", Session.Kind.KEYNOTE),
    ("opening", Session.Kind.OPENING),
    ("welcome", Session.Kind.OPENING),
    ("closing", Session.Kind.CLOSING),
    ("panel", Session.Kind.PANEL),
    ("podium", Session.Kind.PANEL),
    ("roundtable", Session.Kind.ROUNDTABLE),
    ("discussion", Session.Kind.ROUNDTABLE),
    ("dialogue", Session.Kind.DIALOGUE),
    ("interview", Session.Kind.DIALOGUE),
    ("break", Session.Kind.BREAK),
    ("lunch", Session.Kind.BREAK),
    ("talk", Session.Kind.THEMED_SPEECH),
    ("lecture", Session.Kind.THEMED_SPEECH),
    ("speech", Session.Kind.THEMED_SPEECH),
    ("presentation", Session.Kind.THEMED_SPEECH),
)


@cache
def _names():
    """{lowercase value or label in any language: kind}."""
    names = {}
    for kind in Session.Kind:
        names[kind.value] = kind
        for language in ("en", "zh-hans"):
            with translation.override(language):
                names[str(kind.label).lower()] = kind
    return names


def resolve_kind(text, *, lenient):
    """The kind `text` names; None if unknown, or Kind.OTHER when `lenient` (frab types)."""
    text = text.strip().lower()
    found = _names().get(text) or _names().get(text.replace(" ", "_"))
    if found or not lenient:
        return found
    for word, kind in TYPE_WORDS:
        if word in text:
            return kind
    return Session.Kind.OTHER
