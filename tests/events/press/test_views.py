"""The press room's pages, exports and packs, for each role and each state of a quote."""

import csv
import io
import json
import zipfile

import pytest
from django.utils import translation
from django.utils.translation import pgettext

from events.press import views
from events.press.views import RESULTS_PER_PAGE
from events.services import quote_save
from tests.events.press.conftest import EMBARGO_END
from tests.events.querycount import queries_for, warm_up
from tests.factories import (
    AffiliationFactory,
    PanelTopicFactory,
    QuoteFactory,
    SessionFactory,
    SourceFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

PRESS_ROOM = "/en/press/"
EMBARGO_LABEL = "EMBARGOED until July 7, 2023, 18:00 (Asia/Shanghai, UTC+08:00)"
ALL_TEXTS = ["Drafted words.", "Embargoed words.", "Retracted words.", "Verified words."]
# What each role finds on the search page, and in exports and press packs.
ON_PAGE = {
    "anonymous": ["Verified words."],
    "press": ["Embargoed words.", "Verified words."],
    "organizer": ALL_TEXTS,
}
EXPORTED = {
    "anonymous": ["Verified words."],
    "press": ["Embargoed words.", "Verified words."],
    "organizer": ["Embargoed words.", "Verified words."],
}
# The page's queries from a cold cache (28 measured on both databases): CMS page, menu
# and apphook (7), session, user and permissions (4), the search (9 at most, the venues'
# names among them: see test_search's query count), the filter options with their
# translations (9), the correction notes, and one INSERT noting the embargoed quotes
# shown (events/press/seen.py).
PAGE_BUDGET = 32


@pytest.fixture
def as_role(client, press_user, organizer):
    def log_in(role):
        users = {"anonymous": None, "press": press_user, "organizer": organizer}
        client.logout()
        if users[role]:
            client.force_login(users[role])
        return client

    return log_in


def _shown(response):
    html = response.content.decode()
    return [text for text in ALL_TEXTS if text.replace(" words.", " <mark>words</mark>.") in html]


@pytest.mark.parametrize("role", ["anonymous", "press", "organizer"])
def test_search_page_shows_each_role_what_it_may_see(as_role, site_pages, quotes_by_status, role):
    response = as_role(role).get(PRESS_ROOM, {"q": "words"})
    assert response.status_code == 200
    assert _shown(response) == ON_PAGE[role]
    html = response.content.decode()
    assert (EMBARGO_LABEL in html) == (role != "anonymous")
    assert ("<strong>DRAFT</strong>" in html) == (role == "organizer")
    assert ("<strong>RETRACTED</strong>" in html) == (role == "organizer")


def _csv_texts(body):
    return sorted(row["text"] for row in csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def _export_texts(fmt, response):
    if fmt == "csv":
        return _csv_texts(response.content)
    if fmt == "json":
        return sorted(quote["text"] for quote in json.loads(response.content)["quotes"])
    body = response.content.decode()
    return [text for text in ALL_TEXTS if f"> {text}" in body]


@pytest.mark.parametrize("fmt", ["csv", "json", "md"])
@pytest.mark.parametrize("role", ["anonymous", "press", "organizer"])
def test_exports_hold_only_citable_quotes(as_role, site_pages, quotes_by_status, role, fmt):
    response = as_role(role).get(f"/en/press/export.{fmt}", {"q": "words"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'.{fmt}"')
    assert _export_texts(fmt, response) == EXPORTED[role]


def _pack_texts(response):
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return _csv_texts(archive.read("quotes.csv"))


@pytest.mark.parametrize("role", ["anonymous", "press", "organizer"])
def test_press_packs_hold_only_citable_quotes(as_role, site_pages, quotes_by_status, role):
    session = quotes_by_status["verified"].session
    client = as_role(role)
    forum_pack = client.get(f"/en/press/pack/{session.forum.slug}/")
    session_pack = client.get(f"/en/press/pack/{session.forum.slug}/{session.slug}/")
    assert forum_pack["Content-Type"] == session_pack["Content-Type"] == "application/zip"
    assert _pack_texts(forum_pack) == _pack_texts(session_pack) == EXPORTED[role]


@pytest.mark.parametrize("role", ["anonymous", "press", "organizer"])
def test_permalink_shows_each_role_what_it_may_see(as_role, site_pages, quotes_by_status, role):
    client = as_role(role)
    status = {state: client.get(q.get_absolute_url()).status_code
              for state, q in quotes_by_status.items()}  # fmt: skip
    assert status["verified"] == 200 and status["retracted"] == 410
    assert status["embargoed"] == (404 if role == "anonymous" else 200)
    assert status["draft"] == (200 if role == "organizer" else 404)  # organizers preview


def test_permalink_labels_the_embargo_and_offers_citations(as_role, site_pages, quotes_by_status):
    html = as_role("press").get(quotes_by_status["embargoed"].get_absolute_url()).content.decode()
    assert EMBARGO_LABEL in html
    assert "&quot;Embargoed words,&quot; said" in html  # the plain-text citation box
    assert html.count("events/press/copy.js") == 1  # the copy buttons' script


def test_the_copy_script_is_loaded_once_for_every_citation_box(
    as_role, site_pages, quotes_by_status
):
    html = as_role("press").get(PRESS_ROOM).content.decode()
    assert html.count('<details class="cite-box">') == 2  # embargoed and verified
    assert html.count("events/press/copy.js") == 1


def test_unknown_pack_or_hidden_session_pack_is_404(as_role, site_pages, press_user):
    embargoed = SessionFactory(embargo_until=EMBARGO_END)
    draft = SessionFactory(status="draft", forum=embargoed.forum)
    client = as_role("anonymous")
    assert client.get("/en/press/pack/no-such-forum/").status_code == 404
    assert client.get(f"/en/press/pack/{embargoed.forum.slug}/{embargoed.slug}/").status_code == 404
    client = as_role("organizer")
    assert client.get(f"/en/press/pack/{draft.forum.slug}/{draft.slug}/").status_code == 404
    assert (
        as_role("press").get(f"/en/press/pack/{embargoed.forum.slug}/{embargoed.slug}/").status_code
        == 200
    )


def test_embargo_lifts_on_its_own(client, site_pages, quotes_by_status, frozen):
    assert _shown(client.get(PRESS_ROOM, {"q": "words"})) == ["Verified words."]
    frozen.move_to(EMBARGO_END)
    response = client.get(PRESS_ROOM, {"q": "words"})
    assert _shown(response) == ["Embargoed words.", "Verified words."]
    assert "EMBARGOED" not in response.content.decode()
    assert _csv_texts(client.get("/en/press/export.csv").content) == [
        "Embargoed words.", "Verified words."
    ]  # fmt: skip


def test_filters_combine_and_stay_in_the_shareable_form(client, site_pages):
    session = SessionFactory(title="Going abroad")
    QuoteFactory(text="Exports abroad.", session=session, forum=session.forum)
    QuoteFactory(text="Exports at home.")
    response = client.get(PRESS_ROOM, {"q": "exports", "forum": session.forum.slug})
    html = response.content.decode()
    assert "<mark>Exports</mark> abroad." in html and "at home" not in html
    assert f'<option value="{session.forum.slug}" selected>' in html
    assert 'value="exports"' in html
    assert f"/en/press/export.csv?q=exports&amp;forum={session.forum.slug}" in html
    assert f"/en/press/pack/{session.forum.slug}/" in html


def test_original_and_translation_side_by_side_with_credit_and_corrections(client, site_pages):
    quote = QuoteFactory(
        text="Exports will grow.",
        original_text="出口将会增长。",
        original_language="zh-hans",
        translation_credit="China Daily",
    )
    quote.text = "Exports will keep growing."
    quote_save(quote=quote, note="Checked against the recording.")
    html = client.get(PRESS_ROOM).content.decode()
    assert '<div class="quote-texts side-by-side">' in html
    assert '<blockquote lang="zh-hans">' in html and "出口将会增长。" in html
    assert "Translation: China Daily" in html
    assert (
        "July 7, 2023</time>: Text changed from “Exports will grow.” to "
        "“Exports will keep growing.”. Checked against the recording."
    ) in html


def test_no_javascript_textareas_hold_the_citations(client, site_pages):
    quote = QuoteFactory(
        text="Exports will grow.", speaker__name="Xu Haidong", forum__name="Auto Forum"
    )
    html = client.get(PRESS_ROOM).content.decode()
    assert (
        f'<textarea id="cite-{quote.pk}-text" readonly rows="4">&quot;Exports will grow,&quot; '
        "said Xu Haidong, at the Auto Forum in Shanghai on July 6, 2023.</textarea>"
    ) in html
    assert "&lt;blockquote cite=&quot;http://testserver/en/forums/quotes/" in html
    assert "&gt; Exports will grow.\n&gt;\n&gt; — Xu Haidong" in html


def test_chinese_press_room(client, site_pages, quotes_by_status, press_user):
    client.force_login(press_user)
    html = client.get("/zh-hans/press/", {"q": "words"}).content.decode()
    assert "<h1>媒体中心</h1>" in html
    assert "禁发至 2023年7月7日 18:00（Asia/Shanghai，UTC+08:00）" in html


# A translated sentence and the element after it: no space after full-width punctuation.
SENTENCE_THEN_ELEMENT = {
    "en": [
        "Download these results: <a href=",
        'Logged in as press. <button type="submit">Log out</button>',
    ],
    "zh-hans": [
        "下载这些结果：<a href=",
        '已以 press 身份登录。<button type="submit">退出登录</button>',
    ],
}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_no_space_after_full_width_punctuation(client, site_pages, press_user, language):
    QuoteFactory(text="Exports grew.")
    client.force_login(press_user)

    html = client.get(f"/{language}/press/", {"q": "exports"}).content.decode()

    for expected in SENTENCE_THEN_ELEMENT[language]:
        assert expected in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Page 7 is past the end: these results fill 1 page. <a href="),
        ("zh-hans", "第 7 页超出范围：这些结果共 1 页。<a href="),
    ],
)
def test_past_the_end_notice_then_its_link(client, site_pages, language, expected):
    QuoteFactory.create_batch(3)

    html = client.get(f"/{language}/press/", {"page": "7"}).content.decode()

    assert expected in html


def test_correction_note_follows_a_full_width_stop_without_space(client, site_pages):
    quote = QuoteFactory(text="出口将会增长。", language="zh-hans")
    quote.text = "出口将继续增长。"
    quote_save(quote=quote, note="已核对录音。")

    html = client.get("/zh-hans/press/").content.decode()

    assert "“出口将继续增长。”。已核对录音。</li>" in html
    # The colon after the date is the catalog's ("：" in Chinese), not a half-width one.
    with translation.override("zh-hans"):
        colon = pgettext("between a correction's date and what changed", ": ")
    assert f"</time>{colon}正文" in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"forum": "no-such-forum"}, "Forum: There is no forum “no-such-forum”."),
        ({"kind": "rumour"}, "“rumour” is not a kind of quote: use direct or reported."),
        ({"date_from": "2023-07-07", "date_to": "2023-07-01"},
         "The end date 2023-07-01 is before the start date 2023-07-07."),
        ({"date_from": "7 July"}, "Enter a valid date."),
        ({"q": "x" * 5000}, "Ensure this value has at most 200 characters (it has 5000)."),
        ({"page": "-3"}, "Page: The page must be a whole number, 1 or more."),
        ({"page": "abc"}, "Page: The page must be a whole number, 1 or more."),
    ],
)  # fmt: skip
def test_bad_input_is_a_400_with_a_clear_message(client, site_pages, params, message):
    response = client.get(PRESS_ROOM, params)
    assert response.status_code == 400
    assert message in response.content.decode().replace("&quot;", '"')
    if "page" in params:
        return  # exports start at the first page whatever the page shows
    export = client.get("/en/press/export.csv", params)
    assert export.status_code == 400
    assert message.split(": ", 1)[-1] in export.content.decode()


