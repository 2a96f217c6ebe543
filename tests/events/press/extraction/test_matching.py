import pytest

from events.press.extraction.candidates import SpeakerGuess
from events.press.extraction.matching import (
    BY_NAME,
    BY_NATIVE_NAME,
    BY_SURNAME,
    ELSEWHERE,
    NEW,
    Match,
    NewSpeaker,
    SpeakerMatcher,
    forum_speakers,
)
from tests.factories import (
    ForumFactory,
    QuoteFactory,
    SessionFactory,
    SessionParticipantFactory,
    SpeakerFactory,
)


@pytest.fixture
def forum(db):
    session = SessionFactory()
    SessionParticipantFactory(
        session=session, speaker=SpeakerFactory(name="Xu Haidong", name_native="许海东")
    )
    QuoteFactory(forum=session.forum, speaker=SpeakerFactory(name="Anna Keller"))
    return session.forum


def match(forum, name, title="", organization=""):
    guess = SpeakerGuess(name, title, organization)
    return SpeakerMatcher(forum, [guess]).match(guess)


def test_forum_speakers_are_those_of_its_sessions_and_quotes(forum):
    SpeakerFactory(name="Someone Else")
    ForumFactory()
    assert [s.name for s in forum_speakers(forum)] == ["Anna Keller", "Xu Haidong"]


@pytest.mark.parametrize(
    ("name", "how"),
    [
        ("Xu Haidong", BY_NAME),
        ("xu  haidong", BY_NAME),
        ("Haidong Xu", BY_NAME),
        ("许海东", BY_NATIVE_NAME),
        ("Keller", BY_SURNAME),
    ],
)
def test_a_forum_speaker_matches_by_name_native_name_or_surname(forum, name, how):
    found = match(forum, name)
    assert found.how == how
    assert found.speaker.name in {"Xu Haidong", "Anna Keller"}


def test_a_surname_two_forum_speakers_share_matches_no_one(forum):
    QuoteFactory(forum=forum, speaker=SpeakerFactory(name="Maria Keller"))
    assert match(forum, "Keller").how == NEW


def test_a_speaker_of_another_forum_with_that_exact_name_is_reused(forum):
    other = SpeakerFactory(name="Luo Junjie")
    assert match(forum, "Luo Junjie") == Match(speaker=other, how=ELSEWHERE)


def test_an_unknown_speaker_is_proposed_new_with_the_apposition(forum):
    found = match(forum, "Markus Brandt", "analyst", "Hauck Research")
    assert found == Match(new=NewSpeaker("Markus Brandt", "analyst", "Hauck Research"), how=NEW)


def test_an_unnamed_speaker_matches_no_one(forum):
    assert SpeakerMatcher(forum, [None]).match(None) == Match()


def test_matching_queries_once_per_article_not_per_candidate(
    forum, django_assert_max_num_queries, django_assert_num_queries
):
    SpeakerFactory(name="Luo Junjie")
    guesses = [SpeakerGuess(f"Person {n}") for n in range(20)] + [SpeakerGuess("Luo Junjie")]
    # Speakers, their affiliations and translations; then the names, then the matches.
    with django_assert_max_num_queries(6):
        matcher = SpeakerMatcher(forum, guesses)
    with django_assert_num_queries(0):
        assert [matcher.match(g).how for g in guesses[-2:]] == [NEW, ELSEWHERE]
