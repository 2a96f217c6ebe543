"""Organizers read who saw which embargoed quote before it lifted (events.EmbargoView).

Read-only: rows are written by the press room (events/press/seen.py) and never edited,
added or deleted here.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from events.models import EmbargoView


@admin.register(EmbargoView)
class EmbargoViewAdmin(admin.ModelAdmin):
    list_display = ("viewed_at", "username", "quote_excerpt", "surface", "embargo_until")
    list_select_related = ("quote__speaker",)
    list_filter = (
        ("quote", admin.RelatedOnlyFieldListFilter),
        ("user", admin.RelatedOnlyFieldListFilter),
        ("viewed_at", admin.DateFieldListFilter),
        "surface",
    )
    search_fields = ("username", "quote__text", "quote__speaker__name")
    date_hierarchy = "viewed_at"
    fields = readonly_fields = (
        "viewed_at", "username", "user", "quote", "surface", "embargo_until"
    )  # fmt: skip

    @admin.display(description=_("quote"), ordering="quote")
    def quote_excerpt(self, seen):
        text = seen.quote.text
        return f"{seen.quote.speaker}: {text if len(text) <= 70 else text[:69] + '…'}"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
