"""The fields that keep stored text and links safe to render."""

import pytest
from django.core.exceptions import ValidationError

from common.fields import sanitize_html, web_url_or_empty
from tests.factories import SessionFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "\x01javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "ftp://example.com/file",
        "//example.com/no-scheme",
    ],
)
def test_a_link_that_is_not_http_is_never_stored(url):
    source = SourceFactory(url=url)
    session = SessionFactory(video_url=url, slides_url=url)
    source.refresh_from_db()
    session.refresh_from_db()
    assert (source.url, session.video_url, session.slides_url) == ("", "", "")


@pytest.mark.parametrize("url", ["https://example.com/a?b=1", "HTTP://EXAMPLE.COM/", ""])
def test_web_links_are_kept(url):
    source = SourceFactory(url=url)
    source.refresh_from_db()
    assert source.url == url == web_url_or_empty(url)


def test_forms_refuse_a_javascript_link_with_a_message():
    source = SourceFactory.build(url="javascript:alert(1)")
    with pytest.raises(ValidationError) as refused:
        source.full_clean()
    assert refused.value.message_dict["url"] == ["Enter a valid URL."]


def test_rich_text_keeps_safe_markup_and_drops_script():
    dirty = (
        "<p>Hi <strong>there</strong><script>alert(1)</script><img src=x onerror=alert(1)>"
        '<a href="javascript:alert(1)">x</a> <a href="https://example.com">ok</a></p>'
    )
    assert sanitize_html(dirty) == (
        '<p>Hi <strong>there</strong><a rel="noopener noreferrer">x</a> '
        '<a href="https://example.com" rel="noopener noreferrer">ok</a></p>'
    )
