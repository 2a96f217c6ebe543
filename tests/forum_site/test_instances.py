import pytest
from django.db.models.signals import post_init
from django.utils import translation

from events.models import Forum, Quote, Session, Source, Venue
from forum_site.instances import builds_directly, instance_builder
from speakers.models import Affiliation, Organization, Speaker
from tests.factories import AffiliationFactory, QuoteFactory, SessionFactory, SourceFactory

pytestmark = pytest.mark.django_db

# Every model a page of search results builds (forum_site.prefetch, events.press.search).
PAGE_MODELS = [
    Quote,
    Speaker,
    Session,
    Forum,
    Venue,
    Source,
    Affiliation,
    Organization,
    Forum.translations.rel.related_model,
    Session.translations.rel.related_model,
    Affiliation.translations.rel.related_model,
    Organization.translations.rel.related_model,
]


@pytest.fixture
def one_of_each():
    session = SessionFactory()
    affiliation = AffiliationFactory()
    QuoteFactory(
        session=session,
        forum=session.forum,
        speaker=affiliation.speaker,
        source=SourceFactory(),
        original_text="我们估计",
        original_language="zh-hans",
    )


def _loaded(model, deferred=()):
    attnames = [f.attname for f in model._meta.concrete_fields if f.name not in deferred]
    return attnames, list(model._base_manager.values_list(*attnames).order_by("pk").first())


@pytest.mark.parametrize("model", PAGE_MODELS, ids=lambda model: model.__name__)
def test_builds_the_instance_from_db_builds(one_of_each, model):
    deferred = ("search_document", "search_vector") if model is Quote else ()
    attnames, values = _loaded(model, deferred)
    with translation.override("zh-hans"):
        expected = model.from_db("default", attnames, values)
        built = instance_builder(model, "default", attnames)(values)

    assert builds_directly(model)
    assert type(built) is model
    assert _comparable(built) == _comparable(expected)
    assert (built._state.adding, built._state.db) == (False, "default")
    assert built.get_deferred_fields() == expected.get_deferred_fields() == set(deferred)


def _comparable(obj):
    return {name: value for name, value in vars(obj).items() if name != "_state"}


def test_a_model_with_an_init_receiver_is_built_by_from_db(one_of_each):
    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance)

    post_init.connect(receiver, sender=Source)
    try:
        attnames, values = _loaded(Source)
        built = instance_builder(Source, "default", attnames)(values)
        assert not builds_directly(Source)
        assert seen == [built]
    finally:
        post_init.disconnect(receiver, sender=Source)
    assert builds_directly(Source)
