from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from crm.extensions import db
from crm.models.audit import Audited, SoftDeletable
from crm.models.base import TimestampMixin
from crm.models.company import Company


class Person(Audited, SoftDeletable, TimestampMixin, db.Model):
    """A contact person. Their organisations are Affiliations, so one person can
    work for a Jinan firm and sit on an association's board, and keep past jobs."""

    __tablename__ = "people"
    audit_label = _l("Person")

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), index=True)
    name_local: Mapped[str | None] = mapped_column(sa.String(200))
    email: Mapped[str | None] = mapped_column(sa.String(254), index=True)
    phone: Mapped[str | None] = mapped_column(sa.String(50))
    wechat_id: Mapped[str | None] = mapped_column(sa.String(100))
    linkedin: Mapped[str | None] = mapped_column(sa.String(300))
    preferred_language: Mapped[str | None] = mapped_column(sa.String(10))
    notes: Mapped[str | None] = mapped_column(sa.Text)

    affiliations: Mapped[list["Affiliation"]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="Affiliation.id"
    )

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        if self.name_local and self.name_local != self.name:
            return f"{self.name} ({self.name_local})"
        return self.name

    @property
    def primary_affiliation(self) -> "Affiliation | None":
        current = [a for a in self.affiliations if a.is_current]
        return next((a for a in current if a.is_primary), current[0] if current else None)


class Affiliation(db.Model):
    """A person's role at a company; ended_on set means a past position."""

    __tablename__ = "affiliations"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("people.id", ondelete="CASCADE"), index=True)
    company_id: Mapped[int] = mapped_column(sa.ForeignKey("companies.id", ondelete="CASCADE"), index=True)
    title: Mapped[str | None] = mapped_column(sa.String(200))
    is_primary: Mapped[bool] = mapped_column(default=True)
    started_on: Mapped[date | None]
    ended_on: Mapped[date | None]

    person: Mapped[Person] = relationship(back_populates="affiliations")
    company: Mapped[Company] = relationship(back_populates="affiliations")

    @property
    def is_current(self) -> bool:
        return self.ended_on is None
