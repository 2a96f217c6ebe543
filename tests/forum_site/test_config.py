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
            if not entry.msgid_plural and _translated(translation, entry) != entry.msgstr
        ]
    assert stale == [], "run: python -m forum_site.compile_messages"


def _translated(translation, entry):
    if entry.msgctxt:
        return translation.pgettext(entry.msgctxt, entry.msgid)
    return translation.gettext(entry.msgid)


def _settings_in_subprocess(code, **env):
    """Run `code` after django.setup() with the production settings and `env`; its stdout."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AWS_", "REDIS"))}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=ROOT,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "forum_site.settings",
            "DJANGO_ENV_FILE": "",
            "DJANGO_SECRET_KEY": "k" * 50,
            "DJANGO_ALLOWED_HOSTS": "forum.example.org",
            **env,
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_without_variables_the_cache_is_per_process_and_uploads_on_disk():
    code = (
        "from django.conf import settings as s\n"
        "print(s.CACHES['default']['BACKEND'], s.STORAGES['default']['BACKEND'])"
    )
    assert _settings_in_subprocess(code) == [
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.files.storage.FileSystemStorage",
    ]


def test_redis_url_selects_the_shared_redis_cache_and_sessions_use_it():
    code = (
        "from django.conf import settings as s\n"
        "print(s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION'], s.SESSION_ENGINE)"
    )
    assert _settings_in_subprocess(code, REDIS_URL="redis://127.0.0.1:6390/2") == [
        "forum_site.cache.ResilientRedisCache",
        "redis://127.0.0.1:6390/2",
        "django.contrib.sessions.backends.cached_db",
    ]


def test_a_bucket_moves_uploads_filer_and_thumbnails_to_s3():
    code = (
        "from django.core.files.storage import storages\n"
        "from easy_thumbnails.storage import get_storage\n"
        "from filer import settings as f\n"
        "default = storages['default']\n"
        "print(type(default).__name__, default.bucket_name, default.endpoint_url,\n"
        "      default.url('speakers/a.jpg'))\n"
        "print('thumbnails:', get_storage().bucket_name)  # the default storage, lazily\n"
        "for storage in (f.FILER_PUBLICMEDIA_STORAGE, f.FILER_PUBLICMEDIA_THUMBNAIL_STORAGE,\n"
        "                f.FILER_PRIVATEMEDIA_STORAGE):\n"
        "    print(type(storage).__name__, storage.bucket_name, storage.location or '-')\n"
    )
    env = {
        "AWS_STORAGE_BUCKET_NAME": "forum-media",
        "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
        "AWS_S3_CUSTOM_DOMAIN": "media.example.org",
        "AWS_ACCESS_KEY_ID": "key",
        "AWS_SECRET_ACCESS_KEY": "secret",
    }
    assert _settings_in_subprocess(code, **env) == [
        "S3Storage", "forum-media", "http://127.0.0.1:9000",
        "https://media.example.org/speakers/a.jpg",
        "thumbnails:", "forum-media",
        "S3Storage", "forum-media", "-",
        "S3Storage", "forum-media", "-",
        "S3Storage", "forum-media", "filer_private",
    ]  # fmt: skip


def test_debug_off_serves_hashed_static_files_and_reads_connection_settings():
    code = (
        "from django.conf import settings as s\n"
        "db = s.DATABASES['default']\n"
        "print(s.STORAGES['staticfiles']['BACKEND'])\n"
        "print(db['CONN_MAX_AGE'], db['CONN_HEALTH_CHECKS'])\n"
        "print('whitenoise.middleware.WhiteNoiseMiddleware' in s.MIDDLEWARE)"
    )
    env = {"DJANGO_CONN_MAX_AGE": "60", "DJANGO_CONN_HEALTH_CHECKS": "1"}
    assert _settings_in_subprocess(code, **env) == [
        "whitenoise.storage.CompressedManifestStaticFilesStorage", "60", "True", "True",
    ]  # fmt: skip


def test_the_development_server_keeps_plain_static_files_and_no_page_cache():
    code = (
        "from django.conf import settings as s\n"
        "print(s.STORAGES['staticfiles']['BACKEND'], s.PUBLIC_CACHE_SECONDS)"
    )
    assert _settings_in_subprocess(code, DJANGO_DEBUG="1") == [
        "django.contrib.staticfiles.storage.StaticFilesStorage", "0",
    ]  # fmt: skip


def test_history_is_kept_a_year_and_webhook_events_a_month_unless_set():
    code = "from django.conf import settings as s\nprint(s.AUDIT_KEEP_DAYS, s.WEBHOOK_KEEP_DAYS)"
    assert _settings_in_subprocess(code) == ["365", "30"]
    env = {"DJANGO_AUDIT_KEEP_DAYS": "730", "DJANGO_WEBHOOK_KEEP_DAYS": "7"}
    assert _settings_in_subprocess(code, **env) == ["730", "7"]
