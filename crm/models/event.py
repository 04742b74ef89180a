import enum
from datetime import date, datetime, time

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from crm.extensions import db
from crm.models.audit import Audited, SoftDeletable
from crm.models.base import LabelledEnum, TimestampMixin, enum_column, utcnow
from crm.models.company import Company
from crm.models.office import Office
from crm.models.person import Person
from crm.models.user import User


class EventKind(LabelledEnum):
    FAIR = "fair", _l("Matchmaking fair")
    FORUM = "forum", _l("Forum or conference")
    RECEPTION = "reception", _l("Delegation reception")
    OPENING = "opening", _l("Office opening")
    OTHER = "other", _l("Other")


class Side(LabelledEnum):
    """The two sides of a fair; meetings usually pair side A with side B."""

    A = "A", _l("Visiting")
    B = "B", _l("Host")


class Priority(enum.IntEnum):
    """How much a participant wants a meeting; the scheduler maximises the sum."""

    IF_TIME = 1
    WOULD_LIKE = 2
    MUST = 3

    @property
    def label(self):
        return PRIORITY_LABELS[self]


PRIORITY_LABELS = {
    Priority.IF_TIME: _l("If time allows"),
    Priority.WOULD_LIKE: _l("Would like"),
    Priority.MUST: _l("Must meet"),
}


class RequestStatus(LabelledEnum):
    PENDING = "pending", _l("Pending")
    ACCEPTED = "accepted", _l("Accepted")
    DECLINED = "declined", _l("Declined")


class MeetingOutcome(LabelledEnum):
    NOT_HELD = "not_held", _l("Did not take place")
    NO_INTEREST = "no_interest", _l("Insufficient interest")
    INFORMATIVE = "informative", _l("Informative, no cooperation yet")
    POSSIBLE = "possible", _l("Cooperation possible")
    AGREEMENT = "agreement", _l("Agreement reached")


class Event(Audited, SoftDeletable, TimestampMixin, db.Model):
    """A fair, forum, reception or opening; fairs also carry their meeting grid."""

    __tablename__ = "events"
    audit_label = _l("Event")

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[EventKind] = mapped_column(enum_column(EventKind), default=EventKind.FAIR)
    city: Mapped[str | None] = mapped_column(sa.String(100))
    venue: Mapped[str | None] = mapped_column(sa.String(200))
    starts_on: Mapped[date] = mapped_column(index=True)
    ends_on: Mapped[date]
    office_id: Mapped[int | None] = mapped_column(sa.ForeignKey("offices.id"), index=True)
    description: Mapped[str | None] = mapped_column(sa.Text)
    # The meeting grid of a fair: days below, slots of slot_minutes, `tables` meetings at once.
    slot_minutes: Mapped[int | None]
    tables: Mapped[int | None]
    # Set when the final agenda goes out; meetings placed later are marked as changed.
    agenda_final_at: Mapped[datetime | None]
    # The last scheduler run, for the schedule page and the report: placed, requested,
    # objective, bound, status, seconds, kept, at (ISO, UTC) and by (user name).
    last_schedule: Mapped[dict | None] = mapped_column(sa.JSON)

    office: Mapped[Office | None] = relationship()
    days: Mapped[list["MeetingDay"]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="MeetingDay.day"
    )
    participants: Mapped[list["Participant"]] = relationship(back_populates="event", cascade="all, delete-orphan")

    def __str__(self) -> str:
        return self.name


