"""Filters that name a forum, session, speaker, organization or topic, without looking it up.

A ModelChoiceFilter fetches the object it names before the search runs: a
query, and a model instance, on every filtered search. Here the value cleans
to a Reference, a subquery of that object's primary key which the search
carries (`forum_id = (SELECT "id" FROM "events_forum" WHERE "slug" = %s)`).
Whether the value names anything the user may see is asked only when
nothing matched (unknown_references()): a search that found quotes through
it proves it did, since quotes are visible only in visible forums, sessions
and speakers.
"""

import django_filters
from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models.expressions import RawSQL

from events.querysets import pk_select


class Reference(RawSQL):
    """The primary key of the row of `queryset` whose `field_name` is `value`, as a subquery.

    The subquery looks in the whole table (the column is unique), not only at
    what the user may see: the search's visibility already hides the quotes
    of a draft forum, an embargoed session or an unpublished speaker.
    `queryset`, what the user may see, answers exists() and get().
    """

    def __init__(self, queryset, field_name, value):
        meta, connection = queryset.model._meta, connections[queryset.db]
        prepared = meta.get_field(field_name).get_db_prep_value(value, connection)
        sql = pk_select(connection, meta, f"{{{field_name}}} = %s")
        super().__init__(sql, [prepared])  # noqa: S611 (quoted names; the value is a parameter)
        self.queryset, self.lookup = queryset, {field_name: value}

    def exists(self):
        return self.queryset.filter(**self.lookup).exists()

    def get(self):
        """The named object if the user may see it, else None."""
        return next(iter(self.queryset.filter(**self.lookup)), None)


class ReferenceField(django_filters.fields.ModelChoiceField):
    """A ModelChoiceField that cleans to a Reference; its queryset (what the user may
    see) still lists the options and decides whether a value is known."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        field = self.queryset.model._meta.get_field(self.to_field_name)
        # A malformed UUID raises ValidationError here, with its own message.
        return Reference(self.queryset, self.to_field_name, field.to_python(value))


class ReferenceFilter(django_filters.ModelChoiceFilter):
    field_class = ReferenceField


def unknown_references(form):
    """{name: [message]} for each chosen Reference that names nothing the user may see."""
    errors = {}
    for name, value in form.cleaned_data.items():
        if isinstance(value, Reference) and not value.exists():
            message = form.fields[name].error_messages["invalid_choice"]
            errors[name] = ValidationError(message, params={"value": form.data[name]}).messages
    return errors
