"""What the API answers: stable ids, slugs and GUIDs, texts in the request's language."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from events.api.fields import LocalDateTimeField, PermalinkField, TranslatedField
from events.models import (
    Forum,
    ForumOrganization,
    PanelTopic,
    Quote,
    QuoteCorrection,
    Session,
    Source,
    Venue,
)
from speakers.models import Affiliation, Organization, Speaker


def _api_url(view_name):
    return serializers.HyperlinkedIdentityField(view_name=f"api:{view_name}-detail")


# --- References: the few fields that identify a related object -----------------------


class OrganizationRefSerializer(serializers.ModelSerializer):
    name = TranslatedField("name")

    class Meta:
        model = Organization
        fields = ["id", "slug", "name", "short_name"]


class TopicRefSerializer(serializers.ModelSerializer):
    title = TranslatedField("title")

    class Meta:
        model = PanelTopic
        fields = ["id", "slug", "title"]


class ForumRefSerializer(serializers.ModelSerializer):
    name = TranslatedField("name")

    class Meta:
        model = Forum
        fields = ["id", "slug", "name"]


class SessionRefSerializer(serializers.ModelSerializer):
    title = TranslatedField("title")

    class Meta:
        model = Session
        fields = ["id", "guid", "slug", "title"]


class SpeakerRefSerializer(serializers.ModelSerializer):
    display_name = serializers.CharField(
        read_only=True, help_text=_("The native-script name in Chinese answers, when known.")
    )

    class Meta:
        model = Speaker
        fields = ["id", "guid", "slug", "name", "name_native", "display_name"]


# --- Organizations and topics -----------------------------------------------------------


class OrganizationSerializer(OrganizationRefSerializer):
    url = _api_url("organization")
    description_html = TranslatedField("description")

    class Meta:
        model = Organization
        fields = [*OrganizationRefSerializer.Meta.fields, "description_html", "website", "logo"]
        fields += ["url"]


class TopicSerializer(TopicRefSerializer):
    url = _api_url("topic")
    description_html = TranslatedField("description")
    permalink = PermalinkField()

    class Meta:
        model = PanelTopic
        fields = [*TopicRefSerializer.Meta.fields, "description_html", "url", "permalink"]


# --- Forums ---------------------------------------------------------------------------


class VenueSerializer(serializers.ModelSerializer):
    # Translated: in the request's language, else English.
    name = serializers.CharField(read_only=True)
    district = serializers.CharField(read_only=True)
    city = serializers.CharField(read_only=True)
    country = serializers.CharField(read_only=True)
    address = serializers.CharField(read_only=True)
    latitude = serializers.DecimalField(9, 6, coerce_to_string=False, allow_null=True)
    longitude = serializers.DecimalField(9, 6, coerce_to_string=False, allow_null=True)

    class Meta:
        model = Venue
        fields = ["name", "district", "city", "country", "address", "latitude", "longitude"]


class ForumOrganizationSerializer(serializers.ModelSerializer):
    organization = OrganizationRefSerializer()

    class Meta:
        model = ForumOrganization
        fields = ["role", "organization"]


class ForumSerializer(ForumRefSerializer):
    description_html = TranslatedField("description")
    venue = VenueSerializer(allow_null=True)
    organizations = ForumOrganizationSerializer(source="organizer_links", many=True)
    url = _api_url("forum")
    permalink = PermalinkField()

    class Meta:
        model = Forum
        fields = [
            *ForumRefSerializer.Meta.fields,
            "description_html",
            "start_date",
            "end_date",
            "time_zone",
            "status",
            "venue",
            "organizations",
            "url",
            "permalink",
        ]


# --- Speakers -------------------------------------------------------------------------


class AffiliationSerializer(serializers.ModelSerializer):
    organization = OrganizationRefSerializer()
    title = serializers.CharField(source="title_text")

    class Meta:
        model = Affiliation
        fields = ["organization", "title", "start_date", "end_date"]


class SpeakerSerializer(SpeakerRefSerializer):
    bio_html = TranslatedField("bio")
    affiliations = AffiliationSerializer(many=True)
    url = _api_url("speaker")
    permalink = PermalinkField()

    class Meta:
        model = Speaker
        fields = [*SpeakerRefSerializer.Meta.fields, "bio_html", "photo", "photo_credit"]
        fields += ["affiliations", "url", "permalink"]


# --- Sessions -------------------------------------------------------------------------


class ParticipantSerializer(serializers.Serializer):
    role = serializers.CharField()
    speaker = SpeakerRefSerializer()


class SessionSerializer(SessionRefSerializer):
    forum = ForumRefSerializer()
    abstract_html = TranslatedField("abstract")
    starts_at = LocalDateTimeField("starts_at")
    ends_at = LocalDateTimeField("ends_at")
    embargo_until = LocalDateTimeField("embargo_until")
    time_zone = serializers.CharField(source="forum.time_zone")
    room = serializers.CharField(source="room.name", allow_null=True, default=None)
    topics = TopicRefSerializer(many=True)
    participants = ParticipantSerializer(many=True)
    url = _api_url("session")
    permalink = PermalinkField()

    class Meta:
        model = Session
        fields = [
            *SessionRefSerializer.Meta.fields,
            "forum",
            "abstract_html",
            "kind",
            "status",
            "language",
            "starts_at",
            "ends_at",
            "time_zone",
            "embargo_until",
            "room",
            "topics",
            "participants",
            "video_url",
            "slides_url",
            "url",
            "permalink",
        ]


# --- Quotes ---------------------------------------------------------------------------


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["publication", "title", "author", "url", "published_on", "kind"]


class QuoteCorrectionSerializer(serializers.ModelSerializer):
    """A dated note of one change to a verified quote, for those who cited the earlier wording."""

    class Meta:
        model = QuoteCorrection
        fields = ["changed_at", "field", "old_value", "new_value", "note"]


class QuoteSerializer(serializers.ModelSerializer):
    attribution = serializers.CharField(
        help_text=_(
            "The speaker's name and title on the day of the quote, in the answer's language."
        )
    )
    embargoed_until = serializers.SerializerMethodField(
        help_text=_("While the quote or its session is embargoed (press and organizers only).")
    )
    speaker = SpeakerRefSerializer()
    forum = ForumRefSerializer()
    session = SessionRefSerializer(allow_null=True)
    topics = TopicRefSerializer(many=True)
    source = SourceSerializer(allow_null=True)
    corrections = QuoteCorrectionSerializer(
        many=True,
        read_only=True,
        help_text=_("Changes to the wording or attribution since it was verified, oldest first."),
    )
    url = _api_url("quote")
    permalink = PermalinkField()

    class Meta:
        model = Quote
        fields = [
            "id",
            "text",
            "kind",
            "language",
            "original_text",
            "original_language",
            "translation_credit",
            "status",
            "said_on",
            "attribution",
            "embargoed_until",
            "speaker",
            "forum",
            "session",
            "topics",
            "source",
            "context",
            "recording_timecode",
            "corrections",
            "updated_at",
            "url",
            "permalink",
        ]

    @extend_schema_field({"type": "string", "format": "date-time", "nullable": True})
    def get_embargoed_until(self, quote):
        now = timezone.now()
        ends = [quote.embargo_until, quote.session.embargo_until if quote.session else None]
        pending = [end for end in ends if end is not None and end > now]
        if not pending:
            return None
        return timezone.localtime(max(pending), quote.forum.tzinfo).isoformat()


class QuoteResultSerializer(QuoteSerializer):
    """A quote as a search result: with its rank and the matches marked."""

    rank = serializers.FloatField(
        allow_null=True, help_text=_("Relevance to q, higher is better; null without q.")
    )
    highlighted_text = serializers.CharField(
        help_text=_("The text as escaped HTML, with <mark> around the words that matched q.")
    )
    highlighted_original = serializers.CharField(
        help_text=_("The original text, marked the same way.")
    )

    class Meta(QuoteSerializer.Meta):
        fields = [*QuoteSerializer.Meta.fields, "rank", "highlighted_text", "highlighted_original"]
