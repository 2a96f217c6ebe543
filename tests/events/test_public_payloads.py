"""Script payloads in every text the public sees: none of them may run on any public page.

Plain-text fields are saved through the models with the payloads; the rich-text fields
(abstract, bio, descriptions) through the organizers' admin forms, as an organizer would
paste them. Then every public page, feed and JSON-LD block that shows them is parsed
(tests/live_markup.py) for live script, and checked to really contain each field.
"""

import datetime as dt

import pytest
import time_machine
from cms.api import add_plugin
from cms.models import Placeholder
from cms.plugin_rendering import ContentRenderer
from defusedxml import ElementTree
from django.contrib.auth.models import AnonymousUser
from django.template import Context
from django.test import Client, RequestFactory
from django.urls import reverse

from events.models import Forum, PanelTopic, Session, SessionParticipant
from speakers.models import Organization, Speaker
from tests.admin_form import submit
from tests.events.public_data import translate
from tests.factories import (
    AffiliationFactory,
    ForumFactory,
    OrganizationFactory,
    PanelTopicFactory,
    QuoteFactory,
    RoomFactory,
    SessionFactory,
    SessionParticipantFactory,
    SourceFactory,
    SpeakerFactory,
    VenueFactory,
)
from tests.live_markup import scan

pytestmark = pytest.mark.django_db

# The three the issue names; the first also closes any <script> (JSON-LD) it lands in.
PAYLOAD = '<script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a>'


def evil(marker):
    """A field value: a word to find the field on the page by, then the payloads."""
    return f"{marker} {PAYLOAD}"


@pytest.fixture
def world(site_pages, organizer_client):
    """A published forum whose every public text field carries the payloads."""
    venue = VenueFactory(
        name=evil("VenueName"),
        district=evil("VenueDistrict"),
        city=evil("VenueCity"),
        country=evil("VenueCountry"),
        address=evil("VenueAddress"),
    )
    forum = ForumFactory(slug="evil-forum", name=evil("ForumName"), venue=venue)
    translate(forum, name=evil("ForumNameZh"))
    room = RoomFactory(venue=venue, name=evil("RoomName"))
    topic = PanelTopicFactory(slug="evil-topic", title=evil("TopicTitle"))
    organization = OrganizationFactory(name=evil("OrgName"))
    speaker = SpeakerFactory(
        slug="evil-speaker",
        name=evil("SpeakerName"),
        name_native=evil("NativeName"),
        photo_credit=evil("PhotoCredit"),
    )
    moderator = SpeakerFactory(slug="evil-moderator", name=evil("ModeratorName"))
    for person, title in ((speaker, "SpeakerTitle"), (moderator, "ModeratorTitle")):
        AffiliationFactory(
            speaker=person, organization=organization, title=evil(title), start_date=None
        )
    session = SessionFactory(
        forum=forum, slug="evil-session", room=room, title=evil("SessionTitle")
    )
    translate(session, title=evil("SessionTitleZh"))
    session.topics.add(topic)
    SessionParticipantFactory(session=session, speaker=speaker)
    SessionParticipantFactory(
        session=session, speaker=moderator, role=SessionParticipant.Role.MODERATOR, order=1
    )
    source = SourceFactory(
        title=evil("SourceTitle"),
        publication=evil("Publication"),
        author=evil("SourceAuthor"),
        url="javascript:alert(1)",
    )
    quote = QuoteFactory(
        session=session,
        forum=forum,
        speaker=speaker,
        source=source,
        text=evil("QuoteText"),
        original_text=evil("OriginalText"),
        translation_credit=evil("Credit"),
        context=evil("QuoteContext"),
    )
    quote.topics.add(topic)
    _rich_text_through_the_admin(organizer_client, forum, topic, organization, speaker, session)
    return {"forum": forum, "session": session, "speaker": speaker, "quote": quote}


