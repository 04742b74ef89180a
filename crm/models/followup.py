from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from crm.extensions import db
from crm.models.audit import Audited, SoftDeletable
from crm.models.base import TimestampMixin
from crm.models.company import Company
from crm.models.interaction import Interaction
from crm.models.office import Office
from crm.models.person import Person
from crm.models.user import User


class FollowUp(Audited, SoftDeletable, TimestampMixin, db.Model):
    """A next step owed to a company, due on a day, assigned to one user.

    Open while done_at is empty."""

    __tablename__ = "follow_ups"
    audit_label = _l("Follow-up")
    __table_args__ = (
        sa.Index("ix_follow_ups_assignee_due", "assignee_id", "due_on"),
        sa.Index("ix_follow_ups_office_due", "office_id", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(sa.ForeignKey("companies.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(sa.ForeignKey("people.id", ondelete="SET NULL"))
    interaction_id: Mapped[int | None] = mapped_column(sa.ForeignKey("interactions.id", ondelete="SET NULL"))
    next_step: Mapped[str] = mapped_column(sa.String(500))
    due_on: Mapped[date]
    assignee_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    # The assignee's office, kept on the row so "my office" lists need no join.
    office_id: Mapped[int] = mapped_column(sa.ForeignKey("offices.id"))
    created_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    done_at: Mapped[datetime | None]
    done_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    outcome_note: Mapped[str | None] = mapped_column(sa.Text)

    company: Mapped[Company] = relationship()
    person: Mapped[Person | None] = relationship()
    interaction: Mapped[Interaction | None] = relationship(foreign_keys=[interaction_id])
    assignee: Mapped[User] = relationship(foreign_keys=[assignee_id])
    office: Mapped[Office] = relationship()
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])
    done_by: Mapped[User | None] = relationship(foreign_keys=[done_by_id])

    def __str__(self) -> str:
        return self.next_step

    def audit_parent(self) -> tuple[str, int]:
        return "companies", self.company_id

    @property
    def is_open(self) -> bool:
        return self.done_at is None

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.due_on < today
