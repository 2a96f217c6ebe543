"""The organizers' admin, driven through HTTP as an organizer would."""

import datetime as dt

import pytest
from django.urls import reverse

from events.models import Forum, ForumOrganization, Quote, Session, Venue
from tests.admin_form import submit
from tests.conftest import _user_with_perms
from tests.factories import (
    AffiliationFactory,
    ForumFactory,
    OrganizationFactory,
    PanelTopicFactory,
    QuoteFactory,
    RoomFactory,
    SessionFactory,
    SessionParticipantFactory,
    SourceFactory,
    SpeakerFactory,
    VenueFactory,
    shanghai,
)

pytestmark = pytest.mark.django_db


def _session_row():
    session = SessionFactory(room=RoomFactory(), abstract="On exports.")
    session.topics.add(PanelTopicFactory())
    SessionParticipantFactory(session=session)
    return session


def _forum_row():
    forum = ForumFactory(description="Two days.")
    ForumOrganization.objects.create(forum=forum, organization=OrganizationFactory())
    return forum


def _quote_row():
    quote = QuoteFactory(session=None, source=SourceFactory())
    AffiliationFactory(speaker=quote.speaker)
    return quote


def _room_row():
    return RoomFactory(venue=VenueFactory())


ROWS = {
    "session": _session_row,
    "forum": _forum_row,
    "quote": _quote_row,
    "venue": VenueFactory,
    "room": _room_row,
    "paneltopic": PanelTopicFactory,
    "source": SourceFactory,
}

# Every changelist: CMS URL revision, session, user, 2x permissions, 2x count,
# the rows, CMS user settings (9), plus what its columns and filters need.
# A date hierarchy costs 2 (its bounds and its dates), a filter over a parler
# model 2 (the choices and their translations).
CHANGELIST_BUDGETS = {
    # day filter's forums, forum filter, room filter (2), date hierarchy, row
    # translations, forum translations, room translations, participants with
    # their speakers
    "session": 20,
    "forum": 13,  # date hierarchy, translations, venue translations
    # forum filter, speaker filter, date hierarchy, forum translations, speakers'
    # affiliations, the affiliations' titles, their organizations' names
    "quote": 18,
    "venue": 10,  # translations
    "room": 13,  # venue filter (2), translations, venue translations
    "paneltopic": 10,  # translations
    "source": 11,  # date hierarchy
}


@pytest.mark.parametrize("model", sorted(ROWS))
def test_changelist_queries_do_not_grow_with_rows(page_queries, model):
    url = reverse(f"admin:events_{model}_changelist")
    ROWS[model]()
    one = page_queries(url)
    for _ in range(49):
        ROWS[model]()
    fifty = page_queries(url)
    assert one == fifty <= CHANGELIST_BUDGETS[model]


@pytest.mark.parametrize("model", sorted(ROWS))
def test_add_and_change_pages_render_for_organizer(organizer_client, model):
    obj = ROWS[model]()
    add = organizer_client.get(reverse(f"admin:events_{model}_add"))
    change = organizer_client.get(reverse(f"admin:events_{model}_change", args=[obj.pk]))
    assert (add.status_code, change.status_code) == (200, 200)


def test_changelists_list_the_rows(organizer_client):
    quote = _quote_row()
    response = organizer_client.get(reverse("admin:events_quote_changelist"))
    assert list(response.context["cl"].result_list) == [quote]
    assert quote.attribution in response.content.decode()


# --- Times in the forum's time zone ----------------------------------------------------


