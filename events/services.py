"""Writes that touch several agenda objects, each in one transaction.

Every function takes keyword-only arguments, validates with full_clean() and
either changes everything it was asked to or nothing: when any session is
refused, `SessionsRefused` lists every refusal with its reason and the whole
transaction is rolled back.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from events import corrections
from events.models import Quote, QuoteCorrection, Session, SessionParticipant
from events.signals import written_in_bulk


@dataclass(frozen=True)
class Refusal:
    session: Session
    reason: str


class SessionsRefused(Exception):
    def __init__(self, refusals):
        self.refusals = list(refusals)
        super().__init__("; ".join(f"{r.session}: {r.reason}" for r in self.refusals))


def _reason(error):
    return " ".join(error.messages)


def _in_agenda_order(sessions):
    return list(sessions.select_related("forum", "room").order_by("starts_at", "pk"))


def _apply_each(sessions, change):
    """Run `change(session)` for each session; roll all back if any is refused.

    Each session gets its own savepoint so a refused one leaves nothing behind that
    could make a later one look clashing; sessions are changed in agenda order so
    two selected sessions that collide with each other are caught.
    """
    results, refusals = [], []
    with transaction.atomic():
        for session in _in_agenda_order(sessions):
            try:
                with transaction.atomic():
                    results.append(change(session))
            except ValidationError as error:
                refusals.append(Refusal(session, _reason(error)))
        if refusals:
            transaction.set_rollback(True)
    if refusals:
        raise SessionsRefused(refusals)
    return results


def _set_status(session, status):
    session.status = status
    session.full_clean()
    session.save(update_fields=["status"])
    return session


def sessions_publish(*, sessions):
    """Publish `sessions` (a Session queryset). A cancelled one may now clash."""
    return _apply_each(sessions, lambda s: _set_status(s, Session.Status.PUBLISHED))


def sessions_unpublish(*, sessions):
    """Take `sessions` back to draft: hidden from the public, kept in the agenda."""
    return _apply_each(sessions, lambda s: _set_status(s, Session.Status.DRAFT))


def sessions_cancel(*, sessions):
    """Mark `sessions` cancelled: still listed publicly, no longer blocking rooms."""
    return _apply_each(sessions, lambda s: _set_status(s, Session.Status.CANCELLED))


def sessions_duplicate(*, sessions):
    """Copy each session as a draft, in the same room, starting when it ends.

    The copy keeps the translations, topics and participants, gets a new slug and
    GUID, and drops what belongs to the original only (import reference,
    recordings). Placing it right after the original keeps it from colliding with
    the original; if that slot is taken the refusal names who holds it.
    """
    return _apply_each(sessions, _duplicate)


def _duplicate(original):
    copy = Session(
        forum=original.forum,
        slug=_free_slug(original),
        kind=original.kind,
        starts_at=original.ends_at,
        ends_at=original.ends_at + (original.ends_at - original.starts_at),
        room=original.room,
        language=original.language,
        status=Session.Status.DRAFT,
        embargo_until=original.embargo_until,
        allow_overlap=original.allow_overlap,
    )
    for translation in original.translations.all():
        copy.set_current_language(translation.language_code)
        copy.title = translation.title
        copy.abstract = translation.abstract
    copy.full_clean()
    copy.save()
    copy.topics.set(original.topics.all())
    for participant in original.participants.all():
        _copy_participant(participant, copy)
    return copy


def _copy_participant(participant, session):
    copy = SessionParticipant(
        session=session,
        speaker=participant.speaker,
        role=participant.role,
        order=participant.order,
    )
    copy.full_clean()
    copy.save()


def _free_slug(original):
    taken = set(
        Session.objects.filter(
            forum_id=original.forum_id, slug__startswith=original.slug[:100]
        ).values_list("slug", flat=True)
    )
    number = 1
    while True:
        suffix = "-copy" if number == 1 else f"-copy-{number}"
        slug = original.slug[: 120 - len(suffix)] + suffix
        if slug not in taken:
            return slug
        number += 1


def quote_save(*, quote, note=""):
    """Save `quote`; if it was verified, note each change of wording or attribution.

    `note` explains the edit to journalists (see events/corrections.py).
    """
    with transaction.atomic():
        notes = corrections.pending_corrections(quote, note=note)
        quote.save()
        QuoteCorrection.objects.bulk_create(notes)
        if notes:  # bulk_create sends no signal; the API shows a quote's corrections
            written_in_bulk.send(sender=Quote, pks=[quote.pk])
    return quote
