"""The Content-Security-Policy as chromium enforces it (forum_site/security.py).

Public and press pages load without a single violation, their own scripts run, and a
script slipped into a page without the nonce does not. The admin and the CMS toolbar,
under their looser policy, work and break no rule either.
"""

import pytest
from playwright.sync_api import expect

from events.demo.loader import demo_forum_load
from events.models import Quote
from tests.factories import QuoteFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every violation fires this event in the document (and each frame) that broke the rule.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""
INJECTED = "<script>window.injected = true;</script><img src=x onerror='window.injected = true'>"


def _watched_page(context):
    """A page recording CSP violations: from the event, and as chromium logs them."""
    page = context.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    page.console_errors = []
    page.on(
        "console",
        lambda message: message.type == "error" and page.console_errors.append(message.text),
    )
    return page


def _violations(page):
    events = [v for frame in page.frames for v in frame.evaluate("window.cspViolations || []")]
    logged = [text for text in page.console_errors if "Content Security Policy" in text]
    return events + logged


@pytest.fixture
def forum(site_pages):
    return demo_forum_load().forum


@pytest.fixture
def press_reader(django_user_model, site_pages):
    QuoteFactory(text="Exports will grow.", speaker__name="Xu Haidong")
    return django_user_model.objects.create_user("reporter", password="pw-for-the-press")


def _log_in(page, url, username, password):
    page.goto(url)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def test_an_agenda_loads_without_a_violation(new_context, live_server, forum):
    page = _watched_page(new_context())
    page.goto(live_server.url + forum.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(str(forum))
    assert _violations(page) == []


def test_the_press_room_runs_its_own_script_without_a_violation(
    new_context, live_server, press_reader
):
    page = _watched_page(new_context())
    _log_in(page, f"{live_server.url}/en/accounts/login/", "reporter", "pw-for-the-press")
    expect(page).to_have_url(f"{live_server.url}/en/press/")
    page.get_by_text("Cite this quote").first.click()
    # copy.js, loaded under the nonce, shows the copy buttons it drives.
    expect(page.locator(".copy-button").first).to_be_visible()
    assert _violations(page) == []


def test_a_script_slipped_into_a_page_without_the_nonce_does_not_run(
    new_context, live_server, forum
):
    page = _watched_page(new_context())
    url = live_server.url + forum.get_absolute_url()

    def inject(route):
        response = route.fetch()
        body = response.text().replace("</main>", INJECTED + "</main>")
        route.fulfill(response=response, body=body)

    page.route(url, inject)
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_have_text(str(forum))
    page.wait_for_function("window.cspViolations.length >= 2")
    assert page.evaluate("window.injected") is None
    assert {v.split()[0] for v in _violations(page)} >= {"script-src-elem", "script-src-attr"}


def test_the_admin_and_a_change_form_work_without_a_violation(
    new_context, live_server, forum, admin_user
):
    page = _watched_page(new_context())
    _log_in(page, f"{live_server.url}/en/admin/login/", "admin", "password")
    expect(page.locator("#user-tools")).to_contain_text("admin")
    session = forum.sessions.first()
    page.goto(f"{live_server.url}/en/admin/events/session/{session.pk}/change/")
    # The admin's scripts run: select2 dresses the speaker fields, "Add another" adds a row.
    expect(page.locator("#participants-0 .select2-selection")).to_be_visible()
    rows = page.locator(".dynamic-participants").count()
    page.locator(".add-row a").click()
    expect(page.locator(".dynamic-participants")).to_have_count(rows + 1)
    assert _violations(page) == []


def test_the_cms_toolbar_and_structure_board_work_without_a_violation(
    new_context, live_server, site_pages, admin_user
):
    page = _watched_page(new_context())
    _log_in(page, f"{live_server.url}/en/admin/login/", "admin", "password")
    page.goto(f"{live_server.url}/en/")
    expect(page.locator(".cms-toolbar")).to_be_visible()
    # The toolbar's own menu, drawn by its script, opens the page tree in the sideframe.
    page.locator(".cms-toolbar-item-navigation a", has_text="example.com").first.click()
    page.get_by_role("link", name="Pages").first.click()
    sideframe = page.frame_locator(".cms-sideframe-frame iframe")
    expect(sideframe.locator(".cms-pagetree-header, #changelist").first).to_be_visible()
    assert _violations(page) == []


def test_a_page_from_the_cache_still_runs_its_script(
    new_context, live_server, settings, site_pages
):
    settings.PUBLIC_CACHE_SECONDS = 3600
    quote = QuoteFactory(text="Exports will grow.", speaker__name="Xu Haidong")
    url = live_server.url + quote.get_absolute_url()
    new_context().new_page().goto(url)  # stores the page, and its policy with it
    Quote.objects.filter(pk=quote.pk).update(text="Changed behind the cache's back")
    page = _watched_page(new_context())

    page.goto(url)

    expect(page.locator("blockquote")).to_have_text("Exports will grow.")  # the stored page
    page.get_by_text("Cite this quote").click()
    expect(page.locator(".copy-button").first).to_be_visible()
    assert _violations(page) == []


def test_the_api_docs_work_without_a_violation(new_context, live_server):
    page = _watched_page(new_context())
    page.goto(f"{live_server.url}/api/docs/")
    # Swagger UI, started by the page's inline script under the nonce, lists the API.
    expect(page.locator(".opblock-summary-path").first).to_be_visible(timeout=15_000)
    assert _violations(page) == []
