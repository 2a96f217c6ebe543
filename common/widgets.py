"""Form widgets that render long option lists quickly."""

import html

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe


class PlainSelect(forms.Select):
    """A <select> written out in Python instead of through Django's widget templates.

    Django builds a dict and renders a template include for every <option>: on
    the press room, a list of 2,000 speakers took 300 ms to render, and 6 ms
    this way. The markup and the choice of the selected option are forms.Select's
    (tests/forum_site/test_widgets.py compares the two).

    The options are given ready, as `options`: [(value, label)], where a label
    may be a list of (value, label) pairs, an <optgroup>. Setting Select.choices
    instead would check and copy every one of them again.
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
                        _escape(option_value), " selected" if selected else "", _escape(label)
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


def _escape(value):
    # django.utils.html.conditional_escape, without its lazy-string wrapper, which
    # cost more than the escaping on a list of thousands of options.
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))
