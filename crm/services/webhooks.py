"""Webhooks: the outbox written at the session level, signing, and sending with back-off.

    install(db.session)                 once: changes to companies, interactions, meetings and
                                        inquiries write delivery rows in their own transaction
    sign(secret, body)                  "sha256=<hex>" HMAC of the raw body
    due(now)                            Select of the deliveries to send now
    deliver(delivery, now)              send one, record the answer, schedule the retry (no commit)

No view emits an event: a `before_commit` listener turns what the transaction's flushes
created or changed into one delivery per event and subscribed endpoint, so the pages, the
import and the commands all emit, and a change is never committed without its deliveries.
"""
import hashlib
import hmac
import json
import secrets
import urllib.error
import urllib.request
import uuid
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from crm.models import (
    Company,
    DeliveryStatus,
    Inquiry,
    Interaction,
    Meeting,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)
from crm.models.base import utcnow
from crm.services.history import serialise

# The wait after each failed attempt; after the last one the delivery is marked failed.
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2),
           timedelta(hours=12))
TIMEOUT_SECONDS = 10
SIGNATURE_HEADER = "X-Jadebridge-Signature"
EVENT_HEADER = "X-Jadebridge-Event"
EVENT_ID_HEADER = "X-Jadebridge-Event-Id"
TIMESTAMP_HEADER = "X-Jadebridge-Timestamp"
USER_AGENT = "Jadebridge-Webhooks/1"
_PENDING = "webhook_events"  # session.info key: {(class, id): event} of the transaction so far

# The fields each event carries: the record's own facts, never a person's contact details
# (an inquiry's contact name, e-mail and phone, an interaction's summary stay out).
FIELDS = {
    Company: ("id", "name", "name_local", "kind", "city", "country", "size", "website", "status",
              "office_id", "owner_id", "created_at", "updated_at"),
    Interaction: ("id", "company_id", "office_id", "author_id", "occurred_at", "channel", "meeting_id"),
    Meeting: ("id", "event_id", "a_id", "b_id", "slot", "table_number", "outcome", "outcome_recorded_at"),
    Inquiry: ("id", "company_name", "country", "sector", "preferred_office_id", "status", "created_at"),
}


def new_secret() -> str:
    return secrets.token_hex(32)


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def retry_delay(attempts: int) -> timedelta | None:
    """The wait after `attempts` failed attempts, or None when there is no attempt left."""
    return BACKOFF[attempts - 1] if 1 <= attempts <= len(BACKOFF) else None


# --- the outbox ------------------------------------------------------------------------------------------------------

def install(session) -> None:
    """Register the listeners on a session, scoped session or sessionmaker (once)."""
    if sa.event.contains(session, "after_flush", _collect):
        return
    sa.event.listen(session, "after_flush", _collect)
    sa.event.listen(session, "before_commit", _write_outbox)
    sa.event.listen(session, "after_soft_rollback", _forget)


def events_of(session: Session) -> list[tuple[object, WebhookEvent]]:
    """(record, event) for what the flush is writing; its new/dirty lists are still the pre-flush ones."""
    found = []
    for record in session.new:
        if isinstance(record, Company):
            found.append((record, WebhookEvent.COMPANY_CREATED))
        elif isinstance(record, Interaction):
            found.append((record, WebhookEvent.INTERACTION_LOGGED))
        elif isinstance(record, Inquiry):
            found.append((record, WebhookEvent.INQUIRY_RECEIVED))
    for record in session.dirty:
        if isinstance(record, Company) and session.is_modified(record) and not _changed(record, "deleted_at"):
            found.append((record, WebhookEvent.COMPANY_UPDATED))
    for record in [*session.new, *session.dirty]:
        if isinstance(record, Meeting) and any(value is not None for value in _added(record, "outcome")):
            found.append((record, WebhookEvent.MEETING_OUTCOME_RECORDED))
    return found


def _added(record, key: str) -> tuple:
    return tuple(sa.inspect(record).attrs[key].history.added or ())


