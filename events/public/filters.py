"""Agenda filters as plain GET parameters: shareable links that work without JavaScript.

The choices come from the sessions already on the page, so filtering costs no query;
a value that is not among them (a typo, a stale link, garbage) is ignored.
"""

from django import forms
from django.utils.translation import gettext_lazy as _


class AgendaFilterForm(forms.Form):
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    room = forms.ChoiceField(label=_("Room"), required=False)
    day = forms.ChoiceField(label=_("Day"), required=False)


def _choices(pairs, everything):
    return [("", everything), *sorted(set(pairs), key=lambda pair: pair[0])]


class AgendaFilter:
    def __init__(self, params, sessions):
        # Each distinct topic is named once: a topic's name is a translation lookup.
        topics = {t.pk: t for s in sessions for t in s.topic_list}
        choices = {
            "topic": _choices(((t.slug, str(t)) for t in topics.values()), _("All topics")),
            "kind": _choices({(s.kind, s.kind_label) for s in sessions}, _("All kinds")),
            "room": _choices(
                {(str(s.room_id), s.room.name) for s in sessions if s.room}, _("All rooms")
            ),
            "day": _choices(
                {(s.local_day.isoformat(), s.day_label) for s in sessions}, _("All days")
            ),
        }
        self.selected = {
            name: value
            for name, value in ((n, params.get(n, "")) for n in choices)
            if value and value in {key for key, _label in choices[name]}
        }
        self.form = AgendaFilterForm(initial=self.selected)
        for name, field_choices in choices.items():
            self.form.fields[name].choices = field_choices

    @property
    def active(self):
        return bool(self.selected)

    def apply(self, sessions):
        return [s for s in sessions if self._matches(s)]

    def _matches(self, session):
        wanted = self.selected
        return (
            ("topic" not in wanted or any(t.slug == wanted["topic"] for t in session.topic_list))
            and ("kind" not in wanted or session.kind == wanted["kind"])
            and ("room" not in wanted or str(session.room_id) == wanted["room"])
            and ("day" not in wanted or session.local_day.isoformat() == wanted["day"])
        )
