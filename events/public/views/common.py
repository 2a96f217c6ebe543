"""Helpers shared by the public pages: local times, page metadata, language links."""

from itertools import groupby

from django.http import Http404, HttpResponse
from django.utils import formats, timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import override
from menus.utils import set_language_changer

from common.cards import png_for
from common.text import plain_text
from common.urls import reverse_or_empty
from events.models import Session
from events.press.seen import embargoed_quotes_seen
from events.public.zones import zone_label


class LocalTime:
    """One moment in a forum's zone, with the forms the pages and calendars print."""

    def __init__(self, local):
        self.day = local.date()
        self.clock = f"{local:%H:%M}"
        self.iso = local.isoformat()
        self.ical = f"{local:%Y%m%dT%H%M%S}"


class RowLabels:
    """What session rows show, computed once per page for every value that repeats.

    On a 1000-session agenda, formatting the same day, zone and kind and reversing the
    same URL pattern once per row was most of the page's time; here each distinct value
    is built once and reused.
    """

    # A valid slug no real one contains: reversed once, then replaced by each row's slug.
    SLUG_MARK = "0slug0mark0"

    def __init__(self):
        self._zones = {}
        self._days = {}
        self._links = {}
        self._moments = {}
        self._kinds = {value: str(label) for value, label in Session.Kind.choices}

    def zone(self, forum):
        if forum.time_zone not in self._zones:
            self._zones[forum.time_zone] = zone_label(forum)
        return self._zones[forum.time_zone]

    def day(self, day):
        if day not in self._days:
            self._days[day] = day_label(day)
        return self._days[day]

    def local(self, moment, forum):
        """`moment` in `forum`'s zone as a LocalTime: sessions share their start times."""
        key = (moment, forum.time_zone)
        if key not in self._moments:
            self._moments[key] = LocalTime(moment.astimezone(forum.tzinfo))
        return self._moments[key]

    def kind(self, kind):
        return self._kinds.get(kind, kind)

    def link(self, viewname, slug, **fixed):
        """reverse(viewname, slug=slug, **fixed), reversing each pattern once per page."""
        key = (viewname, *sorted(fixed.items()))
        if key not in self._links:
            self._links[key] = reverse_or_empty(viewname, slug=self.SLUG_MARK, **fixed)
        return self._links[key].replace(self.SLUG_MARK, slug)


def localize(session, forum, labels=None):
    """Attach the session's local times in its forum's zone, its labels and its URL.

    Templates would otherwise convert to the site's zone, and formatting there is slow.
    Pass one `labels` for all the rows of a page.
    """
    labels = labels or RowLabels()
    session.local_starts = starts = labels.local(session.starts_at, forum)
    session.local_ends = ends = labels.local(session.ends_at, forum)
    session.local_day = starts.day
    session.day_label = labels.day(starts.day)
    session.time_label = f"{starts.clock}–{ends.clock}"
    session.starts_iso = starts.iso
    session.ends_iso = ends.iso
    session.zone_label = labels.zone(forum)
    session.kind_label = labels.kind(session.kind)
    session.url = labels.link("events:session-detail", session.slug, forum_slug=forum.slug)
    return session


def session_when(session, *, html=False):
    """'Thursday, July 6, 2023, 09:00–09:30 (GMT+8, Shanghai)' for a localized session.

    The punctuation is translatable: Chinese has no comma there and full-width parentheses.
    html=True wraps the day and times in the <time> element events/zones.js reads.
    """
    # Translators: a session's day and times, e.g. "Thursday, July 6, 2023, 09:00–09:30".
    when = _("%(day)s, %(time)s") % {"day": session.day_label, "time": session.time_label}
    zone = session.zone_label
    if html:
        when = format_html(
            '<time datetime="{}" data-ends="{}">{}</time>',
            session.starts_iso,
            session.ends_iso,
            when,
        )
        zone = conditional_escape(zone)
    # Translators: a session's day and times, then the forum's time zone in parentheses,
    # e.g. "Thursday, July 6, 2023, 09:00–09:30 (GMT+8, Shanghai)".
    text = _("%(when)s (%(zone)s)") % {"when": when, "zone": zone}
    return mark_safe(text) if html else text  # noqa: S308 (both parts escaped above)


def day_label(day):
    # Word order is translatable: Chinese puts the weekday after the date.
    return _("%(weekday)s, %(date)s") % {
        "weekday": formats.date_format(day, "l"),
        "date": formats.date_format(day, "DATE_FORMAT"),
    }


def group_by_day(sessions):
    """[(day label, [sessions])] for localized sessions in agenda order."""
    return [(label, list(group)) for label, group in groupby(sessions, key=lambda s: s.day_label)]


def attach_participants(session, labels=None):
    """Each visible participant gets the affiliation held on the session's day and a URL."""
    labels = labels or RowLabels()
    for participant in session.visible_participants:
        speaker = participant.speaker
        participant.affiliation = speaker.affiliation_on(session.local_day)
        participant.url = labels.link("speakers:speaker-detail", speaker.slug)
    return session


def prepare_rows(sessions, forum=None):
    """Localized sessions with their participants, for a page listing them.

    Each session's own forum is used unless `forum` (the page's) is given.
    """
    labels = RowLabels()
    return [attach_participants(localize(s, forum or s.forum, labels), labels) for s in sessions]


def listed_quotes(request, quotes, surface):
    """`quotes` (a page's QuerySet) as a list, each with its URL.

    Those still embargoed are shown only to press and organizers: each is logged as seen
    on `surface` (events/press/seen.py), in one INSERT for the page.
    """
    at = timezone.now()
    quotes = list(quotes)
    for quote in quotes:
        quote.url = quote.get_absolute_url()
    embargoed_quotes_seen(user=request.user, quotes=quotes, at=at, surface=surface)
    return quotes


def describe(html, fallback, words=30):
    """A meta description: the text of `html` cut to `words`, else `fallback`.

    Plain text, entities decoded ("R&amp;D" reads "R&D"): the template escapes it.
    """
    text = plain_text(html)
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


def absolute_urls(request):
    """request.build_absolute_uri for the many site paths of one page.

    The origin is worked out once: per path, build_absolute_uri took 20 ms on a
    1000-session agenda. Anything but a site path ("/...") goes through it as before.
    """
    origin = request.build_absolute_uri("/").removesuffix("/")

    def absolute(path):
        return origin + path if path.startswith("/") else request.build_absolute_uri(path)

    return absolute


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
    """True when `user` sees `obj` only because they may edit it (an organizer's preview).

    Press staff see embargoed sessions and quotes without being able to edit them: the
    embargo label tells them why, the preview notice ("you may edit it") would not.
    """
    meta = model_queryset.model._meta
    if not user.has_perm(f"{meta.app_label}.change_{meta.model_name}"):
        return False
    return not model_queryset.visible_to(None).filter(pk=obj.pk).exists()


def card_response(card):
    """A social card's PNG. Its URL names its text (?v=digest), so it may be kept a day."""
    response = HttpResponse(png_for(card), content_type="image/png")
    response["Cache-Control"] = "public, max-age=86400"
    return response
