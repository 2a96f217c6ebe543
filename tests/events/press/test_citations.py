import datetime as dt

import pytest
from django.utils import translation

from events.models import Quote
from events.press.citations import cite, markdown_escape
from tests.factories import AffiliationFactory, QuoteFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

XU_TEXT = (
    "We estimate that China's automobile exports will reach 4 million units this year and the "
    "rapid growth momentum will be maintained for the next 10 years,"
)
CAPTION = (
    "Xu Haidong, deputy chief engineer of the China Association of Automobile Manufacturers, "
    "at the 2023 China Auto Forum in Shanghai on July 6, 2023"
)
PERMALINK = "https://forums.example/en/forums/quotes/7/"


@pytest.fixture
def xu_quote():
    speaker = SpeakerFactory(name="Xu Haidong")
    AffiliationFactory(
        speaker=speaker,
        organization__name="China Association of Automobile Manufacturers",
        title="deputy chief engineer",
        start_date=dt.date(2020, 1, 1),
    )
    return QuoteFactory(text=XU_TEXT, speaker=speaker, forum__name="2023 China Auto Forum")


def test_plain_text_is_news_style(xu_quote):
    assert cite(xu_quote).text == f'"{XU_TEXT}" said {CAPTION}.'


def test_plain_text_turns_a_final_full_stop_into_a_comma(xu_quote):
    xu_quote.text = "Exports will grow."
    assert cite(xu_quote).text == f'"Exports will grow," said {CAPTION}.'


def test_plain_text_keeps_a_question_mark(xu_quote):
    xu_quote.text = "Who will lead?"
    assert cite(xu_quote).text == f'"Who will lead?" said {CAPTION}.'


def test_reported_speech_has_no_quotation_marks(xu_quote):
    xu_quote.kind = Quote.Kind.REPORTED
    xu_quote.text = "Exports will keep growing for ten years."
    assert cite(xu_quote).text == (
        "Exports will keep growing for ten years, Xu Haidong, deputy chief engineer of the "
        "China Association of Automobile Manufacturers, said at the 2023 China Auto Forum in "
        "Shanghai on July 6, 2023."
    )


def test_html_is_a_blockquote_with_cite_and_figcaption(xu_quote):
    xu_quote.text = "Exports <b>will</b> grow,"
    html = cite(xu_quote, PERMALINK).html
    assert f'<blockquote cite="{PERMALINK}" lang="en">' in html
    assert "<p>Exports &lt;b&gt;will&lt;/b&gt; grow.</p>" in html
    assert f'<figcaption>— {CAPTION}. <a href="{PERMALINK}">Permalink</a></figcaption>' in html


def test_markdown_quotes_the_text_and_links_the_permalink(xu_quote):
    assert cite(xu_quote, PERMALINK).markdown == (
        f"> {XU_TEXT[:-1]}.\n>\n> — {CAPTION}. [Permalink](<{PERMALINK}>)"
    )


def test_markdown_escapes_what_would_format():
    assert markdown_escape("1. *bold* [link](x) <b>") == r"1\. \*bold\* \[link\](x) \<b\>"


def test_translation_credit_travels_with_every_form(xu_quote):
    xu_quote.original_text = "我们预计"
    xu_quote.translation_credit = "China Daily"
    citation = cite(xu_quote, PERMALINK)
    assert citation.text.endswith("on July 6, 2023. Translation: China Daily.")
    assert "Translation: China Daily." in citation.html
    assert "Translation: China Daily." in citation.markdown


def test_without_a_venue_the_place_is_the_forum(xu_quote):
    xu_quote.forum.venue = None
    assert "at the 2023 China Auto Forum on July 6, 2023" in cite(xu_quote).text


def test_chinese_puts_date_and_place_before_said(xu_quote):
    xu_quote.forum.set_current_language("zh-hans")
    xu_quote.forum.name = "2023中国汽车论坛"
    xu_quote.forum.venue.city = "上海"
    xu_quote.text = "我们预计今年汽车出口将达到400万辆。"
    with translation.override("zh-hans"):
        text = cite(xu_quote).text
    assert text == (
        # English names set apart from each other and from the Chinese around them.
        "China Association of Automobile Manufacturers deputy chief engineer Xu Haidong "
        "于2023年7月6日在上海举行的2023中国汽车论坛上表示：“我们预计今年汽车出口将达到400万辆。”"
    )


def test_chinese_caption_ends_in_a_chinese_full_stop(xu_quote):
    # The HTML and Markdown captions ended "…论坛上." with an English full stop.
    xu_quote.forum.set_current_language("zh-hans")
    xu_quote.forum.name = "2023中国汽车论坛"
    xu_quote.forum.venue.city = "上海"
    with translation.override("zh-hans"):
        citation = cite(xu_quote, PERMALINK)
    assert "在上海举行的2023中国汽车论坛上。 <a" in citation.html
    assert "在上海举行的2023中国汽车论坛上。 [" in citation.markdown
    assert "上." not in citation.html + citation.markdown
