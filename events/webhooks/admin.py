"""Webhooks in the organizers' admin: endpoints, the outbox and the delivery log.

Registered by the one import at the end of events/admin.py. The outbox and the log are
read-only: only the deliverer writes them; organizers read them and retry failed events.
"""

import json

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from common.fields import WEB_URL_SCHEMES
from events.admin_filters import TranslatedRelatedFilter
from events.models import EventType, WebhookDelivery, WebhookEndpoint, WebhookEvent
from events.models.webhooks import new_secret
from events.webhooks import delivery

# Bare "hooks.example.org" becomes https://, as Django 6 will do by default.
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


def _https_by_default(field, **kwargs):
    # The form class alone (the admin builds its own with formfield_overrides).
    if isinstance(field, models.URLField):
        kwargs.update(HTTPS_URLS[models.URLField])
    return field.formfield(**kwargs)


class EndpointForm(forms.ModelForm):
    event_types = forms.MultipleChoiceField(
        label=_("event types"),
        choices=EventType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None chosen: every type, including types added later."),
    )

    class Meta:
        model = WebhookEndpoint
        fields = ("forum", "url", "description", "is_active", "event_types")
        formfield_callback = _https_by_default

    def clean_url(self):
        url = self.cleaned_data["url"]
        scheme = url.partition(":")[0].lower()
        if scheme not in WEB_URL_SCHEMES:
            message = _(
                "Webhooks are sent over http or https; a %(scheme)s: URL cannot receive them."
            )
            raise forms.ValidationError(message, params={"scheme": scheme}, code="scheme")
        return url


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    form = EndpointForm
    formfield_overrides = HTTPS_URLS
    list_display = ("url", "forum", "is_active", "types", "created_at")
    list_filter = (("forum", TranslatedRelatedFilter), "is_active")
    search_fields = ("url", "description")
    autocomplete_fields = ("forum",)
    readonly_fields = ("secret_shown", "created_at")
    fields = ("forum", "url", "description", "is_active", "event_types", "secret_shown")
    actions = ("replace_secret",)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("forum__translations")

    @admin.display(description=_("event types"))
    def types(self, endpoint):
        return ", ".join(endpoint.event_types) or _("all")

    @admin.display(description=_("secret"))
    def secret_shown(self, endpoint):
        if endpoint.pk is None:
            return _("Generated when the endpoint is saved, then shown here.")
        return format_html("<code>{}</code>", endpoint.secret)

    @admin.action(description=_("Replace the secret of the selected endpoints"))
    def replace_secret(self, request, queryset):
        # One at a time: each endpoint gets its own secret.
        for endpoint in queryset:
            endpoint.secret = new_secret()
            endpoint.save(update_fields=["secret"])
        message = ngettext(
            "%(count)d endpoint has a new secret: give it to its receiver.",
            "%(count)d endpoints have new secrets: give them to their receivers.",
            len(queryset),
        )
        self.message_user(request, message % {"count": len(queryset)}, messages.SUCCESS)


class _ReadOnly:
    """Lists and actions for those allowed to change; each row's own page only shows it.

    Rows are not deleted one by one (the record of what was sent stays), only with their
    endpoint or forum: the admin asks for the right to delete each row that goes with it.
    """

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return obj is not None and super().has_delete_permission(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "show_delete": False}
        return super().change_view(request, object_id, form_url, extra_context)


def _retried(model_admin, request, count):
    message = ngettext(
        "%(count)d failed event is due again; the next deliver_webhooks pass sends it.",
        "%(count)d failed events are due again; the next deliver_webhooks pass sends them.",
        count,
    )
    model_admin.message_user(request, message % {"count": count}, messages.SUCCESS)


class DeliveryInline(_ReadOnly, admin.TabularInline):
    model = WebhookDelivery
    fields = readonly_fields = (
        "attempted_at", "ok", "status_code", "duration_ms", "error", "response_excerpt",
    )  # fmt: skip
    extra = 0
    can_delete = False


@admin.register(WebhookEvent)
class WebhookEventAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = ("event_type", "subject", "endpoint", "forum", "status", "attempts",
                    "next_attempt_at", "created_at")  # fmt: skip
    list_filter = (
        ("endpoint__forum", TranslatedRelatedFilter), "endpoint", "status", "event_type",
    )  # fmt: skip
    date_hierarchy = "created_at"
    fields = ("event_id", "event_type", "endpoint", "status", "attempts", "next_attempt_at",
              "created_at", "delivered_at", "pretty_body")  # fmt: skip
    readonly_fields = fields
    inlines = (DeliveryInline,)
    actions = ("retry",)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("endpoint__forum")
            .prefetch_related("endpoint__forum__translations")
        )

    @admin.display(description=_("object"))
    def subject(self, event):
        return f"{event.subject_kind} {event.subject_id}"

    @admin.display(description=_("forum"), ordering="endpoint__forum")
    def forum(self, event):
        return event.endpoint.forum

    @admin.display(description=_("body"))
    def pretty_body(self, event):
        text = json.dumps(json.loads(event.body), indent=2, ensure_ascii=False)
        return format_html("<pre>{}</pre>", text)

    @admin.action(description=_("Retry the selected failed events now"), permissions=["change"])
    def retry(self, request, queryset):
        _retried(self, request, delivery.retry_now(queryset))


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(_ReadOnly, admin.ModelAdmin):
    """The delivery log: one row per attempt, as the deliverer recorded it."""

    list_display = ("attempted_at", "event_type", "endpoint", "forum", "ok", "status_code",
                    "duration_ms", "error")  # fmt: skip
    list_filter = (
        ("event__endpoint__forum", TranslatedRelatedFilter), "event__endpoint", "ok",
        "event__status",
    )  # fmt: skip
    date_hierarchy = "attempted_at"
    fields = readonly_fields = (
        "event", "attempted_at", "ok", "status_code", "duration_ms", "error", "response_excerpt",
    )  # fmt: skip
    actions = ("retry",)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("event__endpoint__forum")
            .prefetch_related("event__endpoint__forum__translations")
        )

    @admin.display(description=_("type"), ordering="event__event_type")
    def event_type(self, attempt):
        return attempt.event.get_event_type_display()

    @admin.display(description=_("endpoint"))
    def endpoint(self, attempt):
        return attempt.event.endpoint

    @admin.display(description=_("forum"))
    def forum(self, attempt):
        return attempt.event.endpoint.forum

    @admin.action(description=_("Retry the failed events of the selected attempts now"),
                  permissions=["retry"])  # fmt: skip
    def retry(self, request, queryset):
        events = WebhookEvent.objects.filter(pk__in=queryset.values("event_id"))
        _retried(self, request, delivery.retry_now(events))

    def has_retry_permission(self, request):
        # The action changes events, not this log, which nobody may change (events/roles.py).
        return request.user.has_perm("events.change_webhookevent")
