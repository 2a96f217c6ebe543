"""The schema and its docs: language-neutral URLs, and no asset from a CDN."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

ENDPOINTS = ["forums", "sessions", "speakers", "organizations", "topics", "quotes"]
SEARCH_PARAMETERS = {
    "q", "forum", "session", "speaker", "organization", "topic", "date_from", "date_to",
    "language", "kind", "page", "page_size", "lang",
}  # fmt: skip


def test_api_urls_have_no_language_prefix():
    with translation.override("zh-hans"):
        assert reverse("api:schema") == "/api/schema/"
        assert reverse("api:docs") == "/api/docs/"
        assert reverse("api:quote-list") == "/api/v1/quotes/"


def test_schema_describes_every_endpoint_and_its_parameters(client):
    response = client.get("/api/schema/?format=json")
    schema = response.json()

    expected = {f"/api/v1/{name}/" for name in ENDPOINTS}
    expected |= {f"/api/v1/{name}/{{id}}/" for name in ENDPOINTS}
    quote_parameters = {p["name"] for p in schema["paths"]["/api/v1/quotes/"]["get"]["parameters"]}
    assert response.status_code == 200
    assert set(schema["paths"]) == expected
    assert quote_parameters >= SEARCH_PARAMETERS
    assert "tokenAuth" in schema["components"]["securitySchemes"]


def test_schema_generates_without_warnings(tmp_path):
    # --fail-on-warn: a filter whose type drf-spectacular has to guess fails here.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", tmp_path / "s.yml")
    schema = (tmp_path / "s.yml").read_text()
    assert "/api/v1/quotes/" in schema


def test_docs_load_their_assets_from_this_site_only(client):
    response = client.get("/api/docs/")
    html = response.content.decode()

    references = re.findall(r'(?:src|href)\s*=\s*"([^"]+)"', html)
    assert response.status_code == 200
    assert references, "the docs page should load Swagger UI's assets"
    assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", html, re.IGNORECASE)
    for reference in references:
        assert reference.startswith("/static/"), reference
        assert finders.find(reference.removeprefix("/static/")), reference
