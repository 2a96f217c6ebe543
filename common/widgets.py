"""Form widgets that render long option lists quickly."""

import html

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe


class PlainSelect(forms.Select):
    """A <select> written out in Python instead of through Django's widget templates.

    Django renders a template include for every <option>, which on lists of
    thousands of speakers costs a visible share of the page. The markup and
    the choice of the selected option are forms.Select's (tests compare the two).

    The options are given ready, as `options`: [(value, label)], where a label
    may be a list of (value, label) pairs, an <optgroup>. Values and labels are
    plain text (html.escape(): conditional_escape's lazy wrapper doubles the time).
    """

    def __init__(self, attrs=None, options=()):
        super().__init__(attrs)
        self.options = options

    def render(self, name, value, attrs=None, renderer=None):
        widget = forms.Widget.get_context(self, name, value, attrs)["widget"]
        chosen = set(widget["value"])
        markup = [format_html('<select name="{}"{}>', widget["name"], flatatt(widget["attrs"]))]
        found = False
        for group, options in self._groups():
            if group is not None:
                markup.append(format_html('<optgroup label="{}">', group))
            for option_value, label in options:
                # As ChoiceWidget.optgroups(): only the first option of the value is selected.
                selected = not found and str(option_value) in chosen
                found |= selected
                markup.append(
                    '<option value="{}"{}>{}</option>'.format(
                        html.escape(str(option_value)),
                        " selected" if selected else "",
                        html.escape(str(label)),
                    )
                )
            if group is not None:
                markup.append("</optgroup>")
        markup.append("</select>")
        return mark_safe("".join(markup))  # noqa: S308 (every value is escaped above)

    def _groups(self):
        """(group label or None, [(value, label)]) in order, as optgroups() reads choices."""
        for value, label in self.options:
            value = "" if value is None else value
            if isinstance(label, list | tuple):
                yield value, [("" if v is None else v, sub) for v, sub in label]
            else:
                yield None, [(value, label)]
