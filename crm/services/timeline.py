"""Timelines and the annual report.

A company's timeline (interactions, fair meetings, delegation visits and memberships,
agreements) and the offices' milestones (openings, fairs, forums, agreements,
delegations) are each one UNION ALL statement, however many items they hold. The
annual report counts an office's year in a handful of grouped statements.

Rows come back as `TimelineItem`s: plain values, enum codes instead of labels, so a
template can label and link them (templates/timeline/_items.html).
"""
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import aliased
from sqlalchemy.sql.functions import FunctionElement

from crm.extensions import db
from crm.models import (
    Agreement,
    AgreementStatus,
    Channel,
    Company,
    Delegation,
    DelegationMember,
    DelegationStatus,
    Event,
    EventKind,
    FollowUp,
    Interaction,
    Meeting,
    MeetingOutcome,
    Office,
    Participant,
    User,
    Visit,
    agreement_parties,
    visit_members,
)

# Kinds of company timeline items.
INTERACTION = "interaction"
FAIR_MEETING = "fair_meeting"
HOSTED_VISIT = "hosted_visit"  # the company received a delegation
VISIT = "visit"  # the company travelled with the delegation and attended
DELEGATION = "delegation"  # the company was a member of a delegation
AGREEMENT = "agreement"

# Kinds of office milestones: the event kinds, plus these two.
MILESTONE_KINDS = [kind.value for kind in EventKind] + [AGREEMENT, DELEGATION]


class day_start(FunctionElement):
    """A DATE column as the DATETIME of its midnight, so dated and timed items sort together."""

    type = sa.DateTime()
    name = "day_start"
    inherit_cache = True


@compiles(day_start)
def _day_start(element, compiler, **kw):
    return "CAST(%s AS TIMESTAMP)" % compiler.process(element.clauses, **kw)


@compiles(day_start, "sqlite")
def _day_start_sqlite(element, compiler, **kw):
    # SQLite keeps dates as 'YYYY-MM-DD' text; datetime() gives 'YYYY-MM-DD 00:00:00'.
    return "datetime(%s)" % compiler.process(element.clauses, **kw)


@dataclass(frozen=True)
class TimelineItem:
    """One line of a timeline.

    `at` is naive UTC when `dated_only` is false, else the (local) day at midnight.
    `code` is the enum value that says what it was (a Channel, VisitKind, AgreementKind
    or EventKind value); `state` an outcome or status value; `parent_id` the event or
    delegation the item belongs to; `other` a second name (author, counterpart, host).
    """

    kind: str
    id: int
    at: datetime
    dated_only: bool
    title: str
    code: str | None = None
    state: str | None = None
    detail: str | None = None
    other: str | None = None
    parent_id: int | None = None
    office: str | None = None

    @property
    def day(self) -> date:
        return self.at.date()


COLUMNS = ("kind", "id", "at", "dated_only", "title", "code", "state", "detail", "other", "parent_id", "office")


def _row(kind: str, id, at, dated_only: bool, title, code=None, state=None, detail=None, other=None,
         parent_id=None, office=None) -> list:
    """The columns of one select of a union, typed and labelled alike in every select."""

    def text(value):
        return sa.cast(value if value is not None else sa.null(), sa.String)

    values = [
        sa.cast(sa.literal_column(f"'{kind}'"), sa.String),  # kinds are this module's constants
        id,
        at,
        sa.cast(sa.literal_column("1" if dated_only else "0"), sa.Integer),
        text(title),
        text(code),
        text(state),
        text(detail),
        text(other),
        sa.cast(parent_id if parent_id is not None else sa.null(), sa.Integer),
        text(office),
    ]
    return [value.label(name) for value, name in zip(values, COLUMNS)]


def _items(stmt: sa.Select) -> list[TimelineItem]:
    return [
        TimelineItem(**{**row._mapping, "dated_only": bool(row.dated_only)})
        for row in db.session.execute(stmt)
    ]


# --- a company's timeline --------------------------------------------------------------------------------------------

