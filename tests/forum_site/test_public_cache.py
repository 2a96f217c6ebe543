"""The cached public tier (forum_site/public_cache.py): what is cached, for whom, until when.

A page served from the cache is told apart from a fresh one by changing the database
behind the cache's back (QuerySet.update sends no signal, so nothing is invalidated):
a cached answer still shows the old text. Real writes (save, the admin, the CMS) run
their commit callbacks, as they would outside the test's transaction.
"""

import datetime as dt
import gzip
import re
from urllib.parse import urlencode

import pytest
import time_machine
from cms.models import Page
from django.urls import reverse
from django.utils import timezone

from events.models import Forum, Quote, Session
from speakers.models import Speaker
from tests.admin_form import submit
from tests.factories import (
    AffiliationFactory,
    ForumFactory,
    QuoteFactory,
    SessionFactory,
    SessionParticipantFactory,
)

pytestmark = pytest.mark.django_db

FUTURE = dt.datetime(2999, 1, 1, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def tier(settings, site_pages):
    settings.PUBLIC_CACHE_SECONDS = 3600
    settings.PUBLIC_CACHE_MAX_AGE = 60


@pytest.fixture
def session():
    return SessionFactory(title="Exports and the energy transition")


def _get(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code in (200, 304), (url, response.status_code)
    return response


def _text(client, url):
    return _get(client, url).content.decode()


def _retitle_unnoticed(session, title):
    """Change the title in the database without any signal: the cache is not told."""
    Session._parler_meta.root_model.objects.filter(master=session).update(title=title)


def _agenda(session):
    return session.forum.get_absolute_url()


# --- Served from the cache ------------------------------------------------------


def test_an_anonymous_page_is_served_from_the_cache(client, session):
    assert "Exports and the energy transition" in _text(client, _agenda(session))
    _retitle_unnoticed(session, "Changed unnoticed")
    assert "Exports and the energy transition" in _text(client, _agenda(session))


@pytest.mark.parametrize(
    "page",
    ["session", "calendar", "feed", "schedule.json", "speaker", "forum list", "home"],
)
def test_every_kind_of_public_page_is_cached(client, session, page):
    SessionParticipantFactory(session=session, speaker__slug="xu")
    url = {
        "session": session.get_absolute_url(),
        "calendar": f"{_agenda(session)}calendar.ics",
        "feed": f"{_agenda(session)}sessions.rss",
        "schedule.json": f"{_agenda(session)}schedule.json",
        "speaker": "/en/speakers/xu/",
        "forum list": "/en/forums/",
        "home": "/en/",
    }[page]
    first = _get(client, url)
    assert first.has_header("ETag")
    assert _get(client, url).content == first.content


def test_languages_and_query_strings_are_kept_apart(client, session):
    english = _text(client, _agenda(session))
    chinese = _text(client, _agenda(session).replace("/en/", "/zh-hans/"))
    assert 'lang="en"' in english and 'lang="zh-hans"' in chinese
    _retitle_unnoticed(session, "Changed unnoticed")
    assert "Changed unnoticed" in _text(client, _agenda(session) + "?kind=keynote")
    assert "Changed unnoticed" not in _text(client, _agenda(session))


# --- ETag, Cache-Control, 304 ---------------------------------------------------------


def test_answers_carry_an_etag_and_public_max_age(client, session):
    response = _get(client, _agenda(session))
    assert response["Cache-Control"] == "public, max-age=60"
    again = _get(client, _agenda(session))
    assert again["ETag"] == response["ETag"]


def test_a_matching_if_none_match_gets_304_and_a_stale_one_the_page(client, session):
    etag = _get(client, _agenda(session))["ETag"]
    not_modified = _get(client, _agenda(session), if_none_match=etag)
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == etag
    stale = _get(client, _agenda(session), if_none_match='"something-older"')
    assert stale.status_code == 200 and stale["ETag"] == etag


def test_a_changed_page_gets_a_new_etag(client, session, django_capture_on_commit_callbacks):
    etag = _get(client, _agenda(session))["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        session.title = "Retitled"
        session.save()
    response = _get(client, _agenda(session), if_none_match=etag)
    assert response.status_code == 200 and response["ETag"] != etag
    assert "Retitled" in response.content.decode()


# --- gzip ---------------------------------------------------------------------------


def _gzip_get(client, url, **headers):
    return _get(client, url, accept_encoding="gzip, deflate, br", **headers)


def test_a_browser_gets_the_page_gzipped_from_its_first_request_on(client, session):
    answers = [_gzip_get(client, _agenda(session)) for _ in range(2)]  # made, then a hit
    plain = _get(client, _agenda(session)).content
    for response in answers:
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        assert int(response["Content-Length"]) == len(response.content) < len(plain)
        assert gzip.decompress(response.content) == plain


def test_a_client_without_gzip_gets_the_same_page_plain(client, session):
    zipped = _gzip_get(client, _agenda(session))
    plain = _get(client, _agenda(session))
    assert not plain.has_header("Content-Encoding")
    assert "Accept-Encoding" in plain["Vary"]
    assert plain.content == gzip.decompress(zipped.content)
    assert int(plain["Content-Length"]) == len(plain.content)


def test_both_encodings_share_one_weak_etag(client, session):
    zipped = _gzip_get(client, _agenda(session))
    assert zipped["ETag"].startswith('W/"')
    assert _get(client, _agenda(session), if_none_match=zipped["ETag"]).status_code == 304
    assert _gzip_get(client, _agenda(session), if_none_match=zipped["ETag"]).status_code == 304


@pytest.mark.parametrize("page", ["calendar.ics", "schedule.json", "schedule.xml"])
def test_text_exports_are_gzipped_too(client, session, page):
    response = _gzip_get(client, f"{_agenda(session)}{page}")
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content) == _get(client, f"{_agenda(session)}{page}").content


def test_a_pdf_is_not_gzipped_again(client, session):
    response = _gzip_get(client, f"{_agenda(session)}programme.pdf")
    assert response.content.startswith(b"%PDF")
    assert not response.has_header("Content-Encoding")


def test_max_age_is_what_is_left_before_the_next_embargo_lift(client, session):
    lift = timezone.now() + dt.timedelta(seconds=30)
    QuoteFactory(session=session, forum=session.forum, embargo_until=lift)
    response = _get(client, session.get_absolute_url())
    assert 0 < int(response["Cache-Control"].rsplit("=", 1)[1]) <= 30


# --- Never cached ------------------------------------------------------------------


def _is_cached(client, session, url, **extra):
    """Whether `url` answers from the cache: asked, retitled unnoticed, asked again."""
    client.get(url, **extra)
    _retitle_unnoticed(session, "Changed unnoticed")
    cached = "Changed unnoticed" not in client.get(url, **extra).content.decode()
    _retitle_unnoticed(session, "Exports and the energy transition")
    return cached


def test_logged_in_users_are_never_served_or_served_from_the_cache(client, session, organizer):
    client.force_login(organizer)
    assert not _is_cached(client, session, _agenda(session))
    assert not _get(client, _agenda(session)).has_header("ETag")


def test_a_session_cookie_bypasses_the_cache(client, session):
    client.cookies["sessionid"] = "whatever"
    assert not _is_cached(client, session, _agenda(session))


@pytest.mark.parametrize("parameter", ["toolbar_on", "edit", "structure"])
def test_the_cms_toolbar_is_never_cached(client, session, parameter):
    url = f"{_agenda(session)}?{parameter}"
    assert not _is_cached(client, session, url)
    assert "public" not in _get(client, url).get("Cache-Control", "")


def test_non_get_requests_are_never_answered_from_the_cache(client, session):
    _get(client, _agenda(session))
    _retitle_unnoticed(session, "Changed unnoticed")
    response = client.post(_agenda(session))
    assert "Changed unnoticed" in response.content.decode()
    assert not response.has_header("ETag")


def test_press_pages_are_never_cached(client, press_user):
    response = client.get("/en/press/")
    assert not response.has_header("ETag")
    assert "public" not in response.get("Cache-Control", "")


def test_a_404_is_not_cached(client, session):
    assert client.get("/en/forums/not-yet/").status_code == 404
    ForumFactory(slug="not-yet")
    assert client.get("/en/forums/not-yet/").status_code == 200


# --- No leak ----------------------------------------------------------------------


def _quote_page(quote):
    return quote.get_absolute_url()


@pytest.fixture
def embargoed_quote(session):
    return QuoteFactory(
        session=session, forum=session.forum, text="Not before the embargo", embargo_until=FUTURE
    )


def test_a_press_users_page_never_reaches_a_visitor(client, press_user, session, embargoed_quote):
    client.force_login(press_user)
    assert "Not before the embargo" in _text(client, session.get_absolute_url())
    quote_page = _text(client, _quote_page(embargoed_quote))
    assert "EMBARGOED until" in quote_page  # the press-only label
    client.logout()
    client.cookies.clear()
    visitor = _get(client, session.get_absolute_url())
    assert "Not before the embargo" not in visitor.content.decode()
    assert visitor.has_header("ETag")  # a page of the cached tier, stored for every visitor
    assert client.get(_quote_page(embargoed_quote)).status_code == 404


def test_a_visitors_cached_page_never_hides_what_a_press_user_may_see(
    client, press_user, session, embargoed_quote
):
    visitor = _get(client, session.get_absolute_url())
    assert "Not before the embargo" not in visitor.content.decode()
    assert visitor.has_header("ETag")
    client.force_login(press_user)
    press = _get(client, session.get_absolute_url())
    assert "Not before the embargo" in press.content.decode()
    assert not press.has_header("ETag")


def test_a_draft_shown_to_an_organizer_never_reaches_a_visitor(client, organizer, session):
    SessionFactory(forum=session.forum, title="Draft keynote", status=Session.Status.DRAFT)
    client.force_login(organizer)
    assert "Draft keynote" in _text(client, _agenda(session))
    client.logout()
    client.cookies.clear()
    visitor = _get(client, _agenda(session))
    assert "Draft keynote" not in visitor.content.decode()
    assert visitor.has_header("ETag")


def test_a_lifted_embargo_shows_without_any_write(client, session):
    lift = timezone.now() + dt.timedelta(hours=2)
    QuoteFactory(
        session=session, forum=session.forum, text="Said under embargo", embargo_until=lift
    )
    assert "Said under embargo" not in _text(client, session.get_absolute_url())
    with time_machine.travel(lift + dt.timedelta(seconds=1)):
        assert "Said under embargo" in _text(client, session.get_absolute_url())


def test_a_session_ending_moves_it_to_past_on_its_speakers_page(client):
    ends = timezone.now() + dt.timedelta(hours=1)
    SessionParticipantFactory(
        speaker__slug="xu",
        session__title="Live now",
        session__starts_at=ends - dt.timedelta(hours=2),
        session__ends_at=ends,
    )
    before = _text(client, "/en/speakers/xu/")
    assert "Upcoming sessions" in before and "Past sessions" not in before
    with time_machine.travel(ends + dt.timedelta(seconds=1)):
        after = _text(client, "/en/speakers/xu/")
    assert "Upcoming sessions" not in after and "Past sessions" in after


# --- Invalidation ---------------------------------------------------------------------


def test_an_admin_edit_shows_at_once(
    client, organizer, session, django_capture_on_commit_callbacks
):
    _get(client, session.get_absolute_url())
    _get(client, _agenda(session))
    client.force_login(organizer)
    url = f"/en/admin/events/session/{session.pk}/change/"
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, url, title="Retitled in the admin")
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    client.cookies.clear()
    assert "Retitled in the admin" in _text(client, session.get_absolute_url())
    assert "Retitled in the admin" in _text(client, _agenda(session))


def _rename_forum_unnoticed(forum, name):
    Forum._parler_meta.root_model.objects.filter(master=forum).update(name=name)


def test_a_forums_edit_leaves_other_forums_pages_cached(
    client, session, django_capture_on_commit_callbacks
):
    other = SessionFactory(forum__name="Elsewhere").forum
    _get(client, other.get_absolute_url())
    _get(client, "/en/forums/")
    _rename_forum_unnoticed(other, "Elsewhere, renamed unnoticed")
    with django_capture_on_commit_callbacks(execute=True):
        session.title = "Retitled"
        session.save()
    assert "Retitled" in _text(client, _agenda(session))
    assert "Elsewhere, renamed unnoticed" not in _text(client, other.get_absolute_url())
    # The forum list spans forums: made afresh, it shows the other forum as it now is.
    assert "Elsewhere, renamed unnoticed" in _text(client, "/en/forums/")


def test_a_speaker_edit_changes_every_forums_pages(
    client, session, django_capture_on_commit_callbacks
):
    participant = SessionParticipantFactory(session=session, speaker__name="Xu Haidong")
    assert "Xu Haidong" in _text(client, _agenda(session))
    with django_capture_on_commit_callbacks(execute=True):
        speaker = Speaker.objects.get(pk=participant.speaker_id)
        speaker.name = "Xu Haidong (renamed)"
        speaker.save()
    assert "Xu Haidong (renamed)" in _text(client, _agenda(session))


def test_an_affiliation_change_shows_on_the_session_page(
    client, session, django_capture_on_commit_callbacks
):
    participant = SessionParticipantFactory(session=session)
    _get(client, session.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        AffiliationFactory(speaker=participant.speaker, title="chief futurist")
    assert "chief futurist" in _text(client, session.get_absolute_url())


def test_a_cms_edit_shows_at_once(client, admin_user, django_capture_on_commit_callbacks):
    assert "Freshly added words" not in _text(client, "/en/")
    home = Page.objects.get(is_home=True)
    placeholder = home.get_placeholders("en").get(slot="content")
    client.force_login(admin_user)
    # What the CMS's structure board does when an editor adds a text plugin.
    add = reverse("admin:cms_placeholder_add_plugin") + "?" + urlencode({
        "placeholder_id": placeholder.pk, "plugin_type": "TextPlugin",
        "plugin_language": "en", "plugin_position": 1, "cms_path": "/en/",
    })  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(add, {"body": "<p>Freshly added words</p>"})
    assert response.status_code == 200 and b"cms-close-frame" in response.content
    client.logout()
    client.cookies.clear()
    assert "Freshly added words" in _text(client, "/en/")


# --- The home page: CMS plugins listing forums and quotes ----------------------------


def test_the_home_page_lists_forums_and_quotes_and_is_cached(client, session):
    QuoteFactory(session=session, forum=session.forum, text="Exports will grow.")
    home = _text(client, "/en/")
    assert str(session.forum) in home and "Exports will grow." in home
    _rename_forum_unnoticed(session.forum, "Renamed unnoticed")
    assert "Renamed unnoticed" not in _text(client, "/en/")


def test_a_forum_edit_shows_on_the_home_page_at_once(
    client, session, django_capture_on_commit_callbacks
):
    _get(client, "/en/")
    with django_capture_on_commit_callbacks(execute=True):
        forum = Forum.objects.get(pk=session.forum_id)
        forum.name = "Renamed forum"
        forum.save()
    assert "Renamed forum" in _text(client, "/en/")


def test_a_lifted_embargo_shows_on_the_home_page_without_any_write(client, session):
    # Sooner than django CMS's own 60 s: the plugins' expiry bounds what it keeps.
    lift = timezone.now() + dt.timedelta(seconds=30)
    QuoteFactory(
        session=session, forum=session.forum, text="Said under embargo", embargo_until=lift
    )
    assert "Said under embargo" not in _text(client, "/en/")
    with time_machine.travel(lift + dt.timedelta(seconds=1)):
        assert "Said under embargo" in _text(client, "/en/")


def test_a_write_during_the_making_of_a_page_keeps_no_copy_of_it(client, session, monkeypatch):
    # The forum list has read the forum; a rename commits before the CMS keeps the page.
    from events import cms_plugins, generations

    render = cms_plugins.LatestQuotesPlugin.render

    def rename_meanwhile(plugin, context, instance, placeholder):
        _rename_forum_unnoticed(session.forum, "Renamed meanwhile")
        generations._bump_now([generations.FORUMS])
        return render(plugin, context, instance, placeholder)

    monkeypatch.setattr(cms_plugins.LatestQuotesPlugin, "render", rename_meanwhile)
    assert "Renamed meanwhile" not in _text(client, "/en/")
    monkeypatch.setattr(cms_plugins.LatestQuotesPlugin, "render", render)
    assert "Renamed meanwhile" in _text(client, "/en/")


def test_a_press_users_visit_leaves_no_embargoed_quote_on_the_home_page(
    client, press_user, session
):
    QuoteFactory(session=session, forum=session.forum, text="Embargoed words", embargo_until=FUTURE)
    client.force_login(press_user)
    _get(client, "/en/")
    client.logout()
    client.cookies.clear()
    assert "Embargoed words" not in _text(client, "/en/")


def test_a_cached_answer_sets_no_cookie_so_nginx_may_keep_it(client, session):
    client.get(_agenda(session))
    client.cookies.clear()
    hit = _get(client, _agenda(session))
    assert hit.has_header("ETag") and not hit.cookies


# --- Content-Security-Policy ------------------------------------------------------------


def _nonces(response):
    """(the nonce in the CSP header, the nonces the page's HTML carries)."""
    header = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    return header and header.group(1), set(re.findall(r'nonce="([^"]+)"', response.text))


def test_a_cached_page_keeps_the_policy_whose_nonce_its_scripts_carry(client, session):
    quote = QuoteFactory(session=session, forum=session.forum)
    fresh = _get(client, _quote_page(quote))
    header_nonce, page_nonces = _nonces(fresh)
    assert header_nonce and page_nonces == {header_nonce}
    Quote.objects.filter(pk=quote.pk).update(text="Changed unnoticed")

    hit = _get(client, _quote_page(quote))

    assert "Changed unnoticed" not in hit.text  # the stored page
    assert _nonces(hit) == (header_nonce, {header_nonce})
    assert hit["X-Frame-Options"] == "DENY"


def test_a_page_made_afresh_after_a_write_gets_a_new_nonce(
    client, session, django_capture_on_commit_callbacks
):
    quote = QuoteFactory(session=session, forum=session.forum)
    before, _ = _nonces(_get(client, _quote_page(quote)))
    with django_capture_on_commit_callbacks(execute=True):
        session.title = "Retitled"
        session.save()
    after, page_nonces = _nonces(_get(client, _quote_page(quote)))
    assert after != before and page_nonces == {after}
