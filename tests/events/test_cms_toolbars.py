"""The "Edit this ..." toolbar button on session, speaker and forum pages."""

import re

import pytest

from tests.conftest import _user_with_perms
from tests.factories import SessionFactory, SessionParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shown(site_pages):
    session = SessionFactory(title="Exports")
    speaker = SessionParticipantFactory(session=session, speaker__name="Xu Haidong").speaker
    return {"session": session, "speaker": speaker, "forum": session.forum}


def _edit_links(client, obj):
    """{label: href} of the page's "Edit this ..." toolbar buttons."""
    response = client.get(obj.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    links = re.findall(r'<a href="([^"]+)"[^>]*>(Edit this \w+)</a>', html)
    return {label: href for href, label in links}


def _has_toolbar(client, obj):
    return 'class="cms-toolbar' in client.get(obj.get_absolute_url()).content.decode()


@pytest.mark.parametrize("kind", ["session", "speaker", "forum"])
def test_organizers_get_a_link_to_the_admin_of_what_the_page_shows(client, organizer, shown, kind):
    client.force_login(organizer)
    obj = shown[kind]
    app_label = "speakers" if kind == "speaker" else "events"
    assert _edit_links(client, obj) == {
        f"Edit this {kind}": f"/en/admin/{app_label}/{kind}/{obj.pk}/change/"
    }


def test_the_link_follows_the_page_language(client, organizer, shown):
    client.force_login(organizer)
    session = shown["session"]
    html = client.get(session.get_absolute_url().replace("/en/", "/zh-hans/", 1)).content.decode()
    link = f'href="/zh-hans/admin/events/session/{session.pk}/change/" class="cms-btn">编辑此会议<'
    assert link in html


@pytest.mark.parametrize("kind", ["session", "speaker", "forum"])
def test_visitors_and_press_users_get_no_edit_link(client, press_user, shown, kind):
    assert not _has_toolbar(client, shown[kind])
    assert "Edit this" not in client.get(shown[kind].get_absolute_url()).content.decode()
    client.force_login(press_user)
    assert "Edit this" not in client.get(shown[kind].get_absolute_url()).content.decode()


def test_staff_without_the_change_permission_get_no_edit_link(client, django_user_model, shown):
    # May change speakers only: the CMS toolbar shows, with a link on speaker pages only.
    staff = _user_with_perms(
        django_user_model, "speaker-editor", "speakers.change_speaker", is_staff=True
    )
    client.force_login(staff)
    assert _has_toolbar(client, shown["session"])  # so the missing link is not the toolbar's
    assert _edit_links(client, shown["session"]) == {}
    assert _edit_links(client, shown["forum"]) == {}
    assert list(_edit_links(client, shown["speaker"])) == ["Edit this speaker"]
