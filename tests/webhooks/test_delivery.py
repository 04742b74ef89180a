"""Sending to a real HTTP server on loopback: signed, retried with back-off, failed at the end."""
import hashlib
import hmac
import json
from datetime import datetime, timedelta

import sqlalchemy as sa

from crm.extensions import db
from crm.models import DeliveryStatus, WebhookDelivery
from crm.services import webhooks
from tests.factories import CompanyFactory, WebhookEndpointFactory


def the_delivery():
    return db.session.scalars(sa.select(WebhookDelivery)).one()


def test_a_delivery_arrives_signed_with_the_endpoints_secret(endpoint, receiver, runner):
    company = CompanyFactory(name="Elbe Photonics")
    result = runner.invoke(args=["deliver-webhooks", "--once"])

    assert "1 delivered" in result.output
    [(headers, body)] = receiver.received
    expected = "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["X-Jadebridge-Signature"], expected)
    delivery = the_delivery()
    assert (headers["X-Jadebridge-Event"], headers["X-Jadebridge-Event-Id"]) == ("company.created", delivery.event_id)
    assert datetime.fromisoformat(headers["X-Jadebridge-Timestamp"])
    assert json.loads(body)["data"]["id"] == company.id
    assert (delivery.status, delivery.attempts, delivery.last_status_code, delivery.next_attempt_at) == (
        DeliveryStatus.DELIVERED, 1, 204, None)


def test_a_delivered_event_is_not_sent_again(endpoint, receiver, runner):
    CompanyFactory()
    runner.invoke(args=["deliver-webhooks", "--once"])
    runner.invoke(args=["deliver-webhooks", "--once"])
    assert len(receiver.received) == 1


def test_a_failing_endpoint_is_retried_after_the_back_off_and_marked_failed_after_the_last_attempt(
        endpoint, receiver):
    receiver.status = 500
    CompanyFactory()
    delivery = the_delivery()
    now = delivery.next_attempt_at
    waits = []
    for _attempt in range(len(webhooks.BACKOFF) + 1):
        assert db.session.scalars(webhooks.due(now)).all() == [delivery]
        webhooks.deliver(delivery, now)
        db.session.commit()
        if delivery.next_attempt_at is not None:
            waits.append(delivery.next_attempt_at - now)
            now = delivery.next_attempt_at

    assert waits == list(webhooks.BACKOFF)
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (DeliveryStatus.FAILED, 6, 500)
    assert len(receiver.received) == 6
    assert db.session.scalars(webhooks.due(now + timedelta(days=365))).all() == []


def test_a_delivery_is_not_due_before_its_next_attempt(endpoint, receiver):
    receiver.status = 500
    CompanyFactory()
    delivery = the_delivery()
    webhooks.deliver(delivery, delivery.next_attempt_at)
    db.session.commit()
    assert db.session.scalars(webhooks.due(delivery.next_attempt_at - timedelta(seconds=1))).all() == []


def test_an_endpoint_that_does_not_answer_is_recorded_as_an_error():
    WebhookEndpointFactory(url="http://127.0.0.1:9/hook")  # nothing listens on the discard port
    CompanyFactory()
    delivery = the_delivery()
    assert webhooks.deliver(delivery, delivery.next_attempt_at, timeout=2) is False
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (DeliveryStatus.PENDING, 1, None)
    assert "refused" in delivery.last_error.lower()


def test_a_redirect_is_not_followed(endpoint, receiver):
    receiver.status = 302
    CompanyFactory()
    delivery = the_delivery()
    assert webhooks.deliver(delivery, delivery.next_attempt_at) is False
    assert (delivery.last_status_code, len(receiver.received)) == (302, 1)
