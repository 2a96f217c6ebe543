import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from events.models import PressInvitation
from events.press.invitations import press_member_invite
from events.roles import ORGANIZERS, PRESS, roles_setup

pytestmark = pytest.mark.django_db

INVITE_URL = "/en/admin/events/pressinvitation/add/"


def _absolute(path):
    return f"http://testserver{path}"


@pytest.fixture
def roles(db):
    roles_setup()


@pytest.fixture
def organizer_admin(client, roles, django_user_model):
    user = django_user_model.objects.create_user("org", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=ORGANIZERS))
    client.force_login(user)
    return client


def test_invite_creates_a_press_member_without_password_or_admin_access(roles, django_user_model):
    invitation = press_member_invite(
        email="Li.Hua@Example.COM", name="Li Hua", invited_by=None, absolute=_absolute
    )
    user = invitation.user
    assert (user.username, user.email, user.first_name) == (
        "li.hua@example.com", "Li.Hua@example.com", "Li Hua"
    )  # fmt: skip
    assert user.is_active and not user.is_staff and not user.has_usable_password()
    assert list(user.groups.values_list("name", flat=True)) == [PRESS]
    assert user.has_perm("events.view_embargoed_quote")
    (email,) = mail.outbox
    assert email.to == ["Li.Hua@example.com"]
    assert "Dear Li Hua," in email.body
    assert re.search(r"http://testserver/en/accounts/reset/\w+/[\w-]+/", email.body)


def test_invitation_in_chinese_links_to_the_chinese_pages(roles):
    press_member_invite(email="a@example.com", language="zh-hans", invited_by=None,
                        absolute=_absolute)  # fmt: skip
    assert "http://testserver/zh-hans/accounts/reset/" in mail.outbox[0].body


def test_inviting_an_existing_email_is_refused(roles, django_user_model):
    django_user_model.objects.create_user("someone", email="li@example.com")
    with pytest.raises(ValidationError) as error:
        press_member_invite(email="LI@example.com", invited_by=None, absolute=_absolute)
    assert error.value.message_dict == {
        "email": ["There is already an account with the email address LI@example.com."]
    }
    assert mail.outbox == [] and PressInvitation.objects.count() == 0


@override_settings(EMAIL_BACKEND="tests.events.press.failing_mail.Backend")
def test_a_failed_email_leaves_no_account(roles, django_user_model):
    with pytest.raises(OSError):
        press_member_invite(email="li@example.com", invited_by=None, absolute=_absolute)
    assert not django_user_model.objects.filter(email="li@example.com").exists()
    assert PressInvitation.objects.count() == 0


def test_organizer_invites_from_the_admin(organizer_admin, django_user_model):
    response = organizer_admin.get(INVITE_URL)
    assert response.status_code == 200
    assert "Invite a press member" in response.content.decode()
    response = organizer_admin.post(
        INVITE_URL, {"email": "li@example.com", "name": "Li Hua", "language": "en"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:events_pressinvitation_changelist")
    invitation = PressInvitation.objects.get()
    assert invitation.invited_by.username == "org"
    assert len(mail.outbox) == 1
    changelist = organizer_admin.get(response["Location"]).content.decode()
    assert "Invitation sent to li@example.com." in changelist


def test_admin_shows_a_clear_error_for_an_existing_email(organizer_admin, django_user_model):
    django_user_model.objects.create_user("li", email="li@example.com")
    response = organizer_admin.post(INVITE_URL, {"email": "li@example.com", "language": "en"})
    assert response.status_code == 200
    assert "There is already an account with the email address li@example.com." in (
        response.content.decode()
    )
    assert mail.outbox == []


@override_settings(EMAIL_BACKEND="tests.events.press.failing_mail.Backend")
def test_admin_reports_a_failed_email(organizer_admin, django_user_model):
    response = organizer_admin.post(INVITE_URL, {"email": "li@example.com", "language": "en"})
    assert "could not be sent (SMTP server unreachable). No account was created." in (
        response.content.decode()
    )
    assert not django_user_model.objects.filter(email="li@example.com").exists()


def test_press_members_cannot_invite(client, roles, press_user):
    press_user.is_staff = True  # even with admin access, the permission is missing
    press_user.save()
    client.force_login(press_user)
    assert client.get(INVITE_URL).status_code == 403


def test_send_again_mails_a_fresh_link(organizer_admin, roles):
    invitation = press_member_invite(email="li@example.com", invited_by=None, absolute=_absolute)
    response = organizer_admin.post(
        reverse("admin:events_pressinvitation_changelist"),
        {"action": "send_again", "_selected_action": [invitation.pk]},
        follow=True,
    )
    assert "1 invitation sent." in response.content.decode()
    assert len(mail.outbox) == 2
