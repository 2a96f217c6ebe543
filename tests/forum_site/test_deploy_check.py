"""`manage.py check --deploy` with deploy/env.example's settings: nothing to warn about.

The example is what a server copies, so what it sets is what production runs: its HTTPS,
HSTS, cookie, framing and referrer settings must pass Django's own deployment checks.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENV_EXAMPLE = ROOT / "deploy" / "env.example"


def _example_variables():
    variables = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        name, sep, value = line.strip().partition("=")
        if sep and not name.startswith("#"):
            variables[name.strip()] = value.strip()
    return variables


def _check_deploy(**overrides):
    # None of the test run's own DJANGO_* variables: only the example's, as on a server.
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AWS_"))}
    env = {
        **clean,
        **_example_variables(),
        # The example's placeholder is refused at start, as it should be: a real one.
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_SETTINGS_MODULE": "forum_site.settings",
        "DJANGO_ENV_FILE": "",
        **overrides,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_example_env_sets_what_production_needs():
    variables = _example_variables()
    assert variables["DJANGO_DEBUG"] == "0"
    assert variables["DJANGO_SSL_REDIRECT"] == "1"
    assert int(variables["DJANGO_HSTS_SECONDS"]) > 0


def test_check_deploy_with_the_example_env_warns_of_nothing():
    result = _check_deploy()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_hsts_left_unset_is_still_reported():
    # Only a 0 written down is a decision; a variable left out keeps Django's reminder.
    result = _check_deploy(DJANGO_HSTS_SECONDS="")
    assert result.returncode != 0
    assert "security.W004" in result.stdout + result.stderr


def test_ssl_redirect_and_cookies_off_are_reported():
    result = _check_deploy(DJANGO_SSL_REDIRECT="0", DJANGO_SECURE_COOKIES="0")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    for check in ("security.W008", "security.W012", "security.W016"):
        assert check in output


@pytest.mark.django_db
def test_the_login_pages_cookies_are_secure_and_http_only(client):
    # DEBUG is off under the tests, as in production: no script and no plain HTTP sees them.
    response = client.get("/en/admin/login/")
    csrf = response.cookies["csrftoken"]
    assert csrf["httponly"] and csrf["secure"]
    assert response["Referrer-Policy"] == "same-origin"
