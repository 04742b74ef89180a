"""The follow-up lists: one filtered Select shared by the list page, its export and the dashboard."""
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy.orm import contains_eager, joinedload

from crm.clock import week_end
from crm.extensions import db
from crm.models import Company, FollowUp, Interaction, PipelineStatus
from crm.models.base import LabelledEnum
from crm.pagination import paginate_ids


class Scope(LabelledEnum):
    MINE = "mine", _l("Assigned to me")
    OFFICE = "office", _l("Office")
    EVERYONE = "everyone", _l("Everyone")


class Due(LabelledEnum):
    OPEN = "open", _l("All open")
    OVERDUE = "overdue", _l("Overdue")
    TODAY = "today", _l("Due today")
    WEEK = "week", _l("Due this week")
    RANGE = "range", _l("Due in a date range")
    DONE = "done", _l("Done")


@dataclass(frozen=True)
class FollowUpFilter:
    """What a follow-up list shows. `today` is the asking user's local date.

    A new filter (an event, a sector...) is one more field here and one more
    condition in `conditions`."""

    user_id: int
    office_id: int
    today: date
    scope: Scope = Scope.MINE
    due: Due = Due.OPEN
    date_from: date | None = None  # due on or after; narrows any `due` choice
    date_to: date | None = None  # due on or before
    status: PipelineStatus | None = None
    # Whether the asking user (user_id) sees others' confidential interactions as the last contact.
    sees_confidential: bool = False


def conditions(criteria: FollowUpFilter) -> list[sa.ColumnElement[bool]]:
    """The WHERE clauses of a filter (the statement joins Company)."""
    where: list[sa.ColumnElement[bool]] = []
    if criteria.scope is Scope.MINE:
        where.append(FollowUp.assignee_id == criteria.user_id)
    elif criteria.scope is Scope.OFFICE:
        where.append(FollowUp.office_id == criteria.office_id)

    today = criteria.today
    if criteria.due is Due.DONE:
        where.append(FollowUp.done_at.is_not(None))
    else:
        where.append(FollowUp.done_at.is_(None))
    if criteria.due is Due.OVERDUE:
        where.append(FollowUp.due_on < today)
    elif criteria.due is Due.TODAY:
        where.append(FollowUp.due_on == today)
    elif criteria.due is Due.WEEK:
        where.append(FollowUp.due_on.between(today, week_end(today)))
    if criteria.date_from is not None:
        where.append(FollowUp.due_on >= criteria.date_from)
    if criteria.date_to is not None:
        where.append(FollowUp.due_on <= criteria.date_to)

    if criteria.status is not None:
        where.append(Company.status == criteria.status)
    return where


def last_interaction_id(visible: sa.ColumnElement[bool]) -> sa.ScalarSelect:
    """The id of the follow-up's company's latest contact that the user may see (`visible`), for each row.

    A correlated LIMIT 1 answered by ix_interactions_company_occurred: one index probe per row shown. (It
    replaced a row_number() window over every interaction of every company in the filter, which cost 40 ms
    for the overdue list of one office at 400,000 interactions, for the count as much as for the page.)"""
    return (
        sa.select(Interaction.id)
        .where(Interaction.company_id == FollowUp.company_id, visible)
        .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
        .limit(1)
        .correlate(FollowUp)
        .scalar_subquery()
    )


def ordering(criteria: FollowUpFilter) -> list:
    if criteria.due is Due.DONE:
        return [FollowUp.due_on.desc(), Company.name, FollowUp.id.desc()]
    return [FollowUp.due_on, Company.name, FollowUp.id]


def follow_up_ids(criteria: FollowUpFilter) -> sa.Select:
    """The ids of the list's follow-ups in its order: what a page skips over (crm.pagination)."""
    return (sa.select(FollowUp.id).join(FollowUp.company).where(*conditions(criteria))
            .order_by(*ordering(criteria)))


def follow_up_list(criteria: FollowUpFilter) -> sa.Select:
    """Rows of (FollowUp with company, person, assignee, office and done_by loaded,
    last_at, last_channel, last_summary), sorted by due date; done ones newest first."""
    visible = Interaction.visible_to(criteria.user_id, criteria.sees_confidential)
    last = sa.orm.aliased(Interaction, name="last_interaction")
    return (
        sa.select(
            FollowUp,
            last.occurred_at.label("last_at"),
            last.channel.label("last_channel"),
            last.summary.label("last_summary"),
        )
        .join(FollowUp.company)
        .outerjoin(last, last.id == last_interaction_id(visible))
        .where(*conditions(criteria))
        .options(
            contains_eager(FollowUp.company),
            joinedload(FollowUp.person),
            joinedload(FollowUp.assignee),
            joinedload(FollowUp.office),
            joinedload(FollowUp.done_by),
        )
        .order_by(*ordering(criteria))
    )


def paginate_rows(criteria: FollowUpFilter, per_page: int) -> Pagination:
    """A page of follow_up_list: the ids of the page first, then their rows with the last contacts."""
    stmt = follow_up_list(criteria)
    return paginate_ids(follow_up_ids(criteria), lambda ids: db.session.execute(stmt.where(FollowUp.id.in_(ids))).all(),
                        per_page=per_page)
