"""Changelist filters for the organizers' admin."""

import datetime as dt

from django.contrib import admin
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from events.models import Forum


class TranslatedRelatedFilter(admin.RelatedFieldListFilter):
    """A related-field filter whose choices are labelled without a query per choice.

    The stock filter calls str() on each related object; for a parler model that
    fetches each translation separately.
    """

    def field_choices(self, field, request, model_admin):
        queryset = field.related_model._default_manager.prefetch_related("translations")
        ordering = self.field_admin_ordering(field, request, model_admin)
        if ordering:
            queryset = queryset.order_by(*ordering)
        return [(obj.pk, str(obj)) for obj in queryset]


def _days(forum):
    day = forum.start_date
    while day <= forum.end_date:
        yield day
        day += dt.timedelta(days=1)


class ForumDayFilter(admin.SimpleListFilter):
    """Sessions on one day of their forum, where the day is the forum's local day.

    A 09:00 session in Shanghai starts at 01:00 UTC; filtering on the UTC date would
    put late-evening sessions on the wrong day.
    """

    title = _("day")
    parameter_name = "day"
    forum_parameter = "forum__id__exact"

    def _forums(self, request):
        forums = Forum.objects.order_by("start_date")
        forum_id = request.GET.get(self.forum_parameter)
        if forum_id and forum_id.isdigit():
            forums = forums.filter(pk=forum_id)
        return list(forums.only("start_date", "end_date", "time_zone"))

    def lookups(self, request, model_admin):
        self._forum_list = self._forums(request)
        days = sorted({day for forum in self._forum_list for day in _days(forum)})
        return [(day.isoformat(), date_format(day, "D j M Y")) for day in days]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            day = dt.date.fromisoformat(self.value())
        except ValueError:
            return queryset.none()
        matches = Q(pk__in=[])
        for forum in self._forum_list:
            if forum.start_date <= day <= forum.end_date:
                start = dt.datetime.combine(day, dt.time.min, tzinfo=forum.tzinfo)
                matches |= Q(
                    forum_id=forum.pk,
                    starts_at__gte=start,
                    starts_at__lt=start + dt.timedelta(days=1),
                )
        return queryset.filter(matches)
