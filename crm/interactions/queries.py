"""The contact list: every logged interaction, filtered, newest first."""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from crm.models import Channel, Company, Interaction, User


@dataclass
class InteractionFilter:
    viewer: User  # confidential contacts of others are left out for staff and viewers
    q: str | None = None
    channel: Channel | None = None
    office_id: int | None = None
    author_id: int | None = None
    # Whole days in the user's clock, as UTC bounds: [starts_at, ends_before).
    starts_at: datetime | None = None
    ends_before: datetime | None = None


def day_bounds(date_from: date | None, date_to: date | None, to_utc) -> tuple[datetime | None, datetime | None]:
    """The UTC bounds of the days from `date_from` to `date_to` (inclusive) in the user's clock."""
    starts = to_utc(datetime.combine(date_from, time())) if date_from else None
    ends = to_utc(datetime.combine(date_to + timedelta(days=1), time())) if date_to else None
    return starts, ends


def interaction_list(criteria: InteractionFilter) -> sa.Select:
    stmt = (
        sa.select(Interaction)
        .join(Company, Company.id == Interaction.company_id)
        .options(joinedload(Interaction.company), joinedload(Interaction.author), joinedload(Interaction.office),
                 selectinload(Interaction.people))
        .where(Interaction.visible_to_user(criteria.viewer))
        .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
    )
    if criteria.q:
        pattern = f"%{criteria.q.lower()}%"
        stmt = stmt.where(sa.or_(
            sa.func.lower(Interaction.summary).like(pattern), sa.func.lower(Interaction.outcome).like(pattern),
            sa.func.lower(Company.name).like(pattern), Company.name_local.like(f"%{criteria.q}%"),
        ))
    if criteria.channel:
        stmt = stmt.where(Interaction.channel == criteria.channel)
    if criteria.office_id:
        stmt = stmt.where(Interaction.office_id == criteria.office_id)
    if criteria.author_id:
        stmt = stmt.where(Interaction.author_id == criteria.author_id)
    if criteria.starts_at:
        stmt = stmt.where(Interaction.occurred_at >= criteria.starts_at)
    if criteria.ends_before:
        stmt = stmt.where(Interaction.occurred_at < criteria.ends_before)
    return stmt
