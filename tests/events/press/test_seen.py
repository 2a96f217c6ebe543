"""events/press/seen.py: who was shown which quote before its embargo lifted."""

import datetime as dt

import pytest
from rest_framework.authtoken.models import Token

from events.models import EmbargoView
from tests.events.press.conftest import EMBARGO_END, NOW

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
Surface = EmbargoView.Surface


def _search(client, quotes):
    return client.get("/en/press/", {"q": "words"})


def _quote_page(client, quotes):
    return client.get(quotes["embargoed"].get_absolute_url())


def _quote_card(client, quotes):
    return client.get(f"{quotes['embargoed'].get_absolute_url()}card.png")


def _export(client, quotes):
    return client.get("/en/press/export.csv", {"q": "words"})


def _forum_pack(client, quotes):
    return client.get(f"/en/press/pack/{quotes['embargoed'].forum.slug}/")


def _session_pack(client, quotes):
    session = quotes["embargoed"].session
    return client.get(f"/en/press/pack/{session.forum.slug}/{session.slug}/")


def _api_list(client, quotes):
    return client.get("/api/v1/quotes/", {"q": "words"}, **_token(client))


def _api_detail(client, quotes):
    return client.get(f"/api/v1/quotes/{quotes['embargoed'].pk}/", **_token(client))


def _token(client):
    user = getattr(client, "seen_user", None)
    if user is None:
        return {}
    return {"HTTP_AUTHORIZATION": f"Token {Token.objects.get_or_create(user=user)[0].key}"}


SURFACES = [
    pytest.param(_search, Surface.SEARCH, id="search"),
    pytest.param(_quote_page, Surface.QUOTE, id="quote-page"),
    pytest.param(_quote_card, Surface.QUOTE, id="quote-card"),
    pytest.param(_export, Surface.EXPORT, id="export"),
    pytest.param(_forum_pack, Surface.PACK, id="forum-pack"),
    pytest.param(_session_pack, Surface.PACK, id="session-pack"),
    pytest.param(_api_list, Surface.API, id="api-list"),
    pytest.param(_api_detail, Surface.API, id="api-detail"),
]


@pytest.fixture
def press_client(client, press_user):
    client.force_login(press_user)
    client.seen_user = press_user
    return client


@pytest.mark.parametrize(("visit", "surface"), SURFACES)
def test_a_press_user_shown_an_embargoed_quote_is_logged(
    press_client, press_user, site_pages, quotes_by_status, visit, surface
):
    response = visit(press_client, quotes_by_status)
    assert response.status_code == 200
    seen = EmbargoView.objects.get()  # the embargoed quote only, not the verified one
    assert (seen.quote, seen.user, seen.username) == (quotes_by_status["embargoed"], press_user,
                                                      "press")  # fmt: skip
    assert (seen.viewed_at, seen.embargo_until, seen.surface) == (NOW, EMBARGO_END, surface)
    # Kept with the row, which outlives the quote (events/press/admin_seen.py).
    speaker = quotes_by_status["embargoed"].speaker.name
    assert (seen.quote_text, seen.speaker_name) == ("Embargoed words.", speaker)


@pytest.mark.parametrize(("visit", "surface"), SURFACES)
def test_nothing_is_logged_once_the_embargo_lifted(
    press_client, site_pages, quotes_by_status, frozen, visit, surface
):
    frozen.move_to(EMBARGO_END + dt.timedelta(minutes=1))
    assert visit(press_client, quotes_by_status).status_code == 200
    assert not EmbargoView.objects.exists()


def test_an_anonymous_visitor_is_never_logged(client, site_pages, quotes_by_status):
    assert _search(client, quotes_by_status).status_code == 200
    assert _quote_page(client, quotes_by_status).status_code == 404
    assert not EmbargoView.objects.exists()


def test_the_row_keeps_the_text_and_speaker_as_shown_then(
    press_client, site_pages, quotes_by_status
):
    embargoed = quotes_by_status["embargoed"]
    speaker = embargoed.speaker.name
    _quote_page(press_client, quotes_by_status)
    embargoed.text = "Corrected words."
    embargoed.save()
    embargoed.speaker.name = "Renamed Speaker"
    embargoed.speaker.save()
    seen = EmbargoView.objects.get()
    assert (seen.quote_text, seen.speaker_name) == ("Embargoed words.", speaker)


def test_a_session_embargo_counts_too(press_client, site_pages, quotes_by_status):
    verified = quotes_by_status["verified"]
    later = EMBARGO_END + dt.timedelta(hours=2)
    verified.session.embargo_until = later
    verified.session.save()
    press_client.get(verified.get_absolute_url())
    assert EmbargoView.objects.get(quote=verified).embargo_until == later
