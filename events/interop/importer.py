"""The agenda import service: a dry-run Plan first, then apply it all or nothing.

    parsed = parse_csv(data, forum=forum)          # or parse_frab(...)
    plan = plan_import(forum=forum, parsed=parsed, language="en", publish=False)
    apply_plan(plan=plan, confirm_overlaps=True)   # one transaction

Sessions are matched by `ref` (spreadsheets) or guid (frab); re-importing the same
file changes nothing.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from common import audit
from common.fields import sanitize_html
from events import generations
from events.interop import clashes
from events.interop.kinds import resolve_kind
from events.interop.matching import Organizations, People, Rooms, Topics, unique_slug
from events.interop.plan import ImportRefused, Plan, Problem, RowPlan
from events.models import LANGUAGE_CHOICES, Session, SessionParticipant
from events.signals import written_in_bulk
from speakers.models import Speaker

LANGUAGES = {code for code, _label in LANGUAGE_CHOICES}
CSV_FIELDS = {"start": "day", "end": "end", "room": "room", "kind": "kind",
              "speakers": "speakers", "topics": "topics", "slug": "ref", "guid": "ref"}  # fmt: skip


@dataclass(eq=False)
class _Item:
    """One session of the file, resolved: the (possibly new) session and what it should hold."""

    spec: object
    row: RowPlan
    session: Session
    values: dict
    translated: dict
    topics: list | None = None
    participants: list | None = None  # [(speaker, role)]
    clashes: bool = False
    is_new: bool = False


@dataclass
class _Work:
    rooms: Rooms
    topics: Topics
    organizations: Organizations
    people: People
    items: list = field(default_factory=list)


def plan_import(*, forum, parsed, language, publish=False):
    """A dry run: what importing `parsed` into `forum` would create, update and leave alone."""
    from events.interop.frab_import import FIELDS as FRAB_FIELDS

    plan = Plan(forum=forum, format=parsed.format, language=language, publish=publish)
    plan.errors.extend(parsed.errors)
    plan.warnings.extend(parsed.warnings)
    fields = FRAB_FIELDS if parsed.format == "frab" else CSV_FIELDS
    existing = _existing_sessions(forum, language)
    persons = [p for spec in parsed.specs for p in spec.persons or []]
    work = _Work(
        rooms=Rooms(forum, language),
        topics=Topics({t for spec in parsed.specs for t in spec.topics or []}, language),
        organizations=Organizations({p.organization for p in persons}, language),
        people=People(persons, publish=publish),
    )
    slugs = {session.slug for session in existing}
    index = _Index(existing, parsed, forum)
    seen = set()
    for spec in parsed.specs:
        row = RowPlan(where=spec.where, title=spec.title, action="create")
        plan.rows.append(row)
        key = _key(spec, parsed.format)
        if key in seen:
            message = _("The same session appears twice in the file.")
            row.errors.append(Problem(spec.where, fields["guid"], message))
            continue
        seen.add(key)
        session = index.match(spec, row, fields)
        item = _resolve(spec, session, row, plan, work, parsed, fields, slugs)
        if item is not None:
            work.items.append(item)
    _count(plan, work)
    plan.clashes = clashes.find(forum, work.items, existing, fields)
    for item in work.items:
        _diff(item, plan)
    plan.work = work
    return plan


def _existing_sessions(forum, language):
    return list(
        Session.objects.filter(forum=forum)
        .select_related("room")
        .prefetch_related("translations", "room__translations", "topics", "participants")
    )


def _key(spec, file_format):
    return spec.guid if file_format == "frab" else spec.ref


class _Index:
    """The forum's sessions by ref and guid, and guids that other forums already use."""

    def __init__(self, existing, parsed, forum):
        self.by_ref = {s.ref: s for s in existing if s.ref}
        self.by_guid = {str(s.guid): s for s in existing}
        # Sessions typed in the admin have no ref; a spreadsheet may name them by slug.
        self.by_slug = {s.slug: s for s in existing if not s.ref}
        guids = {spec.guid for spec in parsed.specs if spec.guid} - {s.guid for s in existing}
        self.foreign = dict(
            Session.objects.filter(guid__in=guids).values_list("guid", "forum__slug")
        )

    def match(self, spec, row, fields):
        if spec.guid is None:  # a spreadsheet: by ref, or by the guid its export wrote
            return (
                self.by_ref.get(spec.ref)
                or self.by_guid.get(spec.ref)
                or self.by_slug.get(spec.ref)
            )
        if spec.guid in self.foreign:
            message = _("This guid belongs to a session of another forum, '%(forum)s'.")
            forum_slug = self.foreign[spec.guid]
            row.errors.append(Problem(spec.where, fields["guid"], message % {"forum": forum_slug}))
        return self.by_guid.get(str(spec.guid))


