"""The quote search form: `q` plus the filters, as shareable query parameters.

Search pages, exports and the API parse their parameters with QuoteFilter so
that one URL means the same everywhere. Choices are limited to what the user
may see, so a draft forum's slug is as unknown as a mistyped one.
"""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from events.models import Forum, PanelTopic, Quote, Session
from events.models.choices import LANGUAGE_FILTER_CHOICES, in_language
from speakers.models import Affiliation, Organization, Speaker

MAX_QUERY_LENGTH = 200


def _unknown(message):
    return {"invalid_choice": message}


class QuoteSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=MAX_QUERY_LENGTH, required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error(
                "date_to",
                _("The end date %(end)s is before the start date %(start)s.")
                % {"end": end.isoformat(), "start": start.isoformat()},
            )
        return data


class QuoteFilter(django_filters.FilterSet):
    forum = django_filters.ModelChoiceFilter(
        label=_("Forum"),
        to_field_name="slug",
        error_messages=_unknown(_("There is no forum “%(value)s”.")),
    )
    session = django_filters.ModelChoiceFilter(
        label=_("Session"),
        to_field_name="guid",
        error_messages=_unknown(_("There is no session “%(value)s”.")),
    )
    speaker = django_filters.ModelChoiceFilter(
        label=_("Speaker"),
        to_field_name="slug",
        error_messages=_unknown(_("There is no speaker “%(value)s”.")),
    )
    organization = django_filters.ModelChoiceFilter(
        label=_("Organization"),
        to_field_name="slug",
        method="filter_organization",
        error_messages=_unknown(_("There is no organization “%(value)s”.")),
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"),
        to_field_name="slug",
        method="filter_topic",
        error_messages=_unknown(_("There is no topic “%(value)s”.")),
    )
    date_from = django_filters.DateFilter(
        label=_("Said on or after"), field_name="said_on", lookup_expr="gte"
    )
    date_to = django_filters.DateFilter(
        label=_("Said on or before"), field_name="said_on", lookup_expr="lte"
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=LANGUAGE_FILTER_CHOICES,
        method="filter_language",
        error_messages=_unknown(_("“%(value)s” is not a language you can filter by.")),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        choices=Quote.Kind.choices,
        error_messages=_unknown(_("“%(value)s” is not a kind of quote: use direct or reported.")),
    )

    class Meta:
        model = Quote
        fields = []
        form = QuoteSearchForm

    def __init__(self, data=None, queryset=None, *, user, at=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        # What `user` may see at `at`, so an unseen forum's slug is as unknown as a typo.
        choices = {
            "forum": lambda: Forum.objects.visible_to(user),
            "session": lambda: Session.objects.visible_to(user, at=at),
            "speaker": lambda: Speaker.objects.visible_to(user),
            "organization": Organization.objects.all,
            "topic": PanelTopic.objects.all,
        }
        for name, choice in choices.items():
            if name in self.filters:
                self.filters[name].queryset = choice()

    def filter_queryset(self, queryset):
        # `q` is a form field but not a filter: search_quotes() matches it.
        for name, value in self.form.cleaned_data.items():
            if name in self.filters:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    # The schema (drf-spectacular) cannot guess a method filter's type: it takes a slug.
    @extend_schema_field(OpenApiTypes.STR)
    def filter_organization(self, queryset, name, organization):
        """Quotes said while the speaker held a role at `organization`.

        The same affiliation the attribution line shows: a quote said at
        CAAM is found under CAAM even if the speaker has since moved on.
        """
        members = Affiliation.objects.filter(organization=organization)
        held = members.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=OuterRef("said_on")),
            Q(end_date__isnull=True) | Q(end_date__gte=OuterRef("said_on")),
            speaker=OuterRef("speaker"),
        )
        # The IN narrows to the organization's speakers first (a hashable semi-join);
        # the correlated EXISTS then checks the dates on those few quotes only.
        return queryset.filter(Exists(held), speaker__in=members.values("speaker"))

    @extend_schema_field(OpenApiTypes.STR)
    def filter_topic(self, queryset, name, topic):
        """Quotes tagged with `topic`, or said in a session on it."""
        tagged = Quote.topics.through.objects.filter(quote=OuterRef("pk"), paneltopic=topic)
        in_session = Session.topics.through.objects.filter(
            session=OuterRef("session"), paneltopic=topic
        )
        return queryset.filter(Exists(tagged) | Exists(in_session))

    def filter_language(self, queryset, name, language):
        """Quotes whose text or original text is in `language` (zh includes zh-hans)."""
        return queryset.filter(
            in_language("language", language) | in_language("original_language", language)
        )
