"""The CMS toolbar on the public pages: "Edit this session/speaker/forum".

A view names the object its page shows with `show_in_toolbar()`. We keep it on the
request rather than `toolbar.set_object()`: the CMS takes the toolbar's object for one
with editable placeholders and would offer its Edit/Structure buttons for it, which
sessions, speakers and forums do not have.
"""

from cms.toolbar_base import CMSToolbar
from cms.toolbar_pool import toolbar_pool
from django.contrib.auth import get_permission_codename
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from events.models import Forum, Session
from events.public.views.common import shown_object
from speakers.models import Speaker

EDIT_LABELS = {
    Session: _("Edit this session"),
    Speaker: _("Edit this speaker"),
    Forum: _("Edit this forum"),
}


@toolbar_pool.register
class EditShownObjectToolbar(CMSToolbar):
    def populate(self):
        obj = shown_object(self.request)
        label = EDIT_LABELS.get(type(obj))
        if label is None or not _may_change(self.request.user, obj):
            return
        opts = obj._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        self.toolbar.add_button(label, url)


def _may_change(user, obj):
    opts = obj._meta
    return user.has_perm(f"{opts.app_label}.{get_permission_codename('change', opts)}")
