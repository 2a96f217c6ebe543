"""events/webhooks/delivery.py against a real receiver on 127.0.0.1."""

import datetime as dt
import hashlib
import hmac
import json
import socket

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import CommandError, call_command

from events import generations
from events.models import Quote, WebhookDelivery, WebhookEndpoint, WebhookEvent
from events.webhooks import delivery
from tests.events.webhooks.conftest import outbox
from tests.factories import QuoteFactory, SessionFactory

pytestmark = pytest.mark.django_db

NOON = dt.datetime(2023, 7, 6, 4, 0, tzinfo=dt.UTC)  # noon in Shanghai, the forum's first day


@pytest.fixture
def event(forum, endpoint, commit):
    """One session.published event in the outbox, due since NOON."""
    with time_machine.travel(NOON, tick=False), commit():
        SessionFactory(forum=forum, title="Opening plenary")
    return WebhookEvent.objects.get()


def _signed(secret, request):
    timestamp = request.headers["X-Forum-Timestamp"]
    message = timestamp.encode() + b"." + request.body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def test_the_receiver_gets_the_event_signed_with_the_endpoints_secret(receiver, event):
    (attempted,) = delivery.deliver_due()
    (request,) = receiver.requests
    assert request.headers["X-Forum-Signature"] == _signed(event.endpoint.secret, request)
    assert _signed("another secret", request) != request.headers["X-Forum-Signature"]
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["X-Forum-Event"] == "session.published"
    assert request.headers["Idempotency-Key"] == str(event.event_id)
    assert request.headers["X-Forum-Delivery"] == str(event.event_id)
    assert request.body == event.body.encode()
    assert request.event["data"]["title"] == "Opening plenary"
    attempted.refresh_from_db()
    assert attempted.status == WebhookEvent.Status.DELIVERED and attempted.attempts == 1
    (logged,) = WebhookDelivery.objects.all()
    assert (logged.ok, logged.status_code, logged.response_excerpt) == (True, 200, "answer 200")


def test_a_failed_attempt_is_retried_later_with_the_same_idempotency_key(receiver, event):
    receiver.answers = [500]
    with time_machine.travel(NOON, tick=False):
        delivery.deliver_due()
        event.refresh_from_db()
        assert event.status == WebhookEvent.Status.PENDING
        assert event.next_attempt_at == NOON + dt.timedelta(minutes=1)
        assert delivery.deliver_due() == []  # not due yet
    with time_machine.travel(NOON + dt.timedelta(minutes=1, seconds=1), tick=False):
        delivery.deliver_due()
    first, second = receiver.requests
    assert first.headers["Idempotency-Key"] == second.headers["Idempotency-Key"]
    assert first.body == second.body
    assert int(second.headers["X-Forum-Timestamp"]) == int(first.headers["X-Forum-Timestamp"]) + 61
    assert second.headers["X-Forum-Signature"] == _signed(event.endpoint.secret, second)
    event.refresh_from_db()
    assert event.status == WebhookEvent.Status.DELIVERED
    log = WebhookDelivery.objects.order_by("attempted_at")
    assert [(a.status_code, a.ok, a.response_excerpt) for a in log] == [
        (500, False, "answer 500"),
        (200, True, "answer 200"),
    ]


