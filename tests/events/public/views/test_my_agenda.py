"""My agenda: stars without an account (cookie) and with one (server), clashes, the feed."""

import datetime as dt
from html.parser import HTMLParser

import pytest
import time_machine
from cms.api import add_plugin
from cms.models import Page
from django.test import Client
from icalendar import Calendar

from events.models import AgendaStar, Session
from events.public.my_agenda import COOKIE
from tests.events.public_data import build_forum
from tests.events.querycount import queries_for, warm_up
from tests.factories import (
    ForumFactory,
    PanelTopicFactory,
    SessionFactory,
    SessionParticipantFactory,
    SpeakerFactory,
    shanghai,
)

pytestmark = pytest.mark.django_db

SITE = "http://testserver"
PAGE = "/en/my-agenda/"
# The CMS's menu (3), the starred sessions with forums, rooms, venues, translations,
# rooms' and venues' names, topics and participants with their affiliations (12).
PAGE_BUDGET = 16


def _star(client, session, action="toggle", **headers):
    headers.setdefault("HTTP_ORIGIN", SITE)
    return client.post("/en/my-agenda/star/", {"session": session.pk, "action": action}, **headers)


def _listed(client):
    response = client.get(PAGE)
    assert response.status_code == 200
    return [str(s) for _day, sessions in response.context["days"] for s in sessions]


