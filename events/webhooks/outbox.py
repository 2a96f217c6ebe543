"""The outbox: webhook events written in the transaction of the change they announce.

`announce(kind, pks)` compares what the public API shows of these objects now with
what was last announced of them (WebhookAnnouncement) and writes the difference, one
WebhookEvent per active endpoint of the forum that wants its type:

    not announced, now published       ->  <kind>.published
    announced, a public field differs  ->  <kind>.changed
    announced, no longer published     ->  <kind>.withdrawn (with what the public saw last)

A transaction announces its net change. Its events belong to one _Batch, kept among the
transaction's on-commit callbacks, which remembers what had been announced before the
transaction began; a later change of the same object in it replaces the earlier rows.
An admin save writes the session, then its translations, participants and topics: the
receiver gets one event holding all of them, not four, the first without a title.

Forums without endpoints cost one query per transaction (the endpoint list) and keep no
announcements: an endpoint hears of an object from its first change after it was added.
"""

import uuid
from dataclasses import dataclass, field
from functools import wraps

from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone

from events.models import (
    Forum,
    Quote,
    Session,
    WebhookAnnouncement,
    WebhookEndpoint,
    WebhookEvent,
)
from events.webhooks import payloads
from events.webhooks.payloads import QUOTE, SESSION

MODELS = {SESSION: Session, QUOTE: Quote}


@dataclass(eq=False)
class _Batch:
    token: uuid.UUID = field(default_factory=uuid.uuid4)
    # (kind, pk) -> (forum_id, data) announced before this transaction, or None.
    before: dict = field(default_factory=dict)
    # Forums being deleted: their endpoints and announcements go with them, in whatever
    # order the deletion collector takes them, so nothing may be written for them.
    deleting: set = field(default_factory=set)
    endpoints: list | None = None
    committed: bool = False

    def __call__(self):  # on commit
        self.committed = True


@dataclass(frozen=True)
class _Change:
    pk: int
    forum_id: int
    event_type: str
    data: dict


def _current_batch(create=True):
    connection = transaction.get_connection()
    # Django's own list of the transaction's on-commit callbacks: rolling back a savepoint
    # drops the callbacks registered inside it, and so a batch begun there.
    for _savepoints, callback, _robust in reversed(connection.run_on_commit):
        if isinstance(callback, _Batch) and not callback.committed:
            return callback
    if not create:
        return None
    batch = _Batch()
    transaction.on_commit(batch)
    return batch


def _atomic(func):
    """Run in the caller's transaction, or in one of its own outside any (the shell)."""

    @wraps(func)
    def wrapper(*args, **kwargs):
        if transaction.get_connection().in_atomic_block:
            return func(*args, **kwargs)
        with transaction.atomic():
            return func(*args, **kwargs)

    return wrapper


def _endpoints(batch):
    if batch.endpoints is None:
        batch.endpoints = list(WebhookEndpoint.objects.all())
    return batch.endpoints


@_atomic
def watching():
    """Whether any forum has an endpoint (inactive ones too: they keep announcements)."""
    return bool(_endpoints(_current_batch()))


def endpoints_changed():
    """An endpoint was saved or deleted: read them again."""
    batch = _current_batch(create=False) if transaction.get_connection().in_atomic_block else None
    if batch is not None:
        batch.endpoints = None


@_atomic
def forum_deleting(forum_id):
    _current_batch().deleting.add(forum_id)


@_atomic
def announce(kind, pks):
    """Write the events that bring what was announced of `pks` (of `kind`) up to date."""
    pks = set(pks)
    batch = _current_batch()
    endpoints = _endpoints(batch)
    if not pks or not endpoints:
        return
    forum_now = dict(MODELS[kind].objects.filter(pk__in=pks).values_list("pk", "forum_id"))
    announced = WebhookAnnouncement.objects.filter(kind=kind, object_id__in=pks)
    states = {state.object_id: state for state in announced}
    for pk in pks:
        state = states.get(pk)
        batch.before.setdefault((kind, pk), state and (state.forum_id, state.data))
    watched = {endpoint.forum_id for endpoint in endpoints} - batch.deleting
    pks = {pk for pk in pks if {forum_now.get(pk), _forum_of(states.get(pk))} & watched}
    if not pks:
        return
    now = payloads.snapshots(kind, pks)
    # This transaction's earlier events of these objects: replaced by their net change.
    WebhookEvent.objects.filter(batch=batch.token, subject_kind=kind, subject_id__in=pks).delete()
    changes = []
    for pk in sorted(pks):
        changes += _changes(kind, pk, batch.before[(kind, pk)], forum_now.get(pk), now.get(pk))
        _remember(kind, pk, states.get(pk), forum_now.get(pk), now.get(pk))
    _enqueue(kind, [c for c in changes if c.forum_id in watched], endpoints, batch)


