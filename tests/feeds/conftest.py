"""Fairs with a meeting grid, delegations with visits, and reading a feed back."""
from datetime import date, time

import icalendar
import pytest

from crm.extensions import db
from crm.models import Delegation, Event, EventKind, Meeting, MeetingDay, Participant, Visit
from tests.factories import CompanyFactory


@pytest.fixture
def fair(office):
    """A Dresden fair: 10 June 2026, 09:00 to 12:00 local time, 20-minute slots, a break 10:00-10:30."""
    event = Event(name="Jinan European Industry Cooperation Fair", kind=EventKind.FAIR, city="Dresden",
                  venue="Congress Center", starts_on=date(2026, 6, 10), ends_on=date(2026, 6, 10),
                  office=office, slot_minutes=20, tables=10)
    event.days = [MeetingDay(day=date(2026, 6, 10), starts_at=time(9), ends_at=time(12), breaks="10:00-10:30")]
    db.session.add(event)
    db.session.commit()
    return event


def meeting_at(event, own_company, counterpart_company, slot=0, table=1):
    own = Participant(event=event, company=own_company)
    other = Participant(event=event, company=counterpart_company)
    meeting = Meeting(event=event, a=own, b=other, slot=slot, table_number=table)
    db.session.add(meeting)
    db.session.commit()
    return meeting


@pytest.fixture
def meeting_factory():
    return meeting_at


@pytest.fixture
def delegation_factory():
    def make(responsible, **kwargs):
        delegation = Delegation(name=kwargs.pop("name", "Jinan high-tech enterprises visit Germany"),
                                starts_on=date(2026, 6, 8), ends_on=date(2026, 6, 12), responsible=responsible,
                                **kwargs)
        db.session.add(delegation)
        db.session.commit()
        return delegation

    return make


def visit_of(delegation, starts_at, ends_at=None, host=None, place=None):
    visit = Visit(delegation=delegation, starts_at=starts_at, ends_at=ends_at,
                  host_company=host, place=place)
    db.session.add(visit)
    db.session.commit()
    return visit


@pytest.fixture
def visit_factory():
    return visit_of


def entries(body: bytes) -> dict[str, icalendar.Event]:
    """The feed's VEVENTs by UID."""
    calendar = icalendar.Calendar.from_ical(body)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def company_factory():
    return CompanyFactory
