"""Forums for the public-page tests: a small one and one of 50 sessions, speakers and quotes."""

import datetime as dt

from events.models import SessionParticipant
from tests.factories import (
    AffiliationFactory,
    ForumFactory,
    PanelTopicFactory,
    QuoteFactory,
    RoomFactory,
    SessionFactory,
    SessionParticipantFactory,
    SourceFactory,
    SpeakerFactory,
    shanghai,
)


def translate(obj, language="zh-hans", **fields):
    obj.set_current_language(language)
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.save()
    obj.set_current_language("en")
    return obj


def build_forum(size, *, speaker=None, topic=None, forum=None):
    """A forum of `size` sessions, each with its own speaker (affiliated), a topic and a quote.

    `speaker` and `topic`, when given, take part in every session, so their pages grow too.
    """
    forum = forum or ForumFactory(slug=f"forum-of-{size}")
    room = RoomFactory(venue=forum.venue)
    topic = topic or PanelTopicFactory()
    source = SourceFactory()
    sessions = []
    for i in range(size):
        start = shanghai(6, 8) + dt.timedelta(minutes=20 * i)
        session = SessionFactory(
            forum=forum, room=room, starts_at=start, ends_at=start + dt.timedelta(minutes=20)
        )
        session.topics.add(topic)
        guest = SpeakerFactory()
        AffiliationFactory(speaker=guest)
        SessionParticipantFactory(session=session, speaker=guest)
        SessionParticipantFactory(
            session=session, speaker=speaker or SpeakerFactory(),
            role=SessionParticipant.Role.MODERATOR,
        )  # fmt: skip
        quote = QuoteFactory(session=session, forum=forum, speaker=speaker or guest, source=source)
        quote.topics.add(topic)
        sessions.append(session)
    return forum, sessions
