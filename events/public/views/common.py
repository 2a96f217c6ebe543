"""Helpers shared by the public pages: local times, page metadata, language links."""

from html import unescape
from itertools import groupby

from django.http import Http404
from django.utils import formats
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import override
from menus.utils import set_language_changer

from events.public.zones import zone_label


def localize(session, forum):
    """Attach the session's local times in its forum's zone, formatted once here.

    Templates would otherwise convert to the site's zone, and formatting there is slow.
    """
    starts = session.starts_at.astimezone(forum.tzinfo)
    ends = session.ends_at.astimezone(forum.tzinfo)
    session.local_day = starts.date()
    session.day_label = day_label(session.local_day)
    session.time_label = f"{starts:%H:%M}–{ends:%H:%M}"
    session.starts_iso = starts.isoformat()
    session.ends_iso = ends.isoformat()
    session.zone_label = zone_label(forum)
    session.url = session.get_absolute_url()
    return session


def day_label(day):
    # Word order is translatable: Chinese puts the weekday after the date.
    return _("%(weekday)s, %(date)s") % {
        "weekday": formats.date_format(day, "l"),
        "date": formats.date_format(day, "DATE_FORMAT"),
    }


def group_by_day(sessions):
    """[(day label, [sessions])] for localized sessions in agenda order."""
    return [(label, list(group)) for label, group in groupby(sessions, key=lambda s: s.day_label)]


def attach_participants(session):
    """Each visible participant gets the affiliation held on the session's day and a URL."""
    for participant in session.visible_participants:
        participant.affiliation = participant.speaker.affiliation_on(session.local_day)
        participant.url = participant.speaker.get_absolute_url()
    return session


def describe(html, fallback, words=30):
    """A meta description: the text of `html` cut to `words`, else `fallback`.

    Plain text, entities decoded ("R&amp;D" reads "R&D"): the template escapes it.
    """
    text = " ".join(unescape(strip_tags(html or "")).split())
    return Truncator(text).words(words) if text else fallback


def page_meta(request, *, title, description, path, og_type="website", image=""):
    """What base.html needs for <title>, description, canonical and OpenGraph tags."""
    return {
        "title": title,
        "description": description,
        "canonical": request.build_absolute_uri(path),
        "og_type": og_type,
        "image": request.build_absolute_uri(image) if image else "",
    }


def follow_object_across_languages(request, obj):
    """The language switcher links to this same object in the other language."""

    def url_in(language):
        with override(language):
            return obj.get_absolute_url()

    set_language_changer(request, url_in)


def show_in_toolbar(request, obj):
    """Name the object this page shows, for the CMS toolbar's "Edit this ..." button."""
    request.shown_object = obj


def shown_object(request):
    return getattr(request, "shown_object", None)


def first_or_404(queryset, **lookup):
    obj = queryset.filter(**lookup).first()
    if obj is None:
        raise Http404
    return obj


def is_preview(model_queryset, obj, user):
    """True when `user` sees `obj` only thanks to a permission (an organizer's preview)."""
    if not user.is_authenticated:
        return False
    return not model_queryset.visible_to(None).filter(pk=obj.pk).exists()