@pytest.mark.parametrize("q", ['"unbalanced', "AND OR NOT ()", "%00'; DROP TABLE", "*", "汽"])
def test_malformed_queries_answer_with_a_message_not_an_error(client, site_pages, q):
    QuoteFactory(text="Exports grew.")
    response = client.get(PRESS_ROOM, {"q": q})
    assert response.status_code == 200


def test_page_past_the_end_says_so(client, site_pages):
    QuoteFactory.create_batch(3)
    response = client.get(PRESS_ROOM, {"page": "7"})
    assert response.status_code == 200
    assert "Page 7 is past the end: these results fill 1 page." in response.content.decode()


def test_unknown_export_format_is_404(client, site_pages):
    assert client.get("/en/press/export.xlsx", follow=True).status_code == 404


def test_bare_press_url_redirects_to_the_language_prefixed_page(client, site_pages):
    response = client.get("/press/", HTTP_ACCEPT_LANGUAGE="en")
    assert (response.status_code, response["Location"]) == (302, "/en/press/")


def test_press_room_query_count_is_flat(client, site_pages, press_user):
    client.force_login(press_user)
    session = SessionFactory()
    PanelTopicFactory()  # the filter options hold topics and organizations too
    affiliation = AffiliationFactory()
    QuoteFactory(session=session, forum=session.forum, embargo_until=EMBARGO_END,
                 speaker=affiliation.speaker)  # fmt: skip
    warm_up(client, PRESS_ROOM)
    one = queries_for(client, PRESS_ROOM)
    for _ in range(49):
        speaker = AffiliationFactory().speaker
        other = SessionFactory()  # the filter lists grow too: 50 forums, sessions, speakers
        QuoteFactory(session=other, forum=other.forum, embargo_until=EMBARGO_END,
                     speaker=speaker)  # fmt: skip
    fifty = queries_for(client, PRESS_ROOM)
    assert results_shown(client) == RESULTS_PER_PAGE  # a full page of the fifty
    assert one == fifty <= PAGE_BUDGET, (one, fifty)


