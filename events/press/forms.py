"""The press room's search form, for display: QuoteFilter's form with friendly widgets.

Validation is QuoteFilter's (the same as search_quotes()); here only the
options are prepared, with their translations fetched in one query each, so
the page costs the same whatever the number of forums or topics.
"""

from django.utils.translation import gettext_lazy as _

from events.models import Quote
from events.press.filters import QuoteFilter

EMPTY_LABELS = {
    "forum": _("Any forum"),
    "session": _("Any session"),
    "speaker": _("Any speaker"),
    "organization": _("Any organization"),
    "topic": _("Any topic"),
    "language": _("Any language"),
    "kind": _("Direct and reported"),
}


def search_form(user, data, at):
    """A bound form (unbound when `data` has no parameters) for the page to render."""
    filterset = QuoteFilter(data or None, queryset=Quote.objects.none(), user=user, at=at)
    filters = filterset.filters
    for name in ("forum", "organization", "topic"):
        filters[name].queryset = filters[name].queryset.prefetch_related("translations")
    filters["session"].queryset = (
        filters["session"]
        .queryset.select_related("forum")
        .prefetch_related("translations", "forum__translations")
    )
    form = filterset.form
    _dress(form)
    return form


def _dress(form):
    form.fields["q"].widget.input_type = "search"
    form.fields["q"].widget.attrs["placeholder"] = _("Words or a “phrase”")
    for name in ("date_from", "date_to"):
        form.fields[name].widget.input_type = "date"
    for name, label in EMPTY_LABELS.items():
        field = form.fields[name]
        if hasattr(field, "empty_label"):
            field.empty_label = label
            field.widget.choices = field.choices
        else:
            field.choices = [("", label), *[c for c in field.choices if c[0] != ""]]
    _group_sessions(form.fields["session"])


def _group_sessions(field):
    """Session options grouped by forum, valued by GUID as the URL carries them."""
    groups = {}
    for session in field.queryset.order_by("forum__start_date", "starts_at", "pk"):
        groups.setdefault(str(session.forum), []).append((str(session.guid), str(session)))
    field.widget.choices = [("", field.empty_label), *groups.items()]
