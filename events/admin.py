"""The organizers' admin: where a forum's agenda is entered.

Changelists prefetch everything their columns print (translations, affiliations),
so their query count does not grow with the number of rows; tests/events/
test_admin.py holds the budgets. Session and quote times are entered and shown
in the forum's time zone (events/admin_time.py).
"""

from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.db import models
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from parler.admin import TranslatableAdmin, TranslatableTabularInline

from common.audit_admin import AuditHistoryAdminMixin
from events import services
from events.admin_agenda import agenda_by_day
from events.admin_filters import ForumDayFilter, TranslatedRelatedFilter
from events.admin_forms import (
    ParticipantFormSet,
    QuoteAdminForm,
    RoomFormSet,
    SessionWithEditableParticipantsForm,
)
from events.admin_time import ForumTimeZoneMixin
from events.interop.admin import AgendaImportAdminMixin
from events.models import (
    Forum,
    ForumOrganization,
    PanelTopic,
    Quote,
    QuoteCorrection,
    Room,
    Session,
    SessionParticipant,
    Source,
    Venue,
)
from events.press.extraction.review import QuoteExtractionAdminMixin
from events.public.views.embed import snippets as embed_snippets
from speakers.models import Affiliation

# Bare "example.com" becomes https://, as Django 6 will do by default.
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


# --- Places -------------------------------------------------------------------


class VenueNamesChangeList(ChangeList):
    """A changelist whose venue column reads the venues' translations in one query.

    Only the list: the change page would fetch a venue it does not print."""

    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        return queryset.prefetch_related("venue__translations")


class RoomInline(TranslatableTabularInline):
    model = Room
    formset = RoomFormSet
    fields = ("name", "capacity")
    extra = 1


