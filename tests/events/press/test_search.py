import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache

from events.models import Quote
from events.press import search as search_module
from events.press.search import InvalidSearch, search_quotes
from tests.factories import (
    AffiliationFactory,
    QuoteFactory,
    SessionFactory,
    SourceFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2023, 7, 6, 12, 0, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(hours=2)
ANONYMOUS = AnonymousUser()


def _texts(q="", user=ANONYMOUS, **kwargs):
    result = search_quotes(user=user, q=q, at=NOW, **kwargs)
    return [quote.text for quote in result.items]


def test_stemming_finds_other_forms_of_a_word():
    QuoteFactory(text="China exported five million cars.")
    QuoteFactory(text="Imports fell.")
    assert _texts("exports") == ["China exported five million cars."]


def test_all_words_are_required():
    QuoteFactory(text="Exports of electric cars grew.")
    QuoteFactory(text="Exports of trucks grew.")
    assert _texts("electric exports") == ["Exports of electric cars grew."]


def test_phrase_needs_the_words_in_order():
    QuoteFactory(text="The new energy vehicle market is growing.")
    QuoteFactory(text="Energy for new vehicle lines.")
    assert _texts('"new energy vehicle"') == ["The new energy vehicle market is growing."]


def test_phrase_and_words_together_need_all_of_them():
    QuoteFactory(text="New energy vehicle exports grew fast.")
    QuoteFactory(text="New energy vehicle sales grew.")
    QuoteFactory(text="Vehicle exports of new energy grew fast.")
    assert _texts('"new energy vehicle" exports fast') == ["New energy vehicle exports grew fast."]


def test_phrase_keeps_the_gap_of_stop_words():
    QuoteFactory(text="This is the state of the art in batteries.")
    QuoteFactory(text="The art of the state.")
    QuoteFactory(text="State art.")
    assert _texts('"state of the art"') == ["This is the state of the art in batteries."]


def test_phrase_finds_hyphenated_and_repeated_words():
    QuoteFactory(text="Battery-swap stations spread.")
    QuoteFactory(text="Swap, swap again.")
    QuoteFactory(text="A battery to swap.")
    QuoteFactory(text="Swap battery packs.")
    assert _texts('"battery swap"') == ["Battery-swap stations spread."]
    assert _texts('"swap battery"') == ["Swap battery packs."]  # a pair has a direction
    assert _texts('"swap swap"') == ["Swap, swap again."]


def test_longer_chinese_phrase_needs_the_characters_in_order():
    QuoteFactory(text="One.", original_text="中国汽车出口增长", original_language="zh")
    QuoteFactory(text="Two.", original_text="出口中国汽车", original_language="zh")
    QuoteFactory(text="Three.", original_text="汽车中国出口", original_language="zh")
    assert _texts("中国汽车出口") == ["One."]


def test_chinese_two_characters_find_a_longer_run():
    QuoteFactory(text="Exports rose.", original_text="中国汽车出口增长很快", original_language="zh")
    QuoteFactory(text="Other.", original_text="汽油价格", original_language="zh")
    assert _texts("汽车") == ["Exports rose."]
    assert _texts("汽车出口") == ["Exports rose."]
    assert _texts("出口汽车") == []


def test_search_covers_speaker_and_session_title():
    session = SessionFactory(title="Electrification roundtable")
    on_session = QuoteFactory(text="One.", session=session, forum=session.forum)
    by_speaker = QuoteFactory(
        text="Two.", speaker__name="Xu Haidong", speaker__name_native="许海东"
    )
    assert _texts("electrification") == [on_session.text]
    assert _texts("haidong") == [by_speaker.text]
    assert _texts("海东") == [by_speaker.text]


def test_ranked_then_newest():
    old = QuoteFactory(text="Batteries, batteries, batteries.", said_on=dt.date(2023, 7, 6))
    new = QuoteFactory(text="Batteries matter.", said_on=dt.date(2023, 7, 7))
    newest = QuoteFactory(text="Batteries matter.", said_on=dt.date(2023, 7, 8))
    assert _texts("batteries")[0] == old.text
    result = search_quotes(user=ANONYMOUS, q="batteries", at=NOW)
    assert [q.pk for q in result.items][1:] == [newest.pk, new.pk]
    assert result.items[0].rank > result.items[1].rank


def test_empty_query_lists_newest_first():
    first = QuoteFactory(said_on=dt.date(2023, 7, 6))
    second = QuoteFactory(said_on=dt.date(2023, 7, 7))
    result = search_quotes(user=ANONYMOUS, at=NOW)
    assert [q.pk for q in result.items] == [second.pk, first.pk]
    assert result.total == 2


def test_highlight_marks_stemmed_matches_and_escapes_the_rest():
    QuoteFactory(text="<b>Exported</b> & sold")
    (quote,) = search_quotes(user=ANONYMOUS, q="exports", at=NOW).items
    assert quote.highlighted_text == "&lt;b&gt;<mark>Exported</mark>&lt;/b&gt; &amp; sold"


def test_highlight_marks_chinese_matches():
    QuoteFactory(text="x", original_text="中国汽车出口", original_language="zh")
    (quote,) = search_quotes(user=ANONYMOUS, q="汽车", at=NOW).items
    assert quote.highlighted_original == "中国<mark>汽车</mark>出口"


@pytest.mark.parametrize(
    "q",
    ['"exports', 'grew "exports', "exports & | ! <-> :* (", 'exports" OR NOT', "exports " * 300],
)
def test_malformed_query_never_errors(q):
    QuoteFactory(text="Exports grew.")
    try:
        result = search_quotes(user=ANONYMOUS, q=q, at=NOW)
    except InvalidSearch as error:  # only the length check may refuse
        assert "q" in error.message_dict
        assert len(q) > 200
    else:
        assert [quote.text for quote in result.items] == ["Exports grew."]


def test_unbalanced_quote_is_explained():
    QuoteFactory(text="Exports grew.")
    result = search_quotes(user=ANONYMOUS, q='"exports grew', at=NOW)
    assert result.total == 1
    assert result.messages == ["An unmatched quotation mark was ignored."]


def test_query_of_only_punctuation_is_an_empty_result_with_a_message():
    QuoteFactory()
    result = search_quotes(user=ANONYMOUS, q="&& || !!", at=NOW)
    assert (result.items, result.total) == ([], 0)
    assert "Nothing to search for" in result.messages[0]


def test_huge_query_is_refused_with_the_field_named():
    with pytest.raises(InvalidSearch) as error:
        search_quotes(user=ANONYMOUS, q="x" * 201, at=NOW)
    assert "at most 200 characters" in error.value.message_dict["q"][0]


@pytest.mark.parametrize("page", [0, -1, "two", None])
def test_bad_page_is_refused(page):
    with pytest.raises(InvalidSearch) as error:
        search_quotes(user=ANONYMOUS, page=page, at=NOW)
    assert "page" in error.value.message_dict


def test_page_past_the_end_is_empty_with_the_total():
    QuoteFactory()
    result = search_quotes(user=ANONYMOUS, page=5, at=NOW)
    assert (result.items, result.total, result.has_next) == ([], 1, False)


def test_pages_split_the_results():
    quotes = [QuoteFactory(said_on=dt.date(2023, 7, 1 + i)) for i in range(3)]
    first = search_quotes(user=ANONYMOUS, per_page=2, at=NOW)
    second = search_quotes(user=ANONYMOUS, per_page=2, page=2, at=NOW)
    assert [q.pk for q in first.items] == [quotes[2].pk, quotes[1].pk]
    assert [q.pk for q in second.items] == [quotes[0].pk]
    assert first.has_next and not second.has_next


def test_total_is_capped(monkeypatch):
    monkeypatch.setattr(search_module, "TOTAL_CAP", 2)
    QuoteFactory.create_batch(3)
    result = search_quotes(user=ANONYMOUS, at=NOW)
    assert (result.total, result.total_capped, result.total_display) == (2, True, "2+")


def test_capped_search_ranks_only_the_newest_window(monkeypatch):
    monkeypatch.setattr(search_module, "TOTAL_CAP", 2)
    monkeypatch.setattr(search_module, "RANK_WINDOW", 2)
    QuoteFactory(text="Batteries, batteries, batteries.", said_on=dt.date(2023, 7, 1))
    middle = QuoteFactory(text="Batteries matter.", said_on=dt.date(2023, 7, 2))
    newest = QuoteFactory(text="Batteries win.", said_on=dt.date(2023, 7, 3))
    first = search_quotes(user=ANONYMOUS, q="batteries", per_page=1, at=NOW)
    second = search_quotes(user=ANONYMOUS, q="batteries", per_page=1, page=2, at=NOW)
    third = search_quotes(user=ANONYMOUS, q="batteries", per_page=1, page=3, at=NOW)
    assert {first.items[0].pk, second.items[0].pk} == {middle.pk, newest.pk}
    assert (first.has_next, second.has_next, third.items) == (True, False, [])
    assert first.total_display == "2+"
    assert "the newest 2 are ranked" in first.messages[0]


@pytest.mark.parametrize("status", [Quote.Status.DRAFT, Quote.Status.RETRACTED])
def test_unverified_quotes_are_never_found(status, press_user):
    QuoteFactory(text="Secret exports plan.", status=status)
    assert _texts("exports") == []
    assert _texts("exports", user=press_user) == []


def test_embargoed_quotes_are_found_by_press_only(press_user):
    session = SessionFactory(embargo_until=LATER)
    QuoteFactory(text="Embargoed exports.", embargo_until=LATER)
    QuoteFactory(text="Session exports.", session=session, forum=session.forum)
    assert _texts("exports") == []
    assert sorted(_texts("exports", user=press_user)) == ["Embargoed exports.", "Session exports."]


def test_embargoed_quote_is_found_once_its_time_passes():
    QuoteFactory(text="Embargoed exports.", embargo_until=LATER)
    result = search_quotes(user=ANONYMOUS, q="exports", at=LATER)
    assert [q.text for q in result.items] == ["Embargoed exports."]


def test_organizer_finds_drafts(organizer):
    QuoteFactory(text="Draft exports.", status=Quote.Status.DRAFT)
    assert _texts("exports", user=organizer) == ["Draft exports."]


def _touch_result(result):
    """What a result row shows: attribution, forum, session, source."""
    return [
        (q.attribution, str(q.forum), str(q.session), str(q.source), q.highlighted_text)
        for q in result.items
    ]


@pytest.mark.parametrize("with_query", [False, True])
def test_query_count_is_flat_from_1_to_50_results(with_query, django_assert_num_queries):
    session = SessionFactory()
    source = SourceFactory()

    def make(n):
        for _ in range(n):
            speaker = SpeakerFactory()
            AffiliationFactory(speaker=speaker)
            QuoteFactory(speaker=speaker, session=session, forum=session.forum, source=source)

    counts = []
    q = "exports" if with_query else ""
    for n in (1, 49):
        make(n)
        cache.clear()
        # The count; the page joined to speakers, sessions, forums, venues and sources;
        # forum, venue (the citation's city) and session translations; affiliations,
        # their titles and organizations.
        with django_assert_num_queries(8) as captured:
            result = search_quotes(user=ANONYMOUS, q=q, per_page=50, at=NOW)
            _touch_result(result)
        counts.append((len(result.items), len(captured.captured_queries)))
    assert counts == [(1, 8), (50, 8)]
