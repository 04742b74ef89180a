"""Bulk edit of companies chosen from the list: one action applied to many records.

    resolve(ids)                  the live companies among posted ids, and how many were not
    preview(edit, companies)      how many would change and how many are skipped (already so)
    apply(edit, companies)        make the change (flushed, not committed); same counts

The view wraps `apply` in `history.operation(label)` so every audit entry of the bulk edit
carries one operation id and label.
"""
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import sqlalchemy as sa

from crm.extensions import db
from crm.models import (
    Company,
    Delegation,
    DelegationMember,
    Event,
    Participant,
    PipelineStatus,
    Sector,
    Side,
    Tag,
    User,
)

# The most ids one request may post; "all matching the filter" has no such limit.
MAX_IDS = 5000


class Action(enum.StrEnum):
    OWNER = "owner"
    STATUS = "status"
    TAGS = "tags"
    SECTOR = "sector"
    EVENT = "event"
    DELEGATION = "delegation"


@dataclass(frozen=True)
class BulkEdit:
    """One action and its value: the field matching the action is set."""

    action: Action
    owner: User | None = None
    status: PipelineStatus | None = None
    tags: Sequence[Tag] = field(default_factory=tuple)
    sector: Sector | None = None
    event: Event | None = None
    side: Side = Side.A
    delegation: Delegation | None = None


@dataclass(frozen=True)
class Outcome:
    changed: int
    skipped: int  # already had the value, or were in the event or delegation already


@dataclass(frozen=True)
class Selection:
    companies: list[Company]
    ignored: int  # posted ids that are no company, or one in the trash


def parse_ids(values: Iterable[str]) -> tuple[list[int], int]:
    """Posted id strings as distinct ints, in order; returns (ids, how many were not ids)."""
    ids, bad = [], 0
    for value in values:
        text = (value or "").strip()
        if text.isascii() and text.isdigit() and len(text) < 12:
            if int(text) not in ids:
                ids.append(int(text))
        else:
            bad += 1
    return ids, bad


def resolve(ids: Sequence[int]) -> Selection:
    """The companies with these ids (those in the trash are hidden by the session)."""
    found = db.session.scalars(sa.select(Company).where(Company.id.in_(ids)).order_by(Company.id)).all() if ids else []
    return Selection(list(found), len(ids) - len(found))


def _already(edit: BulkEdit, companies: Sequence[Company]) -> set[int]:
    """Ids of the companies the action would not change."""
    ids = [c.id for c in companies]
    if edit.action is Action.EVENT:
        return set(db.session.scalars(sa.select(Participant.company_id).where(
            Participant.event_id == edit.event.id, Participant.company_id.in_(ids))))
    if edit.action is Action.DELEGATION:
        return set(db.session.scalars(sa.select(DelegationMember.company_id).where(
            DelegationMember.delegation_id == edit.delegation.id, DelegationMember.company_id.in_(ids))))
    unchanged = {
        Action.OWNER: lambda c: c.owner_id == edit.owner.id,
        Action.STATUS: lambda c: c.status == edit.status,
        Action.TAGS: lambda c: all(tag in c.tags for tag in edit.tags),
        Action.SECTOR: lambda c: edit.sector in c.sectors,
    }[edit.action]
    return {c.id for c in companies if unchanged(c)}


def preview(edit: BulkEdit, companies: Sequence[Company]) -> Outcome:
    skipped = len(_already(edit, companies))
    return Outcome(len(companies) - skipped, skipped)


def apply(edit: BulkEdit, companies: Sequence[Company]) -> Outcome:
    """Change every company the action concerns; the caller commits."""
    already = _already(edit, companies)
    changing = [c for c in companies if c.id not in already]
    for company in changing:
        if edit.action is Action.OWNER:
            company.owner = edit.owner
        elif edit.action is Action.STATUS:
            company.status = edit.status
        elif edit.action is Action.TAGS:
            company.tags = list(company.tags) + [tag for tag in edit.tags if tag not in company.tags]
        elif edit.action is Action.SECTOR:
            company.sectors = list(company.sectors) + [edit.sector]
        elif edit.action is Action.EVENT:
            db.session.add(Participant(event_id=edit.event.id, company_id=company.id, side=edit.side))
        else:
            db.session.add(DelegationMember(delegation_id=edit.delegation.id, company_id=company.id))
    db.session.flush()
    return Outcome(len(changing), len(already))
