"""Which writes may change what a webhook announces, connected by EventsConfig.ready.

The receivers run inside the save's transaction, so the outbox rows commit or roll
back with the change. Writes whose bulk_create sends no post_save (the agenda import,
services.quote_save()'s corrections) send events.signals.written_in_bulk instead.
Rooms, topics, organizations and sources are not followed: a rename reaches receivers
with the next change of the session or quote that shows it.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from events.models import (
    Forum,
    Quote,
    QuoteCorrection,
    Session,
    SessionParticipant,
    WebhookEndpoint,
)
from events.signals import written_in_bulk
from events.webhooks import outbox
from events.webhooks.payloads import QUOTE
from speakers.models import Speaker

# Each model, and what to announce when one of its rows is saved or deleted.
TOUCHES = {
    Session: lambda row: outbox.announce_sessions([row.pk]),
    Session._parler_meta.root_model: lambda row: outbox.announce_sessions([row.master_id]),
    SessionParticipant: lambda row: outbox.announce_sessions([row.session_id]),
    Quote: lambda row: outbox.announce(QUOTE, [row.pk]),
    QuoteCorrection: lambda row: outbox.announce(QUOTE, [row.quote_id]),
    Forum: lambda row: outbox.announce_forum(row.pk),
    Forum._parler_meta.root_model: lambda row: outbox.announce_forum(row.master_id),
    Speaker: lambda row: outbox.announce_speaker(row.pk),
}


def connect():
    for model in TOUCHES:
        uid = f"events.webhooks.{model._meta.label}"
        post_save.connect(_written, sender=model, dispatch_uid=uid)
        post_delete.connect(_written, sender=model, dispatch_uid=uid)
    m2m_changed.connect(_topics, sender=Session.topics.through, dispatch_uid="events.webhooks.st")
    m2m_changed.connect(_topics, sender=Quote.topics.through, dispatch_uid="events.webhooks.qt")
    pre_delete.connect(_forum_deleting, sender=Forum, dispatch_uid="events.webhooks.forum")
    for signal in (post_save, post_delete):
        signal.connect(_endpoint, sender=WebhookEndpoint, dispatch_uid="events.webhooks.endpoint")
    written_in_bulk.connect(_written_in_bulk, dispatch_uid="events.webhooks.bulk")


def _written(sender, instance, raw=False, **kwargs):
    if not raw:  # loaddata: fixtures announce nothing
        TOUCHES[sender](instance)


def _topics(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # topic.sessions.add(...): the sessions or quotes are in pk_set
        _announce(Session if sender is Session.topics.through else Quote, pk_set or ())
    else:
        _announce(type(instance), [instance.pk])


def _written_in_bulk(sender, pks, **kwargs):
    _announce(sender, pks)


def _announce(model, pks):
    """Announce the sessions or quotes (`model`) of `pks`."""
    if model is Session:
        outbox.announce_sessions(pks)
    elif model is Quote:
        outbox.announce(QUOTE, pks)


def _forum_deleting(sender, instance, **kwargs):
    outbox.forum_deleting(instance.pk)


def _endpoint(sender, **kwargs):
    outbox.endpoints_changed()
