"""An organizer adds a session in the real admin; the public sees it only once it is published.

Everything goes through the admin as it renders in Chromium: the forum, kind and room
selects, the split date/time inputs, the participants inline with its select2
autocomplete for speakers, "Add another", and the changelist's publish action.
"""

import re

import pytest
from playwright.sync_api import expect

from events.demo.loader import demo_forum_load
from events.models import Session
from tests.factories import AffiliationFactory, OrganizationFactory, SpeakerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Roundtable: exports after 2023"
SLUG = "roundtable-exports-after-2023"


@pytest.fixture
def demo_forum(site_pages, organizer):
    forum = demo_forum_load().forum
    moderator = SpeakerFactory(name="Wang Lin", slug="wang-lin")
    AffiliationFactory(
        speaker=moderator,
        organization=OrganizationFactory(name="Shanghai Auto Press"),
        title="editor-in-chief",
    )
    return forum


def _log_in(page, base):
    page.goto(f"{base}/en/admin/login/?next=/en/admin/")
    page.get_by_label("Username").fill("organizer")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#user-tools")).to_contain_text("organizer")


def _choose_speaker(page, row, name):
    """Pick `name` in the select2 autocomplete of participant row `row`, as a user does."""
    page.locator(f"#participants-{row} .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(name.split()[0])
    page.locator(".select2-results__option", has_text=name).click()


def _participant(page, row, name, role):
    if row > 0:
        page.locator(".add-row a").click()
    _choose_speaker(page, row, name)
    page.select_option(f"#id_participants-{row}-role", role)
    page.fill(f"#id_participants-{row}-order", str(row))


def _add_draft_session(page, base, forum):
    page.goto(f"{base}/en/admin/events/session/add/")
    page.select_option("#id_forum", label=str(forum))
    page.fill("#id_title", TITLE)
    page.fill("#id_slug", SLUG)
    page.select_option("#id_kind", "roundtable")
    expect(page.locator("#id_status")).to_have_value("draft")
    page.fill("#id_starts_at_0", "2023-07-07")
    page.fill("#id_starts_at_1", "18:00")
    page.fill("#id_ends_at_0", "2023-07-07")
    page.fill("#id_ends_at_1", "18:45")
    page.select_option("#id_room", label="Panel Hall (Jiading forum venue (illustrative))")
    _participant(page, 0, "Xu Haidong", "speaker")
    _participant(page, 1, "Luo Junjie", "speaker")
    _participant(page, 2, "Wang Lin", "moderator")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_contain_text("was added successfully")


def _publish(page, base):
    page.goto(f"{base}/en/admin/events/session/?q={SLUG}")
    page.locator("#result_list tr", has_text=TITLE).locator("input.action-select").check()
    page.select_option("select[name=action]", "publish")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist .success")).to_have_text("1 session was published.")


def test_organizer_adds_a_session_the_public_sees_once_published(
    new_context, live_server, demo_forum
):
    base = live_server.url
    organizer = new_context().new_page()
    _log_in(organizer, base)
    _add_draft_session(organizer, base, demo_forum)

    session = Session.objects.get(forum=demo_forum, slug=SLUG)
    assert session.status == "draft"
    assert sorted(session.participants.values_list("speaker__name", "role")) == [
        ("Luo Junjie", "speaker"), ("Wang Lin", "moderator"), ("Xu Haidong", "speaker"),
    ]  # fmt: skip
    agenda_url = f"{base}{demo_forum.get_absolute_url()}"
    session_url = f"{base}{session.get_absolute_url()}"

    visitor = new_context().new_page()
    visitor.goto(agenda_url)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(str(demo_forum))
    expect(visitor.get_by_text(TITLE)).to_have_count(0)
    assert visitor.goto(session_url).status == 404
    # The organizer previews the draft where it will appear.
    assert organizer.goto(session_url).status == 200
    expect(organizer.get_by_role("status")).to_contain_text("Preview: this is not public.")

    _publish(organizer, base)

    visitor.goto(agenda_url)
    expect(visitor.locator(".session-title", has_text=TITLE)).to_be_visible()
    assert visitor.goto(session_url).status == 200
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    speakers = visitor.locator("h2:has-text('Speakers') + ul.people")
    expect(speakers.locator("li")).to_have_text(
        [
            re.compile(r"Xu Haidong, deputy chief engineer, China Association of Automobile"),
            re.compile(r"Luo Junjie, executive vice president, China Machinery Industry"),
        ]
    )
    moderator = visitor.locator("h2:has-text('Moderator') + ul.people")
    expect(moderator).to_have_text(re.compile(r"Wang Lin, editor-in-chief, Shanghai Auto Press"))
