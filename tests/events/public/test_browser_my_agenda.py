"""Stars in a real browser: with JavaScript (no page change) and without (a form)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.events.public_data import build_forum

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def forum(site_pages):
    return build_forum(3)


def _star_button(page, session):
    return page.locator(f'button.star[value="{session.pk}"]')


def _my_agenda_lists(page, live_server, sessions):
    page.goto(live_server.url + "/en/my-agenda/")
    expect(page.locator("main h3")).to_have_text([str(s) for s in sessions])


def test_a_star_lights_stays_lit_and_fills_my_agenda(new_context, live_server, forum):
    forum_obj, sessions = forum
    page = new_context().new_page()
    page.goto(live_server.url + forum_obj.get_absolute_url())
    button = _star_button(page, sessions[1])
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button).to_contain_text("In my agenda")
    assert page.url == live_server.url + forum_obj.get_absolute_url()  # no page change
    page.reload()
    expect(_star_button(page, sessions[1])).to_have_attribute("aria-pressed", "true")
    expect(_star_button(page, sessions[0])).to_have_attribute("aria-pressed", "false")
    page.goto(live_server.url + "/en/my-agenda/")
    expect(page.locator("main h3")).to_have_text([str(sessions[1])])
    violations = [
        v["id"] for v in Axe().run(page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]  # fmt: skip
    assert violations == []


def test_without_javascript_the_star_is_a_form(new_context, live_server, forum):
    forum_obj, sessions = forum
    page = new_context(java_script_enabled=False).new_page()
    page.goto(live_server.url + sessions[0].get_absolute_url())
    page.locator("button.star").click()
    page.wait_for_load_state()
    assert page.url.startswith(live_server.url + sessions[0].get_absolute_url())
    page.goto(live_server.url + "/en/my-agenda/")
    expect(page.locator("main h3")).to_have_text([str(sessions[0])])
    page.get_by_role("button", name="Remove from my agenda").click()
    page.goto(live_server.url + "/en/my-agenda/")
    expect(page.locator("main h3")).to_have_count(0)


def test_without_javascript_an_agenda_row_submits_the_pages_star_form(
    new_context, live_server, forum
):
    forum_obj, sessions = forum
    page = new_context(java_script_enabled=False).new_page()
    agenda = live_server.url + forum_obj.get_absolute_url()
    page.goto(agenda)
    expect(page.get_by_role("button", name="Star")).to_have_count(len(sessions))
    _star_button(page, sessions[2]).click()
    page.wait_for_load_state()
    assert page.url == f"{agenda}#session-{sessions[2].pk}"
    _my_agenda_lists(page, live_server, [sessions[2]])


def test_when_the_fetch_fails_the_star_is_posted_as_without_javascript(
    new_context, live_server, forum
):
    forum_obj, sessions = forum
    page = new_context().new_page()
    page.route(
        "**/my-agenda/star/",
        lambda route: route.abort() if route.request.resource_type == "fetch" else route.fallback(),
    )
    agenda = live_server.url + forum_obj.get_absolute_url()
    page.goto(agenda)
    button = _star_button(page, sessions[0])
    expect(button).to_have_attribute("aria-pressed", "false")
    with page.expect_navigation():
        button.click()
    assert page.url == f"{agenda}#session-{sessions[0].pk}"
    expect(_star_button(page, sessions[0])).to_have_attribute("aria-pressed", "true")
    _my_agenda_lists(page, live_server, [sessions[0]])
