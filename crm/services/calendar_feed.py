"""A user's private calendar feed (iCalendar): open follow-ups as all-day events, fair
meetings of the companies they own and delegation visits they are responsible for, timed
in UTC. The caller loads the records and chooses the language (force_locale)."""
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import icalendar
from flask_babel import gettext as _

from crm.models import Event, FollowUp, Meeting, Participant, User, Visit
from crm.services import fair

PRODUCT_ID = "-//Jinan Hi-tech Zone//Jadebridge CRM//EN"
UID_DOMAIN = "jadebridge"
# Calendar clients may poll this often; they are told so (REFRESH-INTERVAL).
REFRESH = timedelta(hours=1)
# A visit without an end is shown this long.
DEFAULT_VISIT_LENGTH = timedelta(hours=1)


# --- the meeting grid of a fair ------------------------------------------


def slot_times(event: Event) -> list[tuple[datetime, datetime]]:
    """Start and end (naive, the event's local time) of each meeting slot, slot 0 first:
    the fairs' own grid (crm.services.fair), so the feed and the printed agendas agree."""
    return [(slot.start, slot.end) for slot in fair.grid_of(event)]


def as_utc(local: datetime, zone: ZoneInfo) -> datetime:
    return local.replace(tzinfo=zone).astimezone(timezone.utc)


def stored_utc(value: datetime) -> datetime:
    """A stored naive UTC datetime as an aware one (written with a Z)."""
    return value.replace(tzinfo=timezone.utc)


# --- the feed ------------------------------------------------------------


def own_and_counterpart(meeting: Meeting, user_id: int) -> tuple[Participant, Participant]:
    """The side whose company the user owns (side A when they own both), and the other."""
    if meeting.a.company.owner_id == user_id:
        return meeting.a, meeting.b
    return meeting.b, meeting.a


def build_calendar(
    user: User,
    follow_ups: Iterable[FollowUp],
    meetings: Iterable[Meeting],
    visits: Iterable[Visit],
    now: datetime,
    company_url: Callable[[int], str] | None = None,
) -> bytes:
    """The feed as iCalendar bytes. `now` is aware UTC (the DTSTAMP of every entry);
    `company_url(id)` adds a link to the company page to follow-ups and meetings."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("Jadebridge: %(name)s", name=user.name))
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(REFRESH).to_ical().decode())
    for follow_up in follow_ups:
        calendar.add_component(follow_up_entry(follow_up, now, company_url))
    for meeting in meetings:
        calendar.add_component(meeting_entry(meeting, user.id, now, company_url))
    for visit in visits:
        calendar.add_component(visit_entry(visit, now))
    return calendar.to_ical()


def _entry(uid: str, summary: str, now: datetime, updated_at: datetime | None) -> icalendar.Event:
    entry = icalendar.Event()
    entry.add("uid", f"{uid}@{UID_DOMAIN}")
    entry.add("dtstamp", now)
    if updated_at is not None:
        entry.add("last-modified", stored_utc(updated_at))
    entry.add("summary", summary)
    return entry


def _description(lines: Iterable[str | None]) -> str:
    return "\n".join(line for line in lines if line)


def follow_up_entry(follow_up: FollowUp, now: datetime, company_url=None) -> icalendar.Event:
    """An all-day entry on the due date."""
    entry = _entry(
        f"follow-up-{follow_up.id}",
        _("Follow-up: %(company)s – %(next_step)s", company=follow_up.company.name, next_step=follow_up.next_step),
        now, follow_up.updated_at,
    )
    entry.add("dtstart", follow_up.due_on)
    entry.add("dtend", follow_up.due_on + timedelta(days=1))
    entry.add("transp", "TRANSPARENT")  # a to-do on a day, not busy time
    person = follow_up.person
    entry.add("description", _description([
        follow_up.next_step,
        _("Contact person: %(name)s", name=person.display_name) if person else None,
        person.email if person and person.email else None,
        person.phone if person and person.phone else None,
        company_url(follow_up.company_id) if company_url else None,
    ]))
    if company_url:
        entry.add("url", company_url(follow_up.company_id))
    return entry


def meeting_entry(meeting: Meeting, user_id: int, now: datetime, company_url=None) -> icalendar.Event:
    """A timed entry for the meeting's slot; all-day on the fair's first day when the grid
    does not give a time (no meeting days or slot length yet)."""
    event = meeting.event
    own, counterpart = own_and_counterpart(meeting, user_id)
    entry = _entry(
        f"meeting-{meeting.id}",
        _("Fair meeting: %(company)s – %(counterpart)s",
          company=own.company.name, counterpart=counterpart.company.name),
        now, meeting.updated_at,
    )
    slots = slot_times(event)
    if 0 <= meeting.slot < len(slots):
        zone = fair.event_zone(event)
        start, end = slots[meeting.slot]
        entry.add("dtstart", as_utc(start, zone))
        entry.add("dtend", as_utc(end, zone))
    else:
        entry.add("dtstart", event.starts_on)
        entry.add("dtend", event.starts_on + timedelta(days=1))
    table = _("Table %(number)s", number=meeting.table_number)
    entry.add("location", ", ".join(part for part in (table, event.venue, event.city) if part))
    entry.add("description", _description([
        _("Event: %(name)s", name=event.name),
        table,
        _("Counterpart: %(company)s", company=counterpart.company.display_name),
        ", ".join(person.display_name for person in counterpart.people) or None,
        company_url(counterpart.company_id) if company_url else None,
    ]))
    return entry


def visit_entry(visit: Visit, now: datetime) -> icalendar.Event:
    delegation = visit.delegation
    where = visit.host_company.name if visit.host_company else (visit.place or str(visit.kind.label))
    entry = _entry(
        f"visit-{visit.id}",
        _("Delegation visit: %(delegation)s – %(place)s", delegation=delegation.name, place=where),
        now, visit.updated_at,
    )
    entry.add("dtstart", stored_utc(visit.starts_at))
    entry.add("dtend", stored_utc(visit.ends_at or visit.starts_at + DEFAULT_VISIT_LENGTH))
    if visit.place:
        entry.add("location", visit.place)
    entry.add("description", _description([
        str(visit.kind.label),
        _("Interpreter: %(name)s", name=visit.interpreter) if visit.interpreter else None,
        visit.notes,
    ]))
    return entry


def feed_window_start(today: date, past_days: int) -> date:
    """Meetings and visits older than this are left out of the feed."""
    return today - timedelta(days=past_days)
