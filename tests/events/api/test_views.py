import datetime as dt

import pytest
from rest_framework.authtoken.models import Token

from events.models import Forum, Session
from tests.events.api.conftest import LATER, auth
from tests.factories import (
    ForumFactory,
    OrganizationFactory,
    PanelTopicFactory,
    QuoteFactory,
    SessionFactory,
    SessionParticipantFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db

SEES = {
    "anonymous": {"verified"},
    "press": {"verified", "embargoed", "embargoed_session"},
    "organizer": {"verified", "embargoed", "embargoed_session", "draft", "retracted"},
}


@pytest.mark.parametrize("role", SEES)
def test_quote_list_shows_each_role_what_it_may_see(client, callers, quotes_by_state, role):
    response = client.get("/api/v1/quotes/", **callers[role])

    ids = {item["id"] for item in response.json()["results"]}
    assert response.status_code == 200
    assert ids == {quotes_by_state[state].pk for state in SEES[role]}


@pytest.mark.parametrize("role", SEES)
@pytest.mark.parametrize(
    "state", ["verified", "draft", "retracted", "embargoed", "embargoed_session"]
)
def test_quote_detail_answers_404_for_what_a_role_may_not_see(
    client, callers, quotes_by_state, role, state
):
    response = client.get(f"/api/v1/quotes/{quotes_by_state[state].pk}/", **callers[role])

    expected = 200 if state in SEES[role] else 404
    assert response.status_code == expected
    assert response["Content-Type"] == "application/json"


def test_press_sees_when_an_embargo_ends(client, callers, quotes_by_state):
    body = client.get(f"/api/v1/quotes/{quotes_by_state['embargoed'].pk}/", **callers["press"])

    assert body.json()["embargoed_until"] == "2023-07-07T14:00:00+08:00"


def test_embargoed_quote_appears_for_the_public_once_its_time_passes(
    client, quotes_by_state, time_machine
):
    time_machine.move_to(LATER + dt.timedelta(seconds=1), tick=False)

    ids = {item["id"] for item in client.get("/api/v1/quotes/").json()["results"]}

    assert ids == {quotes_by_state[s].pk for s in ("verified", "embargoed", "embargoed_session")}


def test_revoked_token_is_refused(client, press_user):
    headers = auth(press_user)
    Token.objects.filter(user=press_user).delete()

    response = client.get("/api/v1/quotes/", **headers)

    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid token."}


def test_press_never_sees_draft_sessions_or_forums(client, press_user, frozen_now):
    visible = SessionFactory(embargo_until=LATER)
    SessionFactory(status=Session.Status.DRAFT)
    SessionFactory(forum__status=Forum.Status.DRAFT)

    press = client.get("/api/v1/sessions/", **auth(press_user)).json()["results"]
    public = client.get("/api/v1/sessions/").json()["results"]

    assert [s["id"] for s in press] == [visible.pk]
    assert public == []


def test_organizer_sees_draft_forums_and_sessions(client, organizer):
    session = SessionFactory(status=Session.Status.DRAFT, forum__status=Forum.Status.DRAFT)
    headers = auth(organizer)

    forums = client.get("/api/v1/forums/", **headers).json()["results"]
    sessions = client.get("/api/v1/sessions/", **headers).json()["results"]

    assert [f["id"] for f in forums] == [session.forum_id]
    assert [s["id"] for s in sessions] == [session.pk]


def test_draft_forum_is_hidden_from_the_public(client):
    draft = ForumFactory(status=Forum.Status.DRAFT)

    assert client.get("/api/v1/forums/").json()["count"] == 0
    assert client.get(f"/api/v1/forums/{draft.pk}/").status_code == 404


def test_unpublished_speaker_is_hidden_everywhere_public(client):
    hidden = SpeakerFactory(is_published=False)
    participant = SessionParticipantFactory(speaker=hidden)
    SessionParticipantFactory(session=participant.session)

    session = client.get(f"/api/v1/sessions/{participant.session_id}/").json()

    assert hidden.slug not in {p["speaker"]["slug"] for p in session["participants"]}
    assert len(session["participants"]) == 1
    assert client.get(f"/api/v1/speakers/{hidden.pk}/").status_code == 404


def test_topics_and_organizations_are_listed(client):
    topic = PanelTopicFactory(slug="electrification")
    organization = OrganizationFactory(slug="caam", short_name="CAAM")

    topics = client.get("/api/v1/topics/").json()["results"]
    organizations = client.get(f"/api/v1/organizations/{organization.pk}/").json()

    assert [(t["id"], t["slug"]) for t in topics] == [(topic.pk, "electrification")]
    assert organizations["short_name"] == "CAAM"


def test_unknown_api_path_is_a_json_404_not_a_redirect(client):
    for path in ("/api/v1/quotes/999999/", "/api/v1/quotes/abc/", "/api/v1/nothing/"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json()["detail"]


# --- Language --------------------------------------------------------------------------


@pytest.fixture
def bilingual_forum(db):
    forum = ForumFactory(name="China Auto Forum")
    forum.set_current_language("zh-hans")
    forum.name = "中国汽车论坛"
    forum.save()
    return forum


@pytest.mark.parametrize(
    ("query", "header", "name"),
    [
        ("", "", "China Auto Forum"),
        ("", "zh-CN,zh;q=0.9,en;q=0.8", "中国汽车论坛"),
        ("", "fr, de;q=0.5", "China Auto Forum"),
        ("?lang=en", "zh-CN", "China Auto Forum"),
        ("?lang=zh-hans", "en", "中国汽车论坛"),
    ],
)
def test_language_follows_accept_language_then_lang(client, bilingual_forum, query, header, name):
    response = client.get(f"/api/v1/forums/{query}", HTTP_ACCEPT_LANGUAGE=header)

    assert response.json()["results"][0]["name"] == name
    assert "Accept-Language" in response["Vary"]


def test_missing_translation_falls_back_to_english(client):
    ForumFactory(name="English only")

    response = client.get("/api/v1/forums/?lang=zh-hans")

    assert response.json()["results"][0]["name"] == "English only"
    assert response["Content-Language"] == "zh-hans"


def test_unknown_lang_is_a_400_naming_the_parameter(client):
    response = client.get("/api/v1/forums/?lang=klingon")

    assert response.status_code == 400
    assert response.json() == {"lang": ["Unknown language. Choose one of: en, zh-hans."]}


# --- Conditional requests --------------------------------------------------------------


def test_list_answers_with_an_etag_and_304_when_unchanged(client):
    QuoteFactory()
    first = client.get("/api/v1/quotes/")

    again = client.get("/api/v1/quotes/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert first["ETag"]
    assert again.status_code == 304
    assert again.content == b""


def test_etag_changes_with_the_content(client):
    quote = QuoteFactory()
    first = client.get(f"/api/v1/quotes/{quote.pk}/")
    quote.text = "Corrected wording."
    quote.save()

    again = client.get(f"/api/v1/quotes/{quote.pk}/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert again.json()["text"] == "Corrected wording."


def test_etag_differs_by_language(client, bilingual_forum):
    english = client.get("/api/v1/forums/")
    chinese = client.get("/api/v1/forums/?lang=zh-hans", HTTP_IF_NONE_MATCH=english["ETag"])

    assert chinese.status_code == 200
    assert chinese["ETag"] != english["ETag"]


# --- Rate limit ------------------------------------------------------------------------


def test_anonymous_use_is_rate_limited(client, press_user, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setitem(AnonRateThrottle.THROTTLE_RATES, "anon", "2/minute")
    headers = auth(press_user)

    statuses = [client.get("/api/v1/topics/").status_code for _ in range(3)]
    with_token = client.get("/api/v1/topics/", **headers)

    assert statuses == [200, 200, 429]
    assert with_token.status_code == 200


def test_error_messages_follow_the_language(client):
    response = client.get("/api/v1/sessions/?lang=zh-hans&page=0")

    assert response.json() == {"page": ["必须是大于等于 1 的整数。"]}
