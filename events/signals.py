"""Keep quotes' search index current, whoever saves what it is built from; and the signal
that writes which bypass model signals send instead.

A quote's index entry is derived from its stored document (Quote.save()
writes it), which holds its speaker's names and its session's titles: those
are saved on other models (and, for titles, by parler's translation model).
Signals catch every save, from the admin, imports and the shell alike.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from events.models import Quote, Session
from events.searchindex import refresh_index, reindex_quotes
from speakers.models import Speaker

SessionTranslation = Session._parler_meta.root_model

# Sent inside the transaction by writes that bypass post_save (bulk_create, update()),
# with the model as sender and the `pks` written: Session by the agenda import, Quote by
# a quote's corrections (services.quote_save). What follows saves (the webhooks' outbox)
# listens to it too, so those writers need to know none of them.
written_in_bulk = Signal()


@receiver(post_save, sender=Quote, dispatch_uid="events.index_quote")
def index_quote(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_index([instance.pk])


@receiver(post_save, sender=Speaker, dispatch_uid="events.reindex_speaker_quotes")
def reindex_speaker_quotes(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex_quotes(Quote.objects.filter(speaker=instance))


@receiver(post_save, sender=SessionTranslation, dispatch_uid="events.reindex_session_quotes")
@receiver(post_delete, sender=SessionTranslation, dispatch_uid="events.unindex_session_title")
def reindex_session_quotes(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex_quotes(Quote.objects.filter(session_id=instance.master_id))