def results_shown(client):
    return client.get(PRESS_ROOM).content.decode().count('<li class="press-result"')


def test_chosen_forum_and_session_offer_their_press_packs(client, site_pages):
    session = SessionFactory(forum__slug="auto-2023", slug="opening")
    QuoteFactory(session=session, forum=session.forum, text="Exports grew.")
    html = client.get(PRESS_ROOM, {"forum": "auto-2023", "session": str(session.guid)}).content

    assert b'href="/en/press/pack/auto-2023/"' in html
    assert b'href="/en/press/pack/auto-2023/opening/"' in html
    assert b"/en/press/pack/" not in client.get(PRESS_ROOM, {"q": "exports"}).content


def test_results_name_the_source_as_the_quote_page_does(client, site_pages, monkeypatch):
    # The press room left out the source's author that the quote's own page gives, and
    # both wrote the commas between publication, author and date out of translators' reach.
    quote = QuoteFactory(text="Sourced words.", source=SourceFactory())
    source = "China Daily: Auto forum, Li Huacheng, July 21, 2023</dd>"
    assert source in client.get(PRESS_ROOM, {"q": "sourced"}).content.decode()
    assert source in client.get(quote.get_absolute_url()).content.decode()
    pgettext = translation.pgettext

    def zh_catalog(context, message):
        return "，" if message == ", " and "source" in context else pgettext(context, message)

    monkeypatch.setattr(translation, "pgettext", zh_catalog)
    zh = "Li Huacheng，2023年7月21日</dd>"
    assert zh in client.get(f"/zh-hans{PRESS_ROOM[3:]}", {"q": "sourced"}).content.decode()
    assert zh in client.get(f"/zh-hans/forums/quotes/{quote.pk}/").content.decode()


def test_a_wrong_parameters_line_is_translatable(client, site_pages, monkeypatch):
    # zh-hans read "演讲嘉宾: 没有演讲嘉宾“1”。": the colon was written into the view.
    gettext = views._
    zh = {"%(field)s: %(messages)s": "%(field)s：%(messages)s"}
    monkeypatch.setattr(views, "_", lambda message: zh.get(message) or gettext(message))
    html = client.get("/zh-hans/press/", {"speaker": "nobody"}).content.decode()
    assert "<li>演讲嘉宾：" in html
