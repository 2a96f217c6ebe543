"""Organizers read who saw which embargoed quote before it lifted (events.EmbargoView).

Read-only: rows are written by the press room (events/press/seen.py) and never edited,
added or deleted here. A row outlives its quote, so what it shows of the quote is what
the row kept (its text and speaker), whether the quote is still there or not.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from events.models import EmbargoView

DELETED_QUOTE = _("deleted quote")


class QuoteFilter(admin.RelatedOnlyFieldListFilter):
    """The quotes seen, and the rows whose quote was deleted, under their own name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_value_display = DELETED_QUOTE  # rather than the admin's "-"

    def field_choices(self, field, request, model_admin):
        # The admin's own choices name each quote through its speaker: a query per quote.
        seen = model_admin.get_queryset(request).values("quote_id")
        quotes = field.related_model.objects.filter(pk__in=seen).select_related("speaker")
        return [(quote.pk, str(quote)) for quote in quotes.order_by("speaker__name", "pk")]


@admin.register(EmbargoView)
class EmbargoViewAdmin(admin.ModelAdmin):
    list_display = ("viewed_at", "username", "quote_excerpt", "surface", "embargo_until")
    list_filter = (
        ("quote", QuoteFilter),
        ("user", admin.RelatedOnlyFieldListFilter),
        ("viewed_at", admin.DateFieldListFilter),
        "surface",
    )
    # The kept text and name, which deleted quotes have too, and no join.
    search_fields = ("username", "quote_text", "speaker_name")
    date_hierarchy = "viewed_at"
    fields = readonly_fields = (
        "viewed_at", "username", "user", "quote_link", "quote_text", "speaker_name", "surface",
        "embargo_until",
    )  # fmt: skip

    @admin.display(description=_("quote"), ordering="speaker_name")
    def quote_excerpt(self, seen):
        text = seen.quote_text
        excerpt = f"{seen.speaker_name}: {text if len(text) <= 70 else text[:69] + '…'}"
        if seen.quote_id is None:
            return _("%(quote)s (deleted quote)") % {"quote": excerpt}
        return excerpt

    @admin.display(description=_("quote"))
    def quote_link(self, seen):
        if seen.quote is None:
            return DELETED_QUOTE
        url = reverse("admin:events_quote_change", args=[seen.quote_id])
        return format_html('<a href="{}">{}</a>', url, seen.quote)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
