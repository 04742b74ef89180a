"""A delegation's itinerary: the date rules, its .ics calendar and spreadsheet rows, and
what recording a visit's outcome adds to the companies' histories.

Nothing here queries the database or commits: callers load what is needed (visits with
their host and members) and add what is returned.
"""
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from flask_babel import force_locale, get_babel
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from crm.models import (
    Channel,
    Company,
    Delegation,
    DelegationMember,
    FollowUp,
    Interaction,
    MeetingOutcome,
    Role,
    User,
    Visit,
)
from crm.services.followups import plan_follow_up

FOLLOW_UP_OUTCOMES = frozenset({MeetingOutcome.POSSIBLE, MeetingOutcome.AGREEMENT})
FOLLOW_UP_DAYS = 14


# --- dates -----------------------------------------------------------------------------------------------------------

def ends_before_start(start, end) -> bool:
    """True when both are given and the end comes first (a trip may end on its first day)."""
    return start is not None and end is not None and end < start


def visit_ends_too_early(starts_at: datetime, ends_at: datetime | None) -> bool:
    """A visit with an end must end after it starts."""
    return ends_at is not None and ends_at <= starts_at


def outside_trip(day: date, starts_on: date, ends_on: date) -> bool:
    """True when `day` is not one of the trip's days."""
    return not starts_on <= day <= ends_on


def local_time(utc: datetime, zone: ZoneInfo) -> datetime:
    """A stored naive UTC time as naive local time in `zone`."""
    return utc.replace(tzinfo=timezone.utc).astimezone(zone).replace(tzinfo=None)


def visits_outside(visits: Iterable[Visit], starts_on: date, ends_on: date, zone: ZoneInfo) -> list[Visit]:
    """The visits that would fall outside the trip if its dates changed to these."""
    return [
        v for v in visits
        if outside_trip(local_time(v.starts_at, zone).date(), starts_on, ends_on)
        or (v.ends_at is not None and outside_trip(local_time(v.ends_at, zone).date(), starts_on, ends_on))
    ]


def zone_of(delegation: Delegation) -> ZoneInfo:
    """The zone the itinerary is printed and exported in: its office's, else UTC."""
    return ZoneInfo(delegation.office.timezone if delegation.office else "UTC")


# --- the itinerary as a calendar and as rows -------------------------------------------------------------------------

def visit_title(visit: Visit) -> str:
    if visit.host_company is not None:
        return f"{visit.kind.label}: {visit.host_company.name}"
    return f"{visit.kind.label}: {visit.delegation.name}"


def member_names(visit: Visit) -> str:
    return ", ".join(sorted(m.company.name for m in visit.members))


def itinerary_ics(delegation: Delegation, visits: Iterable[Visit], zone: ZoneInfo, stamp: datetime) -> bytes:
    """The itinerary as an iCalendar file, times with the TZID of `zone` (and its VTIMEZONE).

    `stamp` (naive UTC) is the DTSTAMP of every entry; UIDs are stable per visit, so a
    calendar that imports the file again updates the entries instead of doubling them."""
    calendar = Calendar()
    calendar.add("prodid", "-//Jadebridge//Delegation itinerary//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", delegation.name)
    stamp = stamp.replace(tzinfo=timezone.utc)
    for visit in visits:
        entry = CalendarEvent()
        entry.add("uid", f"delegation-{delegation.id}-visit-{visit.id}@jadebridge")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", _zoned(visit.starts_at, zone))
        if visit.ends_at is not None:
            entry.add("dtend", _zoned(visit.ends_at, zone))
        entry.add("summary", visit_title(visit))
        if visit.place:
            entry.add("location", visit.place)
        entry.add("description", "\n".join(_description(delegation, visit)))
        calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _zoned(utc: datetime, zone: ZoneInfo) -> datetime:
    return utc.replace(tzinfo=timezone.utc).astimezone(zone)


def _description(delegation: Delegation, visit: Visit) -> list[str]:
    lines = [_("Delegation: %(name)s", name=delegation.name)]
    if visit.host_company is not None:
        lines.append(_("Host: %(name)s", name=visit.host_company.name))
    if visit.members:
        lines.append(_("Members attending: %(names)s", names=member_names(visit)))
    if visit.interpreter:
        lines.append(_("Interpreter: %(need)s", need=visit.interpreter))
    if visit.notes:
        lines.append(visit.notes)
    return lines


ITINERARY_HEADERS = [
    _l("Date"), _l("Starts"), _l("Ends"), _l("Kind"), _l("Host company"), _l("Place"), _l("Members attending"),
    _l("Interpreter"), _l("Notes"), _l("Outcome"), _l("Outcome note"),
]