def _forum_of(state):
    return state.forum_id if state else None


def _changes(kind, pk, before, forum_id, snapshot):
    old_forum, old_data = before or (None, None)
    if snapshot is not None and snapshot.live:
        if before is None:
            return [_Change(pk, forum_id, f"{kind}.published", snapshot.data)]
        if old_forum != forum_id:  # moved to another forum: gone from one, new in the other
            return [
                _Change(pk, old_forum, f"{kind}.withdrawn", old_data),
                _Change(pk, forum_id, f"{kind}.published", snapshot.data),
            ]
        if not payloads.same(old_data, snapshot.data):
            return [_Change(pk, forum_id, f"{kind}.changed", snapshot.data)]
        return []
    if before is None:
        return []
    # Still shown (a cancelled session): as it is now. Gone: as the public saw it last.
    shown = snapshot is not None and forum_id == old_forum
    return [_Change(pk, old_forum, f"{kind}.withdrawn", snapshot.data if shown else old_data)]


def _remember(kind, pk, state, forum_id, snapshot):
    if snapshot is None or not snapshot.live:
        if state is not None:
            state.delete()
        return
    if state is None:
        WebhookAnnouncement.objects.create(
            kind=kind, object_id=pk, forum_id=forum_id, data=snapshot.data
        )
    elif state.data != snapshot.data or state.forum_id != forum_id:
        state.forum_id, state.data, state.announced_at = forum_id, snapshot.data, timezone.now()
        state.save(update_fields=["forum", "data", "announced_at"])


def _enqueue(kind, changes, endpoints, batch):
    slugs = dict(
        Forum.objects.filter(pk__in={c.forum_id for c in changes}).values_list("pk", "slug")
    )
    occurred_at = timezone.now()
    rows = []
    for change in changes:
        event_id = uuid.uuid4()
        text = payloads.body(
            event_id=event_id,
            event_type=change.event_type,
            occurred_at=occurred_at,
            forum_slug=slugs[change.forum_id],
            data=change.data,
        )
        rows += [
            WebhookEvent(
                endpoint=endpoint,
                event_id=event_id,
                event_type=change.event_type,
                subject_kind=kind,
                subject_id=change.pk,
                batch=batch.token,
                body=text,
                created_at=occurred_at,
                next_attempt_at=occurred_at,
            )
            for endpoint in endpoints
            if endpoint.forum_id == change.forum_id and endpoint.wants(change.event_type)
        ]
    WebhookEvent.objects.bulk_create(rows)


# --- What a write touches ---------------------------------------------------------


@_atomic
def announce_sessions(pks):
    """Sessions, and their quotes: a quote is hidden with its session and names its title."""
    pks = set(pks)
    if pks and watching():
        announce(SESSION, pks)
        announce(QUOTE, Quote.objects.filter(session_id__in=pks).values_list("pk", flat=True))


@_atomic
def announce_forum(forum_id):
    """Every session and quote of a forum: its status and name are part of each."""
    if watching():
        announce(SESSION, Session.objects.filter(forum_id=forum_id).values_list("pk", flat=True))
        announce(QUOTE, Quote.objects.filter(forum_id=forum_id).values_list("pk", flat=True))


@_atomic
def announce_speaker(speaker_id):
    """A speaker's quotes and sessions: they show the name, and hide with the speaker."""
    if watching():
        sessions = Session.objects.filter(participants__speaker_id=speaker_id)
        announce(SESSION, sessions.values_list("pk", flat=True))
        announce(QUOTE, Quote.objects.filter(speaker_id=speaker_id).values_list("pk", flat=True))


@_atomic
def announce_lifted(now):
    """Announce what became public by time alone: embargoes that lifted by `now`.

    Only lifts since the forum's first active endpoint was added, of objects not yet
    announced; announce() itself decides whether they are public now.
    """
    active = WebhookEndpoint.objects.filter(is_active=True).values("forum_id")
    for row in active.annotate(since=Min("created_at")).order_by("forum_id"):
        forum_id, since = row["forum_id"], row["since"]
        sessions = Session.objects.filter(_lifted("", since, now), forum_id=forum_id)
        quotes = Quote.objects.filter(
            _lifted("", since, now) | _lifted("session__", since, now), forum_id=forum_id
        )
        for kind, found in ((SESSION, sessions), (QUOTE, quotes)):
            announced = WebhookAnnouncement.objects.filter(kind=kind).values("object_id")
            announce(kind, found.exclude(pk__in=announced).values_list("pk", flat=True))


def _lifted(prefix, since, now):
    return Q(**{f"{prefix}embargo_until__gt": since, f"{prefix}embargo_until__lte": now})
