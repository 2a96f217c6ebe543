"""The XSS corpus (xss_corpus.py) in every text field, then every page opened in Chromium.

Each payload gets its own strand: a forum, venue, room, topic, organization, speaker,
affiliation, session (English and Chinese), source and quote, every text field of which
carries that payload. Rich text is pasted into the organizers' admin forms; a second forum
comes in through the agenda CSV import. Then the public pages, the press room (as a
visitor and as press staff) and the admin are opened in Chromium, and nothing may run: no
dialog opens, no beacon URL is requested, and the DOM holds no handler, script, javascript:
URL, <base> or refresh a payload brought. Each page must show its strand's marker, so a
page that lost the field cannot pass.
"""

import csv
import io

import pytest
from django.urls import reverse

from events.interop import importer
from events.interop.csv_import import parse_csv
from events.models import Forum, PanelTopic, Quote, Session
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
from tests.forum_site.xss_corpus import INERT_RAW, LITERAL, PAYLOADS, marked, payload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STRANDS = range(len(PAYLOADS))

# What a payload would leave in the DOM had it got through, whatever the browser then did.
DOM_AUDIT = r"""() => {
  const urlAttributes = ["href", "src", "action", "formaction", "data", "poster", "xlink:href"];
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attribute of el.attributes) {
      const value = attribute.value;
      const squeezed = value.replace(/[\x00-\x20]/g, "").toLowerCase();
      if (attribute.name.startsWith("on") && value.includes("alert(")) {
        found.push(`<${el.localName} ${attribute.name}="${value}">`);
      }
      const scheme = /^(javascript|vbscript|data:text\/html)/;
      if (urlAttributes.includes(attribute.name) && scheme.test(squeezed)) {
        found.push(`<${el.localName} ${attribute.name}="${value}">`);
      }
    }
    const runs = !el.type || /javascript|module/.test(el.type);  // not JSON-LD, which is data
    if (el.localName === "script" && runs && el.textContent.includes("alert(")) {
      found.push(`<script>${el.textContent.slice(0, 60)}`);
    }
    if (el.localName === "base" || (el.localName === "meta" && el.httpEquiv)) {
      found.push(el.outerHTML.slice(0, 80));
    }
  }
  return found;
}"""


def _strand(n):
    """Forum, session, speaker, topic and quote whose every text field carries payload n."""
    venue = VenueFactory(
        name=marked(n, "venue"),
        district=marked(n, "district"),
        city=marked(n, "city"),
        country=marked(n, "country"),
        address=marked(n, "address"),
    )
    forum = ForumFactory(slug=f"xss-forum-{n}", name=marked(n, "forum"), venue=venue)
    translate(forum, name=marked(n, "forumzh"))
    topic = PanelTopicFactory(slug=f"xss-topic-{n}", title=marked(n, "topic"))
    organization = OrganizationFactory(
        slug=f"xss-org-{n}", name=marked(n, "org"), website=payload(n)
    )
    speaker = SpeakerFactory(
        slug=f"xss-speaker-{n}",
        name=marked(n, "speaker"),
        name_native=marked(n, "native"),
        photo_credit=marked(n, "credit"),
    )
    AffiliationFactory(
        speaker=speaker, organization=organization, title=marked(n, "title"), start_date=None
    )
    session = SessionFactory(
        forum=forum,
        slug=f"xss-session-{n}",
        room=RoomFactory(venue=venue, name=marked(n, "room")),
        title=marked(n, "session"),
        video_url=payload(n),
        slides_url=payload(n),
    )
    translate(session, title=marked(n, "sessionzh"))
    session.topics.add(topic)
    SessionParticipantFactory(session=session, speaker=speaker)
    source = SourceFactory(
        title=marked(n, "source"),
        publication=marked(n, "publication"),
        author=marked(n, "author"),
        url=payload(n),
    )
    quote = QuoteFactory(
        session=session,
        forum=forum,
        speaker=speaker,
        source=source,
        text=marked(n, "quote"),
        original_text=marked(n, "original"),
        translation_credit=marked(n, "translator"),
        context=marked(n, "context"),
    )
    quote.topics.add(topic)
    return forum, topic, organization, speaker, session, quote


