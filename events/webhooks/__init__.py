"""Webhooks: events about a forum's sessions and quotes, POSTed to its organizers' URLs.

- `outbox.py` writes the events in the transaction of the change (`signals.py` says which
  writes), from `payloads.py`, the public API's JSON of the object;
- `delivery.py` sends them (`manage.py deliver_webhooks`), signed by `signing.py`, and
  retries with backoff;
- `admin.py` holds the endpoints, the outbox and the delivery log.

The models are in events/models/webhooks.py.
"""