def itinerary_rows(visits: Iterable[Visit], zone: ZoneInfo) -> list[list]:
    """One row per visit, times in `zone`, for the XLSX export."""
    rows = []
    for visit in visits:
        starts = local_time(visit.starts_at, zone)
        ends = local_time(visit.ends_at, zone) if visit.ends_at else None
        rows.append([
            starts.date(), starts.strftime("%H:%M"), ends.strftime("%H:%M") if ends else None, visit.kind,
            visit.host_company.name if visit.host_company else None, visit.place, member_names(visit),
            visit.interpreter, visit.notes, visit.outcome, visit.outcome_note,
        ])
    return rows


MEMBER_HEADERS = [_l("Company"), _l("Local name"), _l("City"), _l("Country"), _l("Travellers"), _l("Interests")]


def member_rows(members: Iterable[DelegationMember]) -> list[list]:
    """One row per member company, for the XLSX export."""
    return [
        [m.company.name, m.company.name_local, m.company.city, m.company.country,
         ", ".join(p.name for p in m.people), m.interests]
        for m in members
    ]


# --- outcomes --------------------------------------------------------------------------------------------------------

@dataclass
class RecordedOutcome:
    """What recording an outcome changed, for the caller to add and to report."""

    created: list[Interaction] = field(default_factory=list)
    updated: list[Interaction] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)


def visit_companies(visit: Visit) -> list[Company]:
    """The host, then the companies of the members who attended, each once."""
    companies = ([visit.host_company] if visit.host_company is not None else []) + [
        m.company for m in sorted(visit.members, key=lambda m: m.company.name)
    ]
    seen, unique = set(), []
    for company in companies:
        if company.id not in seen:
            seen.add(company.id)
            unique.append(company)
    return unique


def follow_up_assignee(company: Company, user: User) -> User:
    """The company's owner while they can act on follow-ups, else the user recording."""
    owner = company.owner
    if owner is not None and owner.active and owner.role != Role.VIEWER:
        return owner
    return user


def record_visit_outcome(
    visit: Visit,
    outcome: MeetingOutcome,
    note: str | None,
    user: User,
    when: datetime,
    today: date,
    existing: Mapping[int, Interaction] | None = None,
    followed_up: Collection[int] = (),
) -> RecordedOutcome:
    """Set the visit's outcome and file it in the host's and each attending member's history.

    One interaction per company (channel VISIT, at the visit's start). `existing` maps
    company ids to the interactions an earlier recording made (see the delegation views'
    `visit_interactions`): those are updated, not doubled. A visit that did not take place
    adds no interaction, but corrects ones recorded earlier. "Cooperation possible" and
    "Agreement reached" plan a follow-up for the company's owner in FOLLOW_UP_DAYS days,
    unless the interaction already has one (ids in `followed_up`)."""
    existing = existing or {}
    note = (note or "").strip() or None
    visit.outcome = outcome
    visit.outcome_note = note
    visit.outcome_recorded_at = when
    result = RecordedOutcome()
    with force_locale(user.language or get_babel().default_locale):
        summary = visit_summary(visit)
        outcome_text = str(outcome.label) + (f": {note}" if note else "")
        next_step = _("Follow up on the delegation visit (%(name)s)", name=visit.delegation.name)
    for company in visit_companies(visit):
        interaction = existing.get(company.id)
        if interaction is None:
            if outcome == MeetingOutcome.NOT_HELD:
                continue
            interaction = Interaction(company=company, author=user, office_id=user.office_id,
                                      occurred_at=visit.starts_at, channel=Channel.VISIT)
            result.created.append(interaction)
        else:
            result.updated.append(interaction)
        interaction.summary = summary
        interaction.outcome = outcome_text
        if outcome in FOLLOW_UP_OUTCOMES and (interaction.id is None or interaction.id not in followed_up):
            result.follow_ups.append(plan_follow_up(
                company=company, next_step=next_step[:500], due_on=today + timedelta(days=FOLLOW_UP_DAYS),
                assignee=follow_up_assignee(company, user), created_by=user, interaction=interaction,
            ))
    return result


def visit_summary(visit: Visit) -> str:
    """The history line: which delegation, which host, what kind of item (in the current locale)."""
    if visit.host_company is not None:
        return _("%(kind)s: delegation “%(delegation)s” at %(host)s", kind=visit.kind.label,
                 delegation=visit.delegation.name, host=visit.host_company.name)
    return _("%(kind)s: delegation “%(delegation)s”", kind=visit.kind.label, delegation=visit.delegation.name)
