"""Keep quotes' search documents current when a name they contain changes.

Signals only for this: a quote's document holds its speaker's names and its
session's titles, which are saved on other models (and, for titles, by
parler's translation model). Everything else happens in Quote.save().
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from events.models import Quote, Session
from events.searchindex import reindex_quotes
from speakers.models import Speaker

SessionTranslation = Session._parler_meta.root_model


@receiver(post_save, sender=Speaker, dispatch_uid="events.reindex_speaker_quotes")
def reindex_speaker_quotes(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex_quotes(Quote.objects.filter(speaker=instance))


@receiver(post_save, sender=SessionTranslation, dispatch_uid="events.reindex_session_quotes")
@receiver(post_delete, sender=SessionTranslation, dispatch_uid="events.unindex_session_title")
def reindex_session_quotes(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex_quotes(Quote.objects.filter(session_id=instance.master_id))
