"""Times in the admin are entered and shown in the forum's time zone.

An organizer in Berlin entering a Shanghai agenda types the times printed on the
programme. Django's form fields read and show datetimes in the *current* time
zone, so the change view runs, and renders, with the forum's zone activated.
"""

import zoneinfo
from contextlib import nullcontext

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from events.models import Forum


def _forum_zone_for_add(request):
    # The forum chosen in the submitted form wins; ?forum= preselects it on GET.
    forum_id = request.POST.get("forum") or request.GET.get("forum")
    if not forum_id or not str(forum_id).isdigit():
        return None
    return Forum.objects.filter(pk=forum_id).values_list("time_zone", flat=True).first()


class ForumTimeZoneMixin:
    """For admins of models with a `forum` foreign key and datetime fields."""

    def _forum_zone_name(self, request, object_id):
        if object_id is None or "_saveasnew" in request.POST:
            return _forum_zone_for_add(request)
        try:
            objects = self.model._default_manager.filter(pk=object_id)
            return objects.values_list("forum__time_zone", flat=True).first()
        except (ValueError, ValidationError):
            return None  # the stock view answers a malformed id

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        zone_name = self._forum_zone_name(request, object_id)
        request.forum_time_zone = zone_name
        zone = zoneinfo.ZoneInfo(zone_name) if zone_name else None
        with timezone.override(zone) if zone else nullcontext():
            response = super().changeform_view(request, object_id, form_url, extra_context)
            # Widgets format datetimes while rendering, so render inside the zone.
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        return response

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(db_field, models.DateTimeField) and field is not None:
            # The admin prints help texts unescaped: format_html escapes both parts.
            field.help_text = format_html("{} {}", field.help_text or "", _zone_label(request))
        return field


def _zone_label(request):
    zone_name = getattr(request, "forum_time_zone", None)
    if zone_name:
        return _("Time zone: %(zone)s (the forum's).") % {"zone": zone_name}
    return _("In the time zone of the forum chosen above.")
