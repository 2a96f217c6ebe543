import uuid
import zoneinfo
from datetime import datetime, time, timedelta

from cms.models import CMSPlugin
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from parler.models import TranslatableModel, TranslatedFields

from events import corrections, rules, searchindex
from events.querysets import ForumQuerySet, PanelTopicQuerySet, QuoteQuerySet, SessionQuerySet
from forum_site.fields import SanitizedHTMLField, WebURLField
from speakers.models import Organization, Speaker, attribution_line

TIME_ZONE_CHOICES = sorted((name, name) for name in zoneinfo.available_timezones())
LANGUAGE_CHOICES = [
    ("en", _("English")),
    ("zh-hans", _("Simplified Chinese")),
    ("zh", _("Chinese")),
]


def _reverse_or_empty(name, **kwargs):
    # Public URLs are mounted by CMS apphooks, which may not exist (yet).
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


class Venue(models.Model):
    name = models.CharField(_("name"), max_length=200)
    district = models.CharField(_("district"), max_length=120, blank=True)
    city = models.CharField(_("city"), max_length=120)
    country = models.CharField(_("country"), max_length=120)
    address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.city}"


class Room(models.Model):
    venue = models.ForeignKey(
        Venue, on_delete=models.CASCADE, related_name="rooms", verbose_name=_("venue")
    )
    name = models.CharField(_("name"), max_length=120)
    guid = models.UUIDField(
        _("GUID"), default=uuid.uuid4, unique=True, help_text=_("Stable across exports.")
    )
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["venue__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["venue", "name"], name="room_name_unique_per_venue")
        ]

    def __str__(self):
        return self.name


class Forum(TranslatableModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    translations = TranslatedFields(
        name=models.CharField(_("name"), max_length=200),
        description=SanitizedHTMLField(_("description"), blank=True),
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=TIME_ZONE_CHOICES,
        default="Asia/Shanghai",
        help_text=_("Session times are entered and shown in this zone."),
    )
    venue = models.ForeignKey(
        Venue,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forums",
        verbose_name=_("venue"),
    )
    organizations = models.ManyToManyField(
        Organization, through="ForumOrganization", blank=True, related_name="forums"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )

    objects = ForumQuerySet.as_manager()

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        ordering = ["-start_date", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="forum_ends_after_start",
                violation_error_message=_("A forum cannot end before it starts."),
            )
        ]

    def __str__(self):
        return self.safe_translation_getter("name", any_language=True) or self.slug

    def get_absolute_url(self):
        return _reverse_or_empty("events:forum-detail", slug=self.slug)

    @cached_property
    def tzinfo(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    def local_bounds(self):
        """The first and last instant of the forum, as aware datetimes in its zone."""
        start = datetime.combine(self.start_date, time.min, tzinfo=self.tzinfo)
        end = datetime.combine(self.end_date + timedelta(days=1), time.min, tzinfo=self.tzinfo)
        return start, end

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED


class ForumOrganization(models.Model):
    class Role(models.TextChoices):
        HOST = "host", _("Host")
        CO_ORGANIZER = "co_organizer", _("Co-organizer")
        SUPPORTER = "supporter", _("Supporter")

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="organizer_links")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="forum_links"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.HOST)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("organizing organization")
        verbose_name_plural = _("organizing organizations")
        ordering = ["forum", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "organization", "role"], name="forum_organization_role_unique"
            )
        ]

    def __str__(self):
        return f"{self.organization} ({self.get_role_display()})"


class PanelTopic(TranslatableModel):
    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=200),
        description=SanitizedHTMLField(_("description"), blank=True),
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)

    objects = PanelTopicQuerySet.as_manager()

    class Meta:
        verbose_name = _("panel topic")
        verbose_name_plural = _("panel topics")
        ordering = ["slug"]

    def __str__(self):
        return self.safe_translation_getter("title", any_language=True) or self.slug

    def get_absolute_url(self):
        return _reverse_or_empty("topics:topic-detail", slug=self.slug)


