import pytest
from django.core.cache import cache

from forum_site.prefetch import prefetch_reverse, prefetch_together
from speakers.models import Affiliation, Speaker
from tests.factories import AffiliationFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def test_fills_each_instance_in_one_query(django_assert_num_queries):
    first, second = AffiliationFactory(), AffiliationFactory(speaker=SpeakerFactory())
    AffiliationFactory(speaker=first.speaker)
    lonely = SpeakerFactory()
    speakers = list(Speaker.objects.filter(pk__in=[first.speaker_id, second.speaker_id, lonely.pk]))

    with django_assert_num_queries(1):
        rows = prefetch_reverse(speakers, "affiliations", Affiliation.objects.order_by("pk"))
    with django_assert_num_queries(0):
        held = {s.pk: [a.pk for a in s.affiliations.all()] for s in speakers}
        owners = {a.speaker is next(s for s in speakers if s.pk == a.speaker_id) for a in rows}

    assert held[first.speaker_id] == sorted(
        Affiliation.objects.filter(speaker=first.speaker).values_list("pk", flat=True)
    )
    assert held[second.speaker_id] == [second.pk]
    assert held[lonely.pk] == []
    assert owners == {True}


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
        owners = [t.master is a for a in affiliations for t in a.translations.all()]

    assert titles == ["deputy chief engineer", "analyst"]
    assert names[0] == "CAAM"
    assert owners == [True, True]


def test_together_with_nothing_to_fill_makes_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        prefetch_together([([None], "translations")])
