"""The audit log's query, shared by its page and its XLSX export."""
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from crm.models import AuditAction, AuditEntry


@dataclass(frozen=True)
class AuditFilter:
    user_id: int | None = None
    entity_type: str | None = None
    action: AuditAction | None = None
    since: datetime | None = None  # UTC, inclusive
    before: datetime | None = None  # UTC, exclusive


def audit_log(criteria: AuditFilter) -> sa.Select:
    """Matching entries, newest first."""
    stmt = sa.select(AuditEntry).order_by(AuditEntry.id.desc())
    if criteria.user_id:
        stmt = stmt.where(AuditEntry.user_id == criteria.user_id)
    if criteria.entity_type:
        stmt = stmt.where(AuditEntry.entity_type == criteria.entity_type)
    if criteria.action:
        stmt = stmt.where(AuditEntry.action == criteria.action)
    if criteria.since:
        stmt = stmt.where(AuditEntry.at >= criteria.since)
    if criteria.before:
        stmt = stmt.where(AuditEntry.at < criteria.before)
    return stmt
