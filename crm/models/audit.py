"""The audit trail, and the two mixins that put a record under it.

A model that inherits `Audited` has every create, update and delete written to
`audit_entries` by the session listener in crm/services/history.py, and carries a
`version` that SQLAlchemy checks on every UPDATE (optimistic locking).
`SoftDeletable` adds the trash: deleting sets `deleted_at` instead of removing the row."""
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from crm.extensions import db
from crm.models.base import LabelledEnum, enum_column, utcnow
from crm.models.user import User


class AuditAction(LabelledEnum):
    CREATE = "create", _l("Created")
    UPDATE = "update", _l("Changed")
    DELETE = "delete", _l("Moved to the trash")
    RESTORE = "restore", _l("Restored")
    PURGE = "purge", _l("Deleted for good")


class Audited:
    """Mixin: the record's history is kept, and concurrent edits are detected."""

    # Shown in the audit log and the trash ("Company", "Follow-up"); set by each model.
    audit_label = None
    # Columns whose changes are bookkeeping, not history.
    audit_ignore = ("version", "created_at", "updated_at", "deleted_at", "deleted_by_id")

    version: Mapped[int] = mapped_column(default=1, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls):
        return {"version_id_col": cls.__table__.c.version}

    def __str__(self) -> str:
        return f"{self.audit_label} #{self.id}"

    def audit_parent(self) -> tuple[str, int] | None:
        """(entity type, id) of the record whose history also lists this one's changes."""
        return None


@sa.event.listens_for(Audited, "mapper_configured", propagate=True)
def _keep_old_values(mapper, cls) -> None:
    """Load a column's old value before it is overwritten, even when it was expired
    (after a commit), so that the history shows what it was."""
    for attr in mapper.column_attrs:
        sa.event.listen(getattr(cls, attr.key), "set", _ignore, active_history=True)


def _ignore(*_args) -> None:
    pass


class SoftDeletable:
    """Mixin: delete moves the record to the trash; lists no longer see it."""

    deleted_at: Mapped[datetime | None] = mapped_column(index=True)

    @declared_attr
    def deleted_by_id(cls) -> Mapped[int | None]:
        return mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class AuditEntry(db.Model):
    """One change to one record: who, when, what, and each field's old and new value."""

    __tablename__ = "audit_entries"
    __table_args__ = (
        sa.Index("ix_audit_entries_entity", "entity_type", "entity_id"),
        sa.Index("ix_audit_entries_parent", "parent_type", "parent_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)  # UTC
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    origin: Mapped[str] = mapped_column(sa.String(20), default="system")  # web, cli or system
    action: Mapped[AuditAction] = mapped_column(enum_column(AuditAction), index=True)
    entity_type: Mapped[str] = mapped_column(sa.String(50))
    entity_id: Mapped[int]
    entity_label: Mapped[str | None] = mapped_column(sa.String(300))
    parent_type: Mapped[str | None] = mapped_column(sa.String(50))
    parent_id: Mapped[int | None]
    version: Mapped[int | None]  # the record's version after this change
    changes: Mapped[dict] = mapped_column(sa.JSON, default=dict)  # {field: [old, new]}
    operation_id: Mapped[str | None] = mapped_column(sa.String(36), index=True)
    operation_label: Mapped[str | None] = mapped_column(sa.String(200))

    user: Mapped[User | None] = relationship()