class Session(TranslatableModel):
    class Kind(models.TextChoices):
        OPENING = "opening", _("Opening")
        KEYNOTE = "keynote", _("Keynote")
        THEMED_SPEECH = "themed_speech", _("Themed speech")
        PANEL = "panel", _("Panel")
        ROUNDTABLE = "roundtable", _("Roundtable")
        DIALOGUE = "dialogue", _("Dialogue")
        BREAK = "break", _("Break")
        CLOSING = "closing", _("Closing")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("forum")
    )
    translations = TranslatedFields(
        title=models.CharField(_("title"), max_length=300),
        abstract=SanitizedHTMLField(_("abstract"), blank=True),
    )
    slug = models.SlugField(_("slug"), max_length=120, help_text=_("Unique within the forum."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("room"),
    )
    topics = models.ManyToManyField(
        PanelTopic, blank=True, related_name="sessions", verbose_name=_("topics")
    )
    language = models.CharField(
        _("language"), max_length=16, choices=LANGUAGE_CHOICES, default="zh-hans"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    embargo_until = models.DateTimeField(
        _("embargoed until"),
        null=True,
        blank=True,
        help_text=_("Hidden from the public until this time."),
    )
    guid = models.UUIDField(
        _("GUID"), default=uuid.uuid4, unique=True, help_text=_("Stable across exports.")
    )
    ref = models.CharField(
        _("reference"),
        max_length=64,
        blank=True,
        help_text=_("Stable key from a spreadsheet import; re-imports update the same session."),
    )
    video_url = WebURLField(_("video URL"), blank=True)
    slides_url = WebURLField(_("slides URL"), blank=True)
    allow_overlap = models.BooleanField(
        _("intended overlap"),
        default=False,
        help_text=_("Allow this session to share its room or speakers with overlapping ones."),
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="session_ends_after_start",
                violation_error_message=_("A session must end after it starts."),
            ),
            models.UniqueConstraint(
                fields=["forum", "slug"],
                name="session_slug_unique_per_forum",
                violation_error_message=_("Another session of this forum has this slug."),
            ),
            models.UniqueConstraint(
                fields=["forum", "ref"],
                condition=~Q(ref=""),
                name="session_ref_unique_per_forum",
                violation_error_message=_("Another session of this forum has this reference."),
            ),
        ]
        indexes = [
            models.Index(fields=["forum", "starts_at"]),
            # Every quote listing excludes the quotes of draft and embargoed sessions,
            # a handful among thousands: found in these, not by reading the table.
            models.Index(fields=["id"], condition=Q(status="draft"), name="session_draft"),
            models.Index(
                fields=["embargo_until"],
                condition=Q(embargo_until__isnull=False),
                name="session_embargoed",
            ),
        ]

    def __str__(self):
        return self.safe_translation_getter("title", any_language=True) or self.slug

    def get_absolute_url(self):
        return _reverse_or_empty(
            "events:session-detail", forum_slug=self.forum.slug, slug=self.slug
        )

    def clean(self):
        super().clean()
        rules.check_session(self)

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED


class SessionParticipant(models.Model):
    class Role(models.TextChoices):
        SPEAKER = "speaker", _("Speaker")
        MODERATOR = "moderator", _("Moderator")
        PANELIST = "panelist", _("Panelist")
        HOST = "host", _("Host")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="participants", verbose_name=_("session")
    )
    speaker = models.ForeignKey(
        Speaker,
        on_delete=models.PROTECT,
        related_name="session_participations",
        verbose_name=_("speaker"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.SPEAKER)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["session", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "speaker"],
                name="participant_once_per_session",
                violation_error_message=_("This speaker already takes part in this session."),
            )
        ]

    def __str__(self):
        return f"{self.speaker} ({self.get_role_display()})"

    def clean(self):
        super().clean()
        if self.session_id and self.speaker_id:
            rules.check_speaker_free(self.session, self.speaker)