def company_timeline_statement(company_id: int, newest_first: bool = True, viewer: User | None = None) -> sa.Select:
    """Everything that happened with one company, as one UNION ALL; confidential interactions only
    when `viewer` may see them."""
    interactions = (
        sa.select(*_row(
            INTERACTION, Interaction.id, Interaction.occurred_at, False, Interaction.summary,
            code=Interaction.channel, detail=Interaction.outcome, other=User.name,
        ))
        .join(User, User.id == Interaction.author_id)
        .where(Interaction.company_id == company_id,
               Interaction.visible_to_user(viewer) if viewer else Interaction.visible_to(None))
    )

    mine, theirs = aliased(Participant), aliased(Participant)
    counterpart = aliased(Company)
    fair_meetings = (
        sa.select(*_row(
            FAIR_MEETING, Meeting.id, day_start(Event.starts_on), True, Event.name,
            code=Event.kind, state=sa.func.coalesce(Meeting.reviewed_outcome, Meeting.outcome),
            detail=sa.func.coalesce(Meeting.review_note, Meeting.outcome_note), other=counterpart.name,
            parent_id=Event.id,
        ))
        .join(Event, Event.id == Meeting.event_id)
        .join(mine, sa.or_(mine.id == Meeting.a_id, mine.id == Meeting.b_id))
        .join(theirs, sa.and_(sa.or_(theirs.id == Meeting.a_id, theirs.id == Meeting.b_id), theirs.id != mine.id))
        .join(counterpart, counterpart.id == theirs.company_id)
        .where(mine.company_id == company_id)
    )

    host = aliased(Company)
    hosted_visits = (
        sa.select(*_row(
            HOSTED_VISIT, Visit.id, Visit.starts_at, False, Delegation.name,
            code=Visit.kind, state=Visit.outcome, detail=Visit.outcome_note, other=Visit.place,
            parent_id=Delegation.id,
        ))
        .join(Delegation, Delegation.id == Visit.delegation_id)
        .where(Visit.host_company_id == company_id)
    )
    attended_visits = (
        sa.select(*_row(
            VISIT, Visit.id, Visit.starts_at, False, Delegation.name,
            code=Visit.kind, state=Visit.outcome, detail=Visit.outcome_note, other=host.name,
            parent_id=Delegation.id,
        ))
        .join(Delegation, Delegation.id == Visit.delegation_id)
        .join(visit_members, visit_members.c.visit_id == Visit.id)
        .join(DelegationMember, DelegationMember.id == visit_members.c.member_id)
        .outerjoin(host, host.id == Visit.host_company_id)
        .where(DelegationMember.company_id == company_id)
    )
    memberships = (
        sa.select(*_row(
            DELEGATION, DelegationMember.id, day_start(Delegation.starts_on), True, Delegation.name,
            code=Delegation.direction, state=Delegation.status, detail=DelegationMember.interests,
            other=Delegation.host_cities, parent_id=Delegation.id,
        ))
        .join(Delegation, Delegation.id == DelegationMember.delegation_id)
        .where(DelegationMember.company_id == company_id)
    )

    signed = Agreement.signed_on.is_not(None)
    agreements = (
        sa.select(*_row(
            AGREEMENT, Agreement.id,
            sa.case((signed, day_start(Agreement.signed_on)), else_=Agreement.created_at),
            True, Agreement.title,
            code=Agreement.kind, state=Agreement.status, detail=Agreement.summary, other=Agreement.signed_place,
        ))
        .join(agreement_parties, agreement_parties.c.agreement_id == Agreement.id)
        .where(agreement_parties.c.company_id == company_id)
    )

    union = sa.union_all(interactions, fair_meetings, hosted_visits, attended_visits, memberships, agreements)
    items = union.subquery("items")
    order = [items.c.at.desc(), items.c.kind, items.c.id.desc()] if newest_first else [
        items.c.at, items.c.kind, items.c.id]
    return sa.select(items).order_by(*order)


def company_timeline(company_id: int, newest_first: bool = True, viewer: User | None = None) -> list[TimelineItem]:
    """The company's interactions, fair meetings, delegation visits (as host or member),
    delegation memberships and agreements, in one list; one SQL statement.

    Fair meetings are dated by their fair's first day (the grid keeps slots, not times);
    a draft agreement without a signing date by the day it was entered."""
    return _items(company_timeline_statement(company_id, newest_first, viewer))


# --- office and organisation milestones ------------------------------------------------------------------------------

