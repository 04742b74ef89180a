"""The dashboard's few statements: each is one query whatever the amount of data."""
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from crm.clock import week_end
from crm.followups.queries import Due, FollowUpFilter, Scope, follow_up_list
from crm.models import (
    Company,
    CompanyStatusChange,
    Delegation,
    DelegationStatus,
    Event,
    FollowUp,
    Interaction,
    Office,
    RecentCompany,
    User,
)


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


def interactions_per_month(since: datetime) -> sa.Select:
    """(office name, year, month, count) of contacts logged since `since` (naive UTC;
    months are UTC months)."""
    year = sa.extract("year", Interaction.occurred_at)
    month = sa.extract("month", Interaction.occurred_at)
    return (
        sa.select(Office.name, year, month, sa.func.count(Interaction.id))
        .join(Office, Interaction.office_id == Office.id)
        .where(Interaction.occurred_at >= since)
        .group_by(Office.name, year, month)
    )


def office_names() -> sa.Select:
    return sa.select(Office.name).order_by(Office.name)


def pipeline_at(moment: datetime) -> sa.Select:
    """(status, count) as it was at `moment` (naive UTC), from the status history: a
    company's status then is the from_status of its first change after `moment`, else
    its current one. Companies created later are left out; deleted ones are unknown."""
    first_change_after = (
        sa.select(CompanyStatusChange.from_status)
        .where(CompanyStatusChange.company_id == Company.id, CompanyStatusChange.changed_at > moment)
        .order_by(CompanyStatusChange.changed_at, CompanyStatusChange.id)
        .limit(1)
        .scalar_subquery()
    )
    then = (
        sa.select(sa.func.coalesce(first_change_after, Company.status).label("status"))
        .where(Company.created_at <= moment)
        .subquery()
    )
    return sa.select(then.c.status, sa.func.count()).group_by(then.c.status)


def follow_up_due_dates(office_id: int, since: date, today: date) -> sa.Select:
    """(due_on, done_at) of the office's follow-ups due from `since` up to today."""
    return sa.select(FollowUp.due_on, FollowUp.done_at).where(
        FollowUp.office_id == office_id, FollowUp.due_on >= since, FollowUp.due_on <= today)


def upcoming_events(today: date, until: date) -> sa.Select:
    """Events running from today up to `until`, soonest first."""
    return (
        sa.select(Event)
        .where(Event.ends_on >= today, Event.starts_on <= until)
        .options(joinedload(Event.office))
        .order_by(Event.starts_on, Event.id)
    )


def upcoming_delegations(today: date, until: date) -> sa.Select:
    """Delegations (not cancelled) travelling from today up to `until`, soonest first."""
    return (
        sa.select(Delegation)
        .where(Delegation.ends_on >= today, Delegation.starts_on <= until,
               Delegation.status != DelegationStatus.CANCELLED)
        .options(joinedload(Delegation.office))
        .order_by(Delegation.starts_on, Delegation.id)
    )


def recent_companies(user_id: int, limit: int) -> sa.Select:
    """The companies the user opened last, latest first."""
    return (
        sa.select(Company)
        .join(RecentCompany, RecentCompany.company_id == Company.id)
        .where(RecentCompany.user_id == user_id)
        .order_by(RecentCompany.viewed_at.desc())
        .limit(limit)
    )
