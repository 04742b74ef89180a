"""Matchmaking fairs: the meeting grid, the scheduler's instance, agendas and their .ics
file, outcomes in the companies' histories, and the figures of the event report.

Nothing here queries the database or commits: callers load the rows (participants with
their companies, requests, meetings) and add what is returned. The grid's times are naive
local times in the zone of the office that runs the event (`event_zone`); stored times
are naive UTC, as everywhere else.

Slots are numbered from 0 across the meeting days in order. A slot of `slot_minutes`
starts when the day starts or the previous slot ends; a slot that would overlap a break
starts when the break ends instead, and one that would not end by the day's end is
dropped (the same rule as crm.services.calendar_feed.slot_times, which the user's
calendar feed uses).
"""
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask_babel import force_locale, get_babel
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from crm.models import (
    Channel,
    Company,
    Event,
    FollowUp,
    Interaction,
    Meeting,
    MeetingOutcome,
    MeetingRequest,
    Participant,
    Priority,
    RequestStatus,
    Role,
    Side,
    User,
)
from crm.services import scheduling
from crm.services.followups import plan_follow_up

FOLLOW_UP_OUTCOMES = frozenset({MeetingOutcome.POSSIBLE, MeetingOutcome.AGREEMENT})
FOLLOW_UP_DAYS = 14
# Outcomes of a meeting that took place (as the timeline and the annual report count them).
HELD_OUTCOMES = frozenset({MeetingOutcome.NO_INTEREST, MeetingOutcome.INFORMATIVE, MeetingOutcome.POSSIBLE,
                           MeetingOutcome.AGREEMENT})


# --- breaks ----------------------------------------------------------------------------------------------------------

_BREAK = re.compile(r"^(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})$")
_SEPARATORS = re.compile(r"[,;\n]")


class BreaksError(ValueError):
    """A break that cannot be read; the message names the part as typed."""


def parse_breaks(text: str | None) -> list[tuple[time, time]]:
    """'12:00-13:00, 15:30-15:45' as (start, end) pairs in time order.

    Commas, semicolons or new lines separate breaks; 12.00 and an en dash are read too.
    Raises BreaksError for a part that is not a break, not a time of day, or ends
    before it starts."""
    breaks = []
    for raw in _SEPARATORS.split(text or ""):
        part = raw.strip()
        if not part:
            continue
        found = _BREAK.match(part)
        if not found:
            raise BreaksError(_l("“%(part)s” is not a break like 12:00-13:00.", part=part))
        try:
            start = time(int(found[1]), int(found[2]))
            end = time(int(found[3]), int(found[4]))
        except ValueError:
            raise BreaksError(_l("“%(part)s” is not a time of day.", part=part)) from None
        if end <= start:
            raise BreaksError(_l("The break “%(part)s” does not end after it starts.", part=part))
        breaks.append((start, end))
    return sorted(breaks)


def read_breaks(text: str | None) -> list[tuple[time, time]]:
    """Stored breaks, leaving out a part that cannot be read (forms never store one)."""
    breaks = []
    for part in _SEPARATORS.split(text or ""):
        try:
            breaks.extend(parse_breaks(part))
        except BreaksError:
            continue
    return sorted(breaks)


def format_breaks(breaks: Iterable[tuple[time, time]]) -> str | None:
    """The stored form: '12:00-13:00, 15:30-15:45', or None without breaks."""
    text = ", ".join(f"{start:%H:%M}-{end:%H:%M}" for start, end in breaks)
    return text or None


# --- the grid --------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Slot:
    """One meeting slot: its number (from 0 across all days) and its local start and end."""

    index: int
    start: datetime
    end: datetime

    @property
    def day(self) -> date:
        return self.start.date()


def slot_grid(days: Iterable, slot_minutes: int | None) -> list[Slot]:
    """The slots of meeting days (anything with day, starts_at, ends_at and breaks), in order."""
    if not slot_minutes or slot_minutes <= 0:
        return []
    length = timedelta(minutes=slot_minutes)
    slots: list[Slot] = []
    for day in sorted(days, key=lambda d: d.day):
        breaks = [(datetime.combine(day.day, start), datetime.combine(day.day, end))
                  for start, end in read_breaks(day.breaks)]
        start, day_end = datetime.combine(day.day, day.starts_at), datetime.combine(day.day, day.ends_at)
        while start + length <= day_end:
            end = start + length
            overlapping = [b_end for b_start, b_end in breaks if b_start < end and start < b_end]
            if overlapping:
                start = max(overlapping)
                continue
            slots.append(Slot(len(slots), start, end))
            start = end
    return slots


