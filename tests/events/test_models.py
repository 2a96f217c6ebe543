import datetime as dt

import pytest
from django.db.models import ProtectedError
from django.utils import translation

from tests.factories import AffiliationFactory, QuoteFactory, SessionParticipantFactory

pytestmark = pytest.mark.django_db


def _xu_haidong_quote():
    quote = QuoteFactory(speaker__name="Xu Haidong", said_on=dt.date(2023, 7, 6))
    AffiliationFactory(
        speaker=quote.speaker,
        organization__name="China Association of Automobile Manufacturers",
        title="deputy chief engineer",
        start_date=dt.date(2020, 1, 1),
    )
    return quote


def test_quote_attribution_uses_title_held_on_said_on():
    quote = _xu_haidong_quote()
    AffiliationFactory(speaker=quote.speaker, title="director", start_date=dt.date(2024, 1, 1))
    assert quote.attribution == (
        "Xu Haidong, deputy chief engineer of the China Association of Automobile Manufacturers"
    )


def test_quote_attribution_without_affiliation_is_the_name():
    quote = QuoteFactory(speaker__name="Luo Junjie")
    assert quote.attribution == "Luo Junjie"


def test_quote_attribution_in_chinese_reads_organization_title_name():
    quote = _xu_haidong_quote()
    affiliation = quote.speaker.affiliations.get()
    affiliation.set_current_language("zh-hans")
    affiliation.title = "副总工程师"
    affiliation.save()
    organization = affiliation.organization
    organization.set_current_language("zh-hans")
    organization.name = "中国汽车工业协会"
    organization.save()
    quote.speaker.name_native = "许海东"
    with translation.override("zh-hans"):
        assert quote.attribution == "中国汽车工业协会副总工程师许海东"


def test_deleting_a_quoted_speaker_is_refused():
    quote = QuoteFactory()
    with pytest.raises(ProtectedError):
        quote.speaker.delete()


def test_deleting_a_speaker_in_a_session_is_refused():
    participant = SessionParticipantFactory()
    with pytest.raises(ProtectedError):
        participant.speaker.delete()


def test_deleting_an_organization_with_affiliations_is_refused():
    affiliation = AffiliationFactory()
    with pytest.raises(ProtectedError):
        affiliation.organization.delete()
