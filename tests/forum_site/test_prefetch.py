import datetime as dt
import gc
import re

import pytest
from django.core.cache import cache
from django.utils import translation

from events.models import Quote
from forum_site.prefetch import (
    RowStore,
    fetch_forward,
    fetch_joined,
    prefetch_reverse,
    prefetch_together,
)
from speakers.models import Affiliation, Organization, Speaker
from tests.factories import (
    AffiliationFactory,
    OrganizationFactory,
    QuoteFactory,
    SessionFactory,
    SourceFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db


def test_fills_each_instance_in_one_query(django_assert_num_queries):
    first, second = AffiliationFactory(), AffiliationFactory(speaker=SpeakerFactory())
    AffiliationFactory(speaker=first.speaker)
    lonely = SpeakerFactory()
    speakers = list(Speaker.objects.filter(pk__in=[first.speaker_id, second.speaker_id, lonely.pk]))

    with django_assert_num_queries(1):
        rows = prefetch_reverse(speakers, "affiliations", follow=["organization"])
    with django_assert_num_queries(0):
        held = {s.pk: [a.pk for a in s.affiliations.all()] for s in speakers}
        organizations = {a.organization.pk == a.organization_id for a in rows}

    assert held[first.speaker_id] == sorted(
        Affiliation.objects.filter(speaker=first.speaker).values_list("pk", flat=True)
    )
    assert held[second.speaker_id] == [second.pk]
    assert held[lonely.pk] == []
    assert organizations == {True}


def test_parler_reads_prefetched_translations(django_assert_num_queries):
    affiliation = AffiliationFactory(title="deputy chief engineer")
    fresh = Affiliation.objects.get(pk=affiliation.pk)
    cache.clear()  # parler also caches translations: only the prefetch may answer
    with django_assert_num_queries(1):
        prefetch_reverse([fresh, None], "translations")
    with django_assert_num_queries(0):
        assert fresh.safe_translation_getter("title") == "deputy chief engineer"


def test_nothing_to_fill_makes_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert prefetch_reverse([None], "translations") == []


def test_fills_several_relations_of_different_widths_in_one_query(django_assert_num_queries):
    one = AffiliationFactory(title="deputy chief engineer", organization__name="CAAM")
    other = AffiliationFactory(title="analyst")
    affiliations = list(Affiliation.objects.filter(pk__in=[one.pk, other.pk]).order_by("pk"))
    organizations = [affiliation.organization for affiliation in affiliations]
    cache.clear()  # parler also caches translations: only the prefetch may answer

    with django_assert_num_queries(1):
        prefetch_together([(affiliations, "translations"), (organizations, "translations")])
    with django_assert_num_queries(0):
        titles = [a.safe_translation_getter("title") for a in affiliations]
        names = [o.safe_translation_getter("name") for o in organizations]
        owners = [t.master_id == a.pk for a in affiliations for t in a.translations.all()]

    assert titles == ["deputy chief engineer", "analyst"]
    assert names[0] == "CAAM"
    assert owners == [True, True]


def test_together_with_nothing_to_fill_makes_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        prefetch_together([([None], "translations")])


def test_fetch_joined_follows_foreign_keys_and_converts_values(django_assert_num_queries):
    session = SessionFactory(embargo_until=dt.datetime(2023, 7, 7, 1, 0, tzinfo=dt.UTC))
    quote = QuoteFactory(session=session, forum=session.forum, source=SourceFactory())
    QuoteFactory(speaker=quote.speaker, forum=session.forum)  # shares a speaker and a forum

    ids = list(Quote.objects.values_list("pk", flat=True))
    with django_assert_num_queries(1):
        rows = fetch_joined(
            Quote,
            ids,
            follow=("speaker", "session", "forum", "forum__venue", "source"),
            defer=("search_document", "search_vector"),
        )
    with django_assert_num_queries(0):
        first, second = rows
        venue_city = first.forum.venue.city
        assert (first.session.pk, second.session) == (session.pk, None)
        assert first.session.embargo_until == session.embargo_until  # aware, on SQLite too
        assert first.said_on == quote.said_on and first.source.pk == quote.source_id
        assert first.speaker is second.speaker and first.forum is second.forum
        assert first.speaker.guid == quote.speaker.guid
    assert venue_city == session.forum.venue.city
    stored = Quote.objects.get(pk=quote.pk).search_document
    with django_assert_num_queries(1):  # deferred, so read on access as with defer()
        assert first.search_document == stored


def test_fetch_forward_fills_foreign_keys_of_many_instances(django_assert_num_queries):
    with_session = QuoteFactory(session=SessionFactory())
    without = QuoteFactory()
    quotes = list(Quote.objects.order_by("pk"))

    with django_assert_num_queries(4):  # speakers, sessions, forums, venues; no source
        fetch_forward(quotes, ("speaker", "session", "forum", "forum__venue", "source"))
    with django_assert_num_queries(0):
        cities = {quote.forum.venue.city for quote in quotes}
        names = [quote.speaker.name for quote in quotes]
        sessions = [quote.session.pk if quote.session else None for quote in quotes]
        sources = [quote.source for quote in quotes]
    assert names == [with_session.speaker.name, without.speaker.name]
    assert sessions == [with_session.session_id, None]
    assert sources == [None, None]
    assert cities == {with_session.forum.venue.city, without.forum.venue.city}


def test_translations_are_read_without_touching_the_cache(django_assert_num_queries):
    organization = OrganizationFactory(name="CAAM")
    fresh = Organization.objects.get(pk=organization.pk)
    cache.clear()

    with django_assert_num_queries(1):
        prefetch_together([([fresh], "translations")])
    with django_assert_num_queries(0), translation.override("zh-hans"):
        # No Chinese name: parler falls back to English without a query.
        assert fresh.safe_translation_getter("name", any_language=True) == "CAAM"
    assert cache.get_many([]) == {} and not _parler_cached(fresh)


def _parler_cached(organization):
    from parler.cache import get_translation_cache_key

    model = organization._parler_meta.root_model
    keys = [get_translation_cache_key(model, organization.pk, code) for code in ("en", "zh-hans")]
    return cache.get_many(keys)


def test_leaves_no_reference_cycle_for_the_garbage_collector():
    # A cycle per row (a translation pointing back at its master, an affiliation at
    # its speaker) is freed only by a collection, which then has a page's worth of them.
    affiliation = AffiliationFactory(title="deputy chief engineer")
    speakers = list(Speaker.objects.filter(pk=affiliation.speaker_id))
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        held = prefetch_reverse(speakers, "affiliations", follow=["organization"])
        prefetch_together(
            [(held, "translations"), ([a.organization for a in held], "translations")]
        )
        assert str(speakers[0].affiliations.all()[0].organization)
        del held, speakers
        assert gc.collect() == 0
    finally:
        if was_enabled:
            gc.enable()


def test_a_row_store_spares_the_queries_for_rows_it_holds(django_assert_num_queries):
    held = AffiliationFactory(title="deputy chief engineer", organization__name="CAAM")
    late = AffiliationFactory(title="analyst")
    store = RowStore()

    def load(affiliations):
        fresh = list(Affiliation.objects.filter(pk__in=[a.pk for a in affiliations]))
        speakers = list(Speaker.objects.filter(pk__in=[a.speaker_id for a in affiliations]))
        cache.clear()  # parler also caches translations: only the loaders may answer
        return fresh, speakers

    def fill(affiliations, speakers):
        fetch_forward(affiliations, ["organization"], store=store)
        prefetch_reverse(speakers, "affiliations", store=store)
        organizations = (a.organization for a in affiliations)
        prefetch_together(
            [(affiliations, "translations"), (organizations, "translations")], store=store
        )

    fresh, speakers = load([held])
    with django_assert_num_queries(3):
        fill(fresh, speakers)

    fresh, speakers = load([held, late])
    # Only `late`'s rows are read: one query each, for the one id missing.
    with django_assert_num_queries(3) as queries:
        fill(fresh, speakers)
    assert all(re.search(r" IN \(\d+\)", query["sql"]) for query in queries.captured_queries)

    fresh, speakers = load([held, late])
    with django_assert_num_queries(0):
        fill(fresh, speakers)
        shown = [
            (a.safe_translation_getter("title"), a.organization.safe_translation_getter("name"))
            for a in fresh
        ]
        owned = [[a.pk for a in s.affiliations.all()] for s in speakers]
    assert shown == [("deputy chief engineer", "CAAM"), ("analyst", str(late.organization))]
    assert owned == [[held.pk], [late.pk]]
