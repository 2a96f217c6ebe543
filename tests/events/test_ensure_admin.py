import re

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


def _logs_in(password):
    """The user `admin` with `password` logs in as (None if refused), in a login request as
    the site's forms make one: django-axes counts attempts per request, and needs it."""
    request = RequestFactory().post("/en/admin/login/")
    return authenticate(request, username="admin", password=password)


def _run(capsys):
    call_command("ensure_admin")
    return capsys.readouterr().out


def test_admin_gets_the_password_from_the_environment(monkeypatch, capsys):
    monkeypatch.setenv("DJANGO_ADMIN_PASSWORD", "forum-secret-42")
    out = _run(capsys)
    admin = _logs_in("forum-secret-42")
    assert admin is not None
    assert admin.is_superuser and admin.is_staff
    assert "forum-secret-42" not in out


def test_generated_password_is_printed_once_and_works(monkeypatch, capsys):
    monkeypatch.delenv("DJANGO_ADMIN_PASSWORD", raising=False)
    out = _run(capsys)
    password = re.search(r"with the password: (\S+)", out).group(1)
    assert len(password) >= 16
    assert _logs_in(password) is not None


def test_second_run_changes_nothing_and_prints_no_secret(monkeypatch, capsys):
    monkeypatch.delenv("DJANGO_ADMIN_PASSWORD", raising=False)
    first = _run(capsys)
    password = re.search(r"with the password: (\S+)", first).group(1)
    before = get_user_model().objects.values().get(username="admin")

    monkeypatch.setenv("DJANGO_ADMIN_PASSWORD", "another-password-7")
    second = _run(capsys)

    assert get_user_model().objects.values().get(username="admin") == before
    assert get_user_model().objects.count() == 1
    assert password not in second
    assert "another-password-7" not in second
    assert second == "The superuser 'admin' exists; nothing changed.\n"
    assert _logs_in(password) is not None
