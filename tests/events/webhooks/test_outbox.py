"""events/webhooks/outbox.py: which writes put which events in the outbox, in their transaction."""

import datetime as dt

import pytest
from django.db import transaction
from django.urls import reverse

from events import services
from events.interop import importer
from events.interop.csv_import import parse_csv
from events.models import (
    Forum,
    Quote,
    Session,
    WebhookAnnouncement,
    WebhookEndpoint,
    WebhookEvent,
)
from tests.admin_form import submit
from tests.events.webhooks.conftest import bodies, outbox
from tests.factories import (
    ForumFactory,
    QuoteFactory,
    RoomFactory,
    SessionFactory,
    SessionParticipantFactory,
    shanghai,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(forum, endpoint, commit):
    with commit():
        return SessionFactory(forum=forum, status="draft", title="Opening plenary")


@pytest.fixture
def published(draft, commit):
    with commit():
        draft.status = "published"
        draft.save()
    WebhookEvent.objects.all().delete()
    return draft


def _only(session):
    return Session.objects.filter(pk=session.pk)


def _types():
    return [event_type for event_type, _pk, _url in outbox()]


def test_publishing_writes_one_event_per_active_endpoint_that_wants_it(forum, draft, commit):
    url = "https://hooks.example.org/"
    WebhookEndpoint.objects.create(forum=forum, url=url + "off", is_active=False)
    WebhookEndpoint.objects.create(forum=forum, url=url + "quotes", event_types=["quote.changed"])
    wanted = ["session.published"]
    WebhookEndpoint.objects.create(forum=forum, url=url + "sessions", event_types=wanted)
    WebhookEndpoint.objects.create(forum=ForumFactory(), url=url + "other-forum")
    with commit():
        draft.status = "published"
        draft.save()
    endpoint_url = WebhookEndpoint.objects.filter(event_types=[]).first().url
    assert sorted(outbox()) == sorted(
        [
            ("session.published", draft.pk, endpoint_url),
            ("session.published", draft.pk, url + "sessions"),
        ]
    )
    first, second = bodies()
    assert first == second, "one event, the same id and body for every endpoint"


def test_the_body_holds_the_object_as_the_public_api_shows_it(client, draft, commit, settings):
    settings.SITE_URL = "http://testserver"  # the API's links, as the test client gets them
    SessionParticipantFactory(session=draft, speaker__name="Luo Junjie")
    with commit():
        draft.status = "published"
        draft.save()
    (event,) = bodies()
    api = client.get(f"/api/v1/sessions/{draft.pk}/").json()
    assert event["data"] == api
    assert event["data"]["participants"][0]["speaker"]["name"] == "Luo Junjie"
    assert event["type"] == "session.published" and event["forum"] == "auto-2023"
    assert event["id"] == str(WebhookEvent.objects.get().event_id)
    occurred_at = dt.datetime.fromisoformat(event["occurred_at"])
    assert event["occurred_at"].endswith("Z") and occurred_at.utcoffset() == dt.timedelta(0)


def test_a_drafts_edits_write_nothing(draft, commit):
    for title in ("Opening", "Opening plenary, revised"):
        with commit():
            draft.title = title
            draft.abstract = f"<p>{title}: what the speakers will say.</p>"
            draft.save()
    with commit():
        SessionParticipantFactory(session=draft)
    assert outbox() == []
    assert not WebhookAnnouncement.objects.exists()


def test_a_public_field_change_is_announced_and_a_save_without_one_is_not(published, commit):
    with commit():
        published.save()
    assert outbox() == []
    with commit():
        published.title = "Opening plenary: going abroad"
        published.save()
    (event,) = bodies()
    assert event["type"] == "session.changed"
    assert event["data"]["title"] == "Opening plenary: going abroad"


def test_changes_in_one_transaction_are_one_event_with_all_of_them(draft, commit):
    with commit():
        draft.status = "published"
        draft.save()
        draft.title = "Keynote"
        draft.save()
        SessionParticipantFactory(session=draft, speaker__name="Xu Haidong")
    (event,) = bodies()
    assert event["type"] == "session.published"
    assert event["data"]["title"] == "Keynote"
    assert [p["speaker"]["name"] for p in event["data"]["participants"]] == ["Xu Haidong"]


def test_published_and_withdrawn_in_one_transaction_announces_nothing(draft, commit):
    with commit():
        draft.status = "published"
        draft.save()
        draft.delete()
    assert outbox() == []
    assert not WebhookAnnouncement.objects.exists()


@pytest.mark.parametrize(
    ("withdraw", "status"),
    [
        (
            lambda s: services.sessions_unpublish(sessions=Session.objects.filter(pk=s.pk)),
            "published",
        ),  # fmt: skip
        (lambda s: services.sessions_cancel(sessions=Session.objects.filter(pk=s.pk)), "cancelled"),
        (lambda s: s.delete(), "published"),
    ],
    ids=["unpublished", "cancelled", "deleted"],
)
def test_withdrawn_sessions_carry_what_the_public_saw_last(published, commit, withdraw, status):
    with commit():
        withdraw(published)
    (event,) = bodies()
    assert event["type"] == "session.withdrawn"
    assert event["data"]["title"] == "Opening plenary"
    assert event["data"]["status"] == status  # a cancelled session is still listed, as cancelled
    assert not WebhookAnnouncement.objects.exists()


def test_an_unpublished_forum_withdraws_its_sessions_and_quotes(published, commit):
    with commit():
        quote = QuoteFactory(forum=published.forum, session=published)
    WebhookEvent.objects.all().delete()
    with commit():
        published.forum.status = Forum.Status.DRAFT
        published.forum.save()
    assert sorted(_types()) == ["quote.withdrawn", "session.withdrawn"]
    assert {row[1] for row in outbox()} == {published.pk, quote.pk}


def test_a_quote_is_published_retracted_and_corrected(forum, endpoint, commit):
    with commit():
        quote = QuoteFactory(forum=forum, text="Exports will double.")
    with commit():
        quote.text = "Exports will double by 2030."
        services.quote_save(quote=quote, note="The year was left out.")
    with commit():
        quote.status = Quote.Status.RETRACTED
        quote.save()
    published, changed, withdrawn = bodies()
    assert [published["type"], changed["type"], withdrawn["type"]] == [
        "quote.published",
        "quote.changed",
        "quote.withdrawn",
    ]
    # The correction is bulk-created after the save: quote_save announces it itself.
    assert [c["note"] for c in changed["data"]["corrections"]] == ["The year was left out."]
    assert withdrawn["data"]["text"] == "Exports will double by 2030."


def test_nothing_the_public_cannot_see_reaches_the_outbox(forum, endpoint, commit):
    later = dt.datetime(2999, 1, 1, tzinfo=dt.UTC)
    hidden_forum = ForumFactory(status=Forum.Status.DRAFT)
    WebhookEndpoint.objects.create(forum=hidden_forum, url="https://hooks.example.org/")
    with commit():
        draft = SessionFactory(forum=forum, status="draft", title="Zqdraft session")
        embargoed = SessionFactory(forum=forum, embargo_until=later, title="Zqembargoed session")
        SessionFactory(forum=hidden_forum, title="Zqunpublished forum")
        QuoteFactory(forum=forum, status=Quote.Status.DRAFT, text="Zqdraft quote")
        QuoteFactory(forum=forum, embargo_until=later, text="Zqembargoed quote")
        QuoteFactory(forum=forum, speaker__is_published=False, text="Zqhidden speaker")
        QuoteFactory(forum=forum, session=draft, text="Zqquote of a draft session")
        QuoteFactory(forum=forum, session=embargoed, text="Zqquote of an embargoed session")
        QuoteFactory(forum=hidden_forum, text="Zqquote of an unpublished forum")
        QuoteFactory(forum=forum, status=Quote.Status.RETRACTED, text="Zqretracted")
        control = QuoteFactory(forum=forum, text="Zqcontrol")
    assert outbox() == [("quote.published", control.pk, endpoint.url)]


def test_a_hidden_speaker_withdraws_their_quotes_and_leaves_their_sessions(published, commit):
    participant = SessionParticipantFactory(session=published, speaker__name="Luo Junjie")
    with commit():
        QuoteFactory(forum=published.forum, speaker=participant.speaker)
    WebhookEvent.objects.all().delete()
    with commit():
        participant.speaker.is_published = False
        participant.speaker.save()
    assert sorted(_types()) == ["quote.withdrawn", "session.changed"]
    changed = next(body for body in bodies() if body["type"] == "session.changed")
    assert changed["data"]["participants"] == []


def test_a_session_moved_to_another_forum_leaves_one_and_joins_the_other(published, commit):
    other = ForumFactory(slug="ev-2024", start_date=published.forum.start_date)
    WebhookEndpoint.objects.create(forum=other, url="https://hooks.example.org/ev")
    with commit():
        published.forum = other
        published.save()
    assert sorted((body["type"], body["forum"]) for body in bodies()) == [
        ("session.published", "ev-2024"),
        ("session.withdrawn", "auto-2023"),
    ]


def test_a_rolled_back_transaction_leaves_no_outbox_row(draft, commit):
    with pytest.raises(RuntimeError), transaction.atomic():
        draft.status = "published"
        draft.save()
        assert outbox() != []  # written inside the transaction...
        raise RuntimeError("the request failed")
    assert outbox() == []  # ...and gone with it
    assert not WebhookAnnouncement.objects.exists()
    draft.refresh_from_db()
    with commit():
        draft.status = "published"
        draft.save()
    assert _types() == ["session.published"]


def test_a_refused_bulk_publish_leaves_no_outbox_row(forum, endpoint, commit):
    room = RoomFactory(venue=forum.venue)
    with commit():
        SessionFactory(forum=forum, room=room, title="Opening plenary")
    WebhookEvent.objects.all().delete()
    free = SessionFactory(forum=forum, status="draft", starts_at=shanghai(6, 14))
    clashing = SessionFactory(forum=forum, room=room, status="cancelled")
    sessions = Session.objects.filter(pk__in=[free.pk, clashing.pk])
    with pytest.raises(services.SessionsRefused), commit():
        services.sessions_publish(sessions=sessions)
    assert outbox() == []
    with commit():
        services.sessions_publish(sessions=Session.objects.filter(pk=free.pk))
    assert outbox() == [("session.published", free.pk, endpoint.url)]


def test_forums_without_endpoints_keep_no_announcements(db, commit):
    with commit():
        session = SessionFactory(status="published")
        QuoteFactory(forum=session.forum, session=session)
    assert not WebhookAnnouncement.objects.exists()
    assert outbox() == []


# --- Writers that bypass signals, and the admin ---------------------------------------


def test_publishing_through_the_admin_changelist_action_writes_events(
    organizer_client, draft, commit
):
    other = SessionFactory(forum=draft.forum, status="draft", starts_at=shanghai(6, 14))
    data = {"action": "publish", "_selected_action": [draft.pk, other.pk]}
    with commit():
        response = organizer_client.post(reverse("admin:events_session_changelist"), data)
    assert response.status_code == 302
    assert sorted(outbox()) == sorted(
        ("session.published", session.pk, draft.forum.webhook_endpoints.get().url)
        for session in (draft, other)
    )


def test_an_admin_change_form_save_is_one_event_with_every_change(
    organizer_client, published, commit
):
    speaker = SessionParticipantFactory(session=SessionFactory(), speaker__name="Xu Haidong")
    url = reverse("admin:events_session_change", args=[published.pk])
    changes = {
        "title": "Keynote: going abroad",
        "participants-TOTAL_FORMS": "1",
        "participants-0-speaker": str(speaker.speaker_id),
        "participants-0-role": "speaker",
        "participants-0-order": "0",
    }
    with commit():
        response = submit(organizer_client, url, **changes)
    assert response.status_code == 302, response.context["errors"]
    (event,) = bodies()
    assert event["type"] == "session.changed"
    assert event["data"]["title"] == "Keynote: going abroad"
    assert [p["speaker"]["name"] for p in event["data"]["participants"]] == ["Xu Haidong"]


CSV = "ref,day,start,end,room,title,kind,topics,moderator,abstract,speakers\r\n"
CSV_ROW = "S23,2023-07-07,11:00,11:30,Hall B,{title},opening,,,,New Person\r\n"


def _import(forum, title, *, publish):
    data = (CSV + CSV_ROW.format(title=title)).encode()
    parsed = parse_csv(data, forum=forum)
    plan = importer.plan_import(forum=forum, parsed=parsed, language="en", publish=publish)
    importer.apply_plan(plan=plan)


def test_the_importer_announces_what_it_creates_and_changes(forum, endpoint, commit):
    RoomFactory(venue=forum.venue, name="Hall B")
    with commit():
        _import(forum, "Opening", publish=True)  # bulk_create: no signals
    (published,) = bodies()
    assert published["type"] == "session.published"
    assert published["data"]["title"] == "Opening"
    assert published["data"]["participants"][0]["speaker"]["name"] == "New Person"
    WebhookEvent.objects.all().delete()
    with commit():
        _import(forum, "Opening", publish=True)
    assert outbox() == []  # re-importing the same file changes nothing
    with commit():
        _import(forum, "Opening ceremony", publish=True)
    assert [(body["type"], body["data"]["title"]) for body in bodies()] == [
        ("session.changed", "Opening ceremony")
    ]


def test_the_importer_announces_no_draft(forum, endpoint, commit):
    RoomFactory(venue=forum.venue, name="Hall B")
    with commit():
        _import(forum, "Opening", publish=False)
    assert outbox() == []