def test_backoff_doubles_up_to_a_cap_and_gives_up_after_the_last_attempt(receiver, event):
    receiver.answers = [503] * delivery.MAX_ATTEMPTS
    waits, moment = [], NOON
    for _attempt in range(delivery.MAX_ATTEMPTS):
        with time_machine.travel(moment, tick=False):
            assert len(delivery.deliver_due()) == 1
        event.refresh_from_db()
        waits.append(event.next_attempt_at - moment)
        moment = event.next_attempt_at
    minutes = [int(wait.total_seconds() // 60) for wait in waits[:-1]]
    assert minutes == [1, 2, 4, 8, 16, 32, 64, 128, 256]
    assert event.status == WebhookEvent.Status.FAILED
    assert delivery.backoff(30) == delivery.LONGEST_WAIT
    with time_machine.travel(moment + dt.timedelta(days=1), tick=False):
        assert delivery.deliver_due() == []  # failed stays failed until retried
    assert len(receiver.requests) == delivery.MAX_ATTEMPTS


def test_a_refused_connection_is_logged_and_retried(event):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    WebhookEndpoint.objects.filter(pk=event.endpoint_id).update(url=f"http://127.0.0.1:{port}/")
    delivery.deliver_due()
    (logged,) = WebhookDelivery.objects.all()
    assert logged.status_code is None and not logged.ok
    assert logged.error.startswith("ConnectionRefusedError")
    event.refresh_from_db()
    assert event.status == WebhookEvent.Status.PENDING and event.attempts == 1


def test_a_receiver_slower_than_the_timeout_is_a_failed_attempt(receiver, event, monkeypatch):
    monkeypatch.setattr(delivery, "TIMEOUT", 0.2)  # 5 s in production: too slow for a test
    receiver.delay = 1.0
    delivery.deliver_due()
    (logged,) = WebhookDelivery.objects.all()
    assert logged.status_code is None and "timed out" in logged.error
    assert logged.duration_ms < 1000


def test_a_redirect_is_an_answer_not_followed(receiver, event):
    receiver.answers = [302]
    delivery.deliver_due()
    assert len(receiver.requests) == 1  # the signed body went nowhere else
    (logged,) = WebhookDelivery.objects.all()
    assert (logged.status_code, logged.ok) == (302, False)


def test_a_claimed_event_is_not_claimed_again_until_its_lease_ends(forum, endpoint, commit):
    with time_machine.travel(NOON, tick=False), commit():
        SessionFactory(forum=forum)
        SessionFactory(forum=forum)
    with time_machine.travel(NOON, tick=False):
        first, second = delivery.claim(), delivery.claim()  # two deliverers
        assert first is not None and second is not None and first.pk != second.pk
        assert delivery.claim() is None
    with time_machine.travel(NOON + delivery.LEASE + dt.timedelta(seconds=1), tick=False):
        # Neither recorded an attempt: they died. Their events come back.
        assert {delivery.claim().pk, delivery.claim().pk} == {first.pk, second.pk}


def test_events_of_an_inactive_endpoint_wait(receiver, event):
    WebhookEndpoint.objects.filter(pk=event.endpoint_id).update(is_active=False)
    assert delivery.deliver_due() == []
    WebhookEndpoint.objects.filter(pk=event.endpoint_id).update(is_active=True)
    assert len(delivery.deliver_due()) == 1
    assert len(receiver.requests) == 1


def test_retry_now_makes_failed_events_due_with_a_fresh_round(receiver, event):
    WebhookEvent.objects.update(status=WebhookEvent.Status.FAILED, attempts=10)
    assert delivery.retry_now(WebhookEvent.objects.all()) == 1
    event.refresh_from_db()
    assert (event.status, event.attempts) == (WebhookEvent.Status.PENDING, 0)
    delivery.deliver_due()
    assert len(receiver.requests) == 1


def test_an_embargoed_quote_is_published_when_its_embargo_lifts(receiver, forum, commit):
    lift = NOON + dt.timedelta(hours=2)
    with time_machine.travel(NOON, tick=False):
        endpoint = WebhookEndpoint.objects.create(forum=forum, url=receiver.url)
        with commit():
            quote = QuoteFactory(forum=forum, text="Exports will double.", embargo_until=lift)
        with commit():
            quote.text = "Exports will double by 2030."
            quote.save()
        assert delivery.deliver_due() == []
    with time_machine.travel(lift - dt.timedelta(seconds=1), tick=False):
        assert delivery.deliver_due() == []
    assert receiver.requests == []
    with time_machine.travel(lift + dt.timedelta(seconds=30), tick=False):
        call_command("deliver_webhooks", "--once")
        call_command("deliver_webhooks", "--once")  # announced once, not at every pass
    (request,) = receiver.requests
    assert request.headers["X-Forum-Event"] == "quote.published"
    assert request.event["data"]["text"] == "Exports will double by 2030."
    assert request.event["data"]["embargoed_until"] is None
    assert outbox() == [("quote.published", quote.pk, endpoint.url)]
    with commit():
        quote.status = Quote.Status.RETRACTED
        quote.save()
    assert [row[0] for row in outbox()] == ["quote.published", "quote.withdrawn"]


def test_an_embargo_lifted_before_the_endpoint_existed_is_not_announced(receiver, forum, commit):
    with time_machine.travel(NOON, tick=False), commit():
        QuoteFactory(forum=forum, embargo_until=NOON + dt.timedelta(minutes=5))
    with time_machine.travel(NOON + dt.timedelta(hours=1), tick=False):
        WebhookEndpoint.objects.create(forum=forum, url=receiver.url)
        delivery.deliver_due()
    assert receiver.requests == []


def test_delivering_leaves_the_public_page_cache_alone(
    receiver, event, django_capture_on_commit_callbacks
):
    names = (generations.SITE, generations.FORUMS, generations.forum("auto-2023"))
    receiver.answers = [500]

    def numbers():
        found = cache.get_many([generations.key(name) for name in names])
        return generations.numbers(names, found)

    before = numbers()
    with django_capture_on_commit_callbacks(execute=True):
        delivery.deliver_due()  # an attempt logged, the event rescheduled
        delivery.retry_now(WebhookEvent.objects.all())
        WebhookEndpoint.objects.update(description="Newsroom")
        event.endpoint.save()
    assert WebhookDelivery.objects.count() == 1
    assert numbers() == before


def test_the_command_reports_its_pass_and_refuses_a_bad_interval(receiver, event, capsys):
    call_command("deliver_webhooks", "--once")
    assert capsys.readouterr().out.strip() == "1 delivered, 0 to retry, 0 failed."
    with pytest.raises(CommandError, match="--interval must be more than 0 seconds, not 0.0"):
        call_command("deliver_webhooks", "--interval", "0")
    assert json.loads(receiver.requests[0].body)["type"] == "session.published"