@admin.register(Venue)
class VenueAdmin(TranslatableAdmin):
    list_display = ("__str__", "district", "city", "country", "language_column")
    search_fields = (
        "translations__name",
        "translations__district",
        "translations__city",
        "translations__address",
    )
    fields = ("name", "district", "city", "country", "address", "latitude", "longitude")
    inlines = (RoomInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("translations")


@admin.register(Room)
class RoomAdmin(TranslatableAdmin):
    list_display = ("__str__", "venue", "capacity", "language_column")
    list_select_related = ("venue",)
    list_filter = (("venue", TranslatedRelatedFilter),)
    search_fields = ("translations__name", "venue__translations__name")
    fields = ("venue", "name", "guid", "capacity")
    readonly_fields = ("guid",)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("translations")

    def get_changelist(self, request, **kwargs):
        return VenueNamesChangeList


# --- Topics and sources ---------------------------------------------------------


@admin.register(PanelTopic)
class PanelTopicAdmin(AuditHistoryAdminMixin, TranslatableAdmin):
    list_display = ("__str__", "slug", "language_column")
    search_fields = ("translations__title", "slug")
    fields = ("title", "slug", "description")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("translations")


@admin.register(Source)
class SourceAdmin(QuoteExtractionAdminMixin, admin.ModelAdmin):
    """Sources, and "Extract quotes from an article" (events/press/extraction/review.py)."""

    formfield_overrides = HTTPS_URLS
    list_display = ("publication", "title", "author", "published_on", "kind")
    list_filter = ("kind",)
    search_fields = ("publication", "title", "author", "url")
    date_hierarchy = "published_on"


# --- Forums -----------------------------------------------------------------------


class ForumOrganizationInline(admin.TabularInline):
    model = ForumOrganization
    fields = ("organization", "role", "order")
    autocomplete_fields = ("organization",)
    extra = 1


@admin.register(Forum)
class ForumAdmin(AuditHistoryAdminMixin, AgendaImportAdminMixin, TranslatableAdmin):
    """Forums, with their organizers inline and their agenda day by day.

    The agenda import screens and the schedule export links come from
    AgendaImportAdminMixin (events/interop/admin.py).
    """

    list_display = ("__str__", "start_date", "end_date", "time_zone", "venue", "status")
    list_select_related = ("venue",)
    list_filter = ("status",)
    search_fields = ("translations__name", "slug")
    date_hierarchy = "start_date"
    readonly_fields = ("agenda",)
    inlines = (ForumOrganizationInline,)
    base_fieldsets = (
        (None, {"fields": ("name", "slug", "status")}),
        (_("When and where"), {"fields": ("start_date", "end_date", "time_zone", "venue")}),
        (_("Description"), {"fields": ("description",)}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("translations")

    def get_changelist(self, request, **kwargs):
        return VenueNamesChangeList

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "venue":
            # Labels come from translations: prefetch them instead of one query per venue.
            kwargs["queryset"] = Venue.objects.prefetch_related("translations")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["embed_snippets"] = embed_snippets(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.base_fieldsets
        return (*self.base_fieldsets, (_("Agenda"), {"fields": ("agenda",)}))

    @admin.display(description=_("sessions, day by day"))
    def agenda(self, forum):
        # Template filters convert datetimes to the active zone: make it the forum's.
        with timezone.override(forum.tzinfo):
            return render_to_string(
                "admin/events/forum/agenda_by_day.html",
                {
                    "forum": forum,
                    "days": agenda_by_day(forum),
                    "add_url": f"{reverse('admin:events_session_add')}?forum={forum.pk}",
                },
            )


# --- Sessions ---------------------------------------------------------------------


class ParticipantInline(admin.TabularInline):
    model = SessionParticipant
    formset = ParticipantFormSet
    fields = ("speaker", "role", "order")
    autocomplete_fields = ("speaker",)
    ordering = ("order", "pk")
    extra = 1

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.stored_rows_editable = self.has_change_permission(request, obj)
        return formset


@admin.register(Session)
class SessionAdmin(AuditHistoryAdminMixin, ForumTimeZoneMixin, TranslatableAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ("__str__", "local_time", "forum", "room", "kind", "status", "speakers")
    list_select_related = ("forum", "room")
    list_filter = (
        ("forum", TranslatedRelatedFilter),
        ForumDayFilter,
        ("room", TranslatedRelatedFilter),
        "kind",
        "status",
    )
    search_fields = ("translations__title", "slug", "participants__speaker__name")
    date_hierarchy = "starts_at"
    ordering = ("starts_at", "pk")
    autocomplete_fields = ("topics",)
    readonly_fields = ("guid",)
    inlines = (ParticipantInline,)
    actions = ("publish", "unpublish", "cancel", "duplicate")
    fieldsets = (
        (None, {"fields": ("forum", "title", "slug", "kind", "status")}),
        (_("When and where"), {"fields": ("starts_at", "ends_at", "room", "allow_overlap")}),
        (_("Content"), {"fields": ("abstract", "topics", "language")}),
        (_("Publishing"), {"fields": ("embargo_until", "video_url", "slides_url")}),
        (_("Identity"), {"fields": ("guid", "ref"), "classes": ("collapse",)}),
    )

    def get_queryset(self, request):
        participants = SessionParticipant.objects.select_related("speaker").order_by("order", "pk")
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                "translations",
                "forum__translations",
                "room__translations",
                Prefetch("participants", queryset=participants),
            )
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        if self._participants_editable(request, obj):
            kwargs["form"] = SessionWithEditableParticipantsForm
        return super().get_form(request, obj, change=change, **kwargs)

    def _participants_editable(self, request, obj):
        """Whether each stored participant comes back as a row ParticipantFormSet checks.

        Django validates no row the user may not change and keeps it as stored; the
        session's own check of its stored participants then applies. That check may
        refuse a move that also deletes the clashing speaker, never accept a clash.
        """
        return any(
            isinstance(inline, ParticipantInline) and inline.has_change_permission(request, obj)
            for inline in self.get_inline_instances(request, obj)
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "forum":
            # Labels come from translations: prefetch them instead of one query per forum.
            kwargs["queryset"] = Forum.objects.prefetch_related("translations")
        if db_field.name == "room":
            kwargs["queryset"] = Room.objects.for_choices()
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "room":
            # Every venue has its "Hall A": the label says which.
            field.label_from_instance = _room_label
        return field

    @admin.display(description=_("time (forum's zone)"), ordering="starts_at")
    def local_time(self, session):
        zone = session.forum.tzinfo
        starts, ends = session.starts_at.astimezone(zone), session.ends_at.astimezone(zone)
        return f"{starts:%Y-%m-%d %H:%M}-{ends:%H:%M} ({session.forum.time_zone})"

    @admin.display(description=_("speakers"))
    def speakers(self, session):
        return ", ".join(p.speaker.name for p in session.participants.all())

    @admin.action(description=_("Publish selected sessions"), permissions=["change"])
    def publish(self, request, queryset):
        self._run(request, services.sessions_publish, queryset, _published)

    @admin.action(
        description=_("Unpublish selected sessions (back to draft)"), permissions=["change"]
    )
    def unpublish(self, request, queryset):
        self._run(request, services.sessions_unpublish, queryset, _unpublished)

    @admin.action(description=_("Cancel selected sessions"), permissions=["change"])
    def cancel(self, request, queryset):
        self._run(request, services.sessions_cancel, queryset, _cancelled)

    @admin.action(description=_("Duplicate selected sessions as drafts"), permissions=["add"])
    def duplicate(self, request, queryset):
        self._run(request, services.sessions_duplicate, queryset, _duplicated)

    def _run(self, request, service, queryset, success_message):
        try:
            changed = service(sessions=queryset)
        except services.SessionsRefused as refused:
            self.message_user(request, _nothing_changed(len(refused.refusals)), messages.ERROR)
            for refusal in refused.refusals:
                self.message_user(request, _refusal_line(refusal), messages.ERROR)
        else:
            self.message_user(request, success_message(len(changed)), messages.SUCCESS)


def _room_label(room):
    venue = room.venue.safe_translation_getter("name", any_language=True)
    return _("%(room)s (%(venue)s)") % {"room": room, "venue": venue}


def _published(count):
    return ngettext(
        "%(count)d session was published.", "%(count)d sessions were published.", count
    ) % {"count": count}


def _unpublished(count):
    return ngettext(
        "%(count)d session is a draft again.", "%(count)d sessions are drafts again.", count
    ) % {"count": count}


def _cancelled(count):
    return ngettext(
        "%(count)d session was cancelled.", "%(count)d sessions were cancelled.", count
    ) % {"count": count}


def _duplicated(count):
    return ngettext(
        "%(count)d session was duplicated as a draft, starting when the original ends.",
        "%(count)d sessions were duplicated as drafts, each starting when its original ends.",
        count,
    ) % {"count": count}


def _nothing_changed(count):
    return ngettext(
        "Nothing was changed, because %(count)d session could not be:",
        "Nothing was changed, because %(count)d sessions could not be:",
        count,
    ) % {"count": count}


def _refusal_line(refusal):
    return _("'%(session)s': %(reason)s") % {
        "session": refusal.session,
        "reason": refusal.reason,
    }


# --- Quotes -------------------------------------------------------------------------


class CorrectionInline(admin.TabularInline):
    """The quote's correction history: written by services.quote_save(), never edited by hand."""

    model = QuoteCorrection
    fields = readonly_fields = ("changed_at", "field", "old_value", "new_value", "note")
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        # Part of the quote's record: whoever may see the quote sees its history.
        return request.user.has_perm("events.view_quote")


@admin.register(Quote)
class QuoteAdmin(AuditHistoryAdminMixin, ForumTimeZoneMixin, admin.ModelAdmin):
    form = QuoteAdminForm
    inlines = (CorrectionInline,)
    list_display = ("excerpt", "attribution", "forum", "said_on", "kind", "status")
    list_select_related = ("speaker", "forum")
    list_filter = (("forum", TranslatedRelatedFilter), "speaker", "status", "kind")
    search_fields = ("text", "original_text", "context", "speaker__name")
    date_hierarchy = "said_on"
    autocomplete_fields = ("speaker", "session", "forum", "source", "topics")
    fieldsets = (
        (None, {"fields": ("text", "speaker", "forum", "session", "said_on", "kind", "status")}),
        (
            _("Language"),
            {"fields": ("language", "original_text", "original_language", "translation_credit")},
        ),
        (_("Context"), {"fields": ("source", "topics", "context", "recording_timecode")}),
        (_("Publishing"), {"fields": ("embargo_until", "correction_note")}),
    )

    def save_model(self, request, obj, form, change):
        services.quote_save(quote=obj, note=form.cleaned_data.get("correction_note", ""))

    def get_queryset(self, request):
        affiliations = Affiliation.objects.for_attribution()
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                "forum__translations", Prefetch("speaker__affiliations", queryset=affiliations)
            )
        )

    @admin.display(description=_("quote"))
    def excerpt(self, quote):
        return quote.text if len(quote.text) <= 90 else f"{quote.text[:89]}…"

    @admin.display(description=_("attribution"))
    def attribution(self, quote):
        return quote.attribution


# API tokens: organizers issue them for the press only (events/api/admin.py).
from events.api import admin as api_admin  # noqa: E402, F401

# Press invitations live with the press room; importing registers their admin.
from events.press import admin as press_admin  # noqa: E402, F401
from events.press import admin_seen  # noqa: E402, F401

# Webhook endpoints, the outbox and the delivery log (events/webhooks/admin.py).
from events.webhooks import admin as webhooks_admin  # noqa: E402, F401
