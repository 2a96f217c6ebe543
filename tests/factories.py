"""factory_boy factories shared by the whole suite."""

import datetime as dt
import zoneinfo

import factory

from events.models import Forum, PanelTopic, Quote, Room, Session, SessionParticipant, Source, Venue
from speakers.models import Affiliation, Organization, Speaker

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def shanghai(day, hour, minute=0):
    """An aware datetime on July `day`, 2023, in Shanghai."""
    return dt.datetime(2023, 7, day, hour, minute, tzinfo=SHANGHAI)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organization {n}")
    slug = factory.Sequence(lambda n: f"organization-{n}")


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Speaker {n}")
    slug = factory.Sequence(lambda n: f"speaker-{n}")
    is_published = True


class AffiliationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Affiliation

    speaker = factory.SubFactory(SpeakerFactory)
    organization = factory.SubFactory(OrganizationFactory)
    title = "chief engineer"


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = "Jiading Convention Center"
    district = "Jiading District"
    city = "Shanghai"
    country = "China"


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    venue = factory.SubFactory(VenueFactory)
    name = factory.Sequence(lambda n: f"Hall {n}")
    capacity = 300


class ForumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Forum

    name = factory.Sequence(lambda n: f"Forum {n}")
    slug = factory.Sequence(lambda n: f"forum-{n}")
    start_date = dt.date(2023, 7, 6)
    end_date = dt.date(2023, 7, 7)
    time_zone = "Asia/Shanghai"
    venue = factory.SubFactory(VenueFactory)
    status = Forum.Status.PUBLISHED


class PanelTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PanelTopic

    title = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


def _venue_of_room(forum):
    # A session's room must be at its forum's venue (events/rules.py).
    room = forum.factory_parent.room
    return room.venue if room is not None else VenueFactory()


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    room = None
    forum = factory.SubFactory(ForumFactory, venue=factory.LazyAttribute(_venue_of_room))
    title = factory.Sequence(lambda n: f"Session {n}")
    slug = factory.Sequence(lambda n: f"session-{n}")
    kind = Session.Kind.KEYNOTE
    starts_at = factory.LazyFunction(lambda: shanghai(6, 10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=1))
    status = Session.Status.PUBLISHED


class SessionParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionParticipant

    session = factory.SubFactory(SessionFactory)
    speaker = factory.SubFactory(SpeakerFactory)
    role = SessionParticipant.Role.SPEAKER


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    publication = "China Daily"
    title = "Auto forum"
    author = "Li Huacheng"
    published_on = dt.date(2023, 7, 21)


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quote

    text = factory.Sequence(lambda n: f"Exports will keep growing, number {n}.")
    speaker = factory.SubFactory(SpeakerFactory)
    forum = factory.SubFactory(ForumFactory)
    said_on = dt.date(2023, 7, 6)
    status = Quote.Status.VERIFIED
