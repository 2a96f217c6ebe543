import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from events.models import Quote, Room, Session
from tests.events.public_data import translate
from tests.factories import (
    AffiliationFactory,
    ForumFactory,
    OrganizationFactory,
    QuoteFactory,
    RoomFactory,
    SessionFactory,
    SessionParticipantFactory,
    SpeakerFactory,
    VenueFactory,
    shanghai,
)

pytestmark = pytest.mark.django_db


def _unsaved_session(forum, **fields):
    session = Session(forum=forum, slug="new", kind=Session.Kind.PANEL, **fields)
    session.set_current_language("en")
    session.title = "New session"
    return session


def test_session_ending_before_start_is_refused_by_clean():
    forum = ForumFactory()
    session = _unsaved_session(forum, starts_at=shanghai(6, 11), ends_at=shanghai(6, 10))
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert error.value.message_dict["ends_at"] == ["A session must end after it starts."]


def test_session_ending_before_start_is_refused_by_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(starts_at=shanghai(6, 11), ends_at=shanghai(6, 10))


def test_session_outside_forum_dates_in_forum_time_zone_is_refused():
    forum = ForumFactory()  # July 6-7 in Shanghai
    # 23:30 UTC on July 7 is already 07:30 on July 8 in Shanghai.
    starts = dt.datetime(2023, 7, 7, 23, 30, tzinfo=dt.UTC)
    session = _unsaved_session(forum, starts_at=starts, ends_at=starts + dt.timedelta(hours=1))
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert "within the forum's dates" in error.value.message_dict["starts_at"][0]


def test_session_at_local_morning_of_first_day_is_accepted():
    forum = ForumFactory()
    # 08:00 Shanghai on July 6 is 00:00 UTC: inside, although UTC midnight.
    session = _unsaved_session(forum, starts_at=shanghai(6, 8), ends_at=shanghai(6, 9))
    session.full_clean()


def test_room_at_another_venue_is_refused():
    forum = ForumFactory(venue=VenueFactory(name="Jiading Hotel", city="Shanghai"))
    hamburg = RoomFactory(name="Saal 1", venue=VenueFactory(name="CCH", city="Hamburg"))
    session = _unsaved_session(
        forum, room=hamburg, starts_at=shanghai(6, 9), ends_at=shanghai(6, 10)
    )
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert error.value.message_dict["room"] == [
        "Room Saal 1 is at CCH, Hamburg, not at this forum's venue, Jiading Hotel, Shanghai."
    ]


def test_any_room_is_accepted_while_the_forum_has_no_venue():
    forum = ForumFactory(venue=None)
    session = _unsaved_session(
        forum, room=RoomFactory(), starts_at=shanghai(6, 9), ends_at=shanghai(6, 10)
    )
    session.full_clean()


def test_room_double_booking_names_the_other_session():
    room = RoomFactory(name="Hall A")
    existing = SessionFactory(room=room, title="Opening plenary")
    session = _unsaved_session(
        existing.forum, room=room, starts_at=shanghai(6, 10, 30), ends_at=shanghai(6, 11, 30)
    )
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert error.value.message_dict["room"] == [
        "Room Hall A is booked 10:00-11:00 by 'Opening plenary'."
    ]


def test_room_booking_back_to_back_is_accepted():
    room = RoomFactory()
    existing = SessionFactory(room=room)
    session = _unsaved_session(
        existing.forum, room=room, starts_at=shanghai(6, 11), ends_at=shanghai(6, 12)
    )
    session.full_clean()


def test_room_double_booking_marked_as_intended_overlap_is_accepted():
    room = RoomFactory()
    existing = SessionFactory(room=room)
    session = _unsaved_session(
        existing.forum,
        room=room,
        starts_at=shanghai(6, 10),
        ends_at=shanghai(6, 11),
        allow_overlap=True,
    )
    session.full_clean()


def test_cancelled_session_does_not_block_its_room():
    room = RoomFactory()
    existing = SessionFactory(room=room, status=Session.Status.CANCELLED)
    session = _unsaved_session(
        existing.forum, room=room, starts_at=shanghai(6, 10), ends_at=shanghai(6, 11)
    )
    session.full_clean()


