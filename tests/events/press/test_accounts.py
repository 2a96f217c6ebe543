"""Press staff on the site itself: invitation, set password, log in, log out, reset."""

import re

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import translation

from events.press.invitations import press_member_invite
from events.roles import roles_setup
from tests.events.press.conftest import NOW

pytestmark = pytest.mark.django_db

EMBARGO_LABEL = "EMBARGOED until July 7, 2023, 18:00 (Asia/Shanghai, UTC+08:00)"
PASSWORD = "a long press password 42"


def _link(email):
    return re.search(r"http://testserver(/\S+)", email.body).group(1)


def _set_password(client, link):
    form_page = client.get(link, follow=True)  # Django moves the token into the session
    assert "Set your password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": PASSWORD, "new_password2": PASSWORD},
        follow=True,
    )
    assert "Your password is set." in done.content.decode()


def test_invitation_to_embargoed_quotes_end_to_end(client, site_pages, quotes_by_status):
    roles_setup()
    with time_machine.travel(NOW, tick=False):
        press_member_invite(email="li@example.com", name="Li Hua", invited_by=None,
                            absolute=lambda path: f"http://testserver{path}")  # fmt: skip
        (invitation,) = mail.outbox
        _set_password(client, _link(invitation))
        login = client.get("/en/accounts/login/?next=/en/press/%3Fq%3Dwords")
        assert login.status_code == 200
        response = client.post(
            "/en/accounts/login/?next=/en/press/%3Fq%3Dwords",
            {"username": "li@example.com", "password": PASSWORD, "next": "/en/press/?q=words"},
            follow=True,
        )
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == "/en/press/?q=words"
    assert "Logged in as li@example.com." in html
    assert EMBARGO_LABEL in html and "Embargoed <mark>words</mark>." in html
    assert "Drafted" not in html and "Retracted" not in html


def test_an_invitation_link_works_once(client, site_pages):
    roles_setup()
    press_member_invite(email="li@example.com", invited_by=None,
                        absolute=lambda path: f"http://testserver{path}")  # fmt: skip
    link = _link(mail.outbox[0])
    _set_password(client, link)
    again = client.get(link, follow=True).content.decode()
    assert "This link has expired or was already used." in again


def test_login_lands_in_the_press_room_and_logout_leaves_it(client, site_pages, press_user):
    press_user.set_password(PASSWORD)
    press_user.save()
    response = client.post("/en/accounts/login/", {"username": "press", "password": PASSWORD})
    assert response["Location"] == "/en/press/"
    response = client.post("/en/accounts/logout/")
    assert response["Location"] == "/en/press/"
    assert "log in to see quotes under embargo" in client.get("/en/press/").content.decode()


def test_wrong_password_is_refused_with_a_message(client, site_pages, press_user):
    response = client.post("/en/accounts/login/", {"username": "press", "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password." in response.content.decode()


def test_password_reset_reaches_invited_users_without_a_password(client, site_pages):
    roles_setup()
    press_member_invite(email="li@example.com", invited_by=None,
                        absolute=lambda path: f"http://testserver{path}")  # fmt: skip
    response = client.post("/en/accounts/password-reset/", {"email": "LI@example.com"})
    assert response["Location"] == "/en/accounts/password-reset/sent/"
    reset = mail.outbox[-1]
    assert reset.subject == "Reset your press room password"
    assert re.search(r"http://testserver/en/accounts/reset/\S+/", reset.body)
    _set_password(client, _link(reset))


def test_account_pages_answer_in_chinese(client, site_pages):
    for path in ("login/", "password-reset/", "password-reset/sent/", "reset/done/"):
        response = client.get(f"/zh-hans/accounts/{path}")
        assert response.status_code == 200, path
    assert "忘记密码？" in client.get("/zh-hans/accounts/login/").content.decode()


def test_login_url_is_under_the_language_prefix(site_pages):
    assert resolve_url(settings.LOGIN_URL) == "/en/accounts/login/"
    with translation.override("zh-hans"):
        assert resolve_url(settings.LOGIN_URL) == "/zh-hans/accounts/login/"


def test_the_log_in_line_is_one_translatable_sentence(client, site_pages, monkeypatch):
    # zh-hans read "媒体人员： 登录后可查看禁发期内的引语.": the space and the English full
    # stop were written into the template, out of the translators' reach.
    english = (
        'Press staff: <a href="/en/accounts/login/?next=/en/press/">'
        "log in to see quotes under embargo</a>."
    )
    assert english in client.get("/en/press/").content.decode()
    gettext = translation.gettext
    zh = {
        'Press staff: <a href="%(url)s?next=%(next)s">log in to see quotes under embargo</a>.': (
            '媒体人员：<a href="%(url)s?next=%(next)s">登录后可查看禁发期内的引语</a>。'
        )
    }
    monkeypatch.setattr(translation, "gettext", lambda message: zh.get(message, gettext(message)))
    html = client.get("/zh-hans/press/").content.decode()
    assert (
        '媒体人员：<a href="/zh-hans/accounts/login/?next=/zh-hans/press/">'
        "登录后可查看禁发期内的引语</a>。"
    ) in html


@pytest.mark.parametrize(
    ("language", "after_sentence"),
    [("en", "Your password is set. <a href="), ("zh-hans", "您的密码已设置。<a href=")],
)
def test_password_set_page_has_no_space_after_full_width_stop(client, language, after_sentence):
    with translation.override(language):
        url = reverse("accounts:password-reset-complete")
    assert after_sentence in client.get(url).content.decode()


@pytest.mark.parametrize(
    ("language", "after_sentence"),
    [
        ("en", "This link has expired or was already used. <a href="),
        ("zh-hans", "此链接已过期或已被使用。<a href="),
    ],
)
def test_expired_link_page_has_no_space_after_full_width_stop(client, language, after_sentence):
    with translation.override(language):
        url = reverse("accounts:password-reset-confirm", args=["MQ", "not-a-token"])
    assert after_sentence in client.get(url).content.decode()
