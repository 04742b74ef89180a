from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from crm.extensions import db
from crm.models.base import utcnow
from crm.models.company import Company


class RecentCompany(db.Model):
    """A company a user opened lately: one row per user and company, the last view wins."""

    __tablename__ = "recent_companies"
    __table_args__ = (sa.Index("ix_recent_companies_user_viewed", "user_id", "viewed_at"),)

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    company_id: Mapped[int] = mapped_column(sa.ForeignKey("companies.id", ondelete="CASCADE"), primary_key=True,
                                            index=True)
    viewed_at: Mapped[datetime] = mapped_column(default=utcnow)  # UTC

    company: Mapped[Company] = relationship()
