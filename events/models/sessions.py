import uuid

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from parler.models import TranslatableModel, TranslatedFields

from common.fields import SanitizedHTMLField, WebURLField
from common.urls import reverse_or_empty
from events import rules
from events.models.choices import LANGUAGE_CHOICES
from events.models.forums import Forum, Room
from events.models.topics import PanelTopic
from events.querysets import SessionQuerySet
from speakers.models import Speaker


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
        return reverse_or_empty("events:session-detail", forum_slug=self.forum.slug, slug=self.slug)

    def clean(self):
        super().clean()
        rules.check_session(self)

    def validate_constraints(self, exclude=None):
        """Meta.constraints, then one the database cannot hold: no stored participant
        may be busy elsewhere while the session runs.

        Here rather than in clean() because only this step is told what the caller
        excludes: a form that checks the participants as submitted excludes
        "participants" (events/admin_forms.py), as Django skips the constraints on
        excluded fields. Skipped too when the times were already refused.
        """
        super().validate_constraints(exclude=exclude)
        if not {"participants", "starts_at", "ends_at"} & set(exclude or ()):
            rules.check_participants_free(self)

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    def local_days(self):
        """The days the session starts and ends on, in its forum's zone."""
        zone = self.forum.tzinfo
        return self.starts_at.astimezone(zone).date(), self.ends_at.astimezone(zone).date()


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