def grid_of(event: Event) -> list[Slot]:
    return slot_grid(event.days, event.slot_minutes)


def slots_by_day(grid: Sequence[Slot]) -> list[tuple[date, list[Slot]]]:
    """The grid grouped by day, for the availability checkboxes and the schedule grid."""
    days: dict[date, list[Slot]] = {}
    for slot in grid:
        days.setdefault(slot.day, []).append(slot)
    return list(days.items())


def slot_at(grid: Sequence[Slot], index: int) -> Slot | None:
    """The slot with this number, or None when the grid has no such slot (any more)."""
    return grid[index] if 0 <= index < len(grid) else None


# --- changing the grid -----------------------------------------------------------------------------------------------

def slot_map(old: Sequence[Slot], new: Sequence[Slot]) -> dict[int, int]:
    """Old slot number -> new slot number, for the slots whose start and end stay the same."""
    by_time = {(s.start, s.end): s.index for s in new}
    return {s.index: by_time[(s.start, s.end)] for s in old if (s.start, s.end) in by_time}


def stranded_meetings(meetings: Iterable[Meeting], old: Sequence[Slot], new: Sequence[Slot],
                      tables: int | None) -> list[Meeting]:
    """Meetings a new grid would lose: their slot's time is gone, or their table is."""
    kept = slot_map(old, new)
    return [m for m in meetings if m.slot not in kept or tables is None or m.table_number > tables]


def remap_availability(available: list[int] | None, old: Sequence[Slot], new: Sequence[Slot]) -> list[int] | None:
    """A participant's available slots in a new grid: the new slots that lie wholly within
    the time its old available slots covered (None, every slot, stays None)."""
    if available is None:
        return None
    covered: list[list[datetime]] = []
    for slot in sorted((s for s in old if s.index in set(available)), key=lambda s: s.start):
        if covered and slot.start <= covered[-1][1]:
            covered[-1][1] = max(covered[-1][1], slot.end)
        else:
            covered.append([slot.start, slot.end])
    return [s.index for s in new if any(start <= s.start and s.end <= end for start, end in covered)]


# --- time zones ------------------------------------------------------------------------------------------------------

