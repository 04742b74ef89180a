"""Webhooks: the endpoints admins register, and the outbox of deliveries to them.

A delivery row is written in the same transaction as the change it tells about
(crm/services/webhooks.py), so a change is never committed without its delivery;
`crm deliver-webhooks` sends the due ones and retries with back-off."""
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from crm.extensions import db
from crm.models.base import LabelledEnum, TimestampMixin, enum_column, utcnow


class WebhookEvent(LabelledEnum):
    COMPANY_CREATED = "company.created", _l("Company created")
    COMPANY_UPDATED = "company.updated", _l("Company updated")
    INTERACTION_LOGGED = "interaction.logged", _l("Interaction logged")
    MEETING_OUTCOME_RECORDED = "meeting.outcome_recorded", _l("Meeting outcome recorded")
    INQUIRY_RECEIVED = "inquiry.received", _l("Inquiry received")


class DeliveryStatus(LabelledEnum):
    PENDING = "pending", _l("Pending")
    DELIVERED = "delivered", _l("Delivered")
    FAILED = "failed", _l("Failed")


class WebhookEndpoint(TimestampMixin, db.Model):
    """An HTTPS address that receives the events it subscribed to, signed with its secret."""

    __tablename__ = "webhook_endpoints"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(sa.String(500))
    description: Mapped[str | None] = mapped_column(sa.String(200))
    active: Mapped[bool] = mapped_column(default=True)
    secret: Mapped[str] = mapped_column(sa.String(64))
    events: Mapped[list[str]] = mapped_column(sa.JSON, default=list)  # WebhookEvent values

    def wants(self, event: WebhookEvent) -> bool:
        return self.active and event.value in self.events

    def __str__(self) -> str:
        return self.description or self.url


class WebhookDelivery(db.Model):
    """One event for one endpoint: its exact body, and how sending it went so far."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (sa.Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    endpoint_id: Mapped[int] = mapped_column(sa.ForeignKey("webhook_endpoints.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[str] = mapped_column(sa.String(36))  # one id per event, the same for every endpoint
    event: Mapped[WebhookEvent] = mapped_column(enum_column(WebhookEvent))
    body: Mapped[str] = mapped_column(sa.Text)  # the JSON sent, byte for byte, so retries sign the same
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    status: Mapped[DeliveryStatus] = mapped_column(enum_column(DeliveryStatus), default=DeliveryStatus.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(default=utcnow)  # UTC; None once done
    last_attempt_at: Mapped[datetime | None]
    last_status_code: Mapped[int | None]
    last_error: Mapped[str | None] = mapped_column(sa.String(500))
    delivered_at: Mapped[datetime | None]

    endpoint: Mapped[WebhookEndpoint] = relationship()
