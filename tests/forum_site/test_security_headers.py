"""The Content-Security-Policy and framing of each kind of page (forum_site/security.py).

Public and press pages: scripts and styles from this site, inline only with the
request's nonce, never framed. The admin and staff under the CMS toolbar: the looser
editing policy, framed by the site itself. Rendered pages here; chromium enforcing the
policies is tests/forum_site/test_browser_security.py.
"""

import re
from pathlib import Path

import pytest
from django.core.files.storage import default_storage

from forum_site import security
from tests.factories import QuoteFactory, SessionFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = ("forum_site", "events", "speakers", "common")


def _directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def _nonce(response):
    return re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)


def _assert_public_policy(response):
    directives = _directives(response)
    assert directives["default-src"] == ["'self'"]
    assert [v for v in directives["script-src"] if not v.startswith("'nonce-")] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.fixture
def quote(site_pages):
    session = SessionFactory()
    return QuoteFactory(session=session, forum=session.forum)


def test_a_public_page_gets_the_strict_policy(client, quote):
    response = client.get(quote.session.forum.get_absolute_url())
    assert response.status_code == 200
    _assert_public_policy(response)


def test_a_pages_scripts_carry_the_nonce_of_its_policy(client, quote):
    response = client.get(quote.get_absolute_url())
    _assert_public_policy(response)
    nonces = re.findall(r'<script[^>]*nonce="([^"]+)"', response.text)
    assert len(nonces) >= 2 and set(nonces) == {_nonce(response)}  # copy.js, stars.js
    assert _nonce(client.get(quote.get_absolute_url())) != _nonce(response)


def test_the_press_room_gets_the_strict_policy(client, site_pages, press_user):
    client.force_login(press_user)
    response = client.get("/en/press/")
    assert response.status_code == 200
    _assert_public_policy(response)
    assert f'nonce="{_nonce(response)}"' in response.text


def test_the_admin_gets_the_editing_policy_and_may_be_framed_by_the_site(client):
    response = client.get("/en/admin/login/")
    directives = _directives(response)
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_staff_under_the_cms_toolbar_get_the_editing_policy(client, site_pages, organizer):
    client.force_login(organizer)
    response = client.get("/en/")
    assert 'id="cms-top"' in response.text  # the toolbar is there
    assert "'unsafe-inline'" in _directives(response)["script-src"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_no_url_gives_an_anonymous_visitor_the_editing_policy(client, site_pages):
    toolbar = client.get("/en/?toolbar_on")
    assert 'id="cms-top"' in toolbar.text  # the CMS shows visitors its toolbar's login
    _assert_public_policy(toolbar)
    for url in ("/en/?edit", "/en/?structure"):
        _assert_public_policy(client.get(url, follow=True))


def test_the_api_docs_inline_script_carries_the_nonce(client):
    response = client.get("/api/docs/")
    nonce = _nonce(response)
    assert re.findall(r"<script[^>]*>\s*\S", response.text)  # an inline one
    for tag in re.findall(r"<(?:script|style)\b[^>]*>", response.text):
        assert f'nonce="{nonce}"' in tag, tag


def test_every_script_in_our_templates_carries_the_nonce_or_holds_data():
    # An inline script without the nonce would not run; a data block (JSON-LD) is not run.
    scripts = []
    for package in TEMPLATE_DIRS:
        for path in (ROOT / package).rglob("*.html"):
            scripts += [(path, tag) for tag in re.findall(r"<script\b[^>]*>", path.read_text())]
    assert scripts
    for path, tag in scripts:
        assert "request.csp_nonce" in tag or "application/ld+json" in tag, (path, tag)


# --- Uploads in a bucket ---------------------------------------------------------------


@pytest.fixture
def media_sources():
    security.media_sources.cache_clear()
    yield security.media_sources
    security.media_sources.cache_clear()


def test_uploads_on_this_site_need_no_other_source(media_sources, settings):
    settings.CSP_MEDIA_ORIGINS = []
    assert media_sources() == ()


S3 = {"default": {"BACKEND": "storages.backends.s3.S3Storage"}}


@pytest.mark.parametrize(
    ("options", "source"),
    [
        ({"AWS_S3_CUSTOM_DOMAIN": "media.example.org"}, "https://media.example.org/"),
        (
            {"AWS_S3_ENDPOINT_URL": "https://s3.example.org", "AWS_S3_ADDRESSING_STYLE": "path"},
            "https://s3.example.org/uploads/",  # this bucket only, not its neighbours
        ),
        ({}, "https://uploads.s3.amazonaws.com/"),
    ],
)
def test_a_buckets_source_is_where_pages_link_to(media_sources, settings, options, source):
    settings.CSP_MEDIA_ORIGINS = []
    settings.STORAGES = {**settings.STORAGES, **S3}
    settings.AWS_STORAGE_BUCKET_NAME = "uploads"
    settings.AWS_QUERYSTRING_AUTH = False
    for name, value in options.items():
        setattr(settings, name, value)
    assert media_sources() == (source,)
    assert default_storage.url("photos/xu.jpg").startswith(source)


def test_media_origins_set_in_the_environment_win(media_sources, settings, client, quote):
    settings.CSP_MEDIA_ORIGINS = ["https://cdn.example.org"]
    response = client.get(quote.session.forum.get_absolute_url())
    assert _directives(response)["img-src"] == ["'self'", "https://cdn.example.org"]