def _rich_text_through_the_admin(client, forum, topic, organization, speaker, session):
    edits = [
        (Forum, forum, {"description": evil("ForumDescription")}),
        (PanelTopic, topic, {"description": evil("TopicDescription")}),
        (Organization, organization, {"description": evil("OrgDescription")}),
        (Speaker, speaker, {"bio": evil("SpeakerBio")}),
        (Session, session, {"abstract": evil("Abstract")}),
    ]
    for model, obj, changes in edits:
        meta = model._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
        response = submit(client, f"{url}?language=en", **changes)
        assert response.status_code == 302, (model, _form_errors(response))
        obj.refresh_from_db()
        for field, value in changes.items():
            stored = obj.safe_translation_getter(field, language_code="en")
            problems, text = scan(stored)
            assert problems == [], (model, field, stored)
            assert value.split()[0] in text


def _form_errors(response):
    context = response.context
    if not context or "adminform" not in context:
        return response.status_code
    inlines = [f.formset.errors for f in context["inline_admin_formsets"]]
    return context["adminform"].form.errors, inlines


def _page(path):
    response = Client().get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


def _feed_html(path):
    """What readers render as HTML: an item's description (RSS) or summary/content (Atom).

    Titles and the channel's own description are plain text (Atom says so with
    type="text"; RSS readers treat them so), and XML-escaping is all they need.
    """
    root = ElementTree.fromstring(Client().get(path).content)
    items = [e for e in root.iter() if _local(e.tag) in {"item", "entry"}]
    assert items, path
    return " ".join(
        child.text or ""
        for item in items
        for child in item
        if _local(child.tag) in {"description", "summary", "content"}
    )


def _local(tag):
    return tag.rsplit("}", 1)[-1]


PERSON = ["SpeakerName", "SpeakerTitle", "OrgName"]
MODERATOR = ["ModeratorName", "ModeratorTitle"]
PLACE_LD = ["VenueDistrict", "VenueCountry", "VenueAddress"]
QUOTE = ["QuoteText", "OriginalText", "Credit", "SourceTitle", "Publication", "SourceAuthor"]


def _zh(path):
    return path.replace("/en/", "/zh-hans/", 1)


def _pages(world):
    """Each public page: (path, how to read it, the markers of the fields it must show).

    All paths are reversed before any request: a /zh-hans/ request leaves its language
    active, and reverse() would follow it.
    """
    agenda = world["forum"].get_absolute_url()
    session = world["session"].get_absolute_url()
    speaker = world["speaker"].get_absolute_url()
    sessions_feed = {"slug": "evil-forum"}
    feed_markers = ["Abstract", "RoomName", "SpeakerName"]
    return {
        "agenda": (agenda, _page, [
            "ForumName", "ForumDescription", "VenueName", "VenueCity", "RoomName",
            "SessionTitle", "TopicTitle", *PERSON, *MODERATOR, *PLACE_LD,
        ]),
        "agenda zh": (_zh(agenda), _page, ["ForumNameZh", "SessionTitleZh", "NativeName"]),
        "session": (session, _page, [
            "SessionTitle", "Abstract", "RoomName", "VenueName", "TopicTitle", "QuoteText",
            "ForumName", *PERSON, *MODERATOR, *PLACE_LD,
        ]),
        "session zh": (_zh(session), _page, ["SessionTitleZh", "NativeName", "ForumNameZh"]),
        "speaker": (speaker, _page, [
            "SpeakerBio", "NativeName", "PhotoCredit", "SessionTitle", "ForumName",
            "QuoteText", *PERSON,
        ]),
        "speaker zh": (_zh(speaker), _page, ["NativeName", "SpeakerName", "SessionTitleZh"]),
        "speaker list": (reverse("speakers:speaker-list"), _page, [*PERSON, *MODERATOR]),
        "topic": (reverse("topics:topic-detail", kwargs={"slug": "evil-topic"}), _page, [
            "TopicTitle", "TopicDescription", "SessionTitle", "QuoteText", *PERSON, *MODERATOR,
        ]),
        "topic list": (reverse("topics:topic-list"), _page, ["TopicTitle"]),
        "forum list": (reverse("events:forum-list"), _page, ["ForumName", "VenueCity"]),
        "quote": (world["quote"].get_absolute_url(), _page, [
            *QUOTE, "SessionTitle", "ForumName", *PERSON,
        ]),
        "press room": (f"{reverse('press:search')}?forum=evil-forum", _page, [
            *QUOTE[:5], "SessionTitle", "ForumName", "TopicTitle", *PERSON,
        ]),
        "sessions rss": (
            reverse("events:forum-sessions-rss", kwargs=sessions_feed), _feed_html, feed_markers
        ),
        "sessions atom": (
            reverse("events:forum-sessions-atom", kwargs=sessions_feed), _feed_html, feed_markers
        ),
        "quotes rss": (reverse("events:quotes-rss"), _feed_html, ["QuoteText", "ForumName"]),
        "quotes atom": (reverse("events:quotes-atom"), _feed_html, ["QuoteText", "ForumName"]),
    }  # fmt: skip