def event_zone(event: Event) -> ZoneInfo:
    """Meeting days are typed, printed and exported in the clock of the office running the event."""
    try:
        return ZoneInfo(event.office.timezone) if event.office and event.office.timezone else ZoneInfo("UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def local_to_utc(local: datetime, zone: ZoneInfo) -> datetime:
    """A naive local time of the grid as naive UTC (for storing)."""
    return local.replace(tzinfo=zone).astimezone(timezone.utc).replace(tzinfo=None)


def utc_to_local(utc: datetime, zone: ZoneInfo) -> datetime:
    return utc.replace(tzinfo=timezone.utc).astimezone(zone).replace(tzinfo=None)


# --- the scheduler's instance ----------------------------------------------------------------------------------------

def key(participant_id: int) -> str:
    """A participant's id in the scheduler: its database id as text."""
    return str(participant_id)


def pair_of(meeting: Meeting) -> frozenset[int]:
    return frozenset((meeting.a_id, meeting.b_id))


def is_fixed(meeting: Meeting) -> bool:
    """Rescheduling keeps a meeting in place when it is locked or has an outcome (it took place)."""
    return meeting.locked or meeting.outcome is not None or meeting.reviewed_outcome is not None


@dataclass(frozen=True)
class FairInstance:
    """The scheduler's instance for a fair, and the request each pair's meeting answers."""

    instance: scheduling.Instance
    request_of: dict[frozenset[int], MeetingRequest]


def build_instance(slot_count: int, tables: int, participants: Iterable[Participant],
                   requests: Iterable[MeetingRequest], fixed: Iterable[Meeting] = ()) -> FairInstance:
    """The instance: every participant (its availability inside the grid, its maximum),
    the ACCEPTED requests (a pair counted once, with its highest priority; the instance
    merges them) and `fixed` meetings as locked ones.

    A fixed meeting whose pair has no accepted request any more (declined or deleted since)
    stays where it is: its pair gets a request of its former priority (else "if time
    allows"). Raises scheduling.InstanceError when a fixed meeting breaks a rule."""
    participants = list(participants)
    known = {p.id for p in participants}
    scheduler_participants = [
        scheduling.Participant(
            id=key(p.id), side=p.side.value,
            available=None if p.available_slots is None else frozenset(
                s for s in p.available_slots if isinstance(s, int) and 0 <= s < slot_count),
            max_meetings=p.max_meetings,
        )
        for p in participants
    ]
    best: dict[frozenset[int], MeetingRequest] = {}
    any_status: dict[frozenset[int], MeetingRequest] = {}
    for r in sorted(requests, key=lambda r: (-r.priority, r.id or 0)):
        pair = frozenset((r.requester_id, r.counterpart_id))
        if not pair <= known or len(pair) != 2:
            continue
        any_status.setdefault(pair, r)
        if r.status == RequestStatus.ACCEPTED:
            best.setdefault(pair, r)
    scheduler_requests = [scheduling.Request(key(r.requester_id), key(r.counterpart_id), int(r.priority))
                          for r in best.values()]
    locked = []
    for m in fixed:
        pair = pair_of(m)
        if pair not in best:
            former = any_status.get(pair)
            scheduler_requests.append(scheduling.Request(
                key(m.a_id), key(m.b_id), int(former.priority) if former else int(Priority.IF_TIME)))
        locked.append(scheduling.Meeting(key(m.a_id), key(m.b_id), m.slot, m.table_number))
    instance = scheduling.Instance(slots=max(slot_count, 1), tables=max(tables, 1),
                                   participants=tuple(scheduler_participants),
                                   requests=tuple(scheduler_requests), locked=tuple(locked))
    return FairInstance(instance, best)


def as_scheduled(meeting: Meeting) -> scheduling.Meeting:
    return scheduling.Meeting(key(meeting.a_id), key(meeting.b_id), meeting.slot, meeting.table_number)


def current_schedule(fair: FairInstance, meetings: Iterable[Meeting]) -> scheduling.Schedule:
    """The meetings as they stand, as a schedule for the scheduler's edits and its report
    (which requests are unscheduled and why, who got fewer meetings). Its bound is unknown (0)."""
    return scheduling.Schedule(fair.instance, tuple(as_scheduled(m) for m in meetings), bound=0)


class Conflict(str):
    """Why a meeting as it stands breaks a rule (after availability or the grid changed)."""


NOT_IN_GRID = Conflict("not_in_grid")
NO_TABLE = Conflict("no_table")
UNAVAILABLE = Conflict("unavailable")
DOUBLE_BOOKED = Conflict("double_booked")


def meeting_conflicts(meetings: Iterable[Meeting], participants: Mapping[int, Participant], slot_count: int,
                      tables: int | None) -> dict[int, list[tuple[Conflict, Participant | None]]]:
    """Meeting id -> what is wrong with it: its slot is not in the grid, its table does not
    exist, a participant is not available then, or has another meeting in the same slot."""
    meetings = list(meetings)
    busy = Counter((who, m.slot) for m in meetings for who in (m.a_id, m.b_id))
    found: dict[int, list[tuple[Conflict, Participant | None]]] = {}
    for m in meetings:
        problems: list[tuple[Conflict, Participant | None]] = []
        if not 0 <= m.slot < slot_count:
            problems.append((NOT_IN_GRID, None))
        if tables is None or not 1 <= m.table_number <= tables:
            problems.append((NO_TABLE, None))
        for who in (m.a_id, m.b_id):
            participant = participants.get(who)
            if participant is None:
                continue
            if participant.available_slots is not None and m.slot not in participant.available_slots:
                problems.append((UNAVAILABLE, participant))
            if busy[(who, m.slot)] > 1:
                problems.append((DOUBLE_BOOKED, participant))
        if problems:
            found[m.id] = problems
    return found


def meeting_rows(event_id: int, schedule: scheduling.Schedule, fair: FairInstance, previous: Iterable[Meeting],
                 now: datetime) -> list[Meeting]:
    """New rows for the schedule's meetings that were not locked. A pair that keeps its slot
    and table keeps its `placed_at`, so only real changes show as changed on the agendas."""
    locked = {frozenset((int(m.a), int(m.b))) for m in fair.instance.locked}
    before = {pair_of(m): m for m in previous}
    rows = []
    for m in schedule.meetings:
        pair = frozenset((int(m.a), int(m.b)))
        if pair in locked:
            continue
        old = before.get(pair)
        unchanged = old is not None and (old.slot, old.table_number) == (m.slot, m.table)
        request = fair.request_of.get(pair)
        rows.append(Meeting(
            event_id=event_id, a_id=int(m.a), b_id=int(m.b), slot=m.slot, table_number=m.table,
            request_id=request.id if request is not None else None,
            placed_at=old.placed_at if unchanged else now,
        ))
    return rows


# --- agendas ---------------------------------------------------------------------------------------------------------

def is_changed(meeting: Meeting, final_at: datetime | None) -> bool:
    """Placed (or moved) after the final agenda went out."""
    return final_at is not None and meeting.placed_at > final_at


@dataclass(frozen=True)
class AgendaLine:
    """A meeting on an agenda: its slot (None when the grid has lost it), the counterpart
    (on a participant's agenda) and whether it changed since the final agenda."""

    meeting: Meeting
    slot: Slot | None
    changed: bool
    counterpart: Participant | None = None

    @property
    def hosts_first(self) -> tuple[Participant, Participant]:
        """The two participants, the host side (B) first, for table agendas."""
        a, b = self.meeting.a, self.meeting.b
        return (b, a) if a.side != Side.B and b.side == Side.B else (a, b)


def participant_agenda(participant_id: int, meetings: Iterable[Meeting], grid: Sequence[Slot],
                       final_at: datetime | None) -> list[AgendaLine]:
    lines = [
        AgendaLine(m, slot_at(grid, m.slot), is_changed(m, final_at), m.b if m.a_id == participant_id else m.a)
        for m in meetings if participant_id in (m.a_id, m.b_id)
    ]
    return sorted(lines, key=lambda line: (line.meeting.slot, line.meeting.table_number))


def table_agenda(table: int, meetings: Iterable[Meeting], grid: Sequence[Slot],
                 final_at: datetime | None) -> list[AgendaLine]:
    lines = [AgendaLine(m, slot_at(grid, m.slot), is_changed(m, final_at)) for m in meetings
             if m.table_number == table]
    return sorted(lines, key=lambda line: line.meeting.slot)


def offers_of(participant: Participant) -> str | None:
    """What a participant offers at this fair, else its company's standing profile."""
    return participant.offers or participant.company.offers


def seeks_of(participant: Participant) -> str | None:
    return participant.seeks or participant.company.seeks


def contacts_of(participant: Participant) -> str:
    """Its attending people, with e-mail and phone where known."""
    return "; ".join(
        ", ".join(filter(None, (person.display_name, person.email, person.phone))) for person in participant.people
    )


PARTICIPANT_AGENDA_HEADERS = [
    _l("Date"), _l("Starts"), _l("Ends"), _l("Table"), _l("Counterpart"), _l("Side"), _l("Offers"), _l("Seeks"),
    _l("Contact"), _l("Changed"),
]
TABLE_AGENDA_HEADERS = [_l("Date"), _l("Starts"), _l("Ends"), _l("Participant"), _l("Side"), _l("Participant"),
                        _l("Side"), _l("Changed")]


def _times(slot: Slot | None) -> list:
    if slot is None:
        return [None, None, None]
    return [slot.day, slot.start.strftime("%H:%M"), slot.end.strftime("%H:%M")]


def _changed(line: AgendaLine) -> str | None:
    return _("changed") if line.changed else None


def participant_agenda_rows(lines: Iterable[AgendaLine]) -> list[list]:
    """One spreadsheet row per meeting of a participant's agenda."""
    return [
        [*_times(line.slot), line.meeting.table_number, line.counterpart.company.name, line.counterpart.side,
         offers_of(line.counterpart), seeks_of(line.counterpart), contacts_of(line.counterpart), _changed(line)]
        for line in lines
    ]


def table_agenda_rows(lines: Iterable[AgendaLine]) -> list[list]:
    """One spreadsheet row per meeting at a table, the host first."""
    rows = []
    for line in lines:
        first, second = line.hosts_first
        rows.append([*_times(line.slot), first.company.name, first.side, second.company.name, second.side,
                     _changed(line)])
    return rows


def agenda_ics(event: Event, participant: Participant, lines: Iterable[AgendaLine], zone: ZoneInfo,
               stamp: datetime) -> bytes:
    """A participant's agenda as an iCalendar file, times with the TZID of the event's zone.

    `stamp` (naive UTC) is every entry's DTSTAMP. An entry's UID is the event and the pair,
    so importing a newer agenda updates a moved meeting instead of adding a second one.
    A meeting changed since the final agenda says so in its DESCRIPTION."""
    calendar = Calendar()
    calendar.add("prodid", "-//Jadebridge//Fair agenda//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{event.name}: {participant.company.name}")
    calendar.add("x-wr-timezone", zone.key)
    stamp = stamp.replace(tzinfo=timezone.utc)
    for line in lines:
        if line.slot is None:
            continue
        meeting, other = line.meeting, line.counterpart
        low, high = sorted((meeting.a_id, meeting.b_id))
        entry = CalendarEvent()
        entry.add("uid", f"fair-{event.id}-meeting-{low}-{high}@jadebridge")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", line.slot.start.replace(tzinfo=zone))
        entry.add("dtend", line.slot.end.replace(tzinfo=zone))
        entry.add("last-modified", meeting.placed_at.replace(tzinfo=timezone.utc))
        entry.add("summary", _("Meeting: %(company)s", company=other.company.name))
        place = ", ".join(filter(None, (event.venue, event.city)))
        table = _("Table %(number)s", number=meeting.table_number)
        entry.add("location", f"{place}, {table}" if place else table)
        entry.add("description", "\n".join(_ics_description(event, line)))
        calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _ics_description(event: Event, line: AgendaLine) -> list[str]:
    other = line.counterpart
    lines = []
    if line.changed:
        lines.append(_("CHANGED after the final agenda."))
    elif event.agenda_final_at is None:
        lines.append(_("Preliminary agenda: times may still change."))
    lines.append(_("%(event)s, table %(number)s", event=event.name, number=line.meeting.table_number))
    lines.append(_("Counterpart: %(company)s (%(side)s)", company=other.company.display_name, side=other.side.label))
    if offers_of(other):
        lines.append(_("Offers: %(text)s", text=offers_of(other)))
    if seeks_of(other):
        lines.append(_("Seeks: %(text)s", text=seeks_of(other)))
    if other.people:
        lines.append(_("Contact: %(people)s", people=contacts_of(other)))
    return lines


# --- outcomes --------------------------------------------------------------------------------------------------------

@dataclass
class RecordedOutcome:
    """What recording an outcome or a review changed, for the caller to add and to report."""

    created: list[Interaction] = field(default_factory=list)
    updated: list[Interaction] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)