def test_speaker_in_two_overlapping_sessions_names_the_other_session():
    speaker = SpeakerFactory(name="Xu Haidong")
    first = SessionParticipantFactory(speaker=speaker, session__title="Keynote on exports")
    second = SessionFactory(
        forum=first.session.forum, starts_at=shanghai(6, 10, 30), ends_at=shanghai(6, 11, 30)
    )
    participant = second.participants.model(session=second, speaker=speaker)
    with pytest.raises(ValidationError) as error:
        participant.full_clean()
    assert error.value.message_dict["speaker"] == [
        "Xu Haidong already speaks 10:00-11:00 in 'Keynote on exports'."
    ]


def test_moving_a_session_onto_its_speakers_other_session_is_refused():
    speaker = SpeakerFactory(name="Luo Junjie")
    first = SessionParticipantFactory(speaker=speaker, session__title="Opening")
    later = SessionParticipantFactory(
        speaker=speaker,
        session__forum=first.session.forum,
        session__starts_at=shanghai(6, 14),
        session__ends_at=shanghai(6, 15),
    ).session
    later.starts_at, later.ends_at = shanghai(6, 10, 30), shanghai(6, 11, 30)
    with pytest.raises(ValidationError) as error:
        later.full_clean()
    assert error.value.messages == ["Luo Junjie already speaks 10:00-11:00 in 'Opening'."]


def _moved_onto_its_speakers_other_session():
    speaker = SpeakerFactory(name="Luo Junjie")
    first = SessionParticipantFactory(speaker=speaker, session__title="Opening")
    later = SessionParticipantFactory(
        speaker=speaker, session__forum=first.session.forum, session__starts_at=shanghai(6, 14)
    ).session
    later.starts_at, later.ends_at = shanghai(6, 10, 30), shanghai(6, 11, 30)
    return later


def test_session_revived_while_its_speaker_is_busy_elsewhere_is_refused():
    speaker = SpeakerFactory(name="Luo Junjie")
    SessionParticipantFactory(speaker=speaker, session__title="Opening")
    revived = SessionParticipantFactory(
        speaker=speaker, session__forum=Session.objects.get().forum, session__status="cancelled"
    ).session
    revived.full_clean()
    revived.status = Session.Status.PUBLISHED
    with pytest.raises(ValidationError) as error:
        revived.full_clean()
    assert error.value.messages == ["Luo Junjie already speaks 10:00-11:00 in 'Opening'."]


def test_stored_participants_are_not_checked_when_the_caller_excludes_them():
    later = _moved_onto_its_speakers_other_session()
    later.full_clean(exclude={"participants"})


def test_excluding_the_participants_lasts_for_that_validation_only():
    later = _moved_onto_its_speakers_other_session()
    later.full_clean(exclude={"participants"})
    with pytest.raises(ValidationError):
        later.full_clean()


def test_times_already_refused_are_not_also_checked_against_the_participants():
    later = _moved_onto_its_speakers_other_session()
    later.ends_at = later.starts_at
    with pytest.raises(ValidationError) as error:
        later.full_clean()
    assert error.value.messages == ["A session must end after it starts."]


def test_speaker_overlap_marked_as_intended_is_accepted():
    speaker = SpeakerFactory()
    first = SessionParticipantFactory(speaker=speaker)
    second = SessionFactory(forum=first.session.forum, allow_overlap=True)
    second.participants.model(session=second, speaker=speaker).full_clean()


def test_same_speaker_twice_in_one_session_is_refused_by_database():
    participant = SessionParticipantFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionParticipantFactory(session=participant.session, speaker=participant.speaker)


def test_same_speaker_twice_in_one_session_is_refused_by_clean():
    participant = SessionParticipantFactory()
    duplicate = participant._meta.model(
        session=participant.session, speaker=participant.speaker, role="moderator"
    )
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "This speaker already takes part in this session." in error.value.messages


