import pytest
from django import forms
from django.test.html import parse_html
from django.utils.translation import gettext_lazy as _

from common.widgets import PlainSelect

OPTIONS = [
    ("", _("Any session")),
    ("Auto Forum <2023>", [("a&1", 'Opening "keynote"'), ("b", "Panel")]),
    ("c", "Standalone <b>bold</b>"),
    ("c", "The same value again"),
    (None, "No value"),
]


@pytest.mark.parametrize("value", [None, "", "b", "a&1", "c", "missing"])
def test_writes_the_markup_django_select_renders(value):
    attrs = {"id": "id_session", "class": "wide", "required": True, "disabled": False}
    plain = PlainSelect(attrs=attrs, options=OPTIONS).render("session", value)
    django = forms.Select(attrs=attrs, choices=OPTIONS).render("session", value)
    assert parse_html(plain) == parse_html(django)


def test_escapes_values_and_labels():
    html = PlainSelect(options=[('"><script>', "<script>alert(1)</script>")]).render("s", None)
    assert "<script>" not in html
    assert '<option value="&quot;&gt;&lt;script&gt;">&lt;script&gt;alert(1)&lt;/script&gt;' in html