def follow_up_assignee(company: Company, user: User) -> User:
    """The company's owner while they can act on follow-ups, else the user recording."""
    owner = company.owner
    if owner is not None and owner.active and owner.role != Role.VIEWER:
        return owner
    return user


def _file(meeting: Meeting, event: Event, outcome: MeetingOutcome, note: str | None, user: User, occurred_at: datetime,
          today: date, existing: Mapping[int, Interaction], followed_up: Collection[int], review: bool,
          ) -> RecordedOutcome:
    result = RecordedOutcome()
    with force_locale(user.language or get_babel().default_locale):
        outcome_text = str(outcome.label) + (f": {note}" if note else "")
        texts = []
        for own, other in ((meeting.a, meeting.b), (meeting.b, meeting.a)):
            if review:
                summary = _("Review of the fair meeting with %(company)s at %(event)s", company=other.company.name,
                            event=event.name)
            else:
                summary = _("Fair meeting with %(company)s at %(event)s", company=other.company.name,
                            event=event.name)
            next_step = _("Follow up on the fair meeting with %(company)s (%(event)s)", company=other.company.name,
                          event=event.name)
            texts.append((own, summary, next_step[:500]))
    for own, summary, next_step in texts:
        interaction = existing.get(own.company_id)
        if interaction is None:
            interaction = Interaction(company=own.company, author=user, office=user.office,
                                      channel=Channel.FAIR_MEETING, people=list(own.people), meeting=meeting)
            result.created.append(interaction)
        else:
            result.updated.append(interaction)
        interaction.occurred_at = occurred_at
        interaction.summary = summary
        interaction.outcome = outcome_text
        if outcome in FOLLOW_UP_OUTCOMES and (interaction.id is None or interaction.id not in followed_up):
            result.follow_ups.append(plan_follow_up(
                company=own.company, next_step=next_step, due_on=today + timedelta(days=FOLLOW_UP_DAYS),
                assignee=follow_up_assignee(own.company, user), created_by=user, interaction=interaction,
            ))
    return result


