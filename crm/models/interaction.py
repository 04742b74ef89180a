from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from crm.extensions import db
from crm.models.audit import Audited, SoftDeletable
from crm.models.base import LabelledEnum, TimestampMixin, enum_column, utcnow
from crm.models.company import Company
from crm.models.event import Meeting
from crm.models.office import Office
from crm.models.person import Person
from crm.models.user import User


class Channel(LabelledEnum):
    CALL = "call", _l("Call")
    EMAIL = "email", _l("E-mail")
    WECHAT = "wechat", _l("WeChat")
    MEETING = "meeting", _l("Meeting")
    VISIT = "visit", _l("Visit")
    FAIR_MEETING = "fair_meeting", _l("Fair meeting")
    OTHER = "other", _l("Other")


interaction_people = sa.Table(
    "interaction_people",
    db.metadata,
    sa.Column("interaction_id", sa.ForeignKey("interactions.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("person_id", sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Interaction(Audited, SoftDeletable, TimestampMixin, db.Model):
    """One logged contact with a company: a call, an e-mail, a WeChat chat, a visit..."""

    __tablename__ = "interactions"
    audit_label = _l("Interaction")
    __table_args__ = (
        sa.Index("ix_interactions_company_occurred", "company_id", "occurred_at"),
        sa.Index("ix_interactions_office_occurred", "office_id", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(sa.ForeignKey("companies.id"))
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    # The author's office when it was logged, so office lists stay right when staff move.
    office_id: Mapped[int] = mapped_column(sa.ForeignKey("offices.id"))
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)  # UTC
    channel: Mapped[Channel] = mapped_column(enum_column(Channel))
    summary: Mapped[str] = mapped_column(sa.Text)
    outcome: Mapped[str | None] = mapped_column(sa.Text)
    # The fair meeting whose outcome or review filed this interaction.
    meeting_id: Mapped[int | None] = mapped_column(sa.ForeignKey("meetings.id", ondelete="SET NULL"), index=True)
    # Seen only by its author, managers and admins.
    confidential: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    company: Mapped[Company] = relationship()
    author: Mapped[User] = relationship(foreign_keys=[author_id])
    office: Mapped[Office] = relationship()
    people: Mapped[list[Person]] = relationship(secondary=interaction_people, order_by=Person.name)
    meeting: Mapped[Meeting | None] = relationship()

    def __str__(self) -> str:
        return f"{self.channel.label}: {self.summary[:80]}" if self.channel else self.summary[:80]

    def audit_parent(self) -> tuple[str, int]:
        return "companies", self.company_id

    @classmethod
    def visible_to(cls, user_id: int | None, sees_confidential: bool = False) -> sa.ColumnElement[bool]:
        """The interactions a user may see: all for managers and admins (`sees_confidential`),
        else the ones not confidential and their own. No user: only those not confidential."""
        if sees_confidential:
            return sa.true()
        return sa.or_(cls.confidential.is_(False), cls.author_id == user_id)

    @classmethod
    def visible_to_user(cls, user: User) -> sa.ColumnElement[bool]:
        return cls.visible_to(user.id, user.is_manager)