@dataclass(frozen=True)
class MilestoneFilter:
    year: int | None = None
    office_id: int | None = None  # None: the whole organisation
    kind: str | None = None  # an EventKind value, "agreement" or "delegation"


def _year_range(column, year: int):
    return sa.and_(column >= date(year, 1, 1), column < date(year + 1, 1, 1))


def milestones_statement(criteria: MilestoneFilter) -> sa.Select:
    """Events, signed agreements and delegations (not cancelled ones), newest first."""
    selects = []
    kind = criteria.kind

    if kind is None or kind in {k.value for k in EventKind}:
        events = (
            sa.select(*_row(
                "event", Event.id, day_start(Event.starts_on), True, Event.name,
                code=Event.kind, detail=Event.description, other=Event.city, office=Office.name,
            ))
            .outerjoin(Office, Office.id == Event.office_id)
        )
        if kind is not None:
            events = events.where(Event.kind == EventKind(kind))
        if criteria.office_id is not None:
            events = events.where(Event.office_id == criteria.office_id)
        if criteria.year is not None:
            events = events.where(_year_range(Event.starts_on, criteria.year))
        selects.append(events)

    if kind in (None, AGREEMENT):
        agreements = (
            sa.select(*_row(
                AGREEMENT, Agreement.id, day_start(Agreement.signed_on), True, Agreement.title,
                code=Agreement.kind, state=Agreement.status, detail=Agreement.summary,
                other=Agreement.signed_place, office=Office.name,
            ))
            .outerjoin(Office, Office.id == Agreement.office_id)
            .where(Agreement.signed_on.is_not(None), Agreement.status != AgreementStatus.DRAFT)
        )
        if criteria.office_id is not None:
            agreements = agreements.where(Agreement.office_id == criteria.office_id)
        if criteria.year is not None:
            agreements = agreements.where(_year_range(Agreement.signed_on, criteria.year))
        selects.append(agreements)

    if kind in (None, DELEGATION):
        delegations = (
            sa.select(*_row(
                DELEGATION, Delegation.id, day_start(Delegation.starts_on), True, Delegation.name,
                code=Delegation.direction, state=Delegation.status, detail=Delegation.purpose,
                other=Delegation.host_cities, office=Office.name,
            ))
            .outerjoin(Office, Office.id == Delegation.office_id)
            .where(Delegation.status != DelegationStatus.CANCELLED)
        )
        if criteria.office_id is not None:
            delegations = delegations.where(Delegation.office_id == criteria.office_id)
        if criteria.year is not None:
            delegations = delegations.where(_year_range(Delegation.starts_on, criteria.year))
        selects.append(delegations)

    if not selects:  # an unknown kind: nothing, but still a valid statement
        selects.append(sa.select(*_row("event", Event.id, day_start(Event.starts_on), True, Event.name)).where(
            sa.false()))
    items = (sa.union_all(*selects) if len(selects) > 1 else selects[0]).subquery("milestones")
    return sa.select(items).order_by(items.c.at.desc(), items.c.kind, items.c.id.desc())


def milestones(criteria: MilestoneFilter) -> list[TimelineItem]:
    """The office's (or, without an office, the organisation's) milestones; one statement."""
    return _items(milestones_statement(criteria))


def milestone_years() -> list[int]:
    """The years that have any milestone, newest first, for the year filter."""
    years = set()
    for column in (Event.starts_on, Agreement.signed_on, Delegation.starts_on):
        low, high = db.session.execute(sa.select(sa.func.min(column), sa.func.max(column))).one()
        if low is not None:
            years.update(range(_as_date(low).year, _as_date(high).year + 1))
    return sorted(years, reverse=True)


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


# --- the annual report -----------------------------------------------------------------------------------------------