def test_quote_session_from_another_forum_is_refused():
    session = SessionFactory(title="Panel elsewhere")
    quote = QuoteFactory.build(speaker=SpeakerFactory(), forum=ForumFactory(), session=session)
    with pytest.raises(ValidationError) as error:
        quote.full_clean()
    assert error.value.message_dict["session"] == [
        "The session 'Panel elsewhere' belongs to another forum."
    ]


def test_quote_session_from_its_own_forum_is_accepted():
    session = SessionFactory()
    quote = QuoteFactory.build(speaker=SpeakerFactory(), forum=session.forum, session=session)
    quote.full_clean()
    assert quote.status == Quote.Status.VERIFIED


def test_quote_dated_off_its_sessions_day_is_refused():
    session = SessionFactory(title="Keynote", starts_at=shanghai(6, 9))
    quote = QuoteFactory.build(
        speaker=SpeakerFactory(), forum=session.forum, session=session, said_on=dt.date(2023, 7, 21)
    )
    with pytest.raises(ValidationError) as error:
        quote.full_clean()
    assert error.value.message_dict["said_on"] == [
        "The session 'Keynote' took place on July 6, 2023, so a quote said in it is dated "
        "that day. A quote given elsewhere, such as in an interview, has no session."
    ]
    quote.session = None
    quote.full_clean()  # said elsewhere, as an interview after the forum may be


def test_a_sessions_day_is_its_forums_local_day():
    # 01:00 on July 7 in Shanghai is still July 6 in UTC.
    session = SessionFactory(starts_at=shanghai(7, 1))
    late = QuoteFactory.build(
        speaker=SpeakerFactory(), forum=session.forum, session=session, said_on=dt.date(2023, 7, 7)
    )
    late.full_clean()
    late.said_on = dt.date(2023, 7, 6)
    with pytest.raises(ValidationError):
        late.full_clean()


def test_quote_said_when_the_speaker_held_none_of_their_titles_is_refused():
    speaker = SpeakerFactory(name="Luo Junjie")
    AffiliationFactory(
        speaker=speaker,
        title="executive vice president",
        organization=OrganizationFactory(name="CMIF"),
        start_date=dt.date(2024, 1, 1),
    )
    quote = QuoteFactory.build(speaker=speaker, forum=ForumFactory(), said_on=dt.date(2023, 7, 6))
    with pytest.raises(ValidationError) as error:
        quote.full_clean()
    assert error.value.message_dict["said_on"] == [
        "On 2023-07-06 Luo Junjie held none of their recorded titles (executive vice "
        "president, CMIF, 2024-01-01 – …), so the quote would be attributed by name alone. "
        "Correct the date, or the dates of the affiliation on the speaker's page."
    ]


def test_quote_said_while_a_title_was_held_is_accepted():
    speaker = SpeakerFactory()
    AffiliationFactory(speaker=speaker, end_date=dt.date(2022, 12, 31))
    AffiliationFactory(speaker=speaker, start_date=dt.date(2023, 1, 1))
    quote = QuoteFactory.build(speaker=speaker, forum=ForumFactory(), said_on=dt.date(2023, 7, 6))
    quote.full_clean()


def test_quote_of_a_speaker_without_titles_is_accepted():
    QuoteFactory.build(speaker=SpeakerFactory(), forum=ForumFactory()).full_clean()


def test_forum_ending_before_it_starts_is_refused_by_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        ForumFactory(start_date=dt.date(2023, 7, 7), end_date=dt.date(2023, 7, 6))


def test_forum_dates_shortened_past_its_sessions_are_refused():
    session = SessionFactory(title="Opening plenary", starts_at=shanghai(6, 9))
    SessionFactory(forum=session.forum, starts_at=shanghai(6, 14))
    forum = session.forum
    forum.start_date = dt.date(2023, 7, 7)
    with pytest.raises(ValidationError) as error:
        forum.full_clean()
    assert error.value.message_dict["start_date"] == [
        "2 sessions lie outside these dates, the first 'Opening plenary' on 2023-07-06. "
        "Move or delete them first."
    ]