class Source(models.Model):
    class Kind(models.TextChoices):
        ARTICLE = "article", _("Article")
        TRANSCRIPT = "transcript", _("Transcript")
        RECORDING = "recording", _("Recording")

    publication = models.CharField(_("publication"), max_length=200)
    title = models.CharField(_("title"), max_length=300, blank=True)
    author = models.CharField(_("author"), max_length=200, blank=True)
    url = WebURLField(_("URL"), blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.ARTICLE)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["-published_on", "publication"]

    def __str__(self):
        parts = [self.publication, self.title]
        return ": ".join(p for p in parts if p)


class Quote(models.Model):
    class Kind(models.TextChoices):
        DIRECT = "direct", _("Direct")
        REPORTED = "reported", _("Reported")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        VERIFIED = "verified", _("Verified")
        RETRACTED = "retracted", _("Retracted")

    text = models.TextField(_("text"), help_text=_("As published, without quotation marks."))
    speaker = models.ForeignKey(
        Speaker, on_delete=models.PROTECT, related_name="quotes", verbose_name=_("speaker")
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quotes",
        verbose_name=_("session"),
    )
    forum = models.ForeignKey(
        Forum, on_delete=models.PROTECT, related_name="quotes", verbose_name=_("forum")
    )
    said_on = models.DateField(
        _("said on"), help_text=_("The speaker's title on this date is used for attribution.")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.DIRECT)
    language = models.CharField(
        _("language"), max_length=16, choices=LANGUAGE_CHOICES, default="en"
    )
    original_text = models.TextField(_("original text"), blank=True)
    original_language = models.CharField(
        _("original language"), max_length=16, choices=LANGUAGE_CHOICES, blank=True
    )
    translation_credit = models.CharField(_("translation credit"), max_length=200, blank=True)
    source = models.ForeignKey(
        Source,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quotes",
        verbose_name=_("source"),
    )
    topics = models.ManyToManyField(
        PanelTopic, blank=True, related_name="quotes", verbose_name=_("topics")
    )
    context = models.TextField(_("context"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    embargo_until = models.DateTimeField(_("embargoed until"), null=True, blank=True)
    recording_timecode = models.DurationField(
        _("recording timecode"),
        null=True,
        blank=True,
        help_text=_("Position in the session recording, HH:MM:SS."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Text, original text, speaker names and session titles, Han runs as bigrams
    # (events/searchindex.py). Written by save(); the index is derived from it.
    search_document = models.TextField(_("search document"), blank=True, editable=False)
    # PostgreSQL only (GIN-indexed in migration 0002); SQLite uses an FTS5 table instead.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = QuoteQuerySet.as_manager()

    # Set before save() to explain an edit; stored on the correction notes it creates.
    correction_note = ""

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["-said_on", "-pk"]
        permissions = [("view_embargoed_quote", _("Can see embargoed quotes"))]
        indexes = [models.Index(fields=["status", "said_on"])]

    def __str__(self):
        return f"{self.speaker}: {self.text[:60]}"

    def save(self, *args, **kwargs):
        """Save, record correction notes for a verified quote, and refresh its search entry."""
        with transaction.atomic():
            notes = corrections.pending_corrections(self, note=self.correction_note)
            self.search_document = searchindex.document_for(
                self, searchindex.session_titles(self.session)
            )
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "search_document"}
            super().save(*args, **kwargs)
            QuoteCorrection.objects.bulk_create(notes)
            searchindex.refresh_index([self.pk])
        self.correction_note = ""

    def get_absolute_url(self):
        return _reverse_or_empty("events:quote-detail", pk=self.pk)

    def clean(self):
        super().clean()
        rules.check_quote(self)

    @property
    def attribution(self):
        """The attribution line in the active language, with the title held on said_on."""
        return attribution_line(self.speaker, self.said_on)


class QuoteCorrection(models.Model):
    """A dated note of one change to a verified quote's wording or attribution."""

    class Field(models.TextChoices):
        TEXT = "text", _("Text")
        ORIGINAL_TEXT = "original_text", _("Original text")
        SPEAKER = "speaker", _("Speaker")
        SAID_ON = "said_on", _("Date said")

    quote = models.ForeignKey(
        Quote, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("quote")
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now, db_index=True)
    field = models.CharField(_("field"), max_length=16, choices=Field.choices)
    old_value = models.TextField(_("old value"), blank=True)
    new_value = models.TextField(_("new value"), blank=True)
    note = models.TextField(
        _("note"), blank=True, help_text=_("Why it changed, as shown to journalists.")
    )

    class Meta:
        verbose_name = _("quote correction")
        verbose_name_plural = _("quote corrections")
        ordering = ["quote", "changed_at", "pk"]

    def __str__(self):
        return f"{self.quote_id}: {self.get_field_display()} ({self.changed_at:%Y-%m-%d})"

    def get_absolute_url(self):
        return self.quote.get_absolute_url()


# --- Plugin configurations (events/cms_plugins.py) ---------------------------
# They hold only what the organizer chose; what is shown is computed on each render
# by the QuerySet methods named after the plugins, through visible_to.


class UpcomingSessionsPluginConfig(CMSPlugin):
    count = models.PositiveSmallIntegerField(_("number of sessions"), default=5)

    def __str__(self):
        return str(self.count)


class FeaturedQuotePluginConfig(CMSPlugin):
    quote = models.ForeignKey(
        Quote, on_delete=models.CASCADE, related_name="+", verbose_name=_("quote")
    )

    def __str__(self):
        return str(self.quote_id)


class ForumAgendaPluginConfig(CMSPlugin):
    forum = models.ForeignKey(
        Forum,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("forum"),
        help_text=_("Only published sessions of a published forum are shown to visitors."),
    )
    day = models.DateField(
        _("day"),
        null=True,
        blank=True,
        help_text=_("Leave empty for the whole agenda, or pick one day of the forum."),
    )

    class Meta:
        verbose_name = _("forum agenda settings")
        verbose_name_plural = _("forum agenda settings")

    def __str__(self):
        return f"{self.forum} {self.day or ''}".strip()

    def clean(self):
        super().clean()
        forum = self.forum if self.forum_id else None
        if forum and self.day and not forum.start_date <= self.day <= forum.end_date:
            raise ValidationError(
                {
                    "day": _("%(forum)s runs from %(start)s to %(end)s; pick a day in between.")
                    % {"forum": forum, "start": forum.start_date, "end": forum.end_date}
                }
            )


class SpeakerGridPluginConfig(CMSPlugin):
    forum = models.ForeignKey(
        Forum,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("forum"),
        help_text=_(
            "Shows the forum's speakers, with their titles at the forum's date. "
            "With chosen speakers, it only dates their titles."
        ),
    )
    speakers = models.ManyToManyField(
        Speaker,
        blank=True,
        related_name="+",
        verbose_name=_("chosen speakers"),
        help_text=_("Shown instead of the forum's speakers. Unpublished ones stay hidden."),
    )

    class Meta:
        verbose_name = _("speaker grid settings")
        verbose_name_plural = _("speaker grid settings")

    def __str__(self):
        return str(self.forum) if self.forum_id else str(_("chosen speakers"))

    def copy_relations(self, oldinstance):
        # The CMS copies plugins when pages are copied or published; M2M rows are ours to copy.
        self.speakers.set(oldinstance.speakers.all())


class TopicSessionsPluginConfig(CMSPlugin):
    topic = models.ForeignKey(
        PanelTopic, on_delete=models.CASCADE, related_name="+", verbose_name=_("topic")
    )
    count = models.PositiveSmallIntegerField(
        _("number of sessions"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("The most recent sessions on the topic, across all forums."),
    )

    class Meta:
        verbose_name = _("topic sessions settings")
        verbose_name_plural = _("topic sessions settings")

    def __str__(self):
        return str(self.topic)


# Defined with the press room; imported here so that Django registers it with `events`.
from events.press.models import PressInvitation  # noqa: E402, F401
