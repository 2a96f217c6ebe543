"""events/webhooks/signing.py: the signature receivers check."""

import hashlib
import hmac

from events.webhooks import signing

BODY = b'{"id":"e1","type":"quote.published"}'


def test_the_signature_is_hmac_sha256_of_timestamp_dot_body_in_hex():
    expected = hmac.new(b"s3cret", b"1700000000." + BODY, hashlib.sha256).hexdigest()
    assert signing.signature("s3cret", 1700000000, BODY) == f"sha256={expected}"


def test_verify_accepts_the_signature_and_refuses_any_change():
    header = signing.signature("s3cret", 1700000000, BODY)
    assert signing.verify("s3cret", "1700000000", BODY, header, now=1700000100)
    assert not signing.verify("other", "1700000000", BODY, header, now=1700000100)
    assert not signing.verify("s3cret", "1700000000", BODY + b" ", header, now=1700000100)
    assert not signing.verify("s3cret", "1700000001", BODY, header, now=1700000100)
    assert not signing.verify("s3cret", "1700000000", BODY, None, now=1700000100)
    assert not signing.verify("s3cret", "soon", BODY, header, now=1700000100)


def test_verify_refuses_a_replay_older_than_the_tolerance():
    header = signing.signature("s3cret", 1700000000, BODY)
    assert not signing.verify("s3cret", "1700000000", BODY, header, now=1700000301)
    assert signing.verify("s3cret", "1700000000", BODY, header, now=1700000301, tolerance=600)
