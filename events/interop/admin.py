"""Agenda import screens and export links on a forum's admin page.

Upload -> preview (a dry run, re-planned from the stored file on every view) ->
confirm (the same plan made again on the server, applied in one transaction).
ForumAdmin mixes this in; see events/admin.py.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _

from events.interop import importer, staging
from events.interop.forms import AgendaUploadForm
from events.interop.plan import ImportRefused, grouped
from events.interop.readers import parse_upload
from events.models import Forum

IMPORT_PERMISSIONS = ("events.add_session", "events.change_session")
EXPORTS = (
    ("events:forum-schedule-xml", "schedule.xml"),
    ("events:forum-schedule-json", "schedule.json"),
    ("events:forum-agenda-csv", "agenda.csv"),
)


class AgendaImportAdminMixin:
    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/import-agenda/", view(self.import_agenda_view),
                 name="{}_{}_import_agenda".format(*info)),
            path("<path:object_id>/import-agenda/<str:token>/", view(self.import_preview_view),
                 name="{}_{}_import_preview".format(*info)),
        ] + super().get_urls()  # fmt: skip

    def may_import_agenda(self, request, forum):
        return self.has_change_permission(request, forum) and request.user.has_perms(
            IMPORT_PERMISSIONS
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Here rather than in change_view(): the forum is loaded already.
        if obj is not None and obj.pk:
            context.update(schedule_links(obj))
            if self.may_import_agenda(request, obj):
                context["import_agenda_url"] = self._url("import_agenda", obj.pk)
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- the screens ---------------------------------------------------------------

    def import_agenda_view(self, request, object_id):
        forum = self._importable_forum(request, object_id)
        form = AgendaUploadForm(
            request.POST or None, request.FILES or None, forum=forum,
            initial={"language": request.LANGUAGE_CODE if request.LANGUAGE_CODE == "zh-hans"
                     else "en"},
        )  # fmt: skip
        if request.method == "POST" and form.is_valid():
            token = staging.stage(request, forum=forum, data=form.content, options=form.options())
            return HttpResponseRedirect(self._url("import_preview", forum.pk, token))
        context = self._context(request, forum, _("Import agenda"), form=form)
        return TemplateResponse(request, "admin/events/forum/import_agenda.html", context)

    def import_preview_view(self, request, object_id, token):
        forum = self._importable_forum(request, object_id)
        staged = staging.load(request, forum=forum, token=token)
        if staged is None:
            messages.error(request, _("That upload has expired or was imported already. "
                                      "Upload the file again."))  # fmt: skip
            return HttpResponseRedirect(self._url("import_agenda", forum.pk))
        data, options = staged
        try:
            plan = _plan(forum, data, options)
        except ImportRefused as refused:  # it parsed at upload; the forum may have changed
            messages.error(request, str(refused.problem))
            return HttpResponseRedirect(self._url("import_agenda", forum.pk))
        confirm_overlaps = options["confirm_overlaps"]
        if request.method == "POST":
            confirm_overlaps = bool(request.POST.get("confirm_overlaps"))
            chosen = {**options, "confirm_overlaps": confirm_overlaps}
            response = self._apply(request, forum, token, plan, chosen)
            if response is not None:
                return response
        context = self._context(
            request, forum, _("Preview of the agenda import"),
            plan=plan, options=options, confirm_overlaps=confirm_overlaps,
            new_objects=[(_new_label(name), count) for name, count in sorted(plan.new.items())],
            warnings=grouped(plan.warnings + [w for row in plan.rows for w in row.warnings]),
            upload_url=self._url("import_agenda", forum.pk),
        )  # fmt: skip
        status = 200 if plan.is_valid else 422
        return TemplateResponse(
            request, "admin/events/forum/import_preview.html", context, status=status
        )

    def _apply(self, request, forum, token, plan, options):
        """A redirect when the plan was applied; None (with a message) when it was not."""
        if not plan.is_valid:
            messages.error(request, _("The file has errors; nothing was imported."))
            return None
        try:
            actions = importer.apply_plan(
                plan=plan,
                confirm_overlaps=options["confirm_overlaps"],
                file_name=options.get("file_name", ""),
                actor=request.user,
            )
        except ImportRefused as refused:
            messages.error(request, str(refused.problem))
            return None
        staging.discard(request, token)
        messages.success(
            request,
            _("Agenda imported into %(forum)s: %(create)d created, %(update)d updated, "
              "%(unchanged)d unchanged.")
            % {"forum": forum, "create": actions["create"], "update": actions["update"],
               "unchanged": actions["unchanged"]},
        )  # fmt: skip
        return HttpResponseRedirect(self._url("change", forum.pk))

    # --- helpers ---------------------------------------------------------------------

    def _importable_forum(self, request, object_id):
        forum = self.get_object(request, unquote(object_id))
        if forum is None:
            raise Http404(_("No forum with that id."))
        if not self.may_import_agenda(request, forum):
            raise PermissionDenied
        return forum

    def _url(self, name, *args):
        info = self.opts.app_label, self.opts.model_name
        return reverse(f"{self.admin_site.name}:{info[0]}_{info[1]}_{name}", args=args)

    def _context(self, request, forum, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": forum,
            "title": title,
            "subtitle": str(forum),
            "change_url": self._url("change", forum.pk),
            "max_megabytes": 5,
            **extra,
        }


def _new_label(name):
    labels = {"room": _("rooms"), "topic": _("topics"), "organization": _("organizations"),
              "speaker": _("speakers"), "affiliation": _("affiliations")}  # fmt: skip
    return labels.get(name, name)


def _plan(forum, data, options):
    parsed = parse_upload(data, forum=forum, time_zone=options["time_zone"] or None)
    return importer.plan_import(
        forum=forum, parsed=parsed, language=options["language"], publish=options["publish"]
    )


def schedule_links(forum):
    """Links to the forum's public exports, and why there are none when there are none."""
    if not Forum.objects.visible_to(AnonymousUser()).filter(pk=forum.pk).exists():
        return {"exports_note": _("The schedule exports appear once the forum is published.")}
    try:
        links = [(label, reverse(name, kwargs={"slug": forum.slug})) for name, label in EXPORTS]
    except NoReverseMatch:  # no CMS page mounts the forum pages yet
        return {"exports_note": _("The schedule exports appear once a page shows the forums.")}
    return {"schedule_exports": links}
