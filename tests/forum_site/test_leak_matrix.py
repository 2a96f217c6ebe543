"""No leaks, every cell: role × surface × state, each with its expected outcome.

One world holds a published forum with a public session and, beside them, one item in
each hidden state, each named by a marker word. Every surface is fetched by every role,
and each marker is looked for in the answer (ZIP packs are unpacked). A cell passes when
the marker is present exactly where EXPECTED_VISIBLE says, and absent everywhere else.
A control marker, public everywhere, must be present on every surface that lists its
kind, so that an error page or an empty list cannot pass for "nothing leaked".

The press has no per-forum accreditation in this site: a press user sees every forum's
embargoed quotes, so "a press user of another forum" has no cell of its own.
"""

import datetime as dt
import io
import zipfile

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from rest_framework.authtoken.models import Token

from events.models import Forum, Quote, Session
from tests.factories import (
    ForumFactory,
    PanelTopicFactory,
    QuoteFactory,
    SessionFactory,
    SessionParticipantFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "press", "editor", "organizer")
CONTROL = "Zqcontrolquote"
# state: the marker word its item carries.
STATES = {
    "draft session": "Zqdraftsession",
    "unpublished forum": "Zqunpublishedforum",
    "embargoed quote, before its lift": "Zqembargoedquote",
    "embargoed quote, after its lift": "Zqembargoedquote",
    "retracted quote": "Zqretractedquote",
    "hidden speaker": "Zqhiddenspeaker",
}
LIFTED = "embargoed quote, after its lift"
PUBLIC_PAGES = (
    "forum list", "agenda", "session page", "speaker list", "speaker page", "topic list",
    "topic page", "quote page", "quotes RSS", "quotes Atom", "sessions RSS", "sessions Atom",
    "sitemap", "forum iCal", "session iCal", "frab XML", "frab JSON", "agenda CSV",
    "programme PDF", "site search", "agenda embed",
)  # fmt: skip
PRESS = ("press search", "press CSV", "press JSON", "press Markdown", "forum pack", "session pack")
API = ("API quotes", "API sessions", "API speakers", "API forums", "API topics",
       "API quote detail", "API session detail")  # fmt: skip
OWN_PAGES = ("own page", "own API detail")
# The cached public tier: the role fetches the page, then a visitor fetches the same URL.
CACHED = tuple(f"cached {page}" for page in ("agenda", "session page", "speaker page",
                                             "topic page", "quotes RSS", "forum iCal"))  # fmt: skip
SURFACES = PUBLIC_PAGES + PRESS + API + OWN_PAGES + CACHED

QUOTE_SURFACES = {"session page", "speaker page", "topic page", "quotes RSS", "quotes Atom",
                  "press search", "press CSV", "press JSON", "press Markdown", "forum pack",
                  "session pack", "API quotes"}  # fmt: skip

# Organizers preview everything in the pages, the press search and the API they read as
# themselves; nothing hidden ever leaves in a feed, an export, a pack, a frab file or the
# sitemap, and no visitor ever gets their page from the cache.
_OWN = {"own page", "own API detail"}
_PREVIEW_QUOTES = {"session page", "speaker page", "topic page", "press search", "API quotes"}
_EMBARGOED = {
    "session page",
    "speaker page",
    "topic page",
    "press search",
    "press CSV",
    "press JSON",
    "press Markdown",
    "forum pack",
    "session pack",
    "API quotes",
    *_OWN,
}
_LIFTED = (
    _EMBARGOED
    | {"quotes RSS", "quotes Atom"}
    | {f"cached {p}" for p in ("session page", "speaker page", "topic page", "quotes RSS")}
)
# (state, role): the surfaces on which the state's marker is expected. Absent elsewhere.
EXPECTED_VISIBLE = {
    ("draft session", "organizer"): {"agenda", "agenda embed", "session page", "speaker page",
                                     "topic page",
                                     "forum iCal", "programme PDF", "API sessions",
                                     "press search", "site search", *_OWN},
    ("unpublished forum", "organizer"): {"forum list", "API forums", "API sessions",
                                         "API quotes", "speaker page", "topic page",
                                         "press search", "site search", *_OWN},
    ("embargoed quote, before its lift", "press"): _EMBARGOED,
    ("embargoed quote, before its lift", "organizer"): _EMBARGOED,
    **{(LIFTED, role): _LIFTED for role in ROLES},
    ("retracted quote", "organizer"): _PREVIEW_QUOTES | {"own API detail"},
    ("hidden speaker", "organizer"): {"agenda", "agenda embed", "session page", "speaker list",
                                      "topic page",
                                      "forum iCal", "session iCal", "programme PDF",
                                      "press search", "site search",
                                      "API speakers", "API sessions", "API session detail",
                                      "API quotes", *_OWN},
}  # fmt: skip


