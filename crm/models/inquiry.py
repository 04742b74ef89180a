from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from crm.extensions import db
from crm.models.base import LabelledEnum, TimestampMixin, enum_column
from crm.models.company import Company
from crm.models.office import Office
from crm.models.user import User


class InquiryStatus(LabelledEnum):
    NEW = "new", _l("New")
    ACCEPTED = "accepted", _l("Accepted")
    REJECTED = "rejected", _l("Rejected as spam")


class Inquiry(TimestampMixin, db.Model):
    """A cooperation request sent through the public form, waiting for triage."""

    __tablename__ = "inquiries"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_name: Mapped[str] = mapped_column(sa.String(200))
    contact_name: Mapped[str] = mapped_column(sa.String(200))
    email: Mapped[str] = mapped_column(sa.String(254))
    phone: Mapped[str | None] = mapped_column(sa.String(50))
    country: Mapped[str | None] = mapped_column(sa.String(2))
    sector: Mapped[str | None] = mapped_column(sa.String(100))
    offers: Mapped[str | None] = mapped_column(sa.Text)
    seeks: Mapped[str | None] = mapped_column(sa.Text)
    preferred_office_id: Mapped[int | None] = mapped_column(sa.ForeignKey("offices.id"))
    # Consent is required; the exact wording shown and the time are kept as proof.
    consent_at: Mapped[datetime]
    consent_text: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[InquiryStatus] = mapped_column(enum_column(InquiryStatus), default=InquiryStatus.NEW, index=True)
    handled_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    handled_at: Mapped[datetime | None]
    company_id: Mapped[int | None] = mapped_column(sa.ForeignKey("companies.id", ondelete="SET NULL"))

    preferred_office: Mapped[Office | None] = relationship()
    handled_by: Mapped[User | None] = relationship()
    company: Mapped[Company | None] = relationship()
