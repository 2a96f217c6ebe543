import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


def _import_settings(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "-c", "import forum_site.settings"],
        cwd=ROOT,
        env={"DJANGO_ENV_FILE": "", **clean, **env},
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _import_settings(DJANGO_ALLOWED_HOSTS="forum.example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _import_settings(DJANGO_SECRET_KEY="k" * 50)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS must be set" in result.stderr


def test_production_starts_with_secret_key_and_hosts():
    result = _import_settings(DJANGO_SECRET_KEY="k" * 50, DJANGO_ALLOWED_HOSTS="forum.example.org")
    assert result.returncode == 0, result.stderr


def test_an_env_file_sets_what_the_environment_does_not(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("# made by make setup\nDJANGO_DEBUG=1\nDJANGO_ALLOWED_HOSTS=file.example\n")
    code = "from django.conf import settings as s; print(s.DEBUG, s.ALLOWED_HOSTS)"
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        cwd=ROOT,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "forum_site.settings",
            "DJANGO_ENV_FILE": str(env_file),
            "DJANGO_ALLOWED_HOSTS": "env.example",
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "['env.example']"]


@pytest.mark.django_db
def test_models_have_no_missing_migrations():
    # Only our apps: djangocms_text declares unmanaged models that look unmigrated under pytest.
    call_command("makemigrations", "speakers", "events", "--check", "--dry-run", verbosity=0)


def test_compiled_translations_match_their_po_files():
    import polib
    from django.utils import translation

    po = polib.pofile(str(ROOT / "locale/zh_Hans/LC_MESSAGES/django.po"))
    with translation.override("zh-hans"):
        stale = [
            entry.msgid
            for entry in po.translated_entries()
            if not entry.msgid_plural and translation.gettext(entry.msgid) != entry.msgstr
        ]
    assert stale == [], "run: python -m forum_site.compile_messages"