def _rich_text_through_the_admin(client, n, forum, topic, organization, speaker, session, _quote):
    edits = [
        (Forum, forum, "description"),
        (PanelTopic, topic, "description"),
        (Organization, organization, "description"),
        (Speaker, speaker, "bio"),
        (Session, session, "abstract"),
    ]
    for model, obj, field in edits:
        meta = model._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
        response = submit(client, f"{url}?language=en", **{field: marked(n, field)})
        assert response.status_code == 302, (model, n, response.status_code)


def _imported_forum():
    """A forum whose agenda came in as CSV, one row per payload, published at once.

    The CSV names rooms the organizer made beforehand, as the import requires.
    """
    forum = ForumFactory(slug="xss-imported", name="Imported")
    for n in STRANDS:
        RoomFactory(venue=forum.venue, name=marked(n, "csvroom"))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        ["ref", "day", "start", "end", "room", "title", "topics", "abstract", "speakers"]
    )
    for n in STRANDS:
        person = f"{marked(n, 'csvspeaker')}|{marked(n, 'csvtitle')}|{marked(n, 'csvorg')}"
        start = f"{8 + n // 4:02d}:{(n % 4) * 15:02d}"
        end = f"{8 + n // 4:02d}:{(n % 4) * 15 + 14:02d}"
        writer.writerow([
            f"R{n}", "2023-07-06", start, end, marked(n, "csvroom"), marked(n, "csvsession"),
            marked(n, "csvtopic"), marked(n, "csvabstract"), person,
        ])  # fmt: skip
    parsed = parse_csv(buffer.getvalue().encode(), forum=forum)
    plan = importer.plan_import(forum=forum, parsed=parsed, language="en", publish=True)
    assert plan.is_valid, [str(problem) for problem in plan.all_errors]
    importer.apply_plan(plan=plan)
    return forum


@pytest.fixture
def corpus(site_pages, organizer_client):
    strands = []
    for n in STRANDS:
        objects = _strand(n)
        _rich_text_through_the_admin(organizer_client, n, *objects)
        strands.append(objects)
    return strands, _imported_forum()


def _public_pages(strands, imported):
    pages = [
        (reverse("events:forum-list"), [f"forum{n:02d}" for n in STRANDS]),
        (reverse("speakers:speaker-list"), [f"speaker{n:02d}" for n in STRANDS]),
        (reverse("topics:topic-list"), [f"topic{n:02d}" for n in STRANDS]),
        (imported.get_absolute_url(), [f"csvsession{n:02d}" for n in STRANDS]),
    ]
    for session in Session.objects.filter(forum=imported).order_by("ref"):
        n = int(session.ref[1:])
        pages.append((session.get_absolute_url(), [f"csvabstract{n:02d}", f"csvtitle{n:02d}"]))
    for n, (forum, topic, _org, speaker, session, quote) in enumerate(strands):
        mark = f"{n:02d}"
        zh_session = session.get_absolute_url().replace("/en/", "/zh-hans/", 1)
        pages += [
            (forum.get_absolute_url(), [f"forum{mark}", f"description{mark}", f"room{mark}"]),
            (session.get_absolute_url(), [f"session{mark}", f"abstract{mark}", f"venue{mark}"]),
            (zh_session, [f"sessionzh{mark}", f"native{mark}"]),
            (speaker.get_absolute_url(), [f"bio{mark}", f"credit{mark}", f"title{mark}"]),
            (topic.get_absolute_url(), [f"topic{mark}", f"description{mark}"]),
            (quote.get_absolute_url(), [f"quote{mark}", f"source{mark}", f"author{mark}"]),
        ]
    return pages


def _press_pages(strands):
    search = reverse("press:search")
    return [
        (f"{search}?forum={forum.slug}", [f"quote{n:02d}", f"original{n:02d}"])
        for n, (forum, *_rest) in enumerate(strands)
    ]


