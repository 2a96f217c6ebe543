"""Loads the demo forum (events/demo/data.py and the annotated quotes) in one transaction.

Loading is create-only. When the forum already exists nothing is touched, so a second
run (every `make run`) neither duplicates anything nor undoes an organizer's edits.
Organizations, speakers, topics, the venue and its rooms are looked up by their slug or
English name first
and reused as they are, so other data in the database is left alone.
"""

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from events.demo import data
from events.models import Forum, PanelTopic, Quote, Room, Session, SessionParticipant, Source, Venue
from speakers.models import Affiliation, Organization, Speaker

DEMO_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class DemoResult:
    forum: Forum
    created: bool


def demo_forum_load():
    """Create the demo forum unless its slug exists; returns DemoResult."""
    existing = Forum.objects.filter(slug=data.FORUM["slug"]).first()
    if existing is not None:
        return DemoResult(forum=existing, created=False)
    with transaction.atomic():
        return DemoResult(forum=_load(_annotations()), created=True)


def _annotations():
    return json.loads((DEMO_DIR / data.QUOTES_FILE).read_text(encoding="utf-8"))


def _load(annotations):
    organizations = {o["slug"]: _reuse_or_create(Organization, o) for o in data.ORGANIZATIONS}
    speakers = {s["slug"]: _speaker(s, organizations) for s in data.SPEAKERS}
    topics = {t["slug"]: _reuse_or_create(PanelTopic, t) for t in data.TOPICS}
    venue, rooms = _venue()
    forum = _create(Forum, {**data.FORUM, "venue": venue})
    sessions = {
        s["slug"]: _session(forum, s, rooms=rooms, topics=topics, speakers=speakers)
        for s in data.SESSIONS
    }
    source = _source(annotations["source"])
    quote_topics = [topics[slug] for slug in data.QUOTE_TOPICS]
    for annotated in annotations["quotes"]:
        quote = _quote(annotated, forum=forum, source=source, speakers=speakers, sessions=sessions)
        quote.topics.set(quote_topics)
    return forum


def _create(model, spec):
    """Build, validate (translations included) and save one object from a spec dict."""
    fields = {k: v for k, v in spec.items() if k != "translated"}
    obj = model(**fields)
    languages = set()
    for name, by_language in spec.get("translated", {}).items():
        for language, value in by_language.items():
            obj.set_current_language(language)
            setattr(obj, name, value)
            languages.add(language)
    obj.full_clean()
    for language in languages:
        obj.get_translation(language).full_clean(exclude=["master"])
    if languages:
        obj.set_current_language("en")
    obj.save()
    return obj


def _reuse_or_create(model, spec):
    return model.objects.filter(slug=spec["slug"]).first() or _create(model, spec)


def _speaker(spec, organizations):
    speaker = Speaker.objects.filter(slug=spec["slug"]).first()
    if speaker is None:
        fields = {"slug": spec["slug"], "name": spec["name"], "is_published": True}
        speaker = _create(Speaker, fields)
    organization = organizations[spec["organization"]]
    if not speaker.affiliations.filter(organization=organization).exists():
        affiliation = {"speaker": speaker, "organization": organization}
        _create(Affiliation, affiliation | {"translated": {"title": spec["title"]}})
    return speaker


def _venue():
    """The demo venue and {English name: room}, reusing those found by English name."""
    english = {field: values["en"] for field, values in data.VENUE["translated"].items()}
    venue = _named(Venue.objects.all(), name=english["name"], city=english["city"])
    venue = venue or _create(Venue, data.VENUE)
    rooms = {}
    for names, capacity in data.ROOMS:
        room = _named(venue.rooms.all(), name=names["en"])
        spec = {"venue": venue, "capacity": capacity, "translated": {"name": names}}
        rooms[names["en"]] = room or _create(Room, spec)
    return venue, rooms


def _named(queryset, **english):
    """The first of `queryset` whose English translation has the `english` values."""
    lookups = {f"translations__{field}": value for field, value in english.items()}
    return queryset.filter(translations__language_code="en", **lookups).first()


def _session(forum, spec, *, rooms, topics, speakers):
    tz = forum.tzinfo
    session = _create(
        Session,
        {
            "forum": forum,
            "slug": spec["slug"],
            "kind": spec["kind"],
            "starts_at": dt.datetime.combine(spec["day"], spec["starts"], tzinfo=tz),
            "ends_at": dt.datetime.combine(spec["day"], spec["ends"], tzinfo=tz),
            "room": rooms.get(spec["room"]),
            "status": Session.Status.PUBLISHED,
            "translated": spec["translated"],
        },
    )
    session.topics.set(topics[slug] for slug in spec["topics"])
    for order, (speaker_slug, role) in enumerate(spec["participants"]):
        participant = {"session": session, "speaker": speakers[speaker_slug], "role": role}
        _create(SessionParticipant, participant | {"order": order})
    return session


def _source(annotated):
    fields = {
        **data.SOURCE,
        "author": annotated["author"],
        "published_on": dt.date.fromisoformat(annotated["publication_date"]),
    }
    lookup = {k: fields[k] for k in ("publication", "author", "published_on")}
    return Source.objects.filter(**lookup).first() or _create(Source, fields)


def _quote(annotated, *, forum, source, speakers, sessions):
    speaker = next(s for s in speakers.values() if s.name == annotated["speaker"])
    return _create(
        Quote,
        {
            "text": quote_text(annotated["text"]),
            "speaker": speaker,
            "session": sessions[data.QUOTE_SESSIONS[speaker.slug]],
            "forum": forum,
            "said_on": data.QUOTE_SAID_ON,
            "kind": annotated["kind"],
            "language": "en",
            "source": source,
            "context": data.QUOTE_CONTEXT,
            "status": Quote.Status.VERIFIED,
        },
    )


def quote_text(annotated_text):
    """The quote as a sentence: the comma before 'said X' in the article becomes a full stop."""
    text = annotated_text.strip()
    return text[:-1] + "." if text.endswith(",") else text
