"""Event queries: the list, one event's participants, requests and meetings (each loaded
with what its page shows, so no page runs a query per row), the history between
companies for the match suggestions, and the records an outcome filed."""
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import aliased, joinedload, selectinload

from crm.companies.queries import contains
from crm.models import (
    Agreement,
    AgreementStatus,
    Company,
    Event,
    EventKind,
    FollowUp,
    Interaction,
    Meeting,
    MeetingRequest,
    Participant,
    RequestStatus,
    agreement_parties,
)

UPCOMING, PAST = "upcoming", "past"


@dataclass(frozen=True)
class EventFilter:
    q: str | None = None
    when: str | None = None  # UPCOMING, PAST or None for all
    kind: EventKind | None = None
    office_id: int | None = None
    year: int | None = None


def event_list(criteria: EventFilter, today: date) -> sa.Select:
    """Events matching the filter: upcoming ones soonest first, past (and all) ones newest first."""
    stmt = sa.select(Event).options(joinedload(Event.office))
    if criteria.q:
        stmt = stmt.where(sa.or_(contains(Event.name, criteria.q), contains(Event.city, criteria.q)))
    if criteria.when == UPCOMING:
        stmt = stmt.where(Event.ends_on >= today)
    elif criteria.when == PAST:
        stmt = stmt.where(Event.ends_on < today)
    if criteria.kind is not None:
        stmt = stmt.where(Event.kind == criteria.kind)
    if criteria.office_id is not None:
        stmt = stmt.where(Event.office_id == criteria.office_id)
    if criteria.year is not None:
        stmt = stmt.where(Event.starts_on >= date(criteria.year, 1, 1), Event.starts_on < date(criteria.year + 1, 1, 1))
    if criteria.when == UPCOMING:
        return stmt.order_by(Event.starts_on, Event.id)
    return stmt.order_by(Event.starts_on.desc(), Event.id.desc())


def participant_counts(event_ids: Collection[int]) -> sa.Select:
    """(event id, number of participants) for a page of the list."""
    return (sa.select(Participant.event_id, sa.func.count()).where(Participant.event_id.in_(list(event_ids)))
            .group_by(Participant.event_id))


def event_with_days(event_id: int) -> sa.Select:
    return sa.select(Event).where(Event.id == event_id).options(joinedload(Event.office), selectinload(Event.days))


def participants_of(event_id: int) -> sa.Select:
    """The event's participants with their companies (sectors, owner) and attending people, by company name."""
    return (
        sa.select(Participant)
        .join(Participant.company)
        .where(Participant.event_id == event_id)
        .options(
            joinedload(Participant.company).selectinload(Company.sectors),
            joinedload(Participant.company).joinedload(Company.owner),
            selectinload(Participant.people),
        )
        .order_by(Company.name, Participant.id)
    )


def participant_ids(event_id: int) -> sa.Select:
    return sa.select(Participant.id).where(Participant.event_id == event_id)


def participant_names(event_id: int) -> sa.Select:
    """(participant id, company name, side) of the event, by name, for select fields."""
    return (
        sa.select(Participant.id, Company.name, Participant.side)
        .join(Company, Company.id == Participant.company_id)
        .where(Participant.event_id == event_id)
        .order_by(Company.name, Participant.id)
    )


def requests_of(event_id: int, status: RequestStatus | None = None, participant_id: int | None = None) -> sa.Select:
    """The event's meeting requests with both companies and who recorded them, newest first."""
    stmt = (
        sa.select(MeetingRequest)
        .where(MeetingRequest.event_id == event_id)
        .options(
            joinedload(MeetingRequest.requester).joinedload(Participant.company),
            joinedload(MeetingRequest.counterpart).joinedload(Participant.company),
            joinedload(MeetingRequest.created_by),
        )
    )
    if status is not None:
        stmt = stmt.where(MeetingRequest.status == status)
    if participant_id is not None:
        stmt = stmt.where(sa.or_(MeetingRequest.requester_id == participant_id,
                                 MeetingRequest.counterpart_id == participant_id))
    return stmt.order_by(MeetingRequest.priority.desc(), MeetingRequest.created_at.desc(), MeetingRequest.id.desc())


def request_rows(event_id: int) -> sa.Select:
    """Every request of the event, unloaded relations (for the scheduler and the report)."""
    return sa.select(MeetingRequest).where(MeetingRequest.event_id == event_id).order_by(MeetingRequest.id)


def meetings_of(event_id: int) -> sa.Select:
    """The event's meetings with both participants, their companies and people, by slot and table."""
    return (
        sa.select(Meeting)
        .where(Meeting.event_id == event_id)
        .options(
            joinedload(Meeting.a).options(joinedload(Participant.company), selectinload(Participant.people)),
            joinedload(Meeting.b).options(joinedload(Participant.company), selectinload(Participant.people)),
        )
        .order_by(Meeting.slot, Meeting.table_number)
    )


