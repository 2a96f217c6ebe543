from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.forum_site.error_urls")]


def test_lost_database_connection_answers_503_with_a_retry_page():
    response = Client(raise_request_exception=False).get("/lost/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Cache-Control"] == "no-store"
    assert "Our database is restarting" in response.content.decode()


def test_lost_connection_page_is_translated():
    client = Client(raise_request_exception=False, headers={"accept-language": "zh-hans"})
    response = client.get("/lost/")
    assert response.status_code == 503
    assert "数据库" in response.content.decode()


def test_other_errors_stay_500():
    response = Client(raise_request_exception=False).get("/bug/")
    assert response.status_code == 500


@pytest.mark.urls("forum_site.urls")
def test_favicon_ico_leads_to_the_sites_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("favicon.svg")
    assert "<svg" in Path(finders.find("favicon.svg")).read_text()


@pytest.mark.urls("forum_site.urls")
def test_pages_name_the_icon(site_pages, client):
    page = client.get("/en/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg"' in page
