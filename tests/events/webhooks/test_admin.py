"""events/webhooks/admin.py, driven through HTTP by an organizer."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from events import roles
from events.models import WebhookAnnouncement, WebhookDelivery, WebhookEndpoint, WebhookEvent
from events.webhooks import delivery
from tests.factories import ForumFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizer_client(client, django_user_model):
    """An organizer as `setup_roles` makes one: events/roles.py says what of these they hold."""
    user = django_user_model.objects.create_user("hooks", password="pw", is_staff=True)
    user.user_permissions.set(roles.organizer_permissions())
    client.force_login(user)
    return client


@pytest.fixture
def attempted(forum, endpoint, receiver, commit):
    """An event whose first attempt got a 500."""
    with commit():
        SessionFactory(forum=forum, title="Opening plenary")
    receiver.answers = [500]
    (event,) = delivery.deliver_due()
    return event


def _add(client, forum, **fields):
    data = {"forum": forum.pk, "url": "https://hooks.example.org/forum", "is_active": "on"}
    return client.post(reverse("admin:events_webhookendpoint_add"), {**data, **fields})


def test_an_organizer_registers_an_endpoint_and_reads_its_secret(organizer_client, forum):
    response = _add(organizer_client, forum, event_types=["quote.published", "quote.withdrawn"])
    assert response.status_code == 302
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.event_types == ["quote.published", "quote.withdrawn"]
    assert len(endpoint.secret) >= 40
    change = organizer_client.get(
        reverse("admin:events_webhookendpoint_change", args=[endpoint.pk])
    )
    assert f"<code>{endpoint.secret}</code>" in change.content.decode()
    listing = organizer_client.get(reverse("admin:events_webhookendpoint_changelist"))
    assert endpoint.url in listing.content.decode()
    assert endpoint.secret not in listing.content.decode()


def test_each_endpoint_gets_its_own_secret_and_a_new_one_on_request(organizer_client, forum):
    _add(organizer_client, forum)
    _add(organizer_client, forum, url="https://hooks.example.org/other")
    first, second = WebhookEndpoint.objects.order_by("pk")
    assert first.secret != second.secret
    data = {"action": "replace_secret", "_selected_action": [first.pk]}
    organizer_client.post(reverse("admin:events_webhookendpoint_changelist"), data)
    assert WebhookEndpoint.objects.get(pk=first.pk).secret != first.secret
    assert WebhookEndpoint.objects.get(pk=second.pk).secret == second.secret


@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("ftp://hooks.example.org/", "Webhooks are sent over http or https; a ftp: URL cannot"),
        ("not a url", "Enter a valid URL."),
    ],
)
def test_a_url_that_cannot_receive_webhooks_is_refused(organizer_client, forum, url, error):
    response = _add(organizer_client, forum, url=url)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_an_unknown_event_type_is_refused_by_name(forum):
    endpoint = WebhookEndpoint(forum=forum, url="https://hooks.example.org/", event_types=["x"])
    with pytest.raises(ValidationError) as refused:
        endpoint.full_clean()
    assert refused.value.message_dict["event_types"] == [
        "Unknown event type x. Choose from: session.published, session.changed, "
        "session.withdrawn, quote.published, quote.changed, quote.withdrawn."
    ]


def test_attempts_appear_in_the_delivery_log_filtered_by_forum_endpoint_and_outcome(
    organizer_client, attempted
):
    log = reverse("admin:events_webhookdelivery_changelist")
    forum_id = attempted.endpoint.forum_id

    def rows(**query):
        return list(organizer_client.get(log, query).context["cl"].result_list)

    (attempt,) = WebhookDelivery.objects.all()
    assert rows() == [attempt]
    assert rows(event__endpoint__forum__id__exact=forum_id) == [attempt]
    assert rows(event__endpoint__forum__id__exact=ForumFactory().pk) == []
    assert rows(event__endpoint__id__exact=attempted.endpoint_id) == [attempt]
    assert rows(ok__exact="0") == [attempt]
    assert rows(ok__exact="1") == []
    assert rows(event__status__exact="pending") == [attempt]
    page = organizer_client.get(reverse("admin:events_webhookdelivery_change", args=[attempt.pk]))
    assert "answer 500" in page.content.decode()
    assert 'name="_save"' not in page.content.decode()  # read-only


def test_the_outbox_shows_each_event_with_its_attempts(organizer_client, attempted):
    listing = organizer_client.get(reverse("admin:events_webhookevent_changelist"))
    assert list(listing.context["cl"].result_list) == [attempted]
    page = organizer_client.get(reverse("admin:events_webhookevent_change", args=[attempted.pk]))
    content = page.content.decode()
    assert "Opening plenary" in content and "session.published" in content
    assert "answer 500" in content  # the attempt, inline
    assert 'name="_save"' not in content


def test_outbox_and_log_rows_are_neither_added_nor_edited(organizer_client, attempted):
    for model in ("webhookevent", "webhookdelivery"):
        assert organizer_client.get(reverse(f"admin:events_{model}_add")).status_code == 403
        listing = organizer_client.get(reverse(f"admin:events_{model}_changelist"))
        assert "delete_selected" not in listing.content.decode()
    url = reverse("admin:events_webhookevent_change", args=[attempted.pk])
    assert "deletelink" not in organizer_client.get(url).content.decode()
    organizer_client.post(url, {"status": "delivered"})
    attempted.refresh_from_db()
    assert attempted.status == WebhookEvent.Status.PENDING


@pytest.mark.parametrize("model", ["webhookendpoint", "forum"])
def test_deleting_an_endpoint_or_its_forum_takes_its_outbox_and_log(
    organizer_client, attempted, model
):
    target = attempted.endpoint if model == "webhookendpoint" else attempted.endpoint.forum
    url = reverse(f"admin:events_{model}_delete", args=[target.pk])
    response = organizer_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not WebhookEvent.objects.exists() and not WebhookDelivery.objects.exists()
    if model == "forum":  # its sessions went with it, announcing nothing to no one
        assert not WebhookAnnouncement.objects.exists()


@pytest.mark.parametrize("model", ["webhookevent", "webhookdelivery"])
def test_the_retry_action_makes_failed_events_due_now(organizer_client, attempted, receiver, model):
    WebhookEvent.objects.update(status=WebhookEvent.Status.FAILED, attempts=delivery.MAX_ATTEMPTS)
    selected = attempted.pk if model == "webhookevent" else WebhookDelivery.objects.get().pk
    data = {"action": "retry", "_selected_action": [selected]}
    url = reverse(f"admin:events_{model}_changelist")
    response = organizer_client.post(url, data, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert messages == ["1 failed event is due again; the next deliver_webhooks pass sends it."]
    (event,) = delivery.deliver_due()
    event.refresh_from_db()
    assert event.status == WebhookEvent.Status.DELIVERED
    assert len(receiver.requests) == 2
