"""The zh-hans catalogue stays complete: every entry translated, none fuzzy or broken."""

import re
from pathlib import Path

import polib
import pytest

PO = Path(__file__).resolve().parents[2] / "locale/zh_Hans/LC_MESSAGES/django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")


@pytest.fixture(scope="module")
def catalogue():
    return [entry for entry in polib.pofile(str(PO)) if not entry.obsolete]


def _translations(entry):
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def test_no_entry_is_fuzzy(catalogue):
    # gettext ignores fuzzy entries: the page would show English, or a wrong guess once
    # someone clears the flag without reading it.
    assert [e.msgid for e in catalogue if "fuzzy" in e.flags] == []


def test_no_entry_is_untranslated(catalogue):
    empty = [e.msgid for e in catalogue if not all(text.strip() for text in _translations(e))]
    assert empty == []


def test_translations_keep_their_placeholders(catalogue):
    broken = [
        (e.msgid, text)
        for e in catalogue
        for text in _translations(e)
        if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(e.msgid))
        and not e.msgid_plural
    ]
    assert broken == []


def test_chinese_form_labels_end_with_the_full_width_colon():
    # Django's own zh_Hans catalogue keeps ":"; forum_site/catalog.py holds ours.
    from django import forms
    from django.utils import translation

    class Filters(forms.Form):
        topic = forms.CharField(label="议题")

    with translation.override("zh-hans"):
        assert Filters()["topic"].label_tag() == '<label for="id_topic">议题：</label>'
    with translation.override("en"):
        assert Filters()["topic"].label_tag() == '<label for="id_topic">议题:</label>'
