"""Settings for the test suite: the main settings, made fast and isolated."""

import os
import tempfile

# Tests never read a checkout's .env: they run as CI runs them.
os.environ["DJANGO_ENV_FILE"] = ""
os.environ.setdefault("DJANGO_SECRET_KEY", "test-secret-key-" + "x" * 32)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from forum_site.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="forum-site-test-media-")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tests of pages test the views; tests/forum_site/test_public_cache.py turns the tier on.
PUBLIC_CACHE_SECONDS = 0
# Source files as the development server serves them: no collectstatic before a test run.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = tempfile.mkdtemp(prefix="forum-site-test-static-")
LOGGING = {"version": 1, "disable_existing_loggers": False}

# The API's rate limits would trip over a test suite (and schemathesis) hammering it.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute"},
}
