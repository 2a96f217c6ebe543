"""What the social cards of session, speaker and quote pages say (drawn by common/cards.py).

The page and its card.png view build the card from the same visible objects, so the
digest in the page's og:image URL is the digest of the image that URL returns.
"""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from common.cards import Card
from events.public.views.common import session_when
from speakers.models import attribution_line


def _site():
    return _("Industry Forums")


def for_session(session, forum):
    """`session` localized with its participants attached (views.common)."""
    people = ", ".join(p.speaker.display_name for p in session.visible_participants)
    when = session_when(session)
    return Card(
        title=str(session),
        lines=(people,) if people else (),
        footer=f"{forum} · {when}",
        site=_site(),
    )


def for_speaker(speaker, sessions):
    """`sessions`: the speaker's visible sessions, localized, the one to name first (the
    next, else the latest)."""
    footer = ""
    if sessions:
        shown = sessions[0]
        footer = f"{shown.forum} · {shown.day_label}"
    attribution = attribution_line(speaker, timezone.localdate())
    return Card(
        title=speaker.display_name,
        lines=(attribution,) if attribution != speaker.display_name else (),
        footer=footer,
        site=_site(),
    )


def for_quote(quote):
    said = formats.date_format(quote.said_on, "DATE_FORMAT") if quote.said_on else ""
    return Card(
        title=quote.marked_text,
        lines=(quote.attribution,),
        footer=" · ".join(part for part in (str(quote.forum), said) if part),
        site=_site(),
    )


def url(page_path, card):
    """The card's URL beside its page: a new text gives a new URL, so caches never serve
    an old image for it."""
    return f"{page_path}card.png?v={card.digest}"