def test_no_payload_runs_on_any_public_page(world):
    failures = {}
    for name, (path, read, markers) in _pages(world).items():
        problems, text = scan(read(path))
        # A marker missing means the field is not on the page: the check would prove nothing.
        missing = [marker for marker in markers if marker not in text]
        if problems or missing:
            failures[name] = {"live": problems, "fields not shown": missing}
    assert failures == {}


def _plugin_html(plugin_type, **fields):
    placeholder = Placeholder.objects.create(slot="payloads")
    instance = add_plugin(placeholder, plugin_type, "en", **fields)
    request = RequestFactory().get("/en/")
    request.user = AnonymousUser()
    return ContentRenderer(request).render_plugin(instance, Context({"request": request}))


def test_no_payload_runs_in_any_plugin(world):
    """The plugins organizers place on CMS pages show the same fields."""
    forum, quote = world["forum"], world["quote"]
    with time_machine.travel(dt.datetime(2023, 7, 1, tzinfo=dt.UTC), tick=False):
        upcoming = _plugin_html("UpcomingSessionsPlugin", count=5)
    plugins = {
        "upcoming": (upcoming, ["SessionTitle", "RoomName", *PERSON]),
        "featured quote": (_plugin_html("FeaturedQuotePlugin", quote=quote), ["QuoteText"]),
        "agenda": (_plugin_html("ForumAgendaPlugin", forum=forum), [
            "ForumName", "SessionTitle", "RoomName", "TopicTitle", *PERSON, *MODERATOR,
        ]),
        "speaker grid": (_plugin_html("SpeakerGridPlugin", forum=forum), [*PERSON, *MODERATOR]),
        "topic sessions": (
            _plugin_html("TopicSessionsPlugin", topic=quote.topics.get(), count=5),
            ["TopicTitle", "SessionTitle"],
        ),
    }  # fmt: skip
    failures = {}
    for name, (html, markers) in plugins.items():
        problems, text = scan(html)
        missing = [marker for marker in markers if marker not in text]
        if problems or missing:
            failures[name] = {"live": problems, "fields not shown": missing}
    assert failures == {}


def test_unsafe_link_in_a_source_is_never_stored(world):
    world["quote"].source.refresh_from_db()
    assert world["quote"].source.url == ""


def test_entities_in_rich_text_read_as_text_in_meta_and_json_ld(site_pages):
    session = SessionFactory(abstract="<p>R&amp;D &lt;b&gt; budgets</p>")
    html = _page(session.get_absolute_url())
    assert '<meta name="description" content="R&amp;D &lt;b&gt; budgets">' in html
    assert '"description": "R\\u0026D \\u003Cb\\u003E budgets"' in html
    assert scan(html)[0] == []


def test_scanner_finds_what_a_browser_would_run():
    # The checks above are only as good as the scanner: it must catch each way out.
    cases = {
        "<p>ok</p>": [],
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>": [],
        "<script>alert(1)</script>": ["live script"],
        "<img src=x onerror=alert(1)>": ["event handler"],
        '<a href=" JaVa\tScRiPt:alert(1)">x</a>': ["runs script"],
        '<script type="application/ld+json">{"a": "</script><script>alert(1)</script>"}</script>': [
            "cut short",
            "live script",
        ],
    }
    for html, expected in cases.items():
        problems, _text = scan(html)
        assert len(problems) == len(expected), (html, problems)
        for problem, words in zip(problems, expected, strict=True):
            assert words in problem
