"""Login throttling (django-axes): five wrong passwords lock an address+username out.

Both login forms, the admin's and the press room's, are throttled; the lockout page says
so in the visitor's language with status 429, for DJANGO_LOGIN_COOLOFF_MINUTES; an
organizer lifts it in the admin by deleting the attempt.
"""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.test import RequestFactory, override_settings
from django.utils import timezone

from events.roles import ORGANIZERS, roles_setup
from forum_site.security import client_address

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
ADMIN_LOGIN = "/en/admin/login/"
PRESS_LOGIN = "/en/accounts/login/"
PASSWORD = "the-right-password-42"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("editor", password=PASSWORD, is_staff=True)


@pytest.fixture
def press(django_user_model, site_pages):
    return django_user_model.objects.create_user("reporter", password=PASSWORD)


def _log_in(client, url, username, password, **extra):
    return client.post(url, {"username": username, "password": password}, **extra)


def _fail_five_times(client, url, username):
    return [_log_in(client, url, username, "wrong").status_code for _ in range(5)]


def _logged_in(client):
    return "_auth_user_id" in client.session


def test_the_sixth_admin_login_is_refused_even_with_the_right_password(client, staff):
    # Four failures show the form again; the fifth locks out.
    assert _fail_five_times(client, ADMIN_LOGIN, "editor") == [200, 200, 200, 200, 429]

    response = _log_in(client, ADMIN_LOGIN, "editor", PASSWORD)

    assert response.status_code == 429
    assert "Too many failed logins" in response.text
    assert "paused for 15 minutes" in response.text
    assert response["Retry-After"] == "900"
    assert not _logged_in(client)


def test_the_press_login_locks_out_too_and_says_so_in_chinese(client, press):
    _fail_five_times(client, PRESS_LOGIN.replace("/en/", "/zh-hans/"), "reporter")
    response = _log_in(client, "/zh-hans/accounts/login/", "reporter", PASSWORD)
    assert response.status_code == 429
    assert "登录失败次数过多" in response.text
    assert not _logged_in(client)


def test_the_lockout_is_for_that_username_from_that_address_only(client, staff, press):
    _fail_five_times(client, ADMIN_LOGIN, "editor")
    # Another account from the same address, and the same account from another address.
    assert _log_in(client, PRESS_LOGIN, "reporter", PASSWORD).status_code == 302
    client.logout()
    response = _log_in(client, ADMIN_LOGIN, "editor", PASSWORD, REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 302 and _logged_in(client)


def test_a_success_before_the_fifth_failure_starts_the_count_again(client, staff):
    for _ in range(4):
        _log_in(client, ADMIN_LOGIN, "editor", "wrong")
    assert _log_in(client, ADMIN_LOGIN, "editor", PASSWORD).status_code == 302
    client.logout()
    assert _fail_five_times(client, ADMIN_LOGIN, "editor")[:4] == [200, 200, 200, 200]


def test_the_lockout_ends_after_the_cool_off(client, staff):
    _fail_five_times(client, ADMIN_LOGIN, "editor")
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=14)):
        assert _log_in(client, ADMIN_LOGIN, "editor", PASSWORD).status_code == 429
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=16)):
        assert _log_in(client, ADMIN_LOGIN, "editor", PASSWORD).status_code == 302


def test_an_organizer_unlocks_by_deleting_the_attempt_in_the_admin(
    client, staff, django_user_model
):
    _fail_five_times(client, ADMIN_LOGIN, "editor")
    roles_setup()
    organizer = django_user_model.objects.create_user("org", password=PASSWORD, is_staff=True)
    organizer.groups.add(Group.objects.get(name=ORGANIZERS))
    attempt = AccessAttempt.objects.get(username="editor")

    client.force_login(organizer)
    listing = client.get("/en/admin/axes/accessattempt/")
    assert listing.status_code == 200 and "editor" in listing.text
    delete = f"/en/admin/axes/accessattempt/{attempt.pk}/delete/"
    assert client.post(delete, {"post": "yes"}).status_code == 302
    client.logout()

    assert not AccessAttempt.objects.exists()
    assert _log_in(client, ADMIN_LOGIN, "editor", PASSWORD).status_code == 302
    assert _logged_in(client)


def test_the_cool_off_comes_from_the_environment():
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    code = "from django.conf import settings as s; print(s.AXES_COOLOFF_TIME)"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        cwd=ROOT,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "forum_site.settings",
            "DJANGO_ENV_FILE": "",
            "DJANGO_DEBUG": "1",
            "DJANGO_LOGIN_COOLOFF_MINUTES": "40",
        },  # fmt: skip
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == "0:40:00", result.stderr


# --- The address counted ----------------------------------------------------------------


def _request(**meta):
    return RequestFactory().post(ADMIN_LOGIN, REMOTE_ADDR="127.0.0.1", **meta)


@override_settings(BEHIND_TLS_PROXY=True)
def test_behind_nginx_the_address_is_the_one_nginx_appended():
    # A client may send its own X-Forwarded-For; nginx appends the address it saw.
    request = _request(HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.4")
    assert client_address(request) == "198.51.100.4"


@override_settings(BEHIND_TLS_PROXY=False)
def test_without_a_proxy_a_forwarded_for_header_is_ignored():
    request = _request(HTTP_X_FORWARDED_FOR="198.51.100.4")
    assert client_address(request) == "127.0.0.1"
