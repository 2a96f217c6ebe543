"""The press room's search form, for display: QuoteFilter's form with friendly widgets.

Validation is QuoteFilter's (the same as search_quotes()); here only the
options are prepared. A site with years of forums offers thousands of speakers
and sessions, so the options are read as values (one query per list) and
written out by PlainSelect rather than through Django's option templates.
The lists are kept in the shared cache per language and audience, until the
next write to what they list (events/generations.py) or embargo lifting.
"""

import zoneinfo

from django.core.cache import cache
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from parler.utils.i18n import get_language

from common.widgets import PlainSelect
from events import generations
from events.models import Forum, Quote
from events.press.filters import QuoteFilter
from events.querysets import translations

EMPTY_LABELS = {
    "forum": _("Any forum"),
    "session": _("Any session"),
    "speaker": _("Any speaker"),
    "organization": _("Any organization"),
    "topic": _("Any topic"),
    "language": _("Any language"),
    "kind": _("Direct and reported"),
}
# The field each list's objects are labelled by, as their __str__ shows it.
LABELS = {"forum": "name", "speaker": "name", "organization": "name", "topic": "title"}
# The permissions that change what the lists hold (see the querysets' visible_to()).
AUDIENCE_PERMISSIONS = (
    "events.change_forum",
    "events.change_session",
    "events.view_embargoed_quote",
    "speakers.change_speaker",
)


def search_form(user, data, at):
    """A bound form (unbound when `data` has no parameters) for the page to render."""
    filterset = QuoteFilter(data or None, queryset=Quote.objects.none(), user=user, at=at)
    form = filterset.form
    _dress(form, _cached_choices(form, user, at))
    return form


def _dress(form, choices):
    form.fields["q"].widget.input_type = "search"
    form.fields["q"].widget.attrs["placeholder"] = _("Words or a “phrase”")
    for name in ("date_from", "date_to"):
        form.fields[name].widget.input_type = "date"
    for name, label in EMPTY_LABELS.items():
        attrs = form.fields[name].widget.attrs
        form.fields[name].widget = PlainSelect(attrs=attrs, options=[("", label), *choices[name]])


def _cached_choices(form, user, at):
    """{field name: its options} for `user`'s audience, from the cache when current."""
    audience = "".join("1" if user and user.has_perm(p) else "0" for p in AUDIENCE_PERMISSIONS)
    names = (generations.SITE, generations.FORUMS)
    numbers = generations.numbers(names, cache.get_many([generations.key(n) for n in names]))
    key = f"press-filter-options:{get_language()}:{audience}:" + "-".join(map(str, numbers))
    choices = cache.get(key)
    if choices is None:
        choices = {name: _choices(form.fields[name], name) for name in EMPTY_LABELS}
        until = generations.PageScope(None).next_change(at)
        cache.set(key, choices, timeout=None if until is None else (until - at).total_seconds())
    return choices


def _choices(field, name):
    if name == "session":
        return _session_groups(field.queryset)
    if name in LABELS:
        return _options(field.queryset, field.to_field_name, LABELS[name])
    return [(value, str(label)) for value, label in field.choices if value != ""]


def _options(queryset, value_field, label_field):
    """[(value, label)] of `queryset` in its order, labelled as str(obj) would be."""
    parler = getattr(queryset.model, "_parler_meta", None)
    if parler is None or label_field not in parler.get_all_fields():
        return [(str(v), label) for v, label in queryset.values_list(value_field, label_field)]
    labels = translated(queryset, label_field)
    rows = queryset.values_list("pk", value_field, "slug")
    return [(str(value), labels.get(pk) or slug) for pk, value, slug in rows]


def _session_groups(sessions):
    """Session options grouped by forum, valued by GUID as the URL carries them.

    Each is labelled 'Coffee break · Thu 6 Jul, 10:30' (its start in the forum's zone),
    so the sessions a forum holds under one title each day can be told apart.
    """
    ordered = sessions.order_by("forum__start_date", "starts_at", "pk")
    fields = ("pk", "guid", "slug", "starts_at", "forum_id", "forum__slug", "forum__time_zone")
    rows = list(ordered.values_list(*fields))
    titles = translated(sessions, "title")
    forums = translated(Forum.objects.filter(pk__in=sessions.values("forum_id")), "name")
    groups = {}
    for pk, guid, slug, starts_at, forum_id, forum_slug, zone in rows:
        group = groups.setdefault(forum_id, (forums.get(forum_id) or forum_slug, []))
        group[1].append((str(guid), session_label(titles.get(pk) or slug, starts_at, zone)))
    return list(groups.values())


def session_label(title, starts_at, zone):
    """'Coffee break · Thu 6 Jul, 10:30': `title` and its start in the IANA `zone`."""
    # Translators: a date format (https://docs.djangoproject.com/en/stable/ref/templates/
    # builtins/#date): the day and start time of a session in the press room's filter.
    when_format = pgettext("day and time of a session option", "D j M, H:i")
    # ZoneInfo keeps each zone it has read, so one per row costs nothing.
    when = formats.date_format(starts_at.astimezone(zoneinfo.ZoneInfo(zone)), when_format)
    label = pgettext("a session option: its title, then its day and time", "%(title)s · %(when)s")
    return label % {"title": title, "when": when}


def translated(queryset, field):
    """{pk: translated `field`} of `queryset`'s objects, as their __str__ would read it."""
    found = translations(queryset.model, queryset.values("pk"), field)
    return {pk: values[field] for pk, values in found.items()}
