"""Agendas and speaker cards as rows read with values(): what the big listings show.

On 38C3 (1007 sessions), loading the agenda as model instances with prefetch_related
built some 6,000 instances and 3,000 querysets: two thirds of the page's time. These rows
carry only what the agenda shows; the same visibility querysets choose them, and the
rules of speakers.models (display name, affiliation held on a day) apply to them.
Rooms and topics, a handful per forum, stay model instances. The speaker list and grid
read their cards the same way (2,500 speakers on the bench site).
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from events.models import PanelTopic, Room, Session, SessionParticipant, Venue
from events.querysets import speaker_visible_to, translations
from speakers.models import (
    Affiliation,
    Organization,
    Speaker,
    display_name,
    held_on,
    role_line,
    role_template,
)


@dataclass
class AffiliationRow:
    title_text: str
    organization: str
    role: str
    start_date: date | None
    end_date: date | None


@dataclass
class SpeakerRow:
    slug: str
    name: str
    name_native: str
    photo_url: str = ""
    affiliations: list = field(default_factory=list)

    @property
    def display_name(self):
        return display_name(self.name, self.name_native)

    def affiliation_on(self, day):
        return held_on(self.affiliations, day)


@dataclass
class ParticipantRow:
    role: str
    speaker: SpeakerRow


@dataclass
class SessionRow:
    id: int
    slug: str
    guid: object
    kind: str
    status: str
    starts_at: datetime
    ends_at: datetime
    room_id: int | None
    title: str
    abstract: str = ""
    room: Room | None = None
    topic_list: list = field(default_factory=list)
    visible_participants: list = field(default_factory=list)

    def __str__(self):
        return self.title or self.slug

    @property
    def is_cancelled(self):
        return self.status == Session.Status.CANCELLED


def agenda_rows(forum, user, *, abstracts=False):
    """`forum`'s sessions that `user` may see, in agenda order, as SessionRows.

    `abstracts` also reads each session's abstract (the calendar prints it).
    """
    sessions = Session.objects.visible_to(user).filter(forum=forum)
    fields = ("id", "slug", "guid", "kind", "status", "starts_at", "ends_at", "room_id")
    ordered = sessions.order_by("starts_at", "pk").values(*fields)
    rows = [SessionRow(**values, title="") for values in ordered]
    # A subquery, not the list of ids: Django prepares each of a thousand parameters of
    # an IN list in Python, three times a page.
    ids = sessions.values("pk")
    texts = translations(Session, ids, *(("title", "abstract") if abstracts else ("title",)))
    rooms = _rooms_of({r.room_id for r in rows} - {None}, forum)
    topics = _topics_of(ids)
    participants = _participants_of(ids, user)
    for row in rows:
        row.title = texts.get(row.id, {}).get("title", "")
        row.abstract = texts.get(row.id, {}).get("abstract", "")
        row.room = rooms.get(row.room_id)
        row.topic_list = topics.get(row.id, [])
        row.visible_participants = participants.get(row.id, [])
    return rows


def _rooms_of(room_ids, forum):
    """{room id: Room} with their translations. Their venue is the forum's, already loaded
    with its translations (events.rules keeps rooms there); another venue costs a query."""
    rooms = Room.objects.prefetch_related("translations").in_bulk(room_ids)
    elsewhere = {room.venue_id for room in rooms.values()} - {forum.venue_id}
    venues = Venue.objects.prefetch_related("translations").in_bulk(elsewhere) if elsewhere else {}
    if forum.venue_id:
        venues[forum.venue_id] = forum.venue
    for room in rooms.values():
        room.venue = venues[room.venue_id]
    return rooms


def speaker_cards(speakers, day, labels):
    """The speakers of the `speakers` queryset, in its order, as SpeakerRows with their
    URL and the affiliation held on `day` (`current`) and, when they have one, a photo."""
    storage = Speaker._meta.get_field("photo").storage
    found = speakers.values("id", "slug", "name", "name_native", "photo")
    rows = {}
    for values in found:
        rows[values["id"]] = SpeakerRow(
            slug=values["slug"],
            name=values["name"],
            name_native=values["name_native"],
            photo_url=storage.url(values["photo"]) if values["photo"] else "",
        )
    _attach_affiliations(rows)
    for row in rows.values():
        row.url = labels.link("speakers:speaker-detail", row.slug)
        row.current = row.affiliation_on(day)
    return list(rows.values())


def _topics_of(session_ids):
    """{session id: [PanelTopic]} with their translations."""
    through = Session.topics.through
    pairs = list(
        through.objects.filter(session_id__in=session_ids).values_list(
            "session_id", "paneltopic_id"
        )
    )
    topics = PanelTopic.objects.prefetch_related("translations").in_bulk({t for _s, t in pairs})
    listed = {}
    for session_id, topic_id in pairs:
        listed.setdefault(session_id, []).append(topics[topic_id])
    return listed


def _participants_of(session_ids, user):
    """{session id: [ParticipantRow]} of the speakers `user` may see, in billing order."""
    found = (
        SessionParticipant.objects.filter(speaker_visible_to(user), session_id__in=session_ids)
        .order_by("order", "pk")
        .values("session_id", "role", "speaker_id", "speaker__slug", "speaker__name",
                "speaker__name_native")
    )  # fmt: skip
    speakers = {}
    listed = {}
    for values in found:
        speaker = speakers.get(values["speaker_id"])
        if speaker is None:
            speaker = speakers[values["speaker_id"]] = SpeakerRow(
                slug=values["speaker__slug"],
                name=values["speaker__name"],
                name_native=values["speaker__name_native"],
            )
        listed.setdefault(values["session_id"], []).append(ParticipantRow(values["role"], speaker))
    _attach_affiliations(speakers)
    return listed


def _attach_affiliations(speakers):
    """Each SpeakerRow of `speakers` ({speaker id: row}) gets its AffiliationRows."""
    found = list(
        Affiliation.objects.filter(speaker_id__in=speakers).values(
            "id", "speaker_id", "organization_id", "organization__slug", "start_date", "end_date"
        )
    )
    titles = translations(Affiliation, [a["id"] for a in found], "title")
    names = translations(Organization, {a["organization_id"] for a in found}, "name")
    template = role_template()
    for values in found:
        title = titles.get(values["id"], {}).get("title", "")
        organization = (
            names.get(values["organization_id"], {}).get("name") or values["organization__slug"]
        )
        speakers[values["speaker_id"]].affiliations.append(
            AffiliationRow(
                title_text=title,
                organization=organization,
                role=role_line(title, organization, template),
                start_date=values["start_date"],
                end_date=values["end_date"],
            )
        )
