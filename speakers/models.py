import uuid

from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext_lazy as _
from parler.models import TranslatableModel, TranslatedFields

from common.fields import CheckedImageField, SanitizedHTMLField, WebURLField
from common.text import fill
from common.uploads import RandomName
from common.urls import reverse_or_empty
from speakers.querysets import AffiliationQuerySet, SpeakerQuerySet


class Organization(TranslatableModel):
    translations = TranslatedFields(
        name=models.CharField(_("name"), max_length=200),
        description=SanitizedHTMLField(_("description"), blank=True),
    )
    short_name = models.CharField(
        _("short name"), max_length=40, blank=True, help_text=_("Abbreviation, e.g. CAAM.")
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    website = WebURLField(_("website"), blank=True)
    logo = CheckedImageField(_("logo"), upload_to=RandomName("organizations"), blank=True)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["slug"]

    def __str__(self):
        return self.safe_translation_getter("name", any_language=True) or self.slug


class Speaker(TranslatableModel):
    name = models.CharField(
        _("name"), max_length=200, help_text=_("Name in Latin script, e.g. Xu Haidong.")
    )
    name_native = models.CharField(
        _("native-script name"),
        max_length=200,
        blank=True,
        help_text=_(
            "Name in the speaker's own script, only from a reliable source. "
            "Never guess it from the romanization."
        ),
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    guid = models.UUIDField(
        _("GUID"), default=uuid.uuid4, unique=True, help_text=_("Stable across exports.")
    )
    photo = CheckedImageField(_("photo"), upload_to=RandomName("speakers"), blank=True)
    photo_credit = models.CharField(_("photo credit"), max_length=200, blank=True)
    translations = TranslatedFields(bio=SanitizedHTMLField(_("biography"), blank=True))
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Only published speakers appear publicly.")
    )

    objects = SpeakerQuerySet.as_manager()

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["name"]
        indexes = [
            # Every quote listing excludes the quotes of unpublished speakers, a
            # handful among thousands: found in this index, not by reading the table.
            models.Index(
                fields=["id"], condition=Q(is_published=False), name="speaker_unpublished"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse_or_empty("speakers:speaker-detail", slug=self.slug)

    @property
    def display_name(self):
        return display_name(self.name, self.name_native)

    def affiliation_on(self, day):
        """The affiliation held on `day`, using prefetched affiliations when present."""
        return held_on(self.affiliations.all(), day)


class Affiliation(TranslatableModel):
    speaker = models.ForeignKey(
        Speaker, on_delete=models.CASCADE, related_name="affiliations", verbose_name=_("speaker")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="affiliations",
        verbose_name=_("organization"),
    )
    translations = TranslatedFields(
        title=models.CharField(
            _("title"), max_length=200, help_text=_("e.g. deputy chief engineer")
        )
    )
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(
        _("until"), null=True, blank=True, help_text=_("Leave empty while the role is held.")
    )

    objects = AffiliationQuerySet.as_manager()

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        ordering = ["speaker", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="affiliation_ends_after_start",
                violation_error_message=_("An affiliation cannot end before it starts."),
            )
        ]

    def __str__(self):
        return f"{self.speaker}: {self.title_text} ({self.organization})"

    @property
    def title_text(self):
        return self.safe_translation_getter("title", any_language=True) or ""

    @property
    def role(self):
        return role_line(self.title_text, str(self.organization))

    @property
    def is_current(self):
        return self.end_date is None


# The rules below read only plain attributes, so the agenda's rows (events/public/rows.py)
# follow them without model instances.


def display_name(name, name_native):
    """The native-script name on Chinese pages when one is recorded."""
    if name_native and (get_language() or "").startswith("zh"):
        return name_native
    return name


def covers(affiliation, day):
    """Whether `affiliation` (with start_date and end_date) is held on `day`."""
    if day is None:
        return affiliation.end_date is None
    starts_ok = affiliation.start_date is None or affiliation.start_date <= day
    ends_ok = affiliation.end_date is None or day <= affiliation.end_date
    return starts_ok and ends_ok


def held_on(affiliations, day):
    """The affiliation of `affiliations` held on `day`, or None."""
    candidates = [a for a in affiliations if covers(a, day)]
    # The most recently started affiliation wins; open-started ones sort first.
    candidates.sort(key=lambda a: (a.start_date is not None, a.start_date), reverse=True)
    return candidates[0] if candidates else None


def role_template():
    """How a title and an organization read together in the active language."""
    # Translators: Chinese puts the organization first, with nothing between:
    # "%(organization)s%(title)s" (中国汽车工业协会副总工程师).
    return pgettext("a speaker's role", "%(title)s, %(organization)s")


def role_line(title, organization, template=None):
    """'Deputy chief engineer, China Association of ...' in the active language's order.

    Long listings pass `template` (role_template()) so it is translated once per page.
    """
    if not (title and organization):
        return title or organization
    return fill(template or role_template(), title=title, organization=organization)


def attribution_line(speaker, day):
    """'Xu Haidong, deputy chief engineer of the China Association of ...' as of `day`.

    The word order is a translatable string, so Chinese reads organization, title, name,
    with nothing between them but a space where a Latin word meets another (common.text.fill).
    """
    affiliation = speaker.affiliation_on(day)
    if affiliation is None:
        return speaker.display_name
    return fill(
        _("%(name)s, %(title)s of the %(organization)s"),
        name=speaker.display_name,
        title=affiliation.title_text,
        organization=str(affiliation.organization),
    )
