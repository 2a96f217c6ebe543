"""Filters for the session and speaker lists.

Quotes use the search's own filters (events.press.filters.QuoteFilter), so one
URL means the same in the press room, the exports and the API. Related objects
here are named by slug and matched in the database, so an unknown value gives an
empty result and never reveals whether a hidden object exists.
"""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from events.models import Session, SessionParticipant
from events.models.choices import LANGUAGE_FILTER_CHOICES, in_language
from speakers.models import Affiliation, Speaker


def SlugFilter(field_name=None, **kwargs):  # noqa: N802 (reads like a filter class)
    return filters.CharFilter(field_name=field_name, max_length=120, **kwargs)


class SessionFilter(filters.FilterSet):
    forum = SlugFilter("forum__slug", help_text=_("Forum slug."))
    speaker = SlugFilter(method="filter_speaker", help_text=_("Speaker slug."))
    topic = SlugFilter(method="filter_topic", help_text=_("Topic slug."))
    kind = filters.ChoiceFilter(choices=Session.Kind.choices)
    language = filters.ChoiceFilter(
        choices=LANGUAGE_FILTER_CHOICES,
        method="filter_language",
        help_text=_("A language range: zh matches any Chinese, zh-hans only simplified."),
    )

    class Meta:
        model = Session
        fields = []

    def filter_language(self, queryset, name, value):
        return queryset.filter(in_language("language", value))

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