def _changed(record, key: str) -> bool:
    return sa.inspect(record).attrs[key].history.has_changes()


def _collect(session: Session, _context) -> None:
    pending = session.info.setdefault(_PENDING, {})
    for record, event in events_of(session):
        # One event per record and transaction: a company created and then changed was created.
        pending.setdefault((type(record), record.id), event)


def _write_outbox(session: Session) -> None:
    session.flush()  # what is still unflushed may add events
    pending = session.info.pop(_PENDING, None)
    if not pending:
        return
    endpoints = session.scalars(sa.select(WebhookEndpoint).where(WebhookEndpoint.active.is_(True))).all()
    if not endpoints:
        return
    occurred_at = utcnow()
    for (cls, record_id), event in pending.items():
        subscribers = [endpoint for endpoint in endpoints if endpoint.wants(event)]
        record = session.get(cls, record_id) if subscribers else None
        if record is None:
            continue
        event_id = str(uuid.uuid4())
        body = json.dumps({"id": event_id, "event": event.value, "occurred_at": _json(occurred_at),
                           "data": payload_of(record)}, ensure_ascii=False, sort_keys=True)
        session.add_all(WebhookDelivery(endpoint_id=endpoint.id, event_id=event_id, event=event, body=body,
                                        next_attempt_at=occurred_at) for endpoint in subscribers)


def payload_of(record) -> dict:
    return {name: _json(getattr(record, name)) for name in FIELDS[type(record)]}


def _json(value):
    return value.isoformat() + "Z" if isinstance(value, datetime) else serialise(value)  # times are UTC


def _forget(session: Session, _previous_transaction) -> None:
    session.info.pop(_PENDING, None)


# --- sending ---------------------------------------------------------------------------------------------------------

def due(now: datetime) -> sa.Select:
    """The pending deliveries whose time has come, oldest first."""
    return (sa.select(WebhookDelivery)
            .where(WebhookDelivery.status == DeliveryStatus.PENDING, WebhookDelivery.next_attempt_at <= now)
            .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id))


def headers(delivery: WebhookDelivery, now: datetime) -> dict[str, str]:
    return {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        SIGNATURE_HEADER: sign(delivery.endpoint.secret, delivery.body.encode()),
        EVENT_HEADER: delivery.event.value,
        EVENT_ID_HEADER: delivery.event_id,
        TIMESTAMP_HEADER: now.isoformat(timespec="seconds") + "Z",
    }


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not a new address to post the event to."""

    def redirect_request(self, *_args):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def post(url: str, body: bytes, request_headers: dict, timeout: float) -> tuple[int | None, str | None]:
    """(HTTP status, None) of the answer, or (None, error) when there was none."""
    request = urllib.request.Request(url, data=body, headers=request_headers, method="POST")
    try:
        with _opener.open(request, timeout=timeout) as response:
            return response.status, None
    except urllib.error.HTTPError as error:
        error.close()
        return error.code, None
    except urllib.error.URLError as error:
        return None, str(error.reason)
    except (OSError, ValueError) as error:  # timeouts, resets, a malformed address
        return None, str(error) or type(error).__name__


def deliver(delivery: WebhookDelivery, now: datetime, timeout: float = TIMEOUT_SECONDS) -> bool:
    """Send the delivery once and record how it went: delivered on a 2xx answer, else
    pending with the next attempt after the back-off, or failed after the last attempt."""
    status_code, error = post(delivery.endpoint.url, delivery.body.encode(), headers(delivery, now), timeout)
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.last_status_code = status_code
    delivery.last_error = error[:500] if error else None
    if status_code is not None and 200 <= status_code < 300:
        delivery.status, delivery.next_attempt_at, delivery.delivered_at = DeliveryStatus.DELIVERED, None, now
        return True
    delay = retry_delay(delivery.attempts)
    delivery.status = DeliveryStatus.PENDING if delay else DeliveryStatus.FAILED
    delivery.next_attempt_at = now + delay if delay else None
    return False
