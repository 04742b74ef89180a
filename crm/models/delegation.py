from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from crm.extensions import db
from crm.models.audit import Audited, SoftDeletable
from crm.models.base import LabelledEnum, TimestampMixin, enum_column
from crm.models.company import Company
from crm.models.event import MeetingOutcome
from crm.models.office import Office
from crm.models.person import Person
from crm.models.user import User


class Direction(LabelledEnum):
    OUTBOUND = "outbound", _l("Outbound from Jinan")
    INBOUND = "inbound", _l("Inbound to Jinan")


class DelegationStatus(LabelledEnum):
    PLANNED = "planned", _l("Planned")
    CONFIRMED = "confirmed", _l("Confirmed")
    UNDER_WAY = "under_way", _l("Under way")
    DONE = "done", _l("Done")
    CANCELLED = "cancelled", _l("Cancelled")


class VisitKind(LabelledEnum):
    VISIT = "visit", _l("Company visit")
    MEETING = "meeting", _l("Meeting")
    SITE_TOUR = "site_tour", _l("Site tour")
    OTHER = "other", _l("Other")


class Delegation(Audited, SoftDeletable, TimestampMixin, db.Model):
    """A trip: Jinan firms touring Europe, or European guests visiting Jinan."""

    __tablename__ = "delegations"
    audit_label = _l("Delegation")

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    direction: Mapped[Direction] = mapped_column(enum_column(Direction), default=Direction.OUTBOUND)
    host_cities: Mapped[str | None] = mapped_column(sa.String(300))  # "Dresden, Stuttgart"
    starts_on: Mapped[date] = mapped_column(index=True)
    ends_on: Mapped[date]
    purpose: Mapped[str | None] = mapped_column(sa.Text)
    leading_institution_id: Mapped[int | None] = mapped_column(sa.ForeignKey("companies.id"))
    head_id: Mapped[int | None] = mapped_column(sa.ForeignKey("people.id", ondelete="SET NULL"))
    office_id: Mapped[int | None] = mapped_column(sa.ForeignKey("offices.id"), index=True)
    responsible_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    status: Mapped[DelegationStatus] = mapped_column(enum_column(DelegationStatus), default=DelegationStatus.PLANNED)

    leading_institution: Mapped[Company | None] = relationship()
    head: Mapped[Person | None] = relationship()
    office: Mapped[Office | None] = relationship()
    responsible: Mapped[User | None] = relationship(foreign_keys=[responsible_id])
    members: Mapped[list["DelegationMember"]] = relationship(
        back_populates="delegation", cascade="all, delete-orphan"
    )
    visits: Mapped[list["Visit"]] = relationship(
        back_populates="delegation", cascade="all, delete-orphan", order_by="Visit.starts_at"
    )

    def __str__(self) -> str:
        return self.name


delegation_member_people = sa.Table(
    "delegation_member_people",
    db.metadata,
    sa.Column("member_id", sa.ForeignKey("delegation_members.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("person_id", sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True),
)

visit_members = sa.Table(
    "visit_members",
    db.metadata,
    sa.Column("visit_id", sa.ForeignKey("visits.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("member_id", sa.ForeignKey("delegation_members.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class DelegationMember(db.Model):
    """A company travelling with a delegation, its travellers and its interests."""

    __tablename__ = "delegation_members"
    __table_args__ = (sa.UniqueConstraint("delegation_id", "company_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    delegation_id: Mapped[int] = mapped_column(sa.ForeignKey("delegations.id", ondelete="CASCADE"))
    company_id: Mapped[int] = mapped_column(sa.ForeignKey("companies.id"), index=True)
    interests: Mapped[str | None] = mapped_column(sa.Text)

    delegation: Mapped[Delegation] = relationship(back_populates="members")
    company: Mapped[Company] = relationship()
    people: Mapped[list[Person]] = relationship(secondary=delegation_member_people, order_by=Person.name)


class Visit(TimestampMixin, db.Model):
    """One item of a delegation's itinerary: a company visit, meeting or site tour."""

    __tablename__ = "visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    delegation_id: Mapped[int] = mapped_column(sa.ForeignKey("delegations.id", ondelete="CASCADE"), index=True)
    kind: Mapped[VisitKind] = mapped_column(enum_column(VisitKind), default=VisitKind.VISIT)
    starts_at: Mapped[datetime]  # UTC
    ends_at: Mapped[datetime | None]  # UTC
    place: Mapped[str | None] = mapped_column(sa.String(300))
    host_company_id: Mapped[int | None] = mapped_column(sa.ForeignKey("companies.id"), index=True)
    interpreter: Mapped[str | None] = mapped_column(sa.String(200))  # e.g. "Chinese–German"
    notes: Mapped[str | None] = mapped_column(sa.Text)
    outcome: Mapped[MeetingOutcome | None] = mapped_column(enum_column(MeetingOutcome))
    outcome_note: Mapped[str | None] = mapped_column(sa.Text)
    outcome_recorded_at: Mapped[datetime | None]

    delegation: Mapped[Delegation] = relationship(back_populates="visits")
    host_company: Mapped[Company | None] = relationship()
    members: Mapped[list[DelegationMember]] = relationship(secondary=visit_members)
