"""The admin's History button shows the audit log (common/audit.py) of the object's page.

Who, when, which fields with their old and new values, for the object, its translations
and its inline rows, and the import that wrote an entry. Read-only: the view writes nothing.
"""

from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import PAGE_VAR
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from common.audit import entries_on_page

ENTRIES_PER_PAGE = 25


class AuditHistoryAdminMixin:
    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        entries = (
            entries_on_page(obj)
            .select_related("actor", "content_type")
            .order_by("-timestamp", "-pk")
        )
        paginator = self.get_paginator(request, entries, ENTRIES_PER_PAGE)
        page = paginator.get_page(request.GET.get(PAGE_VAR, 1))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Who changed what: %(object)s") % {"object": obj},
            "module_name": str(capfirst(self.opts.verbose_name_plural)),
            "object": obj,
            "opts": self.opts,
            "log_entries": page,
            "page_range": paginator.get_elided_page_range(page.number),
            "page_var": PAGE_VAR,
            "pagination_required": paginator.count > ENTRIES_PER_PAGE,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "auditlog/object_history.html", context)
