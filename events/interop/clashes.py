"""Room and speaker clashes of an agenda as it will be after an import.

Computed in memory over the final state (untouched sessions of the forum plus the
file's), so the preview can list every one before anything is written.
"""

from django.utils.translation import gettext as _

from events.interop.plan import Problem


def _key(obj):
    return ("pk", obj.pk) if obj.pk else ("new", id(obj))


class _Entry:
    def __init__(self, start, end, title, room, speakers, item=None):
        self.start, self.end, self.title = start, end, title
        self.room, self.speakers, self.item = room, speakers, item


def _entries(items, existing):
    in_file = {item.session.pk for item in items if item.session.pk}
    entries = []
    for item in items:
        session = item.session
        if session.allow_overlap or session.status == "cancelled":
            continue  # already confirmed as intended, or not taking place
        room = item.values.get("room", session.room if session.pk else None)
        if item.participants is not None:
            speakers = {_key(speaker) for speaker, _role, _order in item.participants}
        else:
            speakers = {("pk", p.speaker_id) for p in session.participants.all()}
        entries.append(_Entry(item.spec.starts_at, item.spec.ends_at, item.spec.title,
                              room and _key(room), speakers, item))  # fmt: skip
    for session in existing:
        if session.pk in in_file or session.allow_overlap or session.status == "cancelled":
            continue
        speakers = {("pk", p.speaker_id) for p in session.participants.all()}
        entries.append(_Entry(session.starts_at, session.ends_at, str(session),
                              session.room_id and ("pk", session.room_id), speakers))  # fmt: skip
    return entries


def find(forum, items, existing, fields):
    """Problems naming each clash; the file's sessions in one are marked `item.clashes`."""
    entries = _entries(items, existing)
    groups = {}
    for entry in entries:
        if entry.room:
            groups.setdefault(("room", entry.room), []).append(entry)
        for speaker in entry.speakers:
            groups.setdefault(("speaker", speaker), []).append(entry)
    problems = []
    for (what, _key_value), group in groups.items():
        problems += _overlaps(group, what, forum, fields)
    return problems


def _overlaps(group, what, forum, fields):
    group.sort(key=lambda e: e.start)
    active, problems = [], []
    for entry in group:
        active = [other for other in active if other.end > entry.start]
        for other in active:
            problems.append(_problem(entry, other, what, forum, fields))
        active.append(entry)
    return problems


def _problem(entry, other, what, forum, fields):
    for side in (entry, other):
        if side.item is not None:
            side.item.clashes = True
    where = (entry.item or other.item).spec.where
    tz = forum.tzinfo
    span = "{}-{}".format(other.start.astimezone(tz).strftime("%H:%M"),
                          other.end.astimezone(tz).strftime("%H:%M"))  # fmt: skip
    if what == "room":
        message = _("Same room as '%(other)s' (%(span)s).")
    else:
        message = _("A speaker is also in '%(other)s' (%(span)s).")
    field = fields["room"] if what == "room" else fields["speakers"]
    return Problem(where, field, message % {"other": other.title, "span": span})
