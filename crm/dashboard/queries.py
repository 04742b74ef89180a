"""The dashboard's few statements: each is one query whatever the amount of data."""
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from crm.clock import week_end
from crm.followups.queries import Due, FollowUpFilter, Scope, follow_up_list
from crm.models import Company, FollowUp, Interaction, User


def my_follow_ups_until_sunday(user: User, today: date) -> sa.Select:
    """The user's open follow-ups due up to the end of this week, overdue ones first."""
    return follow_up_list(
        FollowUpFilter(
            user_id=user.id,
            office_id=user.office_id,
            today=today,
            scope=Scope.MINE,
            due=Due.OPEN,
            date_to=week_end(today),
            sees_confidential=user.is_manager,
        )
    )


def summary_figures(user: User, today: date, contacts_since: datetime) -> sa.Select:
    """One row: my overdue, due this week and open follow-ups, my office's overdue ones
    and my office's contacts since `contacts_since` (naive UTC)."""

    def count_follow_ups(*where):
        return (
            sa.select(sa.func.count(FollowUp.id)).where(FollowUp.done_at.is_(None), *where).scalar_subquery()
        )

    mine = FollowUp.assignee_id == user.id
    return sa.select(
        count_follow_ups(mine, FollowUp.due_on < today).label("my_overdue"),
        count_follow_ups(mine, FollowUp.due_on.between(today, week_end(today))).label("my_this_week"),
        count_follow_ups(mine).label("my_open"),
        count_follow_ups(FollowUp.office_id == user.office_id, FollowUp.due_on < today).label("office_overdue"),
        sa.select(sa.func.count(Interaction.id))
        .where(Interaction.office_id == user.office_id, Interaction.occurred_at >= contacts_since)
        .scalar_subquery()
        .label("office_contacts"),
    )


def recent_interactions(viewer: User, limit: int = 15) -> sa.Select:
    """The latest contacts logged for the viewer's office that they may see, with company and author loaded."""
    return (
        sa.select(Interaction)
        .where(Interaction.office_id == viewer.office_id, Interaction.visible_to_user(viewer))
        .options(joinedload(Interaction.company), joinedload(Interaction.author))
        .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
        .limit(limit)
    )


def pipeline_counts() -> sa.Select:
    """(status, number of companies) for every status that has companies."""
    return sa.select(Company.status, sa.func.count(Company.id)).group_by(Company.status)
