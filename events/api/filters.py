"""Filters for the API's list endpoints.

Related objects are named by slug (or id for sessions) and matched in the database,
so an unknown value gives an empty result and never reveals whether a hidden object
exists. Values the form cannot read (a bad date, a huge id) are a 400 naming the field.
"""

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from events.models import LANGUAGE_CHOICES, Quote, Session, SessionParticipant
from speakers.models import Affiliation, Speaker

MAX_ID = 2**63 - 1


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(filters.Filter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


def SlugFilter(field_name=None, **kwargs):  # noqa: N802 (reads like a filter class)
    return filters.CharFilter(field_name=field_name, max_length=120, **kwargs)


def held_on_date(organization_slug):
    """Affiliations with the organization that cover the quote's `said_on`."""
    return Affiliation.objects.filter(
        Q(start_date__isnull=True) | Q(start_date__lte=OuterRef("said_on")),
        Q(end_date__isnull=True) | Q(end_date__gte=OuterRef("said_on")),
        speaker=OuterRef("speaker"),
        organization__slug=organization_slug,
    )


class QuoteFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("said_from"), cleaned.get("said_to")
        if start and end and start > end:
            self.add_error("said_to", _("The end of the date range is before its start."))
        return cleaned


class QuoteFilter(filters.FilterSet):
    forum = SlugFilter("forum__slug", help_text=_("Forum slug."))
    session = IdFilter("session_id", help_text=_("Session id."))
    speaker = SlugFilter("speaker__slug", help_text=_("Speaker slug."))
    organization = SlugFilter(
        method="filter_organization",
        help_text=_("Organization slug: the speaker's affiliation on the day of the quote."),
    )
    topic = SlugFilter(
        method="filter_topic", help_text=_("Topic slug, of the quote or of its session.")
    )
    said_from = filters.DateFilter(
        "said_on", lookup_expr="gte", help_text=_("Said on or after (YYYY-MM-DD).")
    )
    said_to = filters.DateFilter(
        "said_on", lookup_expr="lte", help_text=_("Said on or before (YYYY-MM-DD).")
    )
    language = filters.ChoiceFilter(choices=LANGUAGE_CHOICES, help_text=_("Quote language."))
    kind = filters.ChoiceFilter(choices=Quote.Kind.choices, help_text=_("Direct or reported."))

    class Meta:
        model = Quote
        form = QuoteFilterForm
        fields = []

    def filter_organization(self, queryset, name, value):
        return queryset.filter(Exists(held_on_date(value)))

    def filter_topic(self, queryset, name, value):
        own = Quote.topics.through.objects.filter(quote=OuterRef("pk"), paneltopic__slug=value)
        of_session = Session.topics.through.objects.filter(
            session=OuterRef("session"), paneltopic__slug=value
        )
        return queryset.filter(Exists(own) | Exists(of_session))


class SessionFilter(filters.FilterSet):
    forum = SlugFilter("forum__slug", help_text=_("Forum slug."))
    speaker = SlugFilter(method="filter_speaker", help_text=_("Speaker slug."))
    topic = SlugFilter(method="filter_topic", help_text=_("Topic slug."))
    kind = filters.ChoiceFilter(choices=Session.Kind.choices)
    language = filters.ChoiceFilter(choices=LANGUAGE_CHOICES)

    class Meta:
        model = Session
        fields = []

    def filter_speaker(self, queryset, name, value):
        # Only visible speakers, so the filter cannot tell whether a hidden one exists.
        speakers = Speaker.objects.visible_to(self.request.user).filter(slug=value)
        takes_part = SessionParticipant.objects.filter(session=OuterRef("pk"), speaker__in=speakers)
        return queryset.filter(Exists(takes_part))

    def filter_topic(self, queryset, name, value):
        tagged = Session.topics.through.objects.filter(
            session=OuterRef("pk"), paneltopic__slug=value
        )
        return queryset.filter(Exists(tagged))


class SpeakerFilter(filters.FilterSet):
    organization = SlugFilter(
        method="filter_organization", help_text=_("Organization slug, any affiliation.")
    )

    class Meta:
        model = Speaker
        fields = []

    def filter_organization(self, queryset, name, value):
        affiliated = Affiliation.objects.filter(speaker=OuterRef("pk"), organization__slug=value)
        return queryset.filter(Exists(affiliated))