def _resolve(spec, session, row, plan, work, parsed, fields, slugs):
    forum = plan.forum
    errors = row.errors
    first, last = forum.local_bounds()
    if spec.ends_at <= spec.starts_at:
        message = _("It ends at %(end)s, before it starts at %(start)s.") % {
            "end": _local(spec.ends_at, forum),
            "start": _local(spec.starts_at, forum),
        }
        errors.append(Problem(spec.where, fields["end"], message))
    if spec.starts_at < first or spec.ends_at > last:
        message = _("%(start)s lies outside the forum's dates, %(first)s to %(last)s (%(zone)s).")
        errors.append(
            Problem(
                spec.where,
                fields["start"],
                message
                % {"start": _local(spec.starts_at, forum, "%Y-%m-%d %H:%M"),
                   "first": forum.start_date, "last": forum.end_date, "zone": forum.time_zone},
            )
        )  # fmt: skip
    room = _room(spec, row, work, parsed, fields, forum)
    kind = _kind(spec, row, parsed, fields, session)
    if errors:
        return None
    if session is None:
        row.action = "create"
        session = Session(forum=forum, status=_status(plan.publish))
        session.slug = unique_slug(spec.slug or spec.title or spec.ref, slugs, "session")[:120]
        if spec.guid:
            session.guid = spec.guid
        if parsed.format == "csv":
            session.ref = spec.ref
    values = {"starts_at": spec.starts_at, "ends_at": spec.ends_at, "kind": kind}
    if room is not _KEEP:
        values["room"] = room
    language = _language(spec, row, plan, parsed)
    if language:
        values["language"] = language
    values.update(spec.links)
    translated = {"title": spec.title[:300]}
    if spec.abstract is not None:
        translated["abstract"] = sanitize_html(spec.abstract)  # as saving would store it
    item = _Item(spec=spec, row=row, session=session, values=values, translated=translated)
    if spec.topics is not None:
        item.topics = [_topic(name, row, work, parsed) for name in spec.topics]
    if spec.persons is not None:
        item.participants = _participants(spec, row, work, plan, fields)
    return item


_KEEP = object()


def _local(moment, forum, fmt="%H:%M"):
    return moment.astimezone(forum.tzinfo).strftime(fmt)


def _status(publish):
    return Session.Status.PUBLISHED if publish else Session.Status.DRAFT


def _room(spec, row, work, parsed, fields, forum):
    if spec.room is None:
        return _KEEP  # the spreadsheet has no room column
    if not spec.room:
        return None
    room = work.rooms.find(spec.room, spec.room_guid)
    if room is not None:
        return room
    if not parsed.creates_rooms:
        message = _("Unknown room '%(room)s'. The rooms of %(venue)s are: %(rooms)s.") % {
            "room": spec.room,
            "venue": forum.venue or _("the forum's venue"),
            "rooms": ", ".join(work.rooms.names()) or _("none yet"),
        }
        row.errors.append(Problem(spec.where, fields["room"], message))
        return None
    if not forum.venue_id:
        message = _("The forum has no venue to hold room '%(room)s'; set its venue first.")
        row.errors.append(Problem(spec.where, fields["room"], message % {"room": spec.room}))
        return None
    return work.rooms.create(spec.room, spec.room_guid)


