"""Organizers' admin for people and organizations.

Every changelist prefetches translations, so a page of 100 rows costs the same
handful of queries as a page of one (tests/speakers/test_admin.py counts them).
"""

from types import SimpleNamespace

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from parler.admin import TranslatableAdmin, TranslatableTabularInline
from parler.forms import TranslatableBaseInlineFormSet

from common.audit_admin import AuditHistoryAdminMixin
from speakers.models import Affiliation, Organization, Speaker, held_on

# Bare "example.com" becomes https://, as Django 6 will do by default.
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


class AffiliationFormSet(TranslatableBaseInlineFormSet):
    """Refuses dates that take away the title of quotes the speaker's affiliations covered.

    Such a quote would be attributed publicly by name alone (speakers.models.held_on).
    Quotes left uncovered before this change are not this change's doing.
    """

    def clean(self):
        super().clean()
        speaker = self.instance
        if any(self.errors) or speaker.pk is None:
            return
        before = list(speaker.affiliations.all())
        after = [
            SimpleNamespace(
                start_date=form.cleaned_data.get("start_date"),
                end_date=form.cleaned_data.get("end_date"),
            )
            for form in self.forms
            if form.cleaned_data.get("organization") is not None
            and not (self.can_delete and self._should_delete_form(form))
        ]
        days = speaker.quotes.values_list("said_on", flat=True).distinct().order_by("said_on")
        stranded = [d for d in days if held_on(before, d) and not held_on(after, d)]
        if stranded:
            message = ngettext(
                "%(speaker)s is quoted on %(dates)s; with these dates no title covers that "
                "day, and the quote would be attributed by name alone.",
                "%(speaker)s is quoted on %(dates)s; with these dates no title covers those "
                "days, and the quotes would be attributed by name alone.",
                len(stranded),
            ) % {"speaker": speaker, "dates": ", ".join(str(d) for d in stranded)}
            raise ValidationError(message)


class AffiliationInline(TranslatableTabularInline):
    model = Affiliation
    formset = AffiliationFormSet
    fields = ("organization", "title", "start_date", "end_date")
    autocomplete_fields = ("organization",)
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organization")


@admin.register(Organization)
class OrganizationAdmin(AuditHistoryAdminMixin, TranslatableAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ("__str__", "short_name", "slug", "website", "language_column")
    search_fields = ("translations__name", "short_name", "slug")
    fieldsets = (
        (None, {"fields": ("name", "short_name", "slug", "website", "logo")}),
        (_("Description"), {"fields": ("description",)}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("translations")


@admin.register(Speaker)
class SpeakerAdmin(AuditHistoryAdminMixin, TranslatableAdmin):
    list_display = ("name", "name_native", "slug", "is_published", "photo_preview")
    list_filter = ("is_published",)
    search_fields = ("name", "name_native", "slug")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("photo_preview", "guid")
    inlines = (AffiliationInline,)
    fieldsets = (
        (None, {"fields": ("name", "name_native", "slug", "is_published")}),
        (_("Photo"), {"fields": ("photo", "photo_preview", "photo_credit")}),
        (_("Biography"), {"fields": ("bio",)}),
        (_("Identity"), {"fields": ("guid",), "classes": ("collapse",)}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("translations")

    @admin.display(description=_("photo"))
    def photo_preview(self, speaker):
        # The stored file itself, scaled by the browser: a thumbnail library would
        # cost a query per row for its thumbnail records.
        if not speaker.photo:
            return "-"
        return format_html(
            '<img src="{}" alt="{}" style="height:64px;width:64px;object-fit:cover;'
            'border-radius:4px">',
            speaker.photo.url,
            speaker.name,
        )
