"""The language chooser's links keep the query string, escaped, in both directions."""

import re

import pytest
from django.template import Context, Template
from django.utils.safestring import mark_safe

from events.templatetags.languages import then_space

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_pages")]


def _chooser_links(response):
    """{language: href} of the language chooser in base.html."""
    html = response.content.decode()
    return {lang: href for href, lang in re.findall(r'<li><a href="([^"]*)" lang="([^"]+)"', html)}


def test_switch_to_chinese_keeps_the_search(client):
    response = client.get("/en/press/", {"q": "battery", "speaker": "A&B"})

    links = _chooser_links(response)

    assert links["zh-hans"] == "/zh-hans/press/?q=battery&amp;speaker=A%26B"
    assert links["en"] == "/en/press/?q=battery&amp;speaker=A%26B"


def test_switch_to_english_keeps_the_search(client):
    response = client.get("/zh-hans/press/", {"q": "电池"})

    assert _chooser_links(response)["en"] == "/en/press/?q=%E7%94%B5%E6%B1%A0"


def test_switch_without_a_query_adds_no_question_mark(client):
    response = client.get("/en/press/")

    assert _chooser_links(response)["zh-hans"] == "/zh-hans/press/"


@pytest.mark.parametrize(
    ("sentence", "followed"),
    [
        ("Download these results:", "Download these results: "),
        ("Logged in as press.", "Logged in as press. "),
        ("下载这些结果：", "下载这些结果："),
        ("已以 press 身份登录。", "已以 press 身份登录。"),
        ("本场次的媒体资料包（ZIP）", "本场次的媒体资料包（ZIP）"),
        ("已登录", "已登录 "),
    ],
)
def test_then_space_leaves_it_out_after_full_width_punctuation(sentence, followed):
    assert then_space(sentence) == followed


def test_then_space_keeps_safe_text_safe_and_escapes_the_rest():
    rendered = Template("{% load languages %}{{ a|then_space }}{{ b|then_space }}").render(
        Context({"a": mark_safe("<b>已登录。</b>"), "b": "<i>"})
    )
    assert rendered == "<b>已登录。</b> &lt;i&gt; "
