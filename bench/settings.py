"""The site's settings, plus the bare view the bench compares pages with (bench/urls.py)."""

from forum_site.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
