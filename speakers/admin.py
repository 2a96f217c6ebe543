"""Organizers' admin for people and organizations.

Every changelist prefetches translations, so a page of 100 rows costs the same
handful of queries as a page of one (tests/speakers/test_admin.py counts them).
"""

from django.contrib import admin
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from parler.admin import TranslatableAdmin, TranslatableTabularInline

from common.audit_admin import AuditHistoryAdminMixin
from speakers.models import Affiliation, Organization, Speaker

# Bare "example.com" becomes https://, as Django 6 will do by default.
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


class AffiliationInline(TranslatableTabularInline):
    model = Affiliation
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
