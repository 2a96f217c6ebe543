import pytest
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
