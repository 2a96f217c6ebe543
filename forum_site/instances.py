"""Model instances built from database rows as Model.from_db() builds them, for less.

A page of search results builds about 150 instances. Through from_db(), each
one pays for Model.__init__ (two signals, and every field set through its
descriptor) and, for a parler model, a get_language() through asgiref's
context-local storage: together 4-5 ms of a 25 ms search on this project's
2-core reference machine. `instance_builder(model, db, attnames)` returns a
function that builds the same instance directly: the loaded fields in its
__dict__, its state marked as loaded from `db`, and parler's attributes set.

The direct way is taken only where it builds the same instance: when no
pre_init or post_init receiver (nor parler's translation-init signals)
listens for the model, and no class of the model defines an __init__ other
than Django's and parler's, whose work it repeats. Otherwise the builder is
from_db() itself. tests/forum_site/test_instances.py compares the two for
every model a search page builds, so a Django or parler upgrade that changes
__init__ shows there.
"""

import functools
from collections import defaultdict

from django.db.models import Model, signals
from django.db.models.base import ModelState
from parler import signals as parler_signals
from parler.models import TranslatableModelMixin, TranslatedFieldsModelMixin
from parler.utils.i18n import get_language, normalize_language_code

# The __init__ methods whose work build() repeats.
_KNOWN_INITS = frozenset(
    {
        object.__init__,
        Model.__init__,
        TranslatableModelMixin.__init__,
        TranslatedFieldsModelMixin.__init__,
    }
)


def instance_builder(model, db, attnames):
    """A function of a row's values (in `attnames` order) returning the instance from_db() would.

    `attnames` are the loaded fields' attnames in the model's field order;
    the fields left out are deferred, as with from_db().
    """
    attnames = tuple(attnames)
    if not builds_directly(model):
        return lambda values: model.from_db(db, attnames, values)
    # A parler instance keeps the language it was fetched in; one lookup serves the page.
    language = None
    if issubclass(model, TranslatableModelMixin):
        language = normalize_language_code(get_language())
    return _direct_builder(model, db, attnames, language)


@functools.lru_cache(maxsize=256)
def _direct_builder(model, db, attnames, language):
    """build() for `model`'s rows of `attnames` from `db`, fetched in `language` (or None).

    Made once per arguments: a search asks for a dozen builders.
    """
    translation = issubclass(model, TranslatedFieldsModelMixin)
    original = _original_positions(model, attnames) if translation else None

    def build(values):
        obj = model.__new__(model)
        state = obj._state = ModelState()
        state.adding, state.db = False, db
        obj.__dict__.update(zip(attnames, values, strict=True))
        if language is not None:
            obj._translations_cache = defaultdict(dict)
            obj._current_language = language
        if translation:
            # What parler compares with to tell whether a translation was changed.
            if original is None:
                obj._original_values = obj._get_field_values()
            else:
                obj._original_values = [values[position] for position in original]
        return obj

    return build


@functools.lru_cache(maxsize=64)
def _original_positions(model, attnames):
    """Where in a row parler's _get_field_values() finds each value; None if some is deferred.

    Calling _get_field_values() on each translation of a page cost more than
    building the translation. Found once per model and columns: a search
    asks for them on every page.
    """
    fields = model._meta.get_fields()
    names = [f.get_attname() for f in fields if not f.is_relation or f.many_to_one]
    if not set(names) <= set(attnames):
        return None
    return tuple(attnames.index(name) for name in names)


def builds_directly(model):
    """Whether build() makes the same instance of `model` as from_db()."""
    if not _only_known_inits(model):
        return False
    watched = [signals.pre_init, signals.post_init]
    if issubclass(model, TranslatedFieldsModelMixin):
        watched += [parler_signals.pre_translation_init, parler_signals.post_translation_init]
    return not any(signal.has_listeners(model) for signal in watched)


@functools.lru_cache(maxsize=64)
def _only_known_inits(model):
    """Whether every __init__ of `model`'s classes is one build() repeats (fixed per class)."""
    inits = (cls.__dict__["__init__"] for cls in model.__mro__ if "__init__" in cls.__dict__)
    return all(init in _KNOWN_INITS for init in inits)