def expected(state, role, surface):
    return surface in EXPECTED_VISIBLE.get((state, role), set())


@pytest.fixture
def world(site_pages):
    now = timezone.now()
    topic = PanelTopicFactory(title="Going abroad", slug="going-abroad")
    forum = ForumFactory(name="Auto Forum", slug="auto-forum")
    speaker = SpeakerFactory(name="Luo Junjie", slug="luo-junjie")
    hidden = SpeakerFactory(name=STATES["hidden speaker"], slug="hidden", is_published=False)
    public = SessionFactory(forum=forum, title="Opening up", slug="opening-up")
    draft = SessionFactory(
        forum=forum, title=STATES["draft session"], slug="draft", status=Session.Status.DRAFT
    )
    public.topics.add(topic)
    draft.topics.add(topic)
    SessionParticipantFactory(session=public, speaker=speaker)
    SessionParticipantFactory(session=public, speaker=hidden)
    SessionParticipantFactory(session=draft, speaker=speaker)
    unpublished = ForumFactory(
        name=STATES["unpublished forum"], slug="unpublished", status=Forum.Status.DRAFT
    )
    SessionFactory(forum=unpublished, title=STATES["unpublished forum"], slug="hidden-forum-talk")
    said = {"speaker": speaker, "session": public, "forum": forum}
    quotes = {
        "control": QuoteFactory(text=f"{CONTROL} exports grow.", **said),
        "embargoed": QuoteFactory(
            text=f"{STATES[LIFTED]} next year.", embargo_until=now + dt.timedelta(days=1), **said
        ),
        "retracted": QuoteFactory(
            text=f"{STATES['retracted quote']} oops.", status=Quote.Status.RETRACTED, **said
        ),
        "hidden": QuoteFactory(text="Said by the hidden one.", speaker=hidden, forum=forum),
        "unpublished": QuoteFactory(
            text=f"{STATES['unpublished forum']} said.", speaker=speaker, forum=unpublished
        ),
    }
    for quote in quotes.values():
        quote.topics.add(topic)
    return {"forum": forum, "public": public, "draft": draft, "speaker": speaker,
            "hidden": hidden, "unpublished": unpublished, "topic": topic, "quotes": quotes,
            "now": now}  # fmt: skip


def _client(role, django_user_model):
    if role == "anonymous":
        return Client(), None
    call_command("setup_roles", verbosity=0)
    group = {"press": "Press", "editor": "Editors", "organizer": "Organizers"}[role]
    user = django_user_model.objects.create_user(role, password="pw", is_staff=role != "press")
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client, Token.objects.create(user=user).key


def _urls(w):
    forum, public, speaker, topic = w["forum"], w["public"], w["speaker"], w["topic"]
    f, s = {"slug": forum.slug}, {"forum_slug": forum.slug, "slug": public.slug}
    pack = {"forum_slug": forum.slug}
    quote = w["quotes"]["control"]
    urls = {
        "forum list": reverse("events:forum-list"),
        "agenda": forum.get_absolute_url(),
        "session page": public.get_absolute_url(),
        "speaker list": reverse("speakers:speaker-list"),
        "speaker page": speaker.get_absolute_url(),
        "topic list": reverse("topics:topic-list"),
        "topic page": topic.get_absolute_url(),
        "quote page": quote.get_absolute_url(),
        "quotes RSS": reverse("events:quotes-rss"),
        "quotes Atom": reverse("events:quotes-atom"),
        "sessions RSS": reverse("events:forum-sessions-rss", kwargs=f),
        "sessions Atom": reverse("events:forum-sessions-atom", kwargs=f),
        "sitemap": "/sitemap.xml",
        "forum iCal": reverse("events:forum-calendar", kwargs=f),
        "session iCal": reverse("events:session-calendar", kwargs=s),
        "frab XML": reverse("events:forum-schedule-xml", kwargs=f),
        "frab JSON": reverse("events:forum-schedule-json", kwargs=f),
        "agenda CSV": reverse("events:forum-agenda-csv", kwargs=f),
        "programme PDF": reverse("events:forum-programme", kwargs=f),
        "agenda embed": reverse("events:forum-embed", kwargs=f),
        # Every marker starts "Zq": sessions, speakers and topics match it as a substring.
        "site search": "/en/search/?q=zq",
        "press search": reverse("press:search"),
        "press CSV": reverse("press:export", kwargs={"fmt": "csv"}),
        "press JSON": reverse("press:export", kwargs={"fmt": "json"}),
        "press Markdown": reverse("press:export", kwargs={"fmt": "md"}),
        "forum pack": reverse("press:forum-pack", kwargs=pack),
        "session pack": reverse("press:session-pack", kwargs={**pack, "session_slug": public.slug}),
        "API quotes": "/api/v1/quotes/",
        "API sessions": "/api/v1/sessions/",
        "API speakers": "/api/v1/speakers/",
        "API forums": "/api/v1/forums/",
        "API topics": "/api/v1/topics/",
        "API quote detail": f"/api/v1/quotes/{quote.pk}/",
        "API session detail": f"/api/v1/sessions/{public.pk}/",
    }
    for page in CACHED:
        urls[page] = urls[page.removeprefix("cached ")]
    return urls