class MeetingDay(db.Model):
    """One day of pre-arranged meetings: from starts_at to ends_at, minus breaks."""

    __tablename__ = "meeting_days"
    __table_args__ = (sa.UniqueConstraint("event_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    day: Mapped[date]
    starts_at: Mapped[time]
    ends_at: Mapped[time]
    breaks: Mapped[str | None] = mapped_column(sa.String(200))  # "12:00-13:00, 15:30-15:45"

    event: Mapped[Event] = relationship(back_populates="days")


participant_people = sa.Table(
    "participant_people",
    db.metadata,
    sa.Column("participant_id", sa.ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("person_id", sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Participant(TimestampMixin, db.Model):
    """A company registered for an event, with its fair profile and availability."""

    __tablename__ = "participants"
    __table_args__ = (sa.UniqueConstraint("event_id", "company_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    company_id: Mapped[int] = mapped_column(sa.ForeignKey("companies.id"), index=True)
    side: Mapped[Side] = mapped_column(enum_column(Side), default=Side.A)
    # Slot numbers the company can meet in; None means every slot.
    available_slots: Mapped[list[int] | None] = mapped_column(sa.JSON)
    max_meetings: Mapped[int | None]
    offers: Mapped[str | None] = mapped_column(sa.Text)
    seeks: Mapped[str | None] = mapped_column(sa.Text)
    notes: Mapped[str | None] = mapped_column(sa.Text)

    event: Mapped[Event] = relationship(back_populates="participants")
    company: Mapped[Company] = relationship()
    people: Mapped[list[Person]] = relationship(secondary=participant_people, order_by=Person.name)

    def __str__(self) -> str:
        return self.company.name


class MeetingRequest(TimestampMixin, db.Model):
    """Who wants to meet whom at an event, and whether the counterpart agreed."""

    __tablename__ = "meeting_requests"
    __table_args__ = (
        sa.UniqueConstraint("requester_id", "counterpart_id"),
        sa.CheckConstraint("requester_id <> counterpart_id", name="not_self"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), index=True)
    requester_id: Mapped[int] = mapped_column(sa.ForeignKey("participants.id", ondelete="CASCADE"))
    counterpart_id: Mapped[int] = mapped_column(sa.ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    priority: Mapped[int] = mapped_column(default=Priority.WOULD_LIKE)
    status: Mapped[RequestStatus] = mapped_column(enum_column(RequestStatus), default=RequestStatus.PENDING)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    event: Mapped[Event] = relationship()
    requester: Mapped[Participant] = relationship(foreign_keys=[requester_id])
    counterpart: Mapped[Participant] = relationship(foreign_keys=[counterpart_id])
    created_by: Mapped[User | None] = relationship()


class Meeting(Audited, TimestampMixin, db.Model):
    """A scheduled 1:1 meeting at a fair: a slot, a table, and later its outcome."""

    __tablename__ = "meetings"
    audit_label = _l("Meeting")
    __table_args__ = (sa.UniqueConstraint("event_id", "slot", "table_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    request_id: Mapped[int | None] = mapped_column(sa.ForeignKey("meeting_requests.id", ondelete="SET NULL"))
    a_id: Mapped[int] = mapped_column(sa.ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    b_id: Mapped[int] = mapped_column(sa.ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    slot: Mapped[int]
    table_number: Mapped[int]
    locked: Mapped[bool] = mapped_column(default=False)
    placed_at: Mapped[datetime] = mapped_column(default=utcnow)  # when slot or table last changed
    outcome: Mapped[MeetingOutcome | None] = mapped_column(enum_column(MeetingOutcome))
    outcome_note: Mapped[str | None] = mapped_column(sa.Text)
    outcome_recorded_at: Mapped[datetime | None]
    # The second-stage review months later updates the result.
    reviewed_outcome: Mapped[MeetingOutcome | None] = mapped_column(enum_column(MeetingOutcome))
    review_note: Mapped[str | None] = mapped_column(sa.Text)
    reviewed_at: Mapped[datetime | None]

    event: Mapped[Event] = relationship()
    request: Mapped[MeetingRequest | None] = relationship()
    a: Mapped[Participant] = relationship(foreign_keys=[a_id])
    b: Mapped[Participant] = relationship(foreign_keys=[b_id])

    def audit_parent(self) -> tuple[str, int]:
        return "events", self.event_id
