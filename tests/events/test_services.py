import pytest

from events import services
from events.models import Session
from tests.factories import RoomFactory, SessionFactory, SessionParticipantFactory, shanghai

pytestmark = pytest.mark.django_db


def test_publish_changes_all_or_nothing():
    room = RoomFactory(name="Hall A")
    taken = SessionFactory(room=room, title="Opening plenary")
    free = SessionFactory(forum=taken.forum, status="draft", starts_at=shanghai(6, 14))
    clashing = SessionFactory(forum=taken.forum, room=room, title="Revived", status="cancelled")
    with pytest.raises(services.SessionsRefused) as refused:
        services.sessions_publish(sessions=Session.objects.filter(pk__in=[free.pk, clashing.pk]))
    assert [(r.session, r.reason) for r in refused.value.refusals] == [
        (clashing, "Room Hall A is booked 10:00-11:00 by 'Opening plenary'.")
    ]
    free.refresh_from_db()
    assert free.status == "draft"


def test_publish_of_a_session_whose_speaker_is_now_busy_is_refused_and_changes_nothing():
    busy = SessionParticipantFactory(session__title="Opening plenary")
    free = SessionFactory(forum=busy.session.forum, status="draft", starts_at=shanghai(6, 14))
    revived = SessionParticipantFactory(
        speaker=busy.speaker, session__forum=free.forum, session__status="cancelled"
    ).session
    with pytest.raises(services.SessionsRefused) as refused:
        services.sessions_publish(sessions=Session.objects.filter(pk__in=[free.pk, revived.pk]))
    assert [(r.session, r.reason) for r in refused.value.refusals] == [
        (revived, f"{busy.speaker} already speaks 10:00-11:00 in 'Opening plenary'.")
    ]
    free.refresh_from_db()
    revived.refresh_from_db()
    assert (free.status, revived.status) == ("draft", "cancelled")


def test_two_selected_sessions_colliding_with_each_other_are_caught():
    room = RoomFactory(name="Hall B")
    first = SessionFactory(room=room, title="First", status="cancelled")
    second = SessionFactory(forum=first.forum, room=room, title="Second", status="cancelled")
    with pytest.raises(services.SessionsRefused) as refused:
        services.sessions_unpublish(sessions=Session.objects.all())
    assert [r.session for r in refused.value.refusals] == [second]
    assert set(Session.objects.values_list("status", flat=True)) == {"cancelled"}


def test_duplicate_refused_for_busy_speaker_leaves_no_copy():
    participant = SessionParticipantFactory(session__starts_at=shanghai(6, 9))
    SessionParticipantFactory(
        speaker=participant.speaker,
        session__forum=participant.session.forum,
        session__title="Later talk",
        session__starts_at=shanghai(6, 10),
    )
    original = Session.objects.filter(pk=participant.session.pk)
    with pytest.raises(services.SessionsRefused) as refused:
        services.sessions_duplicate(sessions=original)
    assert "already speaks 10:00-11:00 in 'Later talk'" in refused.value.refusals[0].reason
    assert Session.objects.count() == 2


def test_services_take_keyword_arguments_only():
    with pytest.raises(TypeError):
        services.sessions_cancel(Session.objects.all())
