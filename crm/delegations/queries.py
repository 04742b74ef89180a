"""Delegation queries: the list (page and export share it), one trip with its itinerary,
and the records a visit's outcome touched."""
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from crm.companies.queries import contains
from crm.models import (
    Company,
    Delegation,
    DelegationMember,
    DelegationStatus,
    Direction,
    FollowUp,
    Interaction,
    Channel,
    Visit,
)


@dataclass(frozen=True)
class DelegationFilter:
    q: str | None = None
    year: int | None = None
    status: DelegationStatus | None = None
    direction: Direction | None = None
    office_id: int | None = None


def delegation_list(criteria: DelegationFilter) -> sa.Select:
    """Delegations matching the filter, newest trip first."""
    stmt = sa.select(Delegation).options(
        joinedload(Delegation.office),
        joinedload(Delegation.leading_institution),
        joinedload(Delegation.head),
        joinedload(Delegation.responsible),
    )
    if criteria.q:
        stmt = stmt.where(contains(Delegation.name, criteria.q))
    if criteria.year is not None:
        stmt = stmt.where(Delegation.starts_on >= date(criteria.year, 1, 1),
                          Delegation.starts_on < date(criteria.year + 1, 1, 1))
    if criteria.status is not None:
        stmt = stmt.where(Delegation.status == criteria.status)
    if criteria.direction is not None:
        stmt = stmt.where(Delegation.direction == criteria.direction)
    if criteria.office_id is not None:
        stmt = stmt.where(Delegation.office_id == criteria.office_id)
    return stmt.order_by(Delegation.starts_on.desc(), Delegation.id.desc())


def member_counts(delegation_ids: Collection[int]) -> sa.Select:
    """(delegation id, number of members) of these delegations, for a page of the list."""
    return (
        sa.select(DelegationMember.delegation_id, sa.func.count())
        .where(DelegationMember.delegation_id.in_(list(delegation_ids)))
        .group_by(DelegationMember.delegation_id)
    )


def delegation_with_itinerary(delegation_id: int) -> sa.Select:
    """One delegation with its members (companies, people) and visits (hosts, attendees)."""
    return (
        sa.select(Delegation)
        .where(Delegation.id == delegation_id)
        .options(
            joinedload(Delegation.office),
            joinedload(Delegation.leading_institution),
            joinedload(Delegation.head),
            joinedload(Delegation.responsible),
            selectinload(Delegation.members).joinedload(DelegationMember.company),
            selectinload(Delegation.members).selectinload(DelegationMember.people),
            selectinload(Delegation.visits).joinedload(Visit.host_company),
            selectinload(Delegation.visits).selectinload(Visit.members).joinedload(DelegationMember.company),
        )
    )


def company_names() -> sa.Select:
    """(id, name) of every company, by name, for the select fields."""
    return sa.select(Company.id, Company.name).order_by(Company.name, Company.id)


def host_candidates(excluded_company_ids: Collection[int]) -> sa.Select:
    """European companies (any country but China) that are not members, with their sectors."""
    stmt = sa.select(Company).where(Company.country != "CN").options(selectinload(Company.sectors))
    if excluded_company_ids:
        stmt = stmt.where(Company.id.not_in(list(excluded_company_ids)))
    return stmt.order_by(Company.name, Company.id)


def visit_interactions(visit: Visit, company_ids: Collection[int]) -> sa.Select:
    """The interactions an earlier outcome of this visit filed: channel VISIT, at the
    visit's start, for one of its companies. (Interactions do not point at visits, so
    these three together identify them.)"""
    return sa.select(Interaction).where(
        Interaction.channel == Channel.VISIT,
        Interaction.occurred_at == visit.starts_at,
        Interaction.company_id.in_(list(company_ids)),
    ).order_by(Interaction.id)


def follow_ups_of(interaction_ids: Collection[int]) -> sa.Select:
    """The ids of interactions among these that already have a follow-up."""
    return sa.select(FollowUp.interaction_id).where(FollowUp.interaction_id.in_(list(interaction_ids))).distinct()
