import datetime as dt

import pytest

from events.models import Quote
from tests.events.public_data import build_forum
from tests.events.querycount import queries_for, warm_up
from tests.factories import AffiliationFactory, QuoteFactory, SessionFactory, SourceFactory

pytestmark = pytest.mark.django_db

# 14, plus the correction notes the press room shows, the room's and the venues' names.
QUOTE_BUDGET = 17


def test_quote_page_shows_attribution_date_session_and_source(client, site_pages):
    session = SessionFactory(title="Exports panel")
    affiliation = AffiliationFactory(
        speaker__name="Xu Haidong",
        title="deputy chief engineer",
        organization__name="China Association of Automobile Manufacturers",
    )
    quote = QuoteFactory(
        text="Exports will keep growing.",
        speaker=affiliation.speaker,
        session=session,
        forum=session.forum,
        source=SourceFactory(publication="China Daily", url="https://example.org/a"),
    )
    response = client.get(quote.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Exports will keep growing." in html
    assert (
        "Xu Haidong, deputy chief engineer of the China Association of Automobile Manufacturers"
        in html
    )
    assert "July 6, 2023" in html
    assert f'<a href="{session.get_absolute_url()}">Exports panel</a>' in html
    assert "China Daily: Auto forum</a>, Li Huacheng" in html


def test_quote_attribution_in_chinese_uses_native_name(client, site_pages):
    affiliation = AffiliationFactory(speaker__name="Xu Haidong", speaker__name_native="许海东")
    quote = QuoteFactory(speaker=affiliation.speaker)
    html = client.get(quote.get_absolute_url().replace("/en/", "/zh-hans/")).content.decode()
    assert "许海东" in html


def test_original_wording_and_its_translator_read_with_each_languages_punctuation(
    client, site_pages
):
    quote = QuoteFactory(
        original_text="出口将继续增长。", original_language="zh-hans", translation_credit="Li Hua"
    )
    english = client.get(quote.get_absolute_url()).content.decode()
    chinese = client.get(quote.get_absolute_url().replace("/en/", "/zh-hans/")).content.decode()
    assert 'Original: <q lang="zh-hans">出口将继续增长。</q> (translation: Li Hua)' in english
    assert '原文：<q lang="zh-hans">出口将继续增长。</q>（翻译：Li Hua）' in chinese


def test_retracted_quote_is_410_with_a_notice_and_no_text(client, site_pages, organizer):
    quote = QuoteFactory(text="Withdrawn words.", status=Quote.Status.RETRACTED)
    for user in (None, organizer):
        if user:
            client.force_login(user)
        response = client.get(quote.get_absolute_url())
        assert response.status_code == 410
        html = response.content.decode()
        assert "This quote was retracted" in html
        assert "Withdrawn words." not in html


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": Quote.Status.DRAFT},
        {"embargo_until": dt.datetime(2999, 1, 1, tzinfo=dt.UTC)},
        {"speaker__is_published": False},
        {"forum__status": "draft"},
    ],
    ids=["draft", "embargoed", "unpublished-speaker", "draft-forum"],
)
def test_hidden_quote_is_404(client, site_pages, hidden):
    quote = QuoteFactory(**hidden)
    assert client.get(quote.get_absolute_url()).status_code == 404


def test_draft_quote_previews_for_organizers(client, site_pages, organizer):
    quote = QuoteFactory(status=Quote.Status.DRAFT, text="Not checked yet.")
    client.force_login(organizer)
    html = client.get(quote.get_absolute_url()).content.decode()
    assert "Not checked yet." in html and "Preview: this is not public" in html


def test_embargoed_quote_shows_press_its_embargo_not_an_editors_preview(
    client, site_pages, press_user
):
    # Press staff read "Preview: … You see it because you may edit it." They may not.
    quote = QuoteFactory(embargo_until=dt.datetime(2999, 1, 1, tzinfo=dt.UTC), text="Soon.")
    client.force_login(press_user)
    html = client.get(quote.get_absolute_url()).content.decode()
    assert "Soon." in html and 'class="label embargo"' in html
    assert "Preview: this is not public" not in html


def test_only_a_direct_quotes_description_has_quotation_marks(client, site_pages):
    # Shared links showed reported speech in quotation marks, as if the speaker's own words.
    direct = QuoteFactory(text="Exports will grow.")
    reported = QuoteFactory(text="Exports grew fast.", kind=Quote.Kind.REPORTED)
    direct_html = client.get(direct.get_absolute_url()).content.decode()
    assert '<meta name="description" content="“Exports will grow.” — ' in direct_html
    html = client.get(reported.get_absolute_url()).content.decode()
    assert '<meta name="description" content="Exports grew fast. — ' in html
    assert "“Exports grew fast" not in html


def test_unknown_quote_is_404(client, site_pages):
    assert client.get("/en/forums/quotes/999999/").status_code == 404


def test_quote_query_count_does_not_grow(client, site_pages):
    _, (small,) = build_forum(1)
    small_quote = small.quotes.get()
    warm_up(client, small_quote.get_absolute_url())
    small_count = queries_for(client, small_quote.get_absolute_url())
    _, sessions = build_forum(50)
    large_quote = sessions[10].quotes.get()
    large_count = queries_for(client, large_quote.get_absolute_url())
    assert small_count == large_count <= QUOTE_BUDGET