@dataclass
class AnnualReport:
    """An office's year in figures; the lists are records for the report's tables."""

    office: Office
    year: int
    companies_contacted: int = 0
    new_companies: int = 0
    interactions_by_channel: dict[Channel, int] = field(default_factory=dict)
    delegations: list[Delegation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    fair_meetings_held: int = 0
    visits_held: int = 0
    agreements: list[Agreement] = field(default_factory=list)
    follow_ups_due: int = 0
    follow_ups_done: int = 0
    follow_ups_on_time: int = 0

    @property
    def interactions(self) -> int:
        return sum(self.interactions_by_channel.values())

    @property
    def fairs(self) -> list[Event]:
        return [e for e in self.events if e.kind == EventKind.FAIR]

    @property
    def meetings_held(self) -> int:
        return self.fair_meetings_held + self.visits_held

    @property
    def on_time_share(self) -> float | None:
        return self.follow_ups_on_time / self.follow_ups_due if self.follow_ups_due else None


def year_bounds_utc(year: int, zone_name: str) -> tuple[datetime, datetime]:
    """1 January to 1 January in the office's clock, as naive UTC."""
    zone = ZoneInfo(zone_name or "UTC")

    def utc(day: date) -> datetime:
        return datetime.combine(day, time(), zone).astimezone(timezone.utc).replace(tzinfo=None)

    return utc(date(year, 1, 1)), utc(date(year + 1, 1, 1))


HELD = [MeetingOutcome.INFORMATIVE, MeetingOutcome.NO_INTEREST, MeetingOutcome.POSSIBLE, MeetingOutcome.AGREEMENT]


def annual_report(office: Office, year: int) -> AnnualReport:
    """What `office` did in `year` (its own clock): a fixed number of statements.

    Interactions count by the office they were logged for; companies by the office
    looking after them; meetings held are fair meetings and delegation visits with an
    outcome other than "did not take place"; a follow-up is on time when it was done
    by the end of its due day in the office's clock."""
    start, end = year_bounds_utc(year, office.timezone)
    report = AnnualReport(office=office, year=year)

    in_year = sa.and_(Interaction.office_id == office.id, Interaction.occurred_at >= start,
                      Interaction.occurred_at < end)
    report.interactions_by_channel = {
        channel: count
        for channel, count in db.session.execute(
            sa.select(Interaction.channel, sa.func.count()).where(in_year).group_by(Interaction.channel)
        )
    }
    report.companies_contacted = db.session.scalar(
        sa.select(sa.func.count(sa.distinct(Interaction.company_id))).where(in_year)
    )
    report.new_companies = db.session.scalar(
        sa.select(sa.func.count()).select_from(Company).where(
            Company.office_id == office.id, Company.created_at >= start, Company.created_at < end
        )
    )
    report.delegations = db.session.scalars(
        sa.select(Delegation)
        .where(Delegation.office_id == office.id, _year_range(Delegation.starts_on, year))
        .order_by(Delegation.starts_on, Delegation.id)
    ).all()
    report.events = db.session.scalars(
        sa.select(Event)
        .where(Event.office_id == office.id, _year_range(Event.starts_on, year))
        .order_by(Event.starts_on, Event.id)
    ).all()
    report.fair_meetings_held = db.session.scalar(
        sa.select(sa.func.count()).select_from(Meeting).join(Event, Event.id == Meeting.event_id).where(
            Event.office_id == office.id, _year_range(Event.starts_on, year),
            sa.func.coalesce(Meeting.reviewed_outcome, Meeting.outcome).in_(HELD),
        )
    )
    report.visits_held = db.session.scalar(
        sa.select(sa.func.count()).select_from(Visit).join(Delegation, Delegation.id == Visit.delegation_id).where(
            Delegation.office_id == office.id, Visit.starts_at >= start, Visit.starts_at < end,
            Visit.outcome.in_(HELD),
        )
    )
    report.agreements = db.session.scalars(
        sa.select(Agreement)
        .where(Agreement.office_id == office.id, _year_range(Agreement.signed_on, year),
               Agreement.status != AgreementStatus.DRAFT)
        .order_by(Agreement.signed_on, Agreement.id)
    ).all()
    due_rows = db.session.execute(
        sa.select(FollowUp.due_on, FollowUp.done_at).where(
            FollowUp.office_id == office.id, _year_range(FollowUp.due_on, year)
        )
    ).all()
    zone = ZoneInfo(office.timezone or "UTC")
    tally = Counter()
    for due_on, done_at in due_rows:
        tally["due"] += 1
        if done_at is not None:
            tally["done"] += 1
            if done_at.replace(tzinfo=timezone.utc).astimezone(zone).date() <= due_on:
                tally["on_time"] += 1
    report.follow_ups_due, report.follow_ups_done, report.follow_ups_on_time = (
        tally["due"], tally["done"], tally["on_time"])
    return report
