"""An organizer places one of our plugins on the home page in the CMS editor."""

import re

import pytest
from cms.models import Page
from cms.toolbar.utils import get_object_structure_url
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from events.roles import EDITORS, ORGANIZERS, roles_setup
from tests.events.public_data import build_forum
from tests.factories import ForumFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def organizer_editor(django_user_model):
    """An organizer who also edits the site's pages: both roles, as `setup_roles` grants them."""
    roles_setup()
    user = django_user_model.objects.create_user("olivia", password="pw", is_staff=True)
    user.groups.add(*Group.objects.filter(name__in=[ORGANIZERS, EDITORS]))
    return user


def test_organizer_adds_a_forum_agenda_to_the_home_page(
    page, new_context, live_server, site_pages, organizer_editor
):
    forum, sessions = build_forum(2, forum=ForumFactory(name="China Auto Forum"))
    home = Page.objects.get(reverse_id="home").get_content_obj("en")

    page.goto(f"{live_server.url}/en/admin/login/")
    page.get_by_label("Username").fill("olivia")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()

    page.goto(live_server.url + get_object_structure_url(home, language="en"))
    dragbar = page.locator(".cms-dragbar").filter(has_text="Content").first
    dragbar.locator(".cms-submenu-add").click()
    page.locator(".cms-plugin-picker").get_by_role("link", name="Forum agenda").click()
    form = page.frame_locator(".cms-modal-frame iframe")
    form.locator("select#id_forum").select_option(label="China Auto Forum")
    page.locator(".cms-modal-buttons").get_by_role("link", name="Save").click()
    expect(page.locator(".cms-modal")).to_be_hidden()

    # An anonymous visitor sees it at once: without djangocms-versioning, edits are live.
    visitor = new_context().new_page()
    visitor.goto(f"{live_server.url}/en/")
    agenda = visitor.locator(".forum-agenda")
    expect(agenda.get_by_role("heading", name="China Auto Forum")).to_be_visible()
    expect(agenda).to_contain_text(str(sessions[1]))
    expect(agenda).to_contain_text(re.compile(r"GMT\+8, Shanghai"))