def record_outcome(event: Event, meeting: Meeting, outcome: MeetingOutcome, note: str | None, user: User, *,
                   starts_at: datetime, now: datetime, today: date,
                   existing: Mapping[int, Interaction] | None = None,
                   followed_up: Collection[int] = ()) -> RecordedOutcome:
    """Set the meeting's outcome and file it in both companies' histories.

    One interaction per company (channel FAIR_MEETING, at the meeting's start `starts_at`,
    naive UTC), naming the counterpart and the event. `existing` maps company ids to the
    interactions an earlier recording of this outcome filed (the meeting's interactions at
    its start): a correction updates those instead of adding more. "Cooperation possible" and
    "Agreement reached" plan a follow-up for the company's owner in FOLLOW_UP_DAYS days,
    unless the interaction already has one (interaction ids in `followed_up`)."""
    note = (note or "").strip() or None
    meeting.outcome = outcome
    meeting.outcome_note = note
    meeting.outcome_recorded_at = now
    return _file(meeting, event, outcome, note, user, starts_at, today, existing or {}, followed_up, review=False)


def record_review(event: Event, meeting: Meeting, outcome: MeetingOutcome, note: str | None, user: User, *,
                  now: datetime, today: date, existing: Mapping[int, Interaction] | None = None,
                  followed_up: Collection[int] = ()) -> RecordedOutcome:
    """The second-stage review months later: the reviewed result, and a NEW interaction
    ("Review of the fair meeting ...", at `now`) in both histories, so the first result
    stays on record. Correcting a review updates the review's interactions (`existing`,
    the meeting's interactions at the previous `reviewed_at`) and moves them to `now`.
    Follow-ups as for `record_outcome`."""
    note = (note or "").strip() or None
    meeting.reviewed_outcome = outcome
    meeting.review_note = note
    meeting.reviewed_at = now
    return _file(meeting, event, outcome, note, user, now, today, existing or {}, followed_up, review=True)