class _Stars(HTMLParser):
    """A page's star forms (with their hidden fields), star buttons and ids, as parsed."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.forms, self.buttons, self.ids, self._form = [], [], [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.ids += [attrs["id"]] if "id" in attrs else []
        if tag == "form" and attrs.get("id") == "star-form":
            self._form = {"action": attrs["action"], "fields": {}}
            self.forms.append(self._form)
        elif tag == "input" and self._form is not None and attrs.get("type") == "hidden":
            self._form["fields"][attrs["name"]] = attrs["value"]
        elif tag == "button" and "star" in attrs.get("class", "").split():
            self.buttons.append(attrs)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def _feed_events(client, url):
    response = client.get(url.removeprefix(SITE))
    assert response.status_code == 200
    return {str(e["summary"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}


@pytest.fixture
def sessions(site_pages):
    forum = ForumFactory(slug="auto-forum")
    return [
        SessionFactory(forum=forum, title="Keynote", starts_at=shanghai(6, 9)),
        SessionFactory(forum=forum, title="Panel", starts_at=shanghai(6, 9, 30)),
        SessionFactory(forum=forum, title="Dialogue", starts_at=shanghai(7, 14)),
    ]


def test_a_visitor_stars_without_javascript_and_goes_back_to_the_page(client, sessions):
    agenda = sessions[0].forum.get_absolute_url()
    response = _star(client, sessions[0], HTTP_REFERER=SITE + agenda)
    assert response.status_code == 302
    assert response["Location"] == f"{SITE}{agenda}#session-{sessions[0].pk}"
    assert client.cookies[COOKIE].value == str(sessions[0].pk)
    assert client.cookies[COOKIE]["httponly"] and client.cookies[COOKIE]["samesite"] == "Lax"
    assert _listed(client) == ["Keynote"]
    _star(client, sessions[0])  # the same button again: off
    assert _listed(client) == []
    assert AgendaStar.objects.count() == 0  # a visitor's stars stay in their browser


def test_an_agenda_row_stars_without_javascript_through_the_pages_one_form(client, sessions):
    agenda = sessions[0].forum.get_absolute_url()
    page = _Stars(client.get(agenda).content.decode())
    (form,) = page.forms
    assert {b["value"] for b in page.buttons} == {str(s.pk) for s in sessions}
    button = next(b for b in page.buttons if b["value"] == str(sessions[1].pk))
    assert button["form"] == "star-form" and button.get("type", "submit") == "submit"
    # What a browser posts for a click: the form's fields and the button's name and value.
    data = {**form["fields"], button["name"]: button["value"]}
    response = client.post(form["action"], data, HTTP_ORIGIN=SITE, HTTP_REFERER=SITE + agenda)
    assert response["Location"] == f"{SITE}{agenda}#session-{sessions[1].pk}"
    assert _listed(client) == ["Panel"]
    client.post(form["action"], data, HTTP_ORIGIN=SITE)  # the same button again: off
    assert _listed(client) == []


@time_machine.travel(dt.datetime(2023, 7, 1, tzinfo=dt.UTC), tick=False)
def test_a_page_of_several_listings_has_the_star_form_once(client, site_pages):
    topic, speaker = PanelTopicFactory(), SpeakerFactory()
    forum, sessions = build_forum(2, speaker=speaker, topic=topic)
    past = SessionFactory(starts_at=dt.datetime(2023, 6, 1, tzinfo=dt.UTC))
    past.ends_at = past.starts_at + dt.timedelta(hours=1)
    past.save()
    SessionParticipantFactory(session=past, speaker=speaker)  # the speaker's past sessions
    home = Page.objects.get(reverse_id="home")
    placeholder = home.get_placeholders("en", admin_manager=True).get(slot="content")
    add_plugin(placeholder, "UpcomingSessionsPlugin", "en", count=5)
    add_plugin(placeholder, "TopicSessionsPlugin", "en", topic=topic, count=5)
    add_plugin(placeholder, "ForumAgendaPlugin", "en", forum=forum)
    pages = {"/en/": 3, speaker.get_absolute_url(): 2, topic.get_absolute_url(): 1}
    pages |= {forum.get_absolute_url(): 1, sessions[0].get_absolute_url(): 0}
    for path, listings in pages.items():
        html = client.get(path).content.decode()
        assert html.count('<ol class="agenda">') >= listings, path
        page = _Stars(html)
        assert len(page.forms) == 1 and page.ids.count("star-form") == 1, path
        assert page.buttons and {b["form"] for b in page.buttons} == {"star-form"}, path


def test_javascript_gets_the_starred_ids_as_json(client, sessions):
    response = _star(client, sessions[2], action="add", HTTP_ACCEPT="application/json")
    assert response.json() == {"starred": [sessions[2].pk]}
    _star(client, sessions[2], action="add")  # adding twice keeps one
    stars = client.get("/en/my-agenda/stars.json")
    assert stars.json() == {"starred": [sessions[2].pk]}
    assert "no-cache" in stars["Cache-Control"] and "private" in stars["Cache-Control"]


def test_another_site_cannot_post_stars(client, sessions):
    for headers in ({"HTTP_ORIGIN": "https://evil.example"}, {"HTTP_ORIGIN": ""}):
        assert _star(client, sessions[0], **headers).status_code == 403
    assert COOKIE not in client.cookies


def test_a_session_the_visitor_may_not_see_cannot_be_starred(client, sessions):
    draft = SessionFactory(forum=sessions[0].forum, status=Session.Status.DRAFT)
    assert _star(client, draft).status_code == 404
    bad = client.post("/en/my-agenda/star/", {"session": "1;DROP"}, HTTP_ORIGIN=SITE)
    assert bad.status_code == 404


def test_a_cookie_that_lies_is_read_as_what_it_can_be(client, sessions):
    client.cookies[COOKIE] = f"{sessions[1].pk}.x.-3.{sessions[1].pk}.99999"
    assert _listed(client) == ["Panel"]


def test_clashes_are_marked(client, sessions):
    for session in sessions:
        _star(client, session, action="add")
    response = client.get(PAGE)
    html = response.content.decode()
    assert _listed(client) == ["Keynote", "Panel", "Dialogue"]
    assert html.count('class="agenda-item clash"') == 2
    assert f'href="#session-{sessions[1].pk}">Panel</a>' in html


def test_a_signed_in_users_stars_follow_them_to_another_device(client, sessions, press_user):
    _star(client, sessions[1], action="add")  # before signing in: in the cookie
    client.force_login(press_user)
    _star(client, sessions[0], action="add")
    assert _listed(client) == ["Keynote", "Panel"]  # the cookie's star was taken in
    other_device = Client()
    other_device.force_login(press_user)
    assert _listed(other_device) == ["Keynote", "Panel"]


def test_the_feed_follows_stars_and_the_organizers_changes(client, sessions):
    _star(client, sessions[0], action="add")
    client.post("/en/my-agenda/feed/", {"action": "start"})
    url = client.get(PAGE).context["feed_url"]
    assert url.startswith(f"{SITE}/en/my-agenda/feed/") and url.endswith(".ics")
    assert set(_feed_events(Client(), url)) == {"Keynote"}  # a calendar app: no cookies
    _star(client, sessions[2], action="add")
    moved = sessions[2]
    moved.starts_at, moved.ends_at = shanghai(7, 16), shanghai(7, 17)
    moved.save()
    events = _feed_events(Client(), url)
    assert set(events) == {"Keynote", "Dialogue"}
    assert events["Dialogue"]["dtstart"].dt == shanghai(7, 16)
    moved.status = Session.Status.DRAFT
    moved.save()
    assert set(_feed_events(Client(), url)) == {"Keynote"}


def test_renewing_revokes_the_old_address_and_stopping_ends_it(client, sessions):
    _star(client, sessions[0], action="add")
    client.post("/en/my-agenda/feed/", {"action": "start"})
    old = client.get(PAGE).context["feed_url"]
    client.post("/en/my-agenda/feed/", {"action": "renew"})
    new = client.get(PAGE).context["feed_url"]
    assert new != old
    assert Client().get(old.removeprefix(SITE)).status_code == 404
    assert set(_feed_events(Client(), new)) == {"Keynote"}
    client.post("/en/my-agenda/feed/", {"action": "stop"})
    assert client.get(PAGE).context["feed_url"] == ""
    assert Client().get(new.removeprefix(SITE)).status_code == 404
    assert _listed(client) == ["Keynote"]  # stopping the feed keeps the stars


def test_unknown_feed_is_404(client, site_pages):
    assert client.get("/en/my-agenda/feed/nope.ics").status_code == 404


def test_public_pages_stay_the_same_for_every_visitor(sessions, settings):
    settings.PUBLIC_CACHE_SECONDS = 3600
    agenda = sessions[0].forum.get_absolute_url()
    starring, plain = Client(), Client()
    _star(starring, sessions[0], action="add")
    first = starring.get(agenda)
    second = plain.get(agenda)
    assert first.content == second.content
    assert "Set-Cookie" not in first.headers and "ETag" in second.headers
    assert f'name="session" value="{sessions[0].pk}"' in second.content.decode()


def test_my_agenda_query_counts_do_not_grow(site_pages):
    client = Client()
    _forum, (one,) = build_forum(1)
    _star(client, one, action="add")
    warm_up(client, PAGE)
    small = queries_for(client, PAGE)
    _forum, many = build_forum(50, forum=ForumFactory(start_date=dt.date(2023, 7, 6)))
    for session in many:
        _star(client, session, action="add")
    assert queries_for(client, PAGE) == small <= PAGE_BUDGET
