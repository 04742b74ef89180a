"""The follow-up lists: one filtered Select shared by the list page, its export and the dashboard."""
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_sqlalchemy.pagination import SelectPagination
from sqlalchemy.orm import contains_eager, joinedload

from crm.clock import week_end
from crm.extensions import db
from crm.models import Company, FollowUp, Interaction, PipelineStatus
from crm.models.base import LabelledEnum


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


def last_interactions(visible: sa.ColumnElement[bool], company_ids: sa.Select | None = None):
    """The `visible` interactions ranked per company, newest first: rank 1 is the company's last contact.

    `company_ids` limits the ranking to the companies a list can show."""
    ranked = sa.select(
        Interaction.company_id,
        Interaction.occurred_at,
        Interaction.channel,
        Interaction.summary,
        sa.func.row_number()
        .over(
            partition_by=Interaction.company_id,
            order_by=(Interaction.occurred_at.desc(), Interaction.id.desc()),
        )
        .label("rank"),
    ).where(visible)
    if company_ids is not None:
        ranked = ranked.where(Interaction.company_id.in_(company_ids))
    return ranked.subquery("last_interaction")


def follow_up_list(criteria: FollowUpFilter) -> sa.Select:
    """Rows of (FollowUp with company, person, assignee, office and done_by loaded,
    last_at, last_channel, last_summary), sorted by due date; done ones newest first."""
    where = conditions(criteria)
    visible = Interaction.visible_to(criteria.user_id, criteria.sees_confidential)
    shown_companies = sa.select(FollowUp.company_id).join(FollowUp.company).where(*where).correlate(None)
    last = last_interactions(visible, shown_companies)
    stmt = (
        sa.select(
            FollowUp,
            last.c.occurred_at.label("last_at"),
            last.c.channel.label("last_channel"),
            last.c.summary.label("last_summary"),
        )
        .join(FollowUp.company)
        .outerjoin(last, sa.and_(last.c.company_id == FollowUp.company_id, last.c.rank == 1))
        .where(*where)
        .options(
            contains_eager(FollowUp.company),
            joinedload(FollowUp.person),
            joinedload(FollowUp.assignee),
            joinedload(FollowUp.office),
            joinedload(FollowUp.done_by),
        )
    )
    if criteria.due is Due.DONE:
        return stmt.order_by(FollowUp.due_on.desc(), Company.name, FollowUp.id.desc())
    return stmt.order_by(FollowUp.due_on, Company.name, FollowUp.id)


class RowPagination(SelectPagination):
    """db.paginate keeps only the first column of each row; this keeps whole rows."""

    def _query_items(self) -> list[sa.Row]:
        select = self._query_args["select"].limit(self.per_page).offset(self._query_offset)
        return list(self._query_args["session"].execute(select).all())


def paginate_rows(stmt: sa.Select, page: int, per_page: int) -> RowPagination:
    return RowPagination(
        select=stmt, session=db.session(), page=page, per_page=per_page, max_per_page=100, error_out=False
    )
