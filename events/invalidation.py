"""Which writes change which public pages: signals that bump events.generations.

A row of one forum's agenda (the forum, its sessions, participants, quotes and their
translations and corrections) bumps that forum's generation and FORUMS, before and
after the write when it moves to another forum. Any other write to public content
(speakers, organizations, topics, venues, the CMS's pages and plugins, filer's files)
bumps SITE. Content is every model of every app but the few that hold no public
content, so a new app's models invalidate by default; forgetting one would leave
stale pages, listing one too many only costs a cache refill.

Writes that send no signals (bulk_create, QuerySet.update, the CMS's tree moves) are
covered by their writers: the agenda import calls `generations.bump()`, and the
CMS announces every page and placeholder operation (post_obj_operation).
"""

from cms.signals import post_obj_operation, post_placeholder_operation
from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from events import generations

# Apps whose rows no public page shows (users, sessions, logs and the audit history, the
# CMS's menu cache keys and thumbnails made while rendering, django-axes' login attempts:
# every failed login writes one, and must not empty the page cache), and such models of
# content apps (the press room's log of embargoed quotes seen, events.EmbargoView).
NOT_CONTENT_APPS = {"admin", "auth", "authtoken", "contenttypes", "sessions", "menus",
                    "easy_thumbnails", "axes", "auditlog"}  # fmt: skip
NOT_CONTENT_MODELS = {
    "cms.UserSettings", "cms.GlobalPagePermission", "cms.PagePermission", "cms.PageUser",
    "cms.PageUserGroup", "cms.UrlconfRevision", "filer.Clipboard", "filer.ClipboardItem",
    "filer.FolderPermission", "events.PressInvitation", "events.PersonalAgenda",
    "events.AgendaStar", "events.EmbargoView",
    # Webhooks' endpoints, outbox and delivery log: the deliverer writes them every minute.
    "events.WebhookEndpoint", "events.WebhookEvent", "events.WebhookDelivery",
    "events.WebhookAnnouncement",
}  # fmt: skip

# The rows of one forum's agenda, and the path from each to its forum's slug.
FORUM_SLUG = {
    "events.Forum": "slug",
    "events.ForumTranslation": "master__slug",
    "events.ForumOrganization": "forum__slug",
    "events.Session": "forum__slug",
    "events.SessionTranslation": "master__forum__slug",
    "events.SessionParticipant": "session__forum__slug",
    "events.Quote": "forum__slug",
    "events.QuoteCorrection": "quote__forum__slug",
}


def connect():
    """Connect the receivers to every content model (called by EventsConfig.ready)."""
    for model in apps.get_models():
        if _is_content(model):
            _connect(model)
    post_obj_operation.connect(_cms_operation, dispatch_uid="events.generations.cms")
    post_placeholder_operation.connect(_cms_operation, dispatch_uid="events.generations.cms_ph")


def _is_content(model):
    meta = model._meta
    return meta.app_label not in NOT_CONTENT_APPS and meta.label not in NOT_CONTENT_MODELS


def _connect(model):
    uid = f"events.generations.{model._meta.label}"
    if model._meta.label in FORUM_SLUG:
        pre_save.connect(_remember_forum, sender=model, dispatch_uid=uid)
        post_save.connect(_forum_row_saved, sender=model, dispatch_uid=uid)
        # Before the delete, while the row still leads to its forum; bumped on commit.
        pre_delete.connect(_forum_row_deleted, sender=model, dispatch_uid=uid)
    else:
        post_save.connect(_site_row_written, sender=model, dispatch_uid=uid)
        post_delete.connect(_site_row_written, sender=model, dispatch_uid=uid)
    for field in model._meta.local_many_to_many:
        m2m_changed.connect(_m2m_changed, sender=field.remote_field.through, dispatch_uid=uid)


def _names_of(model, pk):
    """The generations of the forum that row `pk` of `model` belongs to now (SITE if none)."""
    path = FORUM_SLUG[model._meta.label]
    slugs = set(model._default_manager.filter(pk=pk).values_list(path, flat=True))
    if not slugs or None in slugs:
        return {generations.SITE}
    return {generations.FORUMS, *(generations.forum(slug) for slug in slugs)}


def _remember_forum(sender, instance, raw=False, update_fields=None, **kwargs):
    # The forum the row belongs to before this save: a session moved to another forum
    # leaves the old agenda too. Kept on the instance until post_save of this save.
    if instance.pk is None or raw:
        instance._generations_before_save = set()
    else:
        instance._generations_before_save = _names_of(sender, instance.pk)


def _forum_row_saved(sender, instance, raw=False, **kwargs):
    before = instance.__dict__.pop("_generations_before_save", set())
    generations.bump(*(before | _names_of(sender, instance.pk)))


def _forum_row_deleted(sender, instance, **kwargs):
    generations.bump(*_names_of(sender, instance.pk))


def _site_row_written(sender, **kwargs):
    generations.bump(generations.SITE)


def _m2m_changed(sender, instance, action, reverse, **kwargs):
    if not action.startswith("post_"):
        return
    label = type(instance)._meta.label
    if label in FORUM_SLUG and not reverse:
        generations.bump(*_names_of(type(instance), instance.pk))
    else:
        generations.bump(generations.SITE)


def _cms_operation(sender, **kwargs):
    generations.bump(generations.SITE)
