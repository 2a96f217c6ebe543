import datetime as dt

import pytest
import time_machine

from events.models import Session
from tests.conftest import _user_with_perms
from tests.events.public_data import build_forum, translate
from tests.events.querycount import queries_for, warm_up
from tests.factories import (
    AffiliationFactory,
    ForumFactory,
    QuoteFactory,
    SessionFactory,
    SessionParticipantFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db

SPEAKER_BUDGET = 24  # the sessions' room names among them
SPEAKER_LIST_BUDGET = 13


def _html(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def xu(site_pages):
    speaker = SpeakerFactory(
        name="Xu Haidong", name_native="许海东", slug="xu-haidong", bio="<p>Engineer.</p>"
    )
    AffiliationFactory(
        speaker=speaker,
        title="deputy chief engineer",
        organization__name="CAAM",
        start_date=dt.date(2015, 1, 1),
    )
    AffiliationFactory(
        speaker=speaker,
        title="analyst",
        organization__name="Old Institute",
        start_date=dt.date(2005, 1, 1),
        end_date=dt.date(2014, 12, 31),
    )
    return speaker


def test_speaker_page_shows_names_bio_and_affiliations(client, xu):
    html = _html(client, "/en/speakers/xu-haidong/")
    assert "<h1>Xu Haidong</h1>" in html
    assert '<span lang="zh-Hans">许海东</span>' in html
    assert "<p>Engineer.</p>" in html
    assert "deputy chief engineer, CAAM" in html
    assert html.index("<h2>Previously</h2>") < html.index("analyst, Old Institute (2005–2014)")


def test_speaker_page_in_chinese_leads_with_native_name(client, xu):
    html = _html(client, "/zh-hans/speakers/xu-haidong/")
    assert "<h1>许海东</h1>" in html
    assert "Xu Haidong" in html


def test_photo_credit_reads_with_a_full_width_colon_in_chinese(client, xu):
    xu.photo_credit = "Li Huacheng"
    xu.save()
    assert "Photo: Li Huacheng" in _html(client, "/en/speakers/xu-haidong/")
    assert "照片：Li Huacheng" in _html(client, "/zh-hans/speakers/xu-haidong/")


def test_chinese_speaker_page_reads_organization_then_title(client, xu):
    translate(xu.affiliations.get(end_date=None), title="副总工程师")
    translate(xu.affiliations.get(end_date__isnull=False), title="分析师")
    html = _html(client, "/zh-hans/speakers/xu-haidong/")
    assert '<p class="meta-line">CAAM 副总工程师</p>' in html
    assert "<li>Old Institute 分析师（2005–2014）</li>" in html


@time_machine.travel(dt.datetime(2024, 1, 1, tzinfo=dt.UTC), tick=False)
def test_speaker_sessions_upcoming_first_across_forums(client, xu):
    old = SessionFactory(title="Old talk")
    future_forum = ForumFactory(start_date=dt.date(2024, 3, 1), end_date=dt.date(2024, 3, 2))
    new = SessionFactory(
        forum=future_forum,
        title="New talk",
        starts_at=dt.datetime(2024, 3, 1, 2, tzinfo=dt.UTC),
        ends_at=dt.datetime(2024, 3, 1, 3, tzinfo=dt.UTC),
    )
    for session in (old, new):
        SessionParticipantFactory(session=session, speaker=xu)
    html = _html(client, "/en/speakers/xu-haidong/")
    assert html.index("Upcoming sessions") < html.index("New talk")
    assert html.index("New talk") < html.index("Past sessions") < html.index("Old talk")
    assert str(future_forum) in html


def test_speaker_page_lists_visible_quotes_only(client, xu):
    QuoteFactory(speaker=xu, text="Public words.")
    QuoteFactory(speaker=xu, text="Draft words.", status="draft")
    hidden_session = SessionFactory(status="draft", title="Draft session")
    SessionParticipantFactory(session=hidden_session, speaker=xu)
    html = _html(client, "/en/speakers/xu-haidong/")
    assert "Public words." in html
    assert "Draft words." not in html and "Draft session" not in html


def test_unpublished_speaker_is_404_but_previews_with_permission(
    client, site_pages, django_user_model
):
    SpeakerFactory(slug="hidden", name="Hidden Person", is_published=False)
    assert client.get("/en/speakers/hidden/").status_code == 404
    editor = _user_with_perms(django_user_model, "editor", "speakers.change_speaker")
    client.force_login(editor)
    html = _html(client, "/en/speakers/hidden/")
    assert "Hidden Person" in html and "Preview: this is not public" in html


def test_unknown_speaker_is_404(client, site_pages):
    assert client.get("/en/speakers/nobody/").status_code == 404


def test_speaker_list_shows_published_speakers_with_current_title(client, xu):
    SpeakerFactory(name="Hidden Person", is_published=False)
    html = _html(client, "/en/speakers/")
    assert 'Xu Haidong</a><br><span class="meta-line">deputy chief engineer, CAAM' in html
    assert "Hidden Person" not in html


def test_speaker_cards_escape_names_titles_and_organizations(client, site_pages):
    # The cards are Jinja2 templates (events/jinja2/): its autoescaping must hold.
    speaker = SpeakerFactory(name="<script>alert(1)</script>")
    AffiliationFactory(speaker=speaker, title="<i>chief</i>", organization__name="A&B <Motors>")
    html = _html(client, "/en/speakers/")
    assert "<script>alert" not in html and "<i>chief" not in html and "<Motors>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;</a>" in html
    assert "&lt;i&gt;chief&lt;/i&gt;, A&amp;B &lt;Motors&gt;" in html


def test_speaker_list_in_chinese_uses_native_names(client, xu):
    translate(xu.affiliations.get(end_date=None), title="副总工程师")
    html = _html(client, "/zh-hans/speakers/")
    assert '许海东</a><br><span class="meta-line">CAAM 副总工程师</span>' in html


def test_speaker_page_query_count_does_not_grow(client, site_pages):
    small = SpeakerFactory(slug="small")
    AffiliationFactory(speaker=small)
    build_forum(1, speaker=small)
    warm_up(client, "/en/speakers/small/")
    small_count = queries_for(client, "/en/speakers/small/")
    large = SpeakerFactory(slug="large")
    for _ in range(5):
        AffiliationFactory(speaker=large)
    build_forum(50, speaker=large)
    assert large.quotes.count() == 50
    large_count = queries_for(client, "/en/speakers/large/")
    assert small_count == large_count <= SPEAKER_BUDGET


def test_speaker_list_query_count_does_not_grow(client, site_pages):
    AffiliationFactory()
    warm_up(client, "/en/speakers/")
    small_count = queries_for(client, "/en/speakers/")
    for _ in range(49):
        AffiliationFactory()
    large_count = queries_for(client, "/en/speakers/")
    assert small_count == large_count <= SPEAKER_LIST_BUDGET


def test_quote_caption_punctuation_is_translatable(client, xu, monkeypatch):
    # The zh-hans caption read "— …Xu Haidong, 2023年7月6日": the comma was written into
    # events/includes/quote.html, out of the translators' reach.
    from django.utils import translation

    QuoteFactory(speaker=xu, text="Public words.")
    english = "<figcaption>— Xu Haidong, deputy chief engineer of the CAAM, July 6, 2023 · <a"
    assert english in _html(client, "/en/speakers/xu-haidong/")
    pgettext = translation.pgettext
    zh = {"%(attribution)s, %(date)s": "%(attribution)s，%(date)s"}

    def zh_catalog(context, message):
        return zh.get(message, pgettext(context, message))

    monkeypatch.setattr(translation, "pgettext", zh_catalog)
    assert "，2023年7月6日 · <a" in _html(client, "/zh-hans/speakers/xu-haidong/")


@time_machine.travel(dt.datetime(2023, 6, 1, tzinfo=dt.UTC), tick=False)
def test_speaker_sessions_name_each_forums_time_zone(client, xu):
    shanghai = SessionFactory(title="Shanghai talk")  # the factories' forum: Asia/Shanghai
    berlin = ForumFactory(time_zone="Europe/Berlin")
    SessionFactory(
        forum=berlin,
        title="Berlin talk",
        starts_at=dt.datetime(2023, 7, 6, 8, tzinfo=dt.UTC),
        ends_at=dt.datetime(2023, 7, 6, 9, tzinfo=dt.UTC),
    )
    for session in Session.objects.all():
        SessionParticipantFactory(session=session, speaker=xu)
    html = _html(client, "/en/speakers/xu-haidong/")
    shanghai_row = html[html.index("Shanghai talk") - 600 : html.index("Shanghai talk")]
    berlin_row = html[html.index("Berlin talk") - 600 : html.index("Berlin talk")]
    assert '<span class="meta-line zone-label">GMT+8, Shanghai</span>' in shanghai_row
    assert '<span class="meta-line zone-label">GMT+2, Berlin</span>' in berlin_row
    assert shanghai.forum.time_zone == "Asia/Shanghai"
