"""A real receiver on 127.0.0.1, endpoints that point at it, and committed transactions."""

import contextlib
import http.server
import json
import threading
import time
from dataclasses import dataclass

import pytest
from django.db import transaction

from events.models import WebhookEndpoint, WebhookEvent
from events.webhooks import outbox as outbox_module
from tests.factories import ForumFactory


@dataclass(frozen=True)
class Received:
    headers: dict
    body: bytes

    @property
    def event(self):
        return json.loads(self.body)


class Receiver:
    """An HTTP server in a thread: records every POST, answers each with the next status of
    `answers` (200 once they run out) after `delay` seconds."""

    def __init__(self):
        self.requests, self.answers, self.delay = [], [], 0.0
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/forum"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)


def _handler(receiver):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            receiver.requests.append(Received(dict(self.headers.items()), body))
            status = receiver.answers.pop(0) if receiver.answers else 200
            time.sleep(receiver.delay)
            answer = f"answer {status}".encode()
            self.send_response(status)
            if 300 <= status < 400:
                self.send_header("Location", "/elsewhere")
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args):
            pass  # quiet test output

    return Handler


@pytest.fixture
def receiver():
    receiver = Receiver()
    receiver.thread.start()
    yield receiver
    receiver.server.shutdown()
    receiver.server.server_close()


@pytest.fixture
def forum(db):
    return ForumFactory(slug="auto-2023", name="2023 China Auto Forum")


@pytest.fixture
def endpoint(forum, receiver):
    return WebhookEndpoint.objects.create(forum=forum, url=receiver.url)


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """`with commit():` the writes inside are one transaction, committed at the end.

    The test runs in one transaction, rolled back at its end; the outbox tells its
    transactions apart by their on-commit callbacks (outbox._Batch), which this runs.
    Writes made before, outside any `commit()`, count as committed already.
    """

    @contextlib.contextmanager
    def committed():
        for _savepoints, callback, _robust in transaction.get_connection().run_on_commit:
            if isinstance(callback, outbox_module._Batch):
                callback()
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            yield callbacks

    return committed


def outbox(**filters):
    """(type, object id, endpoint url) of the outbox rows, oldest first."""
    rows = WebhookEvent.objects.filter(**filters).select_related("endpoint").order_by("pk")
    return [(row.event_type, row.subject_id, row.endpoint.url) for row in rows]


def bodies(**filters):
    rows = WebhookEvent.objects.filter(**filters).order_by("pk")
    return [json.loads(row.body) for row in rows]
