"""{% agenda_days %}, {% session_items %} and {% speaker_cards %}: long lists, by Jinja2.

A 1000-session agenda spent 80 ms in the Django template language's per-row includes
and lookups; the same markup compiled by Jinja2 (Django's own backend for it, with
autoescaping) takes 8. The rows' words are translated here, where makemessages finds them.
"""

from django import template
from django.template import engines
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

register = template.Library()


def _render(name, **context):
    labels = {
        "cancelled": _("Cancelled"),
        "topics": _("Topics"),
        "star": _("Star"),
        "name_role": pgettext("between a speaker's name and role", ", "),
    }
    html = engines["jinja2"].get_template(name).render({**context, "labels": labels})
    # Jinja2 escaped every value (autoescape is on in Django's backend).
    return mark_safe(html)  # noqa: S308


@register.simple_tag
def agenda_days(days, id_prefix="", stars=True):
    """[(day label, [localized sessions])] as sections, each day's heading id unique with
    `id_prefix` (a page may hold several agendas). `stars`=False leaves out the star
    buttons, for a page without base.html's star form (the embed)."""
    return _render("events/agenda_days.html", days=days, id_prefix=id_prefix, stars=stars)


@register.simple_tag
def session_items(sessions, show_day=False, show_forum=False):
    """Localized sessions (views/common.prepare_rows) as <li> items of an agenda list."""
    return _render(
        "events/session_items.html",
        sessions=sessions,
        show_day=show_day,
        show_forum=show_forum,
        stars=True,
    )


@register.simple_tag
def speaker_cards(speakers):
    """Speaker cards (events/public/rows.speaker_cards) as <li> items, or a line saying none."""
    empty = _("No speakers are published yet.")
    return _render("events/speaker_cards.html", speakers=speakers, empty=empty)