def _kind(spec, row, parsed, fields, session):
    if not spec.kind:
        return session.kind if session is not None else Session.Kind.OTHER
    kind = resolve_kind(spec.kind, lenient=parsed.format == "frab")
    if kind is None:
        message = _("Unknown session kind '%(kind)s'. Use one of: %(kinds)s.") % {
            "kind": spec.kind,
            "kinds": ", ".join(Session.Kind.values),
        }
        row.errors.append(Problem(spec.where, fields["kind"], message))
    elif kind == Session.Kind.OTHER and spec.kind.lower() != "other":
        message = _("Unknown event type '%(type)s' is imported as 'Other'.") % {"type": spec.kind}
        row.warnings.append(Problem(spec.where, fields["kind"], message))
    return kind


def _language(spec, row, plan, parsed):
    if spec.language is None:
        return None
    code = spec.language.lower()
    if code in LANGUAGES:
        return code
    if code:
        message = _("Language '%(code)s' is not offered; the session is marked %(default)s.")
        row.warnings.append(
            Problem(spec.where, "language", message % {"code": code, "default": plan.language})
        )
    return plan.language


def _topic(name, row, work, parsed):
    from events.interop.frab_import import topic_slug

    topic, is_new = work.topics.resolve(name, topic_slug(name, parsed.topic_slugs))
    return topic


def _participants(spec, row, work, plan, fields):
    since = plan.forum.start_date
    participants = []
    for order, person in enumerate(spec.persons):
        if not person.name:
            message = _("A speaker entry has no name (expected 'Name | title | organization').")
            row.errors.append(Problem(spec.where, fields["speakers"], message))
            continue
        speaker, is_new = work.people.resolve(person)
        row.people.append((person.name, "new" if is_new else "matched"))
        if person.organization and person.title:
            organization, org_new = work.organizations.resolve(person.organization)
            row.people.append((person.organization, "new" if org_new else "matched"))
            work.people.affiliate(
                speaker, organization, person.title, since=since, language=plan.language
            )
        if all(existing is not speaker for existing, *_rest in participants):
            participants.append((speaker, person.role, order))
    return participants


def _count(plan, work):
    for name, objects in (
        ("room", work.rooms.new),
        ("topic", work.topics.new),
        ("organization", work.organizations.new),
        ("speaker", work.people.new),
        ("affiliation", work.people.new_affiliations),
    ):
        if objects:
            plan.new[name] = len(objects)


def _diff(item, plan):
    """Fill item.row with the fields that would change; 'unchanged' when none would."""
    session, row = item.session, item.row
    if item.clashes:
        item.values["allow_overlap"] = True
    if session.pk is None:
        row.action = "create"
        return
    changes = [name for name, value in item.values.items() if getattr(session, name) != value]
    current = _translation(session, plan.language)
    changes += [name for name, value in item.translated.items() if current.get(name) != value]
    wanted_topics = {t.pk for t in item.topics or []}
    if item.topics is not None and wanted_topics != {t.pk for t in session.topics.all()}:
        changes.append("topics")
    if item.participants is not None:
        _keep_roles(item, plan.format)
        wanted = [(s.pk, role) for s, role, _order in item.participants]
        have = [(p.speaker_id, p.role) for p in session.participants.all()]
        if wanted != have:
            changes.append("participants")
    row.changes = changes
    row.action = "update" if changes else "unchanged"


def _keep_roles(item, file_format):
    """A file that just says 'speaker' keeps a panelist a panelist (frab: any role)."""
    have = {p.speaker_id: p.role for p in item.session.participants.all()}
    kept = []
    for speaker, role, order in item.participants:
        old = have.get(speaker.pk)
        if (
            role == SessionParticipant.Role.SPEAKER
            and old
            and (file_format == "frab" or old != SessionParticipant.Role.MODERATOR)
        ):
            role = old
        kept.append((speaker, role, order))
    item.participants = kept


def _translation(session, language):
    for translation in session.translations.all():
        if translation.language_code == language:
            return {"title": translation.title, "abstract": translation.abstract}
    return {}


class OverlapsNotConfirmed(ImportRefused):
    pass


def import_name(file_name, by):
    """How the audit history names an import: "import: 38c3.xml by alice"."""
    return f"import: {file_name or '(unnamed file)'} by {by}"