def _own(w, state):
    """The page and API detail of the state's own item."""
    quotes = w["quotes"]
    item, api = {
        "draft session": (w["draft"], f"/api/v1/sessions/{w['draft'].pk}/"),
        "unpublished forum": (w["unpublished"], f"/api/v1/forums/{w['unpublished'].pk}/"),
        "embargoed quote, before its lift": (quotes["embargoed"], "quotes"),
        LIFTED: (quotes["embargoed"], "quotes"),
        "retracted quote": (quotes["retracted"], "quotes"),
        "hidden speaker": (w["hidden"], f"/api/v1/speakers/{w['hidden'].pk}/"),
    }[state]
    if api == "quotes":
        api = f"/api/v1/quotes/{item.pk}/"
    return {"own page": item.get_absolute_url(), "own API detail": api}


def _text(response):
    assert response.status_code in (200, 404, 410), (response.status_code, response)
    if response.get("Content-Type", "") == "application/pdf":
        pages = PdfReader(io.BytesIO(response.content)).pages
        return "\n".join(page.extract_text() for page in pages)
    if response.get("Content-Type", "").startswith("application/zip"):
        with zipfile.ZipFile(io.BytesIO(response.content)) as pack:
            return "\n".join(pack.read(name).decode() for name in pack.namelist())
    return response.content.decode()


def _fetch(client, token, url, surface, statuses=None):
    if surface.startswith("API") or surface == "own API detail":
        headers = {"Authorization": f"Token {token}"} if token else {}
        response = client.get(url, headers=headers)
    elif surface.startswith("cached "):
        client.get(url)  # the role's request first; then a visitor's, from the same cache
        response = Client().get(url)
    else:
        response = client.get(url)
    if statuses is not None:
        statuses[surface] = response.status_code
    return _text(response)


def _check(role, texts, states, checked, leaks):
    for surface, text in texts.items():
        for state in states:
            shown = STATES[state] in text
            checked.append((role, surface, state))
            if shown != expected(state, role, surface):
                leaks.append((role, surface, state, "shown" if shown else "missing"))


def _control_missing(texts):
    needs_control = QUOTE_SURFACES | {f"cached {p}" for p in QUOTE_SURFACES}
    return [s for s in needs_control if s in texts and CONTROL not in texts[s]]


@pytest.mark.parametrize("role", ROLES)
def test_no_hidden_item_reaches_anyone_who_may_not_see_it(
    world, role, django_user_model, settings, capsys
):
    settings.PUBLIC_CACHE_SECONDS = 3600
    client, token = _client(role, django_user_model)
    urls = _urls(world)
    checked, leaks = [], []
    before = [state for state in STATES if state != LIFTED]
    statuses = {}
    texts = {s: _fetch(client, token, url, s, statuses) for s, url in urls.items()}
    _check(role, texts, before, checked, leaks)
    assert _control_missing(texts) == []
    assert {s: code for s, code in statuses.items() if code != 200} == {}
    for state in before:
        own = {s: _fetch(client, token, url, s) for s, url in _own(world, state).items()}
        _check(role, own, [state], checked, leaks)
    with time_machine.travel(world["now"] + dt.timedelta(days=2)):
        texts = {s: _fetch(client, token, url, s) for s, url in urls.items()}
        texts.update({s: _fetch(client, token, u, s) for s, u in _own(world, LIFTED).items()})
        _check(role, texts, [LIFTED], checked, leaks)
    with capsys.disabled():
        print(f"\nleak matrix, {role}: {len(checked)} cells checked, {len(leaks)} wrong")
    assert sorted(leaks) == [], "\n".join(map(str, sorted(leaks)))
