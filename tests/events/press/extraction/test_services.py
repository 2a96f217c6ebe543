import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from events.models import Quote, Source
from events.press.extraction.matching import NewSpeaker
from events.press.extraction.services import AcceptedQuote, article_quotes_create
from speakers.models import Affiliation, Organization, Speaker
from tests.factories import ForumFactory, OrganizationFactory, SpeakerFactory

pytestmark = pytest.mark.django_db
DAY = dt.date(2023, 7, 21)


def create(forum, quotes, **options):
    arguments = {"said_on": DAY, "language": "en", "publish_speakers": True, **options}
    source = Source(publication="China Daily", published_on=DAY)
    return article_quotes_create(forum=forum, source=source, quotes=quotes, **arguments)


def test_new_speakers_get_an_organization_matched_or_created_and_an_affiliation():
    forum = ForumFactory()
    OrganizationFactory(name="China Association of Automobile Manufacturers", short_name="CAAM")
    luo = NewSpeaker(
        "Luo Junjie", "executive vice president", "China Machinery Industry Federation"
    )
    xu = NewSpeaker("Xu Haidong", "deputy chief engineer", "CAAM")
    created = create(forum, [
        AcceptedQuote("One.", "reported", "verified", luo),
        AcceptedQuote("Two.", "direct", "verified", xu),
        AcceptedQuote("Three.", "direct", "draft", xu),
    ])  # fmt: skip
    assert [s.name for s in created.speakers] == ["Luo Junjie", "Xu Haidong"]
    assert Speaker.objects.filter(name="Xu Haidong").count() == 1
    assert Organization.objects.count() == 2  # CAAM reused by its short name
    titles = {str(a.speaker): a.title_text for a in Affiliation.objects.all()}
    assert titles == {
        "Luo Junjie": "executive vice president",
        "Xu Haidong": "deputy chief engineer",
    }
    assert [q.source_id for q in created.quotes] == [created.source.pk] * 3


def test_a_chinese_name_is_also_the_native_name_and_gets_a_slug():
    quote = AcceptedQuote("出口增长。", "direct", "draft", NewSpeaker("陈立平"))
    created = create(ForumFactory(), [quote], language="zh-hans")
    speaker = created.speakers[0]
    assert (speaker.name, speaker.name_native, speaker.slug) == ("陈立平", "陈立平", "speaker")


def test_an_invalid_quote_leaves_nothing_behind():
    forum = ForumFactory()
    existing = SpeakerFactory()
    quotes = [
        AcceptedQuote("Fine.", "direct", "draft", NewSpeaker("Markus Brandt", "analyst", "Hauck")),
        AcceptedQuote("Bad kind.", "shouted", "draft", existing),
    ]
    with pytest.raises(ValidationError):
        create(forum, quotes)
    assert (Source.objects.count(), Quote.objects.count()) == (0, 0)
    assert not Speaker.objects.filter(name="Markus Brandt").exists()
    assert not Organization.objects.filter(translations__name="Hauck").exists()