def apply_plan(*, plan, confirm_overlaps=False, file_name="", actor=None, by=None):
    """Carry out `plan` in one transaction; nothing is written if anything fails.

    Every object written gets an audit entry naming the import (common/audit.py):
    `file_name`, by `actor` (a user) or, with no user, `by` (e.g. "manage.py").
    """
    if not plan.is_valid:
        raise ImportRefused(plan.all_errors[0])
    if plan.clashes and not confirm_overlaps:
        message = _("%(count)s overlaps need confirming as intended before the import.")
        raise OverlapsNotConfirmed(Problem(_("file"), "", message % {"count": len(plan.clashes)}))
    work = plan.work
    name = import_name(file_name, actor.get_username() if actor else by or "system")
    try:
        with audit.recording_import(name, actor), transaction.atomic():
            _apply(work, plan.language)
            # Speakers, sessions and participants go in by bulk_create, which sends no
            # signals: every public page may show them, and webhooks announce them.
            generations.bump(generations.SITE)
            changed = [i.session.pk for i in work.items if i.row.action != "unchanged"]
            written_in_bulk.send(sender=Session, pks=changed)
    except IntegrityError as exc:  # someone changed the agenda between plan and apply
        message = _("The database refused the import, nothing was saved: %(reason)s")
        raise ImportRefused(Problem(_("file"), "", message % {"reason": exc})) from exc
    return plan.actions


def _apply(work, language):
    for objects in (work.rooms.new, work.topics.new, work.organizations.new):
        _save_each(objects)
    _validate(work.people.new)
    audit.log_created(Speaker.objects.bulk_create(work.people.new))
    _save_each(work.people.new_affiliations)
    changed = [item for item in work.items if item.row.action != "unchanged"]
    for item in changed:
        item.is_new = item.session.pk is None
        _prepare(item, language)
    _create_sessions([item.session for item in changed if item.is_new], language)
    for item in changed:
        if not item.is_new:
            item.session.save()
    _set_topics(changed)
    _set_participants(changed)


def _validate(objects):
    # Field values only: uniqueness, dates and clashes were settled by the plan, over the
    # agenda as it will be, and the database constraints stand behind it. Checking each
    # row against a half-applied agenda would also report false clashes (two sessions
    # swapping rooms), and costs several queries per row.
    for obj in objects:
        fks = [f.name for f in obj._meta.concrete_fields if f.is_relation]
        obj.clean_fields(exclude=fks)


def _save_each(objects):
    _validate(objects)
    for obj in objects:
        obj.save()


def _prepare(item, language):
    session = item.session
    for name, value in item.values.items():
        setattr(session, name, value)
    session.set_current_language(language)
    for name, value in item.translated.items():
        setattr(session, name, value)
    _validate([session])


def _create_sessions(sessions, language):
    """Insert new sessions and their translations in two queries, not two per session."""
    translation_model = Session._parler_meta.root_model
    Session.objects.bulk_create(sessions)
    translations = []
    for session in sessions:
        values = {f: session.safe_translation_getter(f, language_code=language) or ""
                  for f in ("title", "abstract")}  # fmt: skip
        translations.append(translation_model(master=session, language_code=language, **values))
    translation_model.objects.bulk_create(translations)
    # bulk_create sends no signals: each new row's audit entry is written here.
    audit.log_created([*sessions, *translations])


def _set_topics(items):
    through = Session.topics.through
    items = [item for item in items if item.topics is not None]
    through.objects.filter(session__in=[item.session for item in items]).delete()
    through.objects.bulk_create(
        through(session=item.session, paneltopic=topic)
        for item in items
        for topic in dict.fromkeys(item.topics)
    )


def _set_participants(items):
    items = [i for i in items if i.participants is not None
             and (i.is_new or "participants" in i.row.changes)]  # fmt: skip
    SessionParticipant.objects.filter(session__in=[item.session for item in items]).delete()
    participants = SessionParticipant.objects.bulk_create(
        SessionParticipant(session=item.session, speaker=speaker, role=role, order=order)
        for item in items
        for speaker, role, order in item.participants
    )
    audit.log_created(participants)
