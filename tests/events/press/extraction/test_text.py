import codecs

import pytest

from events.press.extraction.text import (
    MAX_ARTICLE_BYTES,
    ArticleRefused,
    article_text,
    decode,
    html_to_text,
    paragraphs,
    sentences,
)


def test_decode_utf8_with_bom_drops_the_mark():
    assert decode(codecs.BOM_UTF8 + "“Yes,” he said.".encode()) == "“Yes,” he said."


def test_decode_utf16_by_its_bom():
    assert decode(codecs.BOM_UTF16_LE + "汽车".encode("utf-16-le")) == "汽车"


def test_decode_falls_back_to_gb18030_for_chinese_bytes():
    assert decode("他说：“出口增长。”".encode("gb18030")) == "他说：“出口增长。”"


def test_article_text_refuses_a_binary_file():
    with pytest.raises(ArticleRefused, match="does not look like text"):
        article_text(b"\x00\x01\x02PK" * 100)


def test_decode_of_bytes_neither_utf8_nor_gb18030_replaces_what_it_cannot_read():
    assert decode(b"ok \xff") == "ok \ufffd"


def test_article_text_normalises_line_breaks_and_control_characters():
    assert article_text(b"One.\r\n\r\nTwo\x00three.") == "One.\n\nTwo three."


def test_article_text_keeps_a_leading_space_so_offsets_match_the_file(seed_text):
    assert article_text(seed_text.encode()) == seed_text


def test_article_text_over_the_limit_is_refused_with_the_limit_in_the_message():
    with pytest.raises(ArticleRefused, match="2,097,152"):
        article_text(b"a" * (MAX_ARTICLE_BYTES + 1))


def test_article_text_of_one_megabyte_is_read():
    text = article_text(("Word. " * 200_000).encode())
    assert len(text) == 1_200_000


def test_article_text_pasted_str_over_the_limit_is_refused():
    with pytest.raises(ArticleRefused):
        article_text("汽" * (MAX_ARTICLE_BYTES // 3 + 1))


def test_html_to_text_drops_scripts_styles_and_head():
    html = (
        "<html><head><title>T</title><style>p{content:'\"x\"'}</style></head><body>"
        '<script>var q = "Not a quote," said Nobody;</script>'
        "<p>First &amp; <b>bold</b>.</p><p>&ldquo;Yes,&rdquo; he said.</p></body></html>"
    )
    assert html_to_text(html) == "First & bold.\n\n“Yes,” he said."


def test_html_is_recognised_by_file_name_or_content():
    assert article_text(b"<p>One</p><p>Two</p>") == "One\n\nTwo"
    assert article_text(b"One <b>two</b>", filename="a.html") == "One two"
    assert article_text(b"a < b and c > d") == "a < b and c > d"


def test_html_unclosed_script_hides_only_what_follows():
    assert html_to_text("<p>Kept.</p><script>lost") == "Kept."


def test_paragraphs_are_separated_by_blank_lines():
    text = " One.\n\n  Two\nlines. \n \nThree."
    assert [text[p.start : p.end] for p in paragraphs(text)] == ["One.", "Two\nlines.", "Three."]


def test_sentences_skip_abbreviations_and_initials():
    text = 'Mr. Xu met J. Smith in the U.S. on Jan. 5. "Sales rose." Then 3.5 percent!'
    spans = sentences(text, 0, len(text))
    assert [text[s.start : s.end] for s in spans] == [
        "Mr. Xu met J. Smith in the U.S. on Jan. 5.",
        '"Sales rose."',
        "Then 3.5 percent!",
    ]


def test_sentences_of_chinese_text_need_no_space():
    text = "他说，出口增长。“我们很满意。”她补充道。"
    spans = sentences(text, 0, len(text))
    found = [text[s.start : s.end] for s in spans]
    assert found == ["他说，出口增长。", "“我们很满意。”", "她补充道。"]
