"""Signing and the back-off schedule need no app."""
import hashlib
import hmac
from datetime import timedelta

from crm.services.webhooks import retry_delay, sign


def test_the_signature_is_the_hmac_sha256_of_the_raw_body_in_hex():
    body = '{"event": "company.created"}'.encode()
    expected = hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert sign("s3cret", body) == f"sha256={expected}"


def test_another_secret_or_body_gives_another_signature():
    assert sign("s3cret", b"{}") != sign("other", b"{}")
    assert sign("s3cret", b"{}") != sign("s3cret", b"{} ")


def test_retries_wait_one_five_thirty_minutes_two_and_twelve_hours_then_stop():
    assert [retry_delay(attempts) for attempts in range(1, 7)] == [
        timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2), timedelta(hours=12),
        None]
