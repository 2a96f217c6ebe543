"""The citation box in a real browser: the copy button, and the textarea without it."""

import pytest

from tests.factories import QuoteFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CITATION = '"Exports will grow," said Xu Haidong, at the Auto Forum in Shanghai on July 6, 2023.'


@pytest.fixture
def quote(site_pages):
    return QuoteFactory(
        text="Exports will grow.", speaker__name="Xu Haidong", forum__name="Auto Forum"
    )


def test_copy_button_puts_the_plain_citation_on_the_clipboard(new_context, live_server, quote):
    page = new_context(permissions=["clipboard-read", "clipboard-write"]).new_page()
    page.goto(f"{live_server.url}/en/press/")
    page.get_by_text("Cite this quote").click()
    box = page.locator(f"#quote-{quote.pk} .cite-box")
    box.locator(".copy-button").first.click()
    page.wait_for_function("document.querySelector('.copy-status').textContent === 'Copied'")
    assert page.evaluate("navigator.clipboard.readText()") == CITATION


def test_without_javascript_the_textarea_holds_the_citation(new_context, live_server, quote):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(f"{live_server.url}/en/press/")
    page.get_by_text("Cite this quote").click()
    assert page.locator(f"#cite-{quote.pk}-text").input_value() == CITATION
    assert not page.locator(".copy-button").first.is_visible()  # nothing that cannot work
