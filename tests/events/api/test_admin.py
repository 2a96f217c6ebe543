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
