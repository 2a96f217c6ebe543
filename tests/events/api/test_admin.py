"""Organizers issue and revoke API tokens in the admin (rest_framework.authtoken's admin)."""

import pytest
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import Token

from events.roles import ORGANIZERS, roles_setup
from tests.factories import QuoteFactory

pytestmark = pytest.mark.django_db

ADMIN = "/en/admin/authtoken/tokenproxy/"


@pytest.fixture
def token_manager(django_user_model):
    """A member of the Organizers group as setup_roles makes it, nothing more."""
    roles_setup()
    user = django_user_model.objects.create_user("organizer", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=ORGANIZERS))
    return user


def test_organizer_issues_a_token_that_shows_embargoed_quotes(client, token_manager, press_user):
    embargoed = QuoteFactory(embargo_until="2099-01-01T00:00:00Z")
    client.force_login(token_manager)

    response = client.post(f"{ADMIN}add/", {"user": press_user.pk})
    key = Token.objects.get(user=press_user).key
    client.logout()
    quotes = client.get("/api/v1/quotes/", HTTP_AUTHORIZATION=f"Token {key}").json()

    assert response.status_code == 302
    assert [q["id"] for q in quotes["results"]] == [embargoed.pk]


def test_organizer_revokes_a_token(client, token_manager, press_user):
    key = Token.objects.create(user=press_user).key
    client.force_login(token_manager)

    response = client.post(f"{ADMIN}{press_user.pk}/delete/", {"post": "yes"})
    client.logout()
    refused = client.get("/api/v1/quotes/", HTTP_AUTHORIZATION=f"Token {key}")

    assert response.status_code == 302
    assert not Token.objects.filter(user=press_user).exists()
    assert refused.status_code == 401


def test_token_list_does_not_open_to_press(client, press_user):
    client.force_login(press_user)

    response = client.get(ADMIN)

    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_organizer_cannot_issue_a_token_for_a_superuser(client, token_manager, admin_user):
    client.force_login(token_manager)

    response = client.post(f"{ADMIN}add/", {"user": admin_user.pk})

    assert response.status_code == 200
    assert "user" in response.context["adminform"].form.errors
    assert not Token.objects.filter(user=admin_user).exists()


def test_organizer_cannot_issue_a_token_for_another_organizer(client, token_manager):
    other = type(token_manager).objects.create_user("other", password="pw", is_staff=True)
    other.groups.add(Group.objects.get(name=ORGANIZERS))
    client.force_login(token_manager)

    form = client.get(f"{ADMIN}add/").context["adminform"].form
    response = client.post(f"{ADMIN}add/", {"user": other.pk})

    assert list(form.fields["user"].queryset) == []
    assert response.status_code == 200
    assert not Token.objects.filter(user=other).exists()


def test_organizer_neither_sees_nor_revokes_a_superusers_token(
    client, token_manager, admin_user, press_user
):
    Token.objects.create(user=admin_user)
    press_key = Token.objects.create(user=press_user).key
    client.force_login(token_manager)

    listed = client.get(ADMIN)
    opened = client.get(f"{ADMIN}{admin_user.pk}/change/")
    client.post(f"{ADMIN}{admin_user.pk}/delete/", {"post": "yes"})

    assert [t.user for t in listed.context["cl"].result_list] == [press_user]
    assert press_key in listed.content.decode()
    assert opened.status_code == 302  # the admin's "does not exist" redirect
    assert Token.objects.filter(user=admin_user).exists()


def test_superuser_still_issues_any_token(admin_client, admin_user):
    response = admin_client.post(f"{ADMIN}add/", {"user": admin_user.pk})

    assert response.status_code == 302
    assert Token.objects.filter(user=admin_user).exists()
