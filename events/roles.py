"""The three user roles, as groups of permissions: Organizers, Press and Editors.

Groups carry permissions only. Admin access also needs the user's own staff flag:
organizers and editors must be staff, press users must not be (the press room is
outside the admin).
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

ORGANIZERS = "Organizers"
PRESS = "Press"
EDITORS = "Editors"

EMBARGO_PERMISSION = ("events", "view_embargoed_quote")

# All agenda content: every model of these apps, present and future, but for the two
# sets below.
AGENDA_APPS = ("events", "speakers")
# Not the organizers' business, so none of their permissions:
# - a visitor's starred sessions and the token of their calendar feed (PersonalAgenda,
#   AgendaStar: events/models/agendas.py) are that visitor's private data, which no
#   organizer's work needs; no admin page shows them;
# - what the webhooks last announced of each object (WebhookAnnouncement) is the outbox's
#   memory (events/webhooks/outbox.py): edited by hand, receivers would miss or repeat events.
ORGANIZER_EXCLUDED = {
    ("events", "personalagenda"),
    ("events", "agendastar"),
    ("events", "webhookannouncement"),
}
# Records the site writes itself, of which organizers get only the actions named; "add" and
# "change" would let them forge or rewrite a record, several of which record their own acts.
ORGANIZER_LIMITED = {
    # Who saw which embargoed quote (events/press/seen.py): the log must not be editable by
    # those it audits. Read in the admin (events/press/admin_seen.py).
    ("events", "embargoview"): ("view",),
    # The corrections of a verified quote, as journalists read them: written by
    # services.quote_save(), shown read-only inline on the quote.
    ("events", "quotecorrection"): ("view",),
    # The webhook outbox, written by events/webhooks/outbox.py and the deliverer. "change"
    # is its Retry action; "delete" because deleting an endpoint or a forum takes its events,
    # and the admin asks for the right to delete each of them.
    ("events", "webhookevent"): ("view", "change", "delete"),
    # The delivery log: read, and deleted with its endpoint or forum (as above). Its Retry
    # action changes events, so it asks for change_webhookevent (events/webhooks/admin.py).
    ("events", "webhookdelivery"): ("view", "delete"),
}
# Organizers issue and revoke the press's API tokens in rest_framework.authtoken's
# admin, which is registered for this proxy model.
API_TOKEN_MODEL = ("authtoken", "tokenproxy")
# Organizers unlock someone locked out after failed logins by deleting their attempt in
# django-axes' admin; they may see the attempts, not change the record.
LOGIN_ATTEMPT_PERMISSIONS = ("axes", ("view_accessattempt", "delete_accessattempt"))

# CMS pages, their plugins (grid, image and link are djangocms_frontend's contrib apps)
# and the media library, filer.
CMS_APPS = (
    "cms",
    "djangocms_text",
    "djangocms_link",
    "djangocms_frontend",
    "grid",
    "image",
    "link",
    "filer",
)
# Our own plugins' settings (events/cms_plugins.py): editors place them on pages too.
EVENTS_PLUGIN_MODELS = (
    "upcomingsessionspluginconfig",
    "featuredquotepluginconfig",
    "forumagendapluginconfig",
    "speakergridpluginconfig",
    "topicsessionspluginconfig",
    "forumlistpluginconfig",
    "latestquotespluginconfig",
)
# Who may do what is the superuser's business, not an editor's; caches are internal.
EDITOR_EXCLUDED = {
    ("cms", "globalpagepermission"),
    ("cms", "pagepermission"),
    ("cms", "pageuser"),
    ("cms", "pageusergroup"),
    ("cms", "usersettings"),
    ("cms", "urlconfrevision"),
    ("filer", "folderpermission"),
    ("filer", "thumbnailoption"),
}


def organizer_permissions():
    app_label, model = API_TOKEN_MODEL
    tokens = Q(content_type__app_label=app_label, content_type__model=model)
    axes_label, codenames = LOGIN_ATTEMPT_PERMISSIONS
    attempts = Q(content_type__app_label=axes_label, codename__in=codenames)
    agenda = Q(content_type__app_label__in=AGENDA_APPS) & ~_organizer_withheld()
    return Permission.objects.filter(agenda | tokens | attempts)


def _organizer_withheld():
    """Q of the agenda apps' permissions that organizers do not get."""
    withheld = Q()
    for app_label, model in ORGANIZER_EXCLUDED:
        withheld |= Q(content_type__app_label=app_label, content_type__model=model)
    for (app_label, model), actions in ORGANIZER_LIMITED.items():
        allowed = [f"{action}_{model}" for action in actions]
        withheld |= Q(content_type__app_label=app_label, content_type__model=model) & ~Q(
            codename__in=allowed
        )
    return withheld


def press_permissions():
    app_label, codename = EMBARGO_PERMISSION
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)


def editor_permissions():
    excluded = Q()
    for app_label, model in EDITOR_EXCLUDED:
        excluded |= Q(content_type__app_label=app_label, content_type__model=model)
    plugins = Q(content_type__app_label="events", content_type__model__in=EVENTS_PLUGIN_MODELS)
    return Permission.objects.filter(Q(content_type__app_label__in=CMS_APPS) | plugins).exclude(
        excluded
    )


ROLES = {
    ORGANIZERS: organizer_permissions,
    PRESS: press_permissions,
    EDITORS: editor_permissions,
}


class RolesNotReady(Exception):
    """Permissions are missing because the database is not migrated."""


@transaction.atomic
def roles_setup():
    """Create the groups and give each exactly its permissions.

    Returns {group name: (created, permissions added, permissions removed)}. The code is
    the source of truth: permissions added to these groups by hand are removed again.
    """
    if not press_permissions().exists():
        raise RolesNotReady(
            "The permission events.view_embargoed_quote does not exist: run `manage.py migrate`."
        )
    report = {}
    for name, permissions in ROLES.items():
        group, created = Group.objects.get_or_create(name=name)
        wanted = set(permissions().values_list("pk", flat=True))
        held = set(group.permissions.values_list("pk", flat=True))
        group.permissions.add(*(wanted - held))
        group.permissions.remove(*(held - wanted))
        report[name] = (created, len(wanted - held), len(held - wanted))
    return report
