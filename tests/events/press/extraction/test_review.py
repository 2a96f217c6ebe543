"""Sources › Extract quotes from an article, through HTTP as an organizer would use it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Quote, Source
from events.press.extraction import services as extraction_services
from speakers.models import Affiliation, Organization, Speaker
from tests.events.press.extraction.conftest import SUITE
from tests.factories import (
    AffiliationFactory,
    OrganizationFactory,
    SessionFactory,
    SessionParticipantFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db
EXTRACT_URL = "/en/admin/events/source/extract-quotes/"


@pytest.fixture(autouse=True)
def _private_staging_dir(settings, tmp_path):
    settings.AGENDA_IMPORT_DIR = tmp_path / "staged"


@pytest.fixture
def forum(db):
    """A forum whose agenda already has Xu Haidong, and not Luo Junjie."""
    session = SessionFactory(title="Going abroad", slug="going-abroad")
    xu = SpeakerFactory(name="Xu Haidong", slug="xu-haidong")
    AffiliationFactory(
        speaker=xu,
        organization=OrganizationFactory(name="China Association of Automobile Manufacturers"),
        title="deputy chief engineer",
    )
    SessionParticipantFactory(session=session, speaker=xu)
    return session.forum


def _counts():
    models = (Source, Quote, Speaker, Organization, Affiliation)
    return {model.__name__: model.objects.count() for model in models}


def _propose(client, forum, **data):
    response = client.post(EXTRACT_URL, {"forum": forum.pk, **data})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"], client.get(response["Location"])


def _values(review, **changes):
    """The POST data of the review screen as shown, with `changes` ({name: value})."""
    data = {}
    forms = [review.source_form, *review.new_speakers.forms, *review.quotes.forms]
    for formset in (review.new_speakers, review.quotes):
        management = formset.management_form
        data.update({management.add_prefix(n): management[n].value() for n in management.fields})
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is True:
                data[form.add_prefix(name)] = "on"
            elif value not in (None, False):
                data[form.add_prefix(name)] = str(value)
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _seed():
    return (SUITE / "china-auto-forum-2023.txt").read_text(encoding="utf-8")


def test_the_sources_list_links_to_the_extraction(organizer_client):
    html = organizer_client.get(reverse("admin:events_source_changelist")).content.decode()
    assert "Extract quotes from an article" in html
    assert EXTRACT_URL in html


def test_paste_review_confirm_and_the_quotes_are_in_the_press_room(
    organizer_client, forum, site_pages
):
    url, page = _propose(organizer_client, forum, text=_seed())
    review = page.context["review"]
    assert [c.kind for c in review.candidates] == ["reported", "direct", "direct"]
    assert [m.how for m in review.matches] == ["new", "name", "name"]
    source = review.source_form
    assert (source["author"].value(), source["published_on"].value()) == (
        "Li Huacheng",
        dt.date(2023, 7, 21),
    )
    session = forum.sessions.get()
    data = _values(
        review,
        **{"source-publication": "China Daily"},
        **{f"quote-{i}-status": "verified" for i in range(3)},
        **{f"quote-{i}-session": str(session.pk) for i in range(3)},
    )
    response = organizer_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]

    saved = Source.objects.get()
    assert (saved.publication, saved.author, saved.published_on) == (
        "China Daily", "Li Huacheng", dt.date(2023, 7, 21),
    )  # fmt: skip
    assert response["Location"] == reverse("admin:events_source_change", args=[saved.pk])
    quotes = list(Quote.objects.order_by("pk").select_related("speaker"))
    assert [(q.kind, q.speaker.name, q.source_id, q.session_id) for q in quotes] == [
        ("reported", "Luo Junjie", saved.pk, session.pk),
        ("direct", "Xu Haidong", saved.pk, session.pk),
        ("direct", "Xu Haidong", saved.pk, session.pk),
    ]
    luo = quotes[0].speaker
    assert luo.is_published
    assert str(luo.affiliation_on(dt.date(2023, 7, 21))) == (
        "Luo Junjie: executive vice president (China Machinery Industry Federation)"
    )
    # Filed under a session, the quotes are dated on its day, not the article's.
    assert {q.said_on for q in quotes} == {session.local_days()[0]} == {dt.date(2023, 7, 6)}

    organizer_client.logout()
    press_room = organizer_client.get("/en/press/", {"q": "estimate"}).content.decode()
    assert "Xu Haidong, deputy chief engineer of the China Association" in press_room
    assert "We estimate that China" in press_room
    press_room = organizer_client.get("/en/press/", {"q": "historic"}).content.decode()
    assert "Luo Junjie, executive vice president of the China Machinery" in press_room


def test_upload_an_html_file_and_scripts_propose_nothing(organizer_client, forum):
    html = (
        b"<html><head><script>var a = '\"Buy now,\" said Anna Keller.';</script></head>"
        b"<body><h1>Plant opens</h1><p>By Zhou Lei</p>"
        b"<p>&ldquo;We are ready,&rdquo; said Anna Keller, chief executive of Voltaris.</p>"
        b"</body></html>"
    )
    upload = SimpleUploadedFile("article.html", html, content_type="text/html")
    _url, page = _propose(organizer_client, forum, file=upload)
    review = page.context["review"]
    assert [c.text for c in review.candidates] == ["We are ready,"]
    assert review.source_form["title"].value() == "Plant opens"
    assert review.source_form["author"].value() == "Zhou Lei"


def test_nothing_is_written_before_confirming(organizer_client, forum):
    before = _counts()
    _url, page = _propose(organizer_client, forum, text=_seed())
    assert page.status_code == 200
    assert _counts() == before


def test_an_unnamed_speaker_must_be_chosen_before_accepting(organizer_client, forum):
    text = 'An official who asked not to be named said: "We will not wait for Brussels."'
    url, page = _propose(organizer_client, forum, text=text)
    review = page.context["review"]
    assert review.candidates[0].speaker is None
    before = _counts()
    response = organizer_client.post(url, _values(review, **{"source-publication": "Wire"}))
    assert response.status_code == 422
    assert "The article does not name who said this" in response.content.decode()
    assert _counts() == before

    xu = Speaker.objects.get(name="Xu Haidong")
    chosen = {"source-publication": "Wire", "quote-0-speaker": f"speaker:{xu.pk}"}
    chosen = _values(review, **chosen)
    assert organizer_client.post(url, chosen).status_code == 302
    assert Quote.objects.get().speaker == xu


def test_a_rejected_candidate_is_not_saved_and_an_edited_one_is_saved_as_edited(
    organizer_client, forum
):
    url, page = _propose(organizer_client, forum, text=_seed())
    data = _values(
        page.context["review"],
        **{"source-publication": "China Daily", "quote-0-decision": "reject",
           "quote-1-text": "We estimate 4 million units this year."},
    )  # fmt: skip
    assert organizer_client.post(url, data).status_code == 302
    assert list(Quote.objects.order_by("pk").values_list("text", flat=True))[:1] == [
        "We estimate 4 million units this year."
    ]
    assert Quote.objects.count() == 2
    assert not Speaker.objects.filter(name="Luo Junjie").exists()  # only named by the rejected


def test_a_failure_while_saving_rolls_everything_back(organizer_client, forum, monkeypatch):
    url, page = _propose(organizer_client, forum, text=_seed())
    data = _values(page.context["review"], **{"source-publication": "China Daily"})
    saved = []

    def fail_on_the_second(*, quote, note=""):
        if saved:
            raise ValidationError({"text": "refused for the test"})
        saved.append(quote.save())
        return quote

    monkeypatch.setattr(extraction_services.services, "quote_save", fail_on_the_second)
    before = _counts()
    response = organizer_client.post(url, data)
    assert response.status_code == 422
    assert "refused for the test" in response.content.decode()
    assert _counts() == before


def test_a_session_of_another_forum_is_refused(organizer_client, forum):
    url, page = _propose(organizer_client, forum, text=_seed())
    other = SessionFactory(slug="elsewhere")
    data = _values(
        page.context["review"],
        **{"source-publication": "China Daily", "quote-1-session": str(other.pk)},
    )
    before = _counts()
    assert organizer_client.post(url, data).status_code == 422
    assert _counts() == before


def test_more_forms_posted_than_candidates_are_refused(organizer_client, forum):
    url, page = _propose(organizer_client, forum, text=_seed())
    data = _values(
        page.context["review"],
        **{"source-publication": "China Daily", "quote-TOTAL_FORMS": "4",
           "quote-3-decision": "accept", "quote-3-text": "Smuggled in.", "quote-3-kind": "direct",
           "quote-3-status": "verified", "quote-3-speaker": "new:0"},
    )  # fmt: skip
    before = _counts()
    assert organizer_client.post(url, data).status_code == 422
    assert _counts() == before


def test_an_article_without_quotes_says_so_and_saves_nothing(organizer_client, forum):
    url, page = _propose(organizer_client, forum, text="Jiading will focus on vehicles.")
    assert "No quotes were found in this article." in page.content.decode()
    response = organizer_client.post(
        url, _values(page.context["review"], **{"source-publication": "X"})
    )
    assert response.status_code == 422
    assert "Accept at least one quote" in response.content.decode()
    assert Source.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "   "}, "Paste the article"),
        ({"file": SimpleUploadedFile("a.pdf", b"%PDF-1.7")}, "Upload a .txt or .html file."),
        ({"file": SimpleUploadedFile("a.txt", b"\x00\x01PK\x03" * 400)}, "does not look like text"),
        ({"text": "x", "file": SimpleUploadedFile("a.txt", b"y")}, "not both"),
    ],
)  # fmt: skip
def test_bad_articles_are_refused_with_a_clear_message(organizer_client, forum, data, message):
    response = organizer_client.post(EXTRACT_URL, {"forum": forum.pk, **data})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_file_over_the_limit_is_refused(organizer_client, forum, monkeypatch):
    big = SimpleUploadedFile("a.txt", b"word " * (2 * 1024 * 1024 // 5 + 1))
    response = organizer_client.post(EXTRACT_URL, {"forum": forum.pk, "file": big})
    assert response.status_code == 400
    assert "at most 2,097,152 bytes" in response.content.decode()


def test_a_token_of_another_session_or_forum_is_refused(organizer_client, client, forum, organizer):
    url, _page = _propose(organizer_client, forum, text=_seed())
    other_forum = SessionFactory(slug="other").forum
    wrong_forum = url.replace(f"/{forum.pk}/", f"/{other_forum.pk}/")
    response = organizer_client.get(wrong_forum)
    assert (response.status_code, response["Location"]) == (302, EXTRACT_URL)


def test_a_staff_user_without_the_permissions_is_refused(client, django_user_model, forum):
    user = django_user_model.objects.create_user("staff", password="pw", is_staff=True)
    client.force_login(user)
    assert client.get(EXTRACT_URL).status_code == 403
    assert client.post(EXTRACT_URL, {"forum": forum.pk, "text": _seed()}).status_code == 403
    assert client.get(f"{EXTRACT_URL}{forum.pk}/{'a' * 32}/").status_code == 403


def test_anyone_not_logged_in_is_sent_to_the_login(client):
    response = client.get(EXTRACT_URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_screens_speak_chinese_on_chinese_admin_pages(organizer_client, forum):
    html = organizer_client.get("/zh-hans/admin/events/source/extract-quotes/").content.decode()
    assert "从文章中提取引语" in html
    assert "提取引语" in html


def test_a_statement_the_forum_has_already_is_proposed_as_rejected(organizer_client, forum):
    xu = Speaker.objects.get(name="Xu Haidong")
    Quote.objects.create(
        text="We estimate that China's automobile exports will reach 4 million units this year "
        "and the rapid growth momentum will be maintained for the next 10 years.",
        speaker=xu, forum=forum, said_on=dt.date(2023, 7, 7),
    )  # fmt: skip
    _url, page = _propose(organizer_client, forum, text=_seed())
    review = page.context["review"]
    assert review.saved == [False, True, False]
    assert [f["decision"].value() for f in review.quotes] == ["accept", "reject", "accept"]
    assert "Already saved as a quote of this forum." in page.content.decode()


def test_the_review_screen_reads_a_constant_number_of_queries(organizer_client, forum):
    one = 'Wang Li, a researcher at the Institute, said: "Exports will grow."'
    many = "\n\n".join(
        f'"Sentence number {n} about exports," said Speaker{n} Person{n}, an analyst at Firm{n}.'
        for n in range(12)
    )
    counts = []
    for text in (one, many):
        location, _first = _propose(organizer_client, forum, text=text)
        with CaptureQueriesContext(connection) as queries:
            response = organizer_client.get(location)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
