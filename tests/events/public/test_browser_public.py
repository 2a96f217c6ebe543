"""The public pages in a real browser: language switch, phone layout, accessibility."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.events.public_data import build_forum, translate
from tests.factories import AffiliationFactory, SpeakerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def forum(site_pages):
    speaker = SpeakerFactory(name="Xu Haidong", name_native="许海东", slug="xu-haidong")
    AffiliationFactory(speaker=speaker, title="deputy chief engineer")
    forum, sessions = build_forum(6, speaker=speaker)
    translate(sessions[2], title="汽车出口的未来")
    return forum, sessions


def test_switching_to_chinese_keeps_the_visitor_on_the_same_session(page, live_server, forum):
    _, sessions = forum
    page.goto(live_server.url + sessions[2].get_absolute_url())
    page.get_by_role("navigation", name="Language").get_by_role("link", name="中文").click()
    page.wait_for_load_state()
    assert (
        page.url == f"{live_server.url}/zh-hans/forums/{sessions[2].forum.slug}/{sessions[2].slug}/"
    )
    assert page.get_by_role("heading", level=1).inner_text() == "汽车出口的未来"
    assert page.locator("html").get_attribute("lang") == "zh-hans"


def test_agenda_fits_a_phone_without_horizontal_scrolling(new_context, live_server, forum):
    phone = new_context(viewport={"width": 390, "height": 844}).new_page()
    phone.goto(live_server.url + forum[0].get_absolute_url())
    widths = phone.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[1] == 390
    assert widths[0] <= widths[1], f"page is {widths[0]}px wide on a 390px screen"


def _serious(page):
    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_public_pages_have_no_serious_accessibility_violations(page, live_server, forum, language):
    forum_obj, sessions = forum
    paths = {
        "home": f"/{language}/",
        "agenda": forum_obj.get_absolute_url(),
        "session": sessions[2].get_absolute_url(),
        "speaker": "/en/speakers/xu-haidong/",
    }
    problems = {}
    for name, path in paths.items():
        page.goto(live_server.url + path.replace("/en/", f"/{language}/", 1))
        found = _serious(page)
        if found:
            problems[name] = found
    assert problems == {}
