"""The signature of a webhook request, which receivers check with their secret.

    X-Forum-Timestamp: 1700000000
    X-Forum-Signature: sha256=<hex of HMAC-SHA256(secret, "1700000000." + body)>

The timestamp is signed with the body so that a recorded request cannot be replayed
later under a new timestamp; receivers refuse old ones (`verify`'s `tolerance`).
"""

import hashlib
import hmac
import time

PREFIX = "sha256="


def signature(secret, timestamp, body):
    """The X-Forum-Signature value for `body` (bytes) sent at `timestamp` (int seconds)."""
    message = f"{timestamp}.".encode() + body
    return PREFIX + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def verify(secret, timestamp, body, header, *, tolerance=300, now=None):
    """Whether `header` signs `body` at `timestamp`, no more than `tolerance` s from now.

    What a receiver written in Python does; the tests receive with it.
    """
    try:
        sent = int(timestamp)
    except (TypeError, ValueError):
        return False
    now = time.time() if now is None else now
    if abs(now - sent) > tolerance:
        return False
    return hmac.compare_digest(signature(secret, sent, body), header or "")
