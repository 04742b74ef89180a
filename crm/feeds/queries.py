"""What a user's calendar feed holds, one Select per kind of entry."""
from datetime import date, datetime, time

import sqlalchemy as sa
from sqlalchemy.orm import aliased, joinedload

from crm.models import (
    Company,
    Delegation,
    DelegationStatus,
    Event,
    FollowUp,
    Meeting,
    Participant,
    User,
    Visit,
)


def user_by_token(token: str) -> sa.Select:
    """The active user whose feed this token opens (none for a revoked or unknown one)."""
    return sa.select(User).where(User.calendar_token == token, User.active.is_(True))


def open_follow_ups(user_id: int) -> sa.Select:
    """Every open follow-up assigned to the user, company and person loaded."""
    return (
        sa.select(FollowUp)
        .where(FollowUp.assignee_id == user_id, FollowUp.done_at.is_(None))
        .options(joinedload(FollowUp.company), joinedload(FollowUp.person))
        .order_by(FollowUp.due_on, FollowUp.id)
    )


def owned_meetings(user_id: int, since: date) -> sa.Select:
    """Fair meetings where either company is owned by the user, at events ending on or after `since`."""
    side_a, side_b = aliased(Participant), aliased(Participant)
    company_a, company_b = aliased(Company), aliased(Company)
    return (
        sa.select(Meeting)
        .join(Meeting.event)
        .join(side_a, Meeting.a_id == side_a.id)
        .join(company_a, side_a.company_id == company_a.id)
        .join(side_b, Meeting.b_id == side_b.id)
        .join(company_b, side_b.company_id == company_b.id)
        .where(sa.or_(company_a.owner_id == user_id, company_b.owner_id == user_id), Event.ends_on >= since)
        .options(
            joinedload(Meeting.event).joinedload(Event.office),
            joinedload(Meeting.event).selectinload(Event.days),
            joinedload(Meeting.a).joinedload(Participant.company),
            joinedload(Meeting.a).selectinload(Participant.people),
            joinedload(Meeting.b).joinedload(Participant.company),
            joinedload(Meeting.b).selectinload(Participant.people),
        )
        .order_by(Event.starts_on, Meeting.slot, Meeting.id)
    )


def responsible_visits(user_id: int, since: date) -> sa.Select:
    """Itinerary visits of delegations the user is responsible for (not cancelled ones),
    starting on or after `since`."""
    return (
        sa.select(Visit)
        .join(Visit.delegation)
        .where(
            Delegation.responsible_id == user_id,
            Delegation.status != DelegationStatus.CANCELLED,
            Visit.starts_at >= datetime.combine(since, time.min),
        )
        .options(joinedload(Visit.delegation), joinedload(Visit.host_company))
        .order_by(Visit.starts_at, Visit.id)
    )