def final_outcome(meeting: Meeting) -> MeetingOutcome | None:
    """The reviewed result where there is one, else the first one."""
    return meeting.reviewed_outcome or meeting.outcome


# --- the report ------------------------------------------------------------------------------------------------------

@dataclass
class EventFigures:
    """What an event's report shows; every count is a plain number or (label, count...) rows."""

    participants: int = 0
    by_side: list[tuple[str, int]] = field(default_factory=list)
    by_sector: list[tuple[str, int, int]] = field(default_factory=list)  # sector, side A, side B
    requests: int = 0
    requests_by_status: list[tuple[str, int]] = field(default_factory=list)
    requests_by_priority: list[tuple[str, int]] = field(default_factory=list)
    requested_pairs: int = 0  # accepted, each pair once
    scheduled: int = 0
    held: int = 0
    not_held: int = 0
    without_outcome: int = 0
    outcomes: list[tuple[str, int, int]] = field(default_factory=list)  # outcome, first result, final result
    reviewed: int = 0
    follow_ups_created: int = 0
    follow_ups_done: int = 0


def event_figures(participants: Sequence[Participant], requests: Sequence[MeetingRequest],
                  meetings: Sequence[Meeting], follow_ups: Sequence[FollowUp]) -> EventFigures:
    """The report's figures from an event's loaded rows (participants with their companies'
    sectors; the follow-ups its outcomes created). A company with several sectors counts in each."""
    figures = EventFigures(participants=len(participants))
    sides = Counter(p.side for p in participants)
    figures.by_side = [(str(side.label), sides[side]) for side in Side]
    sectors: dict[str, list[int]] = {}
    for p in participants:
        names = [s.name for s in p.company.sectors] or [str(_l("No sector"))]
        for name in names:
            sectors.setdefault(name, [0, 0])[0 if p.side == Side.A else 1] += 1
    figures.by_sector = sorted(((name, a, b) for name, (a, b) in sectors.items()), key=lambda row: (-row[1] - row[2],
                                                                                                   row[0]))
    figures.requests = len(requests)
    statuses = Counter(r.status for r in requests)
    figures.requests_by_status = [(str(status.label), statuses[status]) for status in RequestStatus]
    priorities = Counter(int(r.priority) for r in requests)
    figures.requests_by_priority = [(str(p.label), priorities[int(p)]) for p in sorted(Priority, reverse=True)]
    figures.requested_pairs = len({frozenset((r.requester_id, r.counterpart_id)) for r in requests
                                   if r.status == RequestStatus.ACCEPTED})
    figures.scheduled = len(meetings)
    first = Counter(m.outcome for m in meetings if m.outcome is not None)
    final = Counter(final_outcome(m) for m in meetings if final_outcome(m) is not None)
    figures.outcomes = [(str(o.label), first[o], final[o]) for o in MeetingOutcome]
    figures.held = sum(final[o] for o in HELD_OUTCOMES)
    figures.not_held = final[MeetingOutcome.NOT_HELD]
    figures.without_outcome = sum(1 for m in meetings if final_outcome(m) is None)
    figures.reviewed = sum(1 for m in meetings if m.reviewed_outcome is not None)
    figures.follow_ups_created = len(follow_ups)
    figures.follow_ups_done = sum(1 for f in follow_ups if not f.is_open)
    return figures


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: its label, value and length as a share of the longest (0..1)."""

    label: str
    values: tuple[int, ...]
    shares: tuple[float, ...]


def bars(rows: Iterable[tuple]) -> list[Bar]:
    """(label, value, ...) rows as bars scaled to the largest value of any series."""
    rows = [(str(row[0]), tuple(int(v) for v in row[1:])) for row in rows]
    top = max((v for _label, values in rows for v in values), default=0) or 1
    return [Bar(label, values, tuple(v / top for v in values)) for label, values in rows]


REPORT_SHEETS = {
    "figures": _l("Figures"),
    "sides": _l("By side"),
    "sectors": _l("By sector"),
    "requests": _l("Requests"),
    "outcomes": _l("Outcomes"),
}


def report_sheets(event: Event, figures: EventFigures) -> list[tuple[str, list[str], list[list]]]:
    """The report as (sheet title, headers, rows) for the XLSX export."""
    summary = [
        [_("Event"), event.name],
        [_("Participants"), figures.participants],
        [_("Requests"), figures.requests],
        [_("Accepted pairs"), figures.requested_pairs],
        [_("Meetings scheduled"), figures.scheduled],
        [_("Meetings held"), figures.held],
        [_("Meetings not held"), figures.not_held],
        [_("Meetings without outcome"), figures.without_outcome],
        [_("Meetings reviewed"), figures.reviewed],
        [_("Follow-ups created"), figures.follow_ups_created],
        [_("Follow-ups done"), figures.follow_ups_done],
    ]
    sides = [Side.A.label, Side.B.label]
    return [
        (str(REPORT_SHEETS["figures"]), [_("Figure"), _("Count")], summary),
        (str(REPORT_SHEETS["sides"]), [_("Side"), _("Participants")], [list(row) for row in figures.by_side]),
        (str(REPORT_SHEETS["sectors"]), [_("Sector"), *map(str, sides)], [list(row) for row in figures.by_sector]),
        (str(REPORT_SHEETS["requests"]), [_("Requests"), _("Count")],
         [list(row) for row in figures.requests_by_status + figures.requests_by_priority]),
        (str(REPORT_SHEETS["outcomes"]), [_("Outcome"), _("First result"), _("Final result")],
         [list(row) for row in figures.outcomes]),
    ]