def test_forum_dates_are_judged_in_the_forum_time_zone():
    # 23:30 in Shanghai on July 7: still July 7 there, though July 7 15:30 UTC.
    session = SessionFactory(starts_at=shanghai(7, 23), ends_at=shanghai(7, 23, 30))
    forum = session.forum
    forum.start_date = dt.date(2023, 7, 7)
    forum.full_clean()
    forum.end_date = dt.date(2023, 7, 6)
    forum.start_date = dt.date(2023, 7, 5)
    with pytest.raises(ValidationError) as error:
        forum.full_clean()
    assert list(error.value.message_dict) == ["end_date"]


def test_forum_moved_to_another_venue_while_its_sessions_use_rooms_there_is_refused():
    room = RoomFactory(name="Hall A")
    session = SessionFactory(title="Opening plenary", room=room)
    forum = session.forum
    forum.venue = VenueFactory(name="Hamburg CCH", city="Hamburg")
    with pytest.raises(ValidationError) as error:
        forum.full_clean()
    assert error.value.message_dict["venue"] == [
        "1 session is in a room of another venue: 'Opening plenary' in Hall A "
        f"({room.venue}). Move it to a room of Hamburg CCH, Hamburg first."
    ]


def test_forum_moved_to_another_venue_without_rooms_in_use_is_accepted():
    session = SessionFactory(room=None)
    forum = session.forum
    forum.venue = VenueFactory(name="Hamburg CCH")
    forum.full_clean()


def test_room_moved_to_another_venue_while_a_forum_elsewhere_uses_it_is_refused():
    room = RoomFactory(name="Hall A")
    session = SessionFactory(title="Opening plenary", room=room)
    room.venue = VenueFactory(name="Hamburg CCH")
    with pytest.raises(ValidationError) as error:
        room.full_clean()
    assert error.value.message_dict["venue"] == [
        "1 session of a forum at another venue is in this room: 'Opening plenary' "
        f"({session.forum}, at {session.forum.venue}). Move it to another room first."
    ]


def test_room_renamed_in_place_is_accepted():
    room = RoomFactory()
    SessionFactory(room=room)
    room.name = "Hall Z"
    room.full_clean()


# --- Room names, unique within a venue in each language ---------------------------------


def _room_named(venue, language, name):
    room = Room(venue=venue)
    room.set_current_language(language)
    room.name = name
    return room


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_room_named_as_another_room_of_its_venue_in_the_same_language_is_refused(language):
    hall = RoomFactory()
    hall.set_current_language(language)
    hall.name = "主会场" if language == "zh-hans" else "Main Hall"
    hall.save()
    twin = _room_named(hall.venue, language, hall.name)
    with pytest.raises(ValidationError) as error:
        twin.full_clean()
    assert error.value.message_dict["name"] == [
        f"Another room of this venue is already called {hall.name}."
    ]


def test_room_renamed_to_another_rooms_chinese_name_is_refused():
    hall = RoomFactory(name="Main Hall")
    translate(hall, name="主会场")
    side = RoomFactory(venue=hall.venue, name="Panel Hall")
    side.set_current_language("zh-hans")
    side.name = "主会场"
    with pytest.raises(ValidationError) as error:
        side.full_clean()
    assert error.value.message_dict["name"] == [
        "Another room of this venue is already called 主会场."
    ]


def test_room_name_taken_only_in_another_language_or_venue_is_accepted():
    hall = RoomFactory(name="Hall A")
    _room_named(hall.venue, "zh-hans", "Hall A").full_clean()
    _room_named(VenueFactory(), "en", "Hall A").full_clean()


def test_room_moved_to_a_venue_with_a_room_of_its_name_is_refused():
    hall = RoomFactory(name="Hall A")
    other = RoomFactory(name="Hall A", venue=VenueFactory(name="Hamburg CCH"))
    other.venue = hall.venue
    with pytest.raises(ValidationError) as error:
        other.full_clean()
    assert error.value.message_dict["name"] == [
        "Another room of this venue is already called Hall A."
    ]