def meeting_rows(event_id: int) -> sa.Select:
    """The event's meetings without their participants (for the scheduler's run)."""
    return sa.select(Meeting).where(Meeting.event_id == event_id).order_by(Meeting.slot, Meeting.table_number)


def meeting_counts(event_id: int) -> sa.Select:
    """(participant id, number of meetings) at the event."""
    ends = sa.union_all(
        sa.select(Meeting.a_id.label("pid")).where(Meeting.event_id == event_id),
        sa.select(Meeting.b_id.label("pid")).where(Meeting.event_id == event_id),
    ).subquery()
    return sa.select(ends.c.pid, sa.func.count()).group_by(ends.c.pid)


def request_counts(event_id: int) -> sa.Select:
    """(participant id, status, number of requests it is part of) at the event."""
    ends = sa.union_all(
        sa.select(MeetingRequest.requester_id.label("pid"), MeetingRequest.status.label("status"))
        .where(MeetingRequest.event_id == event_id),
        sa.select(MeetingRequest.counterpart_id.label("pid"), MeetingRequest.status.label("status"))
        .where(MeetingRequest.event_id == event_id),
    ).subquery()
    return sa.select(ends.c.pid, ends.c.status, sa.func.count()).group_by(ends.c.pid, ends.c.status)


def request_pairs(event_id: int) -> sa.Select:
    """(requester id, counterpart id) of every request of the event."""
    return sa.select(MeetingRequest.requester_id, MeetingRequest.counterpart_id).where(
        MeetingRequest.event_id == event_id)


# --- history between companies ---------------------------------------------------------------------------------------

def met_elsewhere(event_id: int, company_ids: Collection[int]) -> sa.Select:
    """(company id, company id) of these companies that had a meeting at another event."""
    a, b = aliased(Participant), aliased(Participant)
    ids = list(company_ids)
    return (
        sa.select(a.company_id, b.company_id).select_from(Meeting)
        .join(a, a.id == Meeting.a_id).join(b, b.id == Meeting.b_id)
        .where(Meeting.event_id != event_id, a.company_id.in_(ids), b.company_id.in_(ids)).distinct()
    )


def declined_between(company_ids: Collection[int]) -> sa.Select:
    """(company id, company id) of these companies with a declined meeting request at any event."""
    a, b = aliased(Participant), aliased(Participant)
    ids = list(company_ids)
    return (
        sa.select(a.company_id, b.company_id).select_from(MeetingRequest)
        .join(a, a.id == MeetingRequest.requester_id).join(b, b.id == MeetingRequest.counterpart_id)
        .where(MeetingRequest.status == RequestStatus.DECLINED, a.company_id.in_(ids), b.company_id.in_(ids))
        .distinct()
    )


def partners_among(company_ids: Collection[int]) -> sa.Select:
    """(company id, company id) of these companies that are parties to one signed or active agreement."""
    one, other = aliased(agreement_parties), aliased(agreement_parties)
    ids = list(company_ids)
    return (
        sa.select(one.c.company_id, other.c.company_id)
        .join(other, sa.and_(other.c.agreement_id == one.c.agreement_id, other.c.company_id > one.c.company_id))
        .join(Agreement, Agreement.id == one.c.agreement_id)
        .where(Agreement.status.in_([AgreementStatus.SIGNED, AgreementStatus.ACTIVE]),
               one.c.company_id.in_(ids), other.c.company_id.in_(ids))
        .distinct()
    )


# --- what outcomes filed ---------------------------------------------------------------------------------------------

def fair_interactions(meeting_id: int, at: datetime) -> sa.Select:
    """The interactions a meeting's outcome (filed at its start) or review (at its review
    time) put in the companies' histories; `at` tells the two apart."""
    return (sa.select(Interaction).where(Interaction.meeting_id == meeting_id, Interaction.occurred_at == at)
            .order_by(Interaction.id))


def followed_up(interaction_ids: Collection[int]) -> sa.Select:
    """The ids of interactions among these that already have a follow-up."""
    return sa.select(FollowUp.interaction_id).where(FollowUp.interaction_id.in_(list(interaction_ids))).distinct()


def event_follow_ups(event_id: int) -> sa.Select:
    """Follow-ups planned from the event's outcomes and reviews."""
    return (
        sa.select(FollowUp)
        .join(Interaction, Interaction.id == FollowUp.interaction_id)
        .join(Meeting, Meeting.id == Interaction.meeting_id)
        .where(Meeting.event_id == event_id)
        .order_by(FollowUp.id)
    )
