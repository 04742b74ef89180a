"""The company list: one filtered, sorted Select shared by the page and its exports."""
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from crm.models import (
    Affiliation,
    Company,
    FollowUp,
    Interaction,
    Person,
    PipelineStatus,
    company_sectors,
    User,
    company_tags,
)

SORT_COLUMNS = {
    "name": Company.name,
    "city": Company.city,
    "country": Company.country,
    "status": Company.status,
    "updated": Company.updated_at,
}


@dataclass(frozen=True)
class CompanyFilter:
    q: str | None = None
    city: str | None = None
    country: str | None = None
    sector_id: int | None = None
    status: PipelineStatus | None = None
    owner_id: int | None = None
    office_id: int | None = None
    tag_id: int | None = None
    sort: str = "name"  # a key of SORT_COLUMNS, "-" in front for descending


def contains(column, text: str) -> sa.ColumnElement[bool]:
    """Case-insensitive substring match, with the user's % and _ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.ilike(f"%{escaped}%", escape="\\")


def search(text: str) -> sa.ColumnElement[bool]:
    """Name in either script, website, company e-mail, or the e-mail of one of its people
    (so 'tu-dresden.de' finds the company whose staff write from there)."""
    people_match = (
        sa.select(Affiliation.id)
        .join(Person, Person.id == Affiliation.person_id)
        .where(Affiliation.company_id == Company.id, contains(Person.email, text))
        .exists()
    )
    return sa.or_(
        contains(Company.name, text),
        contains(Company.name_local, text),
        contains(Company.website, text),
        contains(Company.email, text),
        people_match,
    )


def conditions(criteria: CompanyFilter) -> list[sa.ColumnElement[bool]]:
    where = []
    if criteria.q:
        where.append(search(criteria.q))
    if criteria.city:
        where.append(sa.func.lower(Company.city) == criteria.city.lower())
    if criteria.country:
        where.append(Company.country == criteria.country)
    if criteria.status is not None:
        where.append(Company.status == criteria.status)
    if criteria.owner_id is not None:
        where.append(Company.owner_id == criteria.owner_id)
    if criteria.office_id is not None:
        where.append(Company.office_id == criteria.office_id)
    if criteria.sector_id is not None:
        where.append(
            sa.select(company_sectors.c.company_id)
            .where(company_sectors.c.company_id == Company.id, company_sectors.c.sector_id == criteria.sector_id)
            .exists()
        )
    if criteria.tag_id is not None:
        where.append(
            sa.select(company_tags.c.company_id)
            .where(company_tags.c.company_id == Company.id, company_tags.c.tag_id == criteria.tag_id)
            .exists()
        )
    return where


def ordering(sort: str) -> list:
    descending = sort.startswith("-")
    column = SORT_COLUMNS.get(sort.lstrip("-"), Company.name)
    first = column.desc() if descending else column.asc()
    return [first, Company.name, Company.id]  # ties in a stable order, for paging


def company_list(criteria: CompanyFilter) -> sa.Select:
    """Companies matching the filter, with what the list and export show loaded eagerly."""
    return (
        sa.select(Company)
        .where(*conditions(criteria))
        .options(
            selectinload(Company.sectors),
            selectinload(Company.tags),
            joinedload(Company.owner),
            joinedload(Company.office),
        )
        .order_by(*ordering(criteria.sort))
    )


def company_history(company_id: int, viewer: User) -> sa.Select:
    """The company's interactions `viewer` may see, newest first, with author and people loaded."""
    return (
        sa.select(Interaction)
        .where(Interaction.company_id == company_id, Interaction.visible_to_user(viewer))
        .options(joinedload(Interaction.author), selectinload(Interaction.people))
        .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
    )


def open_follow_ups(company_id: int) -> sa.Select:
    return (
        sa.select(FollowUp)
        .where(FollowUp.company_id == company_id, FollowUp.done_at.is_(None))
        .options(joinedload(FollowUp.assignee), joinedload(FollowUp.person))
        .order_by(FollowUp.due_on, FollowUp.id)
    )


def company_affiliations(company_id: int) -> sa.Select:
    """Everyone linked to the company: current positions first, then past ones."""
    return (
        sa.select(Affiliation)
        .join(Affiliation.person)  # an inner join, so people in the trash drop out
        .where(Affiliation.company_id == company_id)
        .options(contains_eager(Affiliation.person))
        .order_by(Affiliation.ended_on.is_not(None), Affiliation.ended_on.desc(), Affiliation.id)
    )


def current_people(company_id: int) -> sa.Select:
    return (
        sa.select(Person)
        .join(Affiliation, Affiliation.person_id == Person.id)
        .where(Affiliation.company_id == company_id, Affiliation.ended_on.is_(None))
        .order_by(Person.name)
        .distinct()
    )