def _admin_pages(strands):
    changelists = [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in (Forum, Session, Speaker, Organization, PanelTopic, Quote)
    ]
    pages = [(url, [f"00 {payload(0)}"]) for url in changelists]
    for n, (_forum, _topic, _org, speaker, session, quote) in enumerate(strands):
        for obj in (session, speaker, quote):
            meta = obj._meta
            url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
            pages.append((url, [f"{n:02d}"]))
    return pages


class Watcher:
    """Every dialog a page opens and every beacon it requests, across page loads."""

    def __init__(self, page):
        self.page = page
        self.fired = []
        page.on("dialog", self._dialog)
        page.on("request", self._request)

    def _dialog(self, dialog):
        self.fired.append(f"dialog {dialog.type}({dialog.message})")
        dialog.dismiss()

    def _request(self, request):
        # The page itself may have "xss-beacon" in its slug; anything else may not.
        if request.is_navigation_request() and request.frame == self.page.main_frame:
            return
        if "xss-beacon" in request.url or "127.0.0.1:9/" in request.url:
            self.fired.append(f"request {request.url}")


def _visit_all(page, base, pages):
    """{path: what ran or was missing} over `pages`, empty when every page was clean."""
    watcher = Watcher(page)
    failures = {}
    for path, markers in pages:
        before = len(watcher.fired)
        response = page.goto(base + path, wait_until="load")
        page.wait_for_timeout(20)  # autofocus/onfocus and ontoggle fire just after load
        problems = [f"status {response.status}"] if response.status != 200 else []
        problems += watcher.fired[before:]
        problems += page.evaluate(DOM_AUDIT)
        text = page.evaluate("() => document.documentElement.innerText + document.title")
        problems += [f"{marker} not on the page" for marker in markers if marker not in text]
        if page.url != base + path:
            problems.append(f"navigated to {page.url}")
        if problems:
            failures[path] = problems
    return failures


def _log_in(page, base, path, username):
    page.goto(f"{base}{path}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def test_no_payload_runs_on_public_pages(new_context, live_server, corpus):
    strands, imported = corpus
    pages = _public_pages(strands, imported) + _press_pages(strands)
    assert len(pages) >= 6 * len(PAYLOADS)
    page = new_context().new_page()
    assert _visit_all(page, live_server.url, pages) == {}
    # Template syntax reaches the page as typed: nothing evaluated it.
    for n in LITERAL:
        page.goto(live_server.url + strands[n][4].get_absolute_url())
        assert page.get_by_role("heading", level=1).inner_text() == marked(n, "session")


def test_no_payload_runs_for_press_staff_nor_in_the_admin(
    new_context, live_server, corpus, press_user
):
    strands, _imported = corpus
    press = new_context().new_page()
    _log_in(press, live_server.url, reverse("accounts:login"), "press")
    assert _visit_all(press, live_server.url, _press_pages(strands)) == {}
    admin = new_context().new_page()
    _log_in(admin, live_server.url, reverse("admin:login"), "organizer")
    assert _visit_all(admin, live_server.url, _admin_pages(strands)) == {}


# Where a template could put a text unescaped: a raw payload in each must be caught.
RAW_CONTEXTS = [
    "<p>{}</p>",
    '<p title="{}">x</p>',
    "<p title='{}'>x</p>",
    '<a href="{}">x</a>',
    "<textarea>{}</textarea>",
    "<!-- {} -->",
]


def _raw_page(route):
    context, n = route.request.url.rsplit("/", 2)[1:]
    if not n.isdigit():
        return route.fulfill(status=404, body="")
    body = RAW_CONTEXTS[int(context)].format(payload(int(n)))
    html = f"<!doctype html><html><head><title>{body}</title></head><body>{body}</body></html>"
    return route.fulfill(status=200, content_type="text/html", body=html)


def test_the_watch_catches_each_payload_a_page_leaves_raw(new_context):
    """The checks above prove something only if they see a payload that does get through."""
    page = new_context().new_page()
    page.route("http://xss.test/**", _raw_page)
    pages = [(f"/{c}/{n}", []) for n in STRANDS for c in range(len(RAW_CONTEXTS))]
    failures = _visit_all(page, "http://xss.test", pages)
    caught = {int(path.rsplit("/", 1)[1]) for path in failures}
    assert set(STRANDS) - caught == INERT_RAW
