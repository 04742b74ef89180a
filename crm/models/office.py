import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from crm.extensions import db


class Office(db.Model):
    """One of the zone's offices: Jinan headquarters, Dresden, Stuttgart, Vantaa."""

    __tablename__ = "offices"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100), unique=True)
    city: Mapped[str | None] = mapped_column(sa.String(100))
    country: Mapped[str | None] = mapped_column(sa.String(2))
    # Follow-up due dates and logged times are read in the office's own clock.
    timezone: Mapped[str] = mapped_column(sa.String(64), default="UTC")

    def __str__(self) -> str:
        return self.name
