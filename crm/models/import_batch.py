from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from crm.extensions import db
from crm.models.base import utcnow
from crm.models.user import User


class ImportBatch(db.Model):
    """One import of a spreadsheet, kept so that it can be undone and its failed rows
    downloaded, fixed and imported again.

    `changes` lists what it wrote (see services.import_batches); `failed` holds the
    headers and the rows that had errors, with their messages."""

    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(sa.String(255))
    imported_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    imported_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    rows: Mapped[int] = mapped_column(default=0)
    created_count: Mapped[int] = mapped_column(default=0)
    updated_count: Mapped[int] = mapped_column(default=0)
    skipped_count: Mapped[int] = mapped_column(default=0)
    changes: Mapped[list] = mapped_column(sa.JSON, default=list)
    failed: Mapped[dict | None] = mapped_column(sa.JSON)
    undone_at: Mapped[datetime | None]
    undone_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    undo_report: Mapped[list | None] = mapped_column(sa.JSON)  # what could not be undone, and why

    imported_by: Mapped[User | None] = relationship(foreign_keys=[imported_by_id])
    undone_by: Mapped[User | None] = relationship(foreign_keys=[undone_by_id])

    @property
    def failed_count(self) -> int:
        return len(self.failed["rows"]) if self.failed else 0
