import uuid
import zoneinfo
from datetime import datetime, time, timedelta

from django.db import models
from django.db.models import F, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from parler.models import TranslatableModel, TranslatedFields

from common.fields import SanitizedHTMLField
from common.text import fill
from common.urls import reverse_or_empty
from events import rules
from events.models.choices import TIME_ZONE_CHOICES
from events.querysets import ForumQuerySet, RoomQuerySet
from speakers.models import Organization


class Venue(TranslatableModel):
    translations = TranslatedFields(
        name=models.CharField(_("name"), max_length=200),
        district=models.CharField(_("district"), max_length=120, blank=True),
        city=models.CharField(_("city"), max_length=120),
        country=models.CharField(_("country"), max_length=120),
        address=models.CharField(_("address"), max_length=300, blank=True),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        # Parler cannot order by a translated field here: lists sort by name in Python.
        ordering = ["pk"]

    def __str__(self):
        name = self.safe_translation_getter("name", any_language=True) or ""
        city = self.safe_translation_getter("city", any_language=True) or ""
        if not (name and city):
            return name or city
        # Translators: Chinese puts the city first, with nothing between: "%(city)s%(venue)s".
        return fill(pgettext("a venue and its city", "%(venue)s, %(city)s"), venue=name, city=city)


class Room(TranslatableModel):
    venue = models.ForeignKey(
        Venue, on_delete=models.CASCADE, related_name="rooms", verbose_name=_("venue")
    )
    translations = TranslatedFields(
        name=models.CharField(
            _("name"),
            max_length=120,
            help_text=_("Unique within its venue in each language."),
        )
    )
    guid = models.UUIDField(
        _("GUID"), default=uuid.uuid4, unique=True, help_text=_("Stable across exports.")
    )
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)

    objects = RoomQuerySet.as_manager()

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        # Parler cannot order by a translated field here: lists sort by name in Python.
        ordering = ["venue_id", "pk"]

    def __str__(self):
        return self.safe_translation_getter("name", any_language=True) or str(self.guid)

    def clean(self):
        super().clean()
        rules.check_room(self)


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
        return reverse_or_empty("events:forum-detail", slug=self.slug)

    def clean(self):
        super().clean()
        rules.check_forum(self)

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
