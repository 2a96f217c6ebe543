from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import WebURLField
from common.urls import reverse_or_empty
from events import rules, searchindex
from events.models.choices import LANGUAGE_CHOICES
from events.models.forums import Forum
from events.models.sessions import Session
from events.models.topics import PanelTopic
from events.querysets import QuoteQuerySet
from speakers.models import Speaker, attribution_line


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
    # PostgreSQL only (GIN-indexed); SQLite uses an FTS5 table instead (events/fts5.py).
    search_vector = SearchVectorField(null=True, editable=False)

    objects = QuoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["-said_on", "-pk"]
        permissions = [("view_embargoed_quote", _("Can see embargoed quotes"))]
        indexes = [
            # Read backwards, the newest first in result order (said_on, then id).
            models.Index(fields=["status", "said_on", "id"], name="quote_status_newest"),
            # The next embargo lift, which bounds every cached page's life: the first entry
            # after now, not a scan of every quote.
            models.Index(
                fields=["embargo_until"],
                condition=models.Q(embargo_until__isnull=False),
                name="quote_embargo_lift",
            ),
            # PostgreSQL only: the initial migration skips it on SQLite (see fts5.py).
            GinIndex(fields=["search_vector"], name="quote_search_vector"),
        ]

    def __str__(self):
        return f"{self.speaker}: {self.text[:60]}"

    def save(self, *args, **kwargs):
        """Save with the search document current; services.quote_save() also notes corrections."""
        self.search_document = searchindex.document_for(
            self, searchindex.session_titles(self.session)
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_document"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse_or_empty("events:quote-detail", pk=self.pk)

    def clean(self):
        super().clean()
        rules.check_quote(self)

    @property
    def is_direct(self):
        return self.kind == self.Kind.DIRECT

    @property
    def marked_text(self):
        """The text shown on its own: a direct quote in quotation marks; reported speech is
        the writer's words and carries none, as in the citations."""
        return f"“{self.text}”" if self.is_direct else self.text

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