def _session_form(forum, **fields):
    data = {
        "forum": forum.pk,
        "title": "Opening plenary",
        "slug": "opening",
        "kind": "opening",
        "status": "draft",
        "starts_at_0": "2023-07-06",
        "starts_at_1": "10:00",
        "ends_at_0": "2023-07-06",
        "ends_at_1": "11:00",
        "room": "",
        "abstract": "",
        "language": "zh-hans",
        "embargo_until_0": "",
        "embargo_until_1": "",
        "video_url": "",
        "slides_url": "",
        "ref": "",
        "participants-TOTAL_FORMS": "0",
        "participants-INITIAL_FORMS": "0",
        "participants-MIN_NUM_FORMS": "0",
        "participants-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    return data


def _with_participants(data, *speakers):
    data["participants-TOTAL_FORMS"] = str(len(speakers))
    for number, speaker in enumerate(speakers):
        data[f"participants-{number}-speaker"] = speaker.pk
        data[f"participants-{number}-role"] = "speaker"
        data[f"participants-{number}-order"] = number
    return data


def _input_value(content, name):
    marker = f'name="{name}" value="'
    start = content.index(marker) + len(marker)
    return content[start : content.index('"', start)]


def test_session_time_entered_in_forum_zone_is_stored_in_utc(organizer_client, settings):
    settings.TIME_ZONE = "Europe/Berlin"  # the server's zone must not matter
    forum = ForumFactory(time_zone="Asia/Shanghai")
    response = organizer_client.post(reverse("admin:events_session_add"), _session_form(forum))
    assert response.status_code == 302
    session = Session.objects.get(slug="opening")
    assert session.starts_at == dt.datetime(2023, 7, 6, 2, 0, tzinfo=dt.UTC)
    change = organizer_client.get(reverse("admin:events_session_change", args=[session.pk]))
    content = change.content.decode()
    assert _input_value(content, "starts_at_1") == "10:00:00"
    assert _input_value(content, "starts_at_0") == "2023-07-06"
    assert "Time zone: Asia/Shanghai (the forum&#x27;s)." in content


def test_session_add_page_labels_zone_of_forum_in_query(organizer_client):
    forum = ForumFactory(time_zone="America/New_York")
    response = organizer_client.get(reverse("admin:events_session_add"), {"forum": forum.pk})
    assert "Time zone: America/New_York (the forum&#x27;s)." in response.content.decode()


def test_session_add_page_without_forum_says_which_zone_applies(organizer_client):
    response = organizer_client.get(reverse("admin:events_session_add"))
    assert "In the time zone of the forum chosen above." in response.content.decode()


def test_changelist_shows_times_in_forum_zone(organizer_client):
    SessionFactory(starts_at=shanghai(6, 9, 30), ends_at=shanghai(6, 10, 15))
    response = organizer_client.get(reverse("admin:events_session_changelist"))
    assert "2023-07-06 09:30-10:15 (Asia/Shanghai)" in response.content.decode()


def test_day_filter_uses_forum_local_day(organizer_client):
    # 07:30 on July 7 in Shanghai is still July 6 in UTC.
    early = SessionFactory(title="Breakfast briefing", starts_at=shanghai(7, 7, 30))
    SessionFactory(forum=early.forum, starts_at=shanghai(6, 10))
    url = reverse("admin:events_session_changelist")
    response = organizer_client.get(url, {"forum__id__exact": early.forum.pk, "day": "2023-07-07"})
    assert list(response.context["cl"].result_list) == [early]
    changelist = response.context["cl"]
    day_filter = next(f for f in changelist.filter_specs if f.title == "day")
    labels = [choice["display"] for choice in day_filter.choices(changelist)]
    assert labels == ["All", "Thu 6 Jul 2023", "Fri 7 Jul 2023"]


# --- Clashes refused in the admin form --------------------------------------------------


def test_room_double_booking_is_refused_in_admin_form(organizer_client):
    room = RoomFactory(name="Hall A")
    SessionFactory(room=room, title="Opening plenary", slug="plenary")
    forum = Session.objects.get().forum
    data = _session_form(forum, slug="second", room=room.pk, starts_at_1="10:30", ends_at_1="11:30")
    response = organizer_client.post(reverse("admin:events_session_add"), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["room"] == [
        "Room Hall A is booked 10:00-11:00 by 'Opening plenary'."
    ]
    assert Session.objects.count() == 1


def test_room_of_another_venue_is_refused_and_rooms_are_labelled_by_venue(organizer_client):
    forum = ForumFactory(venue=VenueFactory(name="Jiading Hotel", city="Shanghai"))
    RoomFactory(name="Hall A", venue=forum.venue)
    elsewhere = RoomFactory(name="Hall A", venue=VenueFactory(name="CCH", city="Hamburg"))
    data = _session_form(forum, room=elsewhere.pk)
    response = organizer_client.post(reverse("admin:events_session_add"), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["room"] == [
        "Room Hall A is at CCH, Hamburg, not at this forum's venue, Jiading Hotel, Shanghai."
    ]
    content = response.content.decode()
    assert "Hall A (CCH)</option>" in content
    assert "Hall A (Jiading Hotel)</option>" in content
    assert not Session.objects.exists()


def test_busy_speaker_added_in_inline_is_refused(organizer_client):
    speaker = SpeakerFactory(name="Xu Haidong")
    busy = SessionParticipantFactory(speaker=speaker, session__title="Keynote on exports")
    data = _with_participants(
        _session_form(busy.session.forum, starts_at_1="10:30", ends_at_1="11:30"), speaker
    )
    response = organizer_client.post(reverse("admin:events_session_add"), data)
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.errors[0]["speaker"] == [
        "Xu Haidong already speaks 10:00-11:00 in 'Keynote on exports'."
    ]
    assert "Xu Haidong already speaks 10:00-11:00 in &#x27;Keynote on exports&#x27;." in (
        response.content.decode()
    )
    assert Session.objects.count() == 1


def test_speaker_added_while_moving_session_is_checked_at_new_time(organizer_client):
    speaker = SpeakerFactory(name="Luo Junjie")
    busy = SessionParticipantFactory(speaker=speaker, session__title="Opening")
    later = SessionFactory(forum=busy.session.forum, slug="later", starts_at=shanghai(6, 14))
    data = _with_participants(
        _session_form(later.forum, slug="later", starts_at_1="10:30", ends_at_1="11:30"), speaker
    )
    url = reverse("admin:events_session_change", args=[later.pk])
    response = organizer_client.post(url, data)
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.errors[0]["speaker"] == ["Luo Junjie already speaks 10:00-11:00 in 'Opening'."]
    later.refresh_from_db()
    assert later.starts_at == shanghai(6, 14)
    assert not later.participants.exists()


def _moved_onto_speakers_other_session(organizer_client, **changes):
    speaker = SpeakerFactory(name="Xu Haidong")
    SessionParticipantFactory(speaker=speaker, session__title="Panel", session__slug="panel")
    keynote = SessionParticipantFactory(
        speaker=speaker,
        session__forum=Session.objects.get().forum,
        session__slug="keynote",
        session__starts_at=shanghai(6, 14),
    ).session
    url = reverse("admin:events_session_change", args=[keynote.pk])
    response = submit(
        organizer_client, f"{url}?language=en", starts_at_1="10:00", ends_at_1="10:30", **changes
    )
    keynote.refresh_from_db()
    return response, keynote


def test_session_moved_onto_its_speakers_other_session_is_refused(organizer_client):
    response, keynote = _moved_onto_speakers_other_session(organizer_client)
    assert response.status_code == 200
    assert "Xu Haidong already speaks 10:00-11:00 in &#x27;Panel&#x27;." in (
        response.content.decode()
    )
    assert keynote.starts_at == shanghai(6, 14)


def test_session_moved_onto_its_speakers_other_session_names_the_speakers_row_once(
    organizer_client,
):
    response, _keynote = _moved_onto_speakers_other_session(organizer_client)
    message = "Xu Haidong already speaks 10:00-11:00 in 'Panel'."
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.errors[0]["speaker"] == [message]
    assert response.context["adminform"].form.errors == {}
    assert response.content.decode().count(message.replace("'", "&#x27;")) == 1


def test_session_moved_while_its_clashing_speaker_is_removed_is_saved(organizer_client):
    response, keynote = _moved_onto_speakers_other_session(
        organizer_client, **{"participants-0-DELETE": "on"}
    )
    assert response.status_code == 302
    assert keynote.starts_at == shanghai(6, 10)
    assert not keynote.participants.exists()


@pytest.mark.parametrize(
    "participant_actions", [(), ("view",), ("add", "view"), ("delete", "view")]
)
def test_session_moved_onto_a_clash_by_someone_who_cannot_change_participants_is_refused(
    client, django_user_model, participant_actions
):
    # Without the change permission the participants are shown read-only or not at all,
    # and Django does not validate their rows: the session's own check must apply.
    perms = ["events.view_session", "events.change_session"]
    perms += [f"events.{action}_sessionparticipant" for action in participant_actions]
    client.force_login(_user_with_perms(django_user_model, "org", *perms, is_staff=True))
    response, keynote = _moved_onto_speakers_other_session(client)
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "Xu Haidong already speaks 10:00-11:00 in 'Panel'."
    ]
    assert keynote.starts_at == shanghai(6, 14)


def test_session_with_participants_shown_read_only_is_saved_when_free(client, django_user_model):
    perms = ["events.view_session", "events.change_session", "events.view_sessionparticipant"]
    client.force_login(_user_with_perms(django_user_model, "org", *perms, is_staff=True))
    session = SessionParticipantFactory(session__starts_at=shanghai(6, 14)).session
    url = reverse("admin:events_session_change", args=[session.pk])
    response = submit(client, f"{url}?language=en", starts_at_1="16:00", ends_at_1="16:30")
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.starts_at == shanghai(6, 16)
    assert session.participants.count() == 1


def test_same_speaker_twice_in_inline_is_refused(organizer_client):
    speaker = SpeakerFactory(name="Xu Haidong")
    data = _with_participants(_session_form(ForumFactory()), speaker, speaker)
    response = organizer_client.post(reverse("admin:events_session_add"), data)
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.errors[1]["speaker"] == ["Xu Haidong is listed twice in this session."]
    assert not Session.objects.exists()


def test_free_speaker_added_in_inline_is_saved_in_order(organizer_client):
    first, second = SpeakerFactory(name="Luo Junjie"), SpeakerFactory(name="Xu Haidong")
    data = _with_participants(_session_form(ForumFactory()), first, second)
    response = organizer_client.post(reverse("admin:events_session_add"), data)
    assert response.status_code == 302
    session = Session.objects.get()
    assert [p.speaker.name for p in session.participants.all()] == ["Luo Junjie", "Xu Haidong"]


# --- Actions ------------------------------------------------------------------------------


def _act(client, action, *sessions):
    data = {"action": action, "_selected_action": [s.pk for s in sessions]}
    response = client.post(reverse("admin:events_session_changelist"), data, follow=True)
    return [str(message) for message in response.context["messages"]]


@pytest.mark.parametrize(
    ("action", "before", "after", "message"),
    [
        ("publish", "draft", "published", "2 sessions were published."),
        ("unpublish", "published", "draft", "2 sessions are drafts again."),
        ("cancel", "published", "cancelled", "2 sessions were cancelled."),
    ],
)
def test_status_actions_change_every_selected_session(
    organizer_client, action, before, after, message
):
    first = SessionFactory(status=before)
    second = SessionFactory(forum=first.forum, status=before, starts_at=shanghai(6, 14))
    assert _act(organizer_client, action, first, second) == [message]
    assert set(Session.objects.values_list("status", flat=True)) == {after}


def test_refused_publish_names_the_session_and_changes_nothing(organizer_client):
    room = RoomFactory(name="Hall A")
    SessionFactory(room=room, title="Opening plenary")
    forum = Session.objects.get().forum
    free = SessionFactory(forum=forum, status="draft", starts_at=shanghai(6, 14))
    # Cancelled, it released the room; publishing it again would double-book it.
    revived = SessionFactory(forum=forum, room=room, title="Old keynote", status="cancelled")
    messages = _act(organizer_client, "publish", free, revived)
    assert messages == [
        "Nothing was changed, because 1 session could not be:",
        "'Old keynote': Room Hall A is booked 10:00-11:00 by 'Opening plenary'.",
    ]
    free.refresh_from_db()
    revived.refresh_from_db()
    assert (free.status, revived.status) == ("draft", "cancelled")


def test_duplicate_copies_translations_topics_and_participants_as_draft(organizer_client):
    original = SessionFactory(title="Panel on exports", slug="exports", room=RoomFactory())
    original.set_current_language("zh-hans")
    original.title = "出口圆桌"
    original.save()
    topic = PanelTopicFactory()
    original.topics.add(topic)
    moderator = SessionParticipantFactory(session=original, role="moderator", order=1)
    assert _act(organizer_client, "duplicate", original) == [
        "1 session was duplicated as a draft, starting when the original ends."
    ]
    copy = Session.objects.exclude(pk=original.pk).get()
    assert (copy.slug, copy.status, copy.room) == ("exports-copy", "draft", original.room)
    assert copy.guid != original.guid
    assert (copy.starts_at, copy.ends_at) == (shanghai(6, 11), shanghai(6, 12))
    assert copy.safe_translation_getter("title", language_code="en") == "Panel on exports"
    assert copy.safe_translation_getter("title", language_code="zh-hans") == "出口圆桌"
    assert list(copy.topics.all()) == [topic]
    participant = copy.participants.get()
    assert (participant.speaker, participant.role, participant.order) == (
        moderator.speaker,
        "moderator",
        1,
    )


def test_duplicate_into_taken_slot_is_refused_with_reason(organizer_client):
    room = RoomFactory(name="Hall A")
    original = SessionFactory(room=room, title="Keynote")
    SessionFactory(forum=original.forum, room=room, title="Lunch talk", starts_at=shanghai(6, 11))
    assert _act(organizer_client, "duplicate", original) == [
        "Nothing was changed, because 1 session could not be:",
        "'Keynote': Room Hall A is booked 11:00-12:00 by 'Lunch talk'.",
    ]
    assert Session.objects.count() == 2


def test_duplicate_twice_gets_numbered_slugs(organizer_client):
    original = SessionFactory(slug="talk", starts_at=shanghai(6, 9), ends_at=shanghai(6, 10))
    _act(organizer_client, "duplicate", original)
    _act(organizer_client, "duplicate", original)
    slugs = sorted(Session.objects.values_list("slug", flat=True))
    assert slugs == ["talk", "talk-copy", "talk-copy-2"]


# --- Forum: organizers and the agenda day by day -----------------------------------------


def test_forum_change_page_lists_sessions_by_local_day(organizer_client):
    forum = ForumFactory()
    room = RoomFactory(name="Hall A")
    opening = SessionFactory(forum=forum, title="Opening", room=room, starts_at=shanghai(6, 9))
    # 07:30 in Shanghai on July 7 is 23:30 UTC on July 6.
    briefing = SessionFactory(forum=forum, title="Briefing", starts_at=shanghai(7, 7, 30))
    response = organizer_client.get(reverse("admin:events_forum_change", args=[forum.pk]))
    content = response.content.decode()
    thursday, friday = content.index("Thursday 6 July 2023"), content.index("Friday 7 July 2023")
    assert thursday < content.index("09:00-10:00") < content.index(">Opening</a>") < friday
    assert friday < content.index("07:30-08:30") < content.index(">Briefing</a>")
    for session in (opening, briefing):
        assert reverse("admin:events_session_change", args=[session.pk]) in content
    assert "Hall A" in content
    assert f"{reverse('admin:events_session_add')}?forum={forum.pk}" in content


# The 9 of every admin page, the forum and its translations, its content type,
# the organizations inline (3, with the autocomplete labels), the venue choices
# and their translations, the agenda: sessions with their rooms, their
# translations and the rooms' translations, and whether the
# public may see the forum (for the schedule export links). Parler's cache is off
# (settings), so the organization's translation is read from the database.
FORUM_CHANGE_BUDGET = 20


def test_forum_change_page_queries_do_not_grow_with_sessions(page_queries):
    forum = ForumFactory()
    ForumOrganization.objects.create(forum=forum, organization=OrganizationFactory())
    url = reverse("admin:events_forum_change", args=[forum.pk])
    SessionFactory(forum=forum, room=RoomFactory())
    one = page_queries(url)
    for number in range(1, 50):
        starts_at = shanghai(6, 8) + dt.timedelta(minutes=20 * number)
        SessionFactory(forum=forum, room=RoomFactory(), starts_at=starts_at)
    fifty = page_queries(url)
    assert one == fifty <= FORUM_CHANGE_BUDGET


def test_forum_organizations_saved_inline_with_role(organizer_client):
    organization = OrganizationFactory(name="CAAM")
    data = {
        "name": "China Auto Forum",
        "slug": "china-auto-forum-2023",
        "status": "draft",
        "start_date": "2023-07-06",
        "end_date": "2023-07-07",
        "time_zone": "Asia/Shanghai",
        "venue": "",
        "description": "",
        "organizer_links-TOTAL_FORMS": "1",
        "organizer_links-INITIAL_FORMS": "0",
        "organizer_links-0-organization": organization.pk,
        "organizer_links-0-role": "co_organizer",
        "organizer_links-0-order": "0",
    }
    response = organizer_client.post(reverse("admin:events_forum_add"), data)
    assert response.status_code == 302
    link = Forum.objects.get().organizer_links.get()
    assert (link.organization, link.role) == (organization, "co_organizer")


# --- Quotes -------------------------------------------------------------------------------


def test_quote_changelist_filters_by_status(organizer_client):
    QuoteFactory(text="Verified words", status="verified")
    draft = QuoteFactory(text="Draft words", status="draft")
    url = reverse("admin:events_quote_changelist")
    response = organizer_client.get(url, {"status__exact": "draft"})
    assert list(response.context["cl"].result_list) == [draft]


def test_deleting_forum_with_quotes_is_refused(organizer_client):
    quote = QuoteFactory()
    url = reverse("admin:events_forum_delete", args=[quote.forum.pk])
    response = organizer_client.post(url, {"post": "yes"})
    assert "would require deleting the following protected related objects" in (
        response.content.decode()
    )
    assert Forum.objects.filter(pk=quote.forum.pk).exists()


def test_zone_label_is_translated_in_chinese_admin(organizer_client):
    forum = ForumFactory(time_zone="Asia/Shanghai")
    response = organizer_client.get(f"/zh-hans/admin/events/session/add/?forum={forum.pk}")
    assert "时区：Asia/Shanghai（论坛所在时区）。" in response.content.decode()


def _quote_form(quote, **fields):
    data = {
        "text": quote.text,
        "speaker": quote.speaker.pk,
        "forum": quote.forum.pk,
        "session": "",
        "said_on": quote.said_on.isoformat(),
        "kind": quote.kind,
        "status": quote.status,
        "language": quote.language,
        "original_text": "",
        "original_language": "",
        "translation_credit": "",
        "source": "",
        "context": "",
        "recording_timecode": "",
        "embargo_until_0": "",
        "embargo_until_1": "",
        "correction_note": "",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        "corrections-MIN_NUM_FORMS": "0",
        "corrections-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    return data


def test_verified_quote_edit_records_correction_with_note(organizer_client):
    quote = QuoteFactory(text="Exports grew.", status="verified")
    url = reverse("admin:events_quote_change", args=[quote.pk])
    data = _quote_form(quote, text="Exports grew fast.", correction_note="Typo in the source.")
    assert organizer_client.post(url, data).status_code == 302
    correction = quote.corrections.get()
    assert (correction.field, correction.new_value, correction.note) == (
        "text",
        "Exports grew fast.",
        "Typo in the source.",
    )
    assert "Typo in the source." in organizer_client.get(url).content.decode()


# --- Quotes: who said it, where, and with which title -----------------------------------


def test_quote_by_a_speaker_not_in_its_session_is_refused(organizer_client):
    keynote = SessionParticipantFactory(session__title="Keynote on exports").session
    quote = QuoteFactory.build(speaker=SpeakerFactory(name="Luo Junjie"), forum=keynote.forum)
    data = _quote_form(quote, session=keynote.pk)
    response = organizer_client.post(reverse("admin:events_quote_add"), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["session"] == [
        "Luo Junjie does not take part in the session 'Keynote on exports': add them to its "
        "participants, or choose the session they spoke in."
    ]
    assert not Quote.objects.exists()


def test_quote_by_a_participant_of_its_session_is_saved(organizer_client):
    participant = SessionParticipantFactory(role="moderator")
    session = participant.session
    quote = QuoteFactory.build(speaker=participant.speaker, forum=session.forum)
    data = _quote_form(quote, session=session.pk)
    response = organizer_client.post(reverse("admin:events_quote_add"), data)
    assert response.status_code == 302
    assert Quote.objects.get().session == session


def test_quote_said_outside_the_speakers_titles_is_refused(organizer_client):
    speaker = SpeakerFactory(name="Luo Junjie")
    AffiliationFactory(speaker=speaker, title="vice president", start_date=dt.date(2024, 1, 1))
    quote = QuoteFactory.build(speaker=speaker, forum=ForumFactory())
    response = organizer_client.post(reverse("admin:events_quote_add"), _quote_form(quote))
    assert response.status_code == 200
    [message] = response.context["adminform"].form.errors["said_on"]
    assert message.startswith("On 2023-07-06 Luo Junjie held none of their recorded titles")
    assert not Quote.objects.exists()


def test_forum_dates_shortened_past_its_sessions_are_refused_in_admin(organizer_client):
    session = SessionFactory(title="Opening plenary", starts_at=shanghai(6, 9))
    forum = session.forum
    url = reverse("admin:events_forum_change", args=[forum.pk])
    response = submit(organizer_client, f"{url}?language=en", start_date="2023-07-07")
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["start_date"] == [
        "1 session lies outside these dates: 'Opening plenary' on 2023-07-06. "
        "Move or delete it first."
    ]
    forum.refresh_from_db()
    assert forum.start_date == dt.date(2023, 7, 6)


def test_room_moved_to_another_venue_while_in_use_is_refused_in_admin(organizer_client):
    room = RoomFactory(name="Hall A")
    SessionFactory(room=room, title="Opening plenary")
    hamburg = VenueFactory(name="CCH", city="Hamburg")
    url = reverse("admin:events_room_change", args=[room.pk])
    response = submit(organizer_client, url, venue=str(hamburg.pk))
    assert response.status_code == 200
    assert "another venue is in this room" in response.context["adminform"].form.errors["venue"][0]
    room.refresh_from_db()
    assert room.venue_id != hamburg.pk


def test_forum_moved_to_another_venue_while_its_rooms_are_in_use_is_refused_in_admin(
    organizer_client,
):
    session = SessionFactory(room=RoomFactory(name="Hall A"), title="Opening plenary")
    hamburg = VenueFactory(name="CCH", city="Hamburg")
    url = reverse("admin:events_forum_change", args=[session.forum.pk])
    response = submit(organizer_client, f"{url}?language=en", venue=str(hamburg.pk))
    assert response.status_code == 200
    assert (
        "Move it to a room of CCH, Hamburg first."
        in (response.context["adminform"].form.errors["venue"][0])
    )
    session.forum.refresh_from_db()
    assert session.forum.venue_id != hamburg.pk


# --- Venues and their rooms, in each language --------------------------------------------


def _venue_form(*rooms, **fields):
    data = {
        "name": "嘉定会展中心", "district": "", "city": "上海", "country": "中国", "address": "",
        "latitude": "", "longitude": "",
        "rooms-TOTAL_FORMS": str(len(rooms)), "rooms-INITIAL_FORMS": "0",
        "rooms-MIN_NUM_FORMS": "0", "rooms-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    for n, name in enumerate(rooms):
        data |= {f"rooms-{n}-name": name, f"rooms-{n}-capacity": ""}
    return data | fields


def test_venue_and_rooms_entered_in_chinese_are_saved_as_chinese(organizer_client):
    url = reverse("admin:events_venue_add") + "?language=zh-hans"
    response = organizer_client.post(url, _venue_form("主会场", "分会场"))
    assert response.status_code == 302
    venue = Venue.objects.get()
    assert list(venue.get_available_languages()) == ["zh-hans"]
    names = {
        room.safe_translation_getter("name", language_code="zh-hans") for room in venue.rooms.all()
    }
    assert names == {"主会场", "分会场"}


def test_two_new_rooms_of_one_name_are_refused(organizer_client):
    url = reverse("admin:events_venue_add") + "?language=zh-hans"
    response = organizer_client.post(url, _venue_form("主会场", "主会场"))
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.errors[1]["name"] == ["Another room of this venue is already called 主会场."]
    assert Venue.objects.count() == 0
