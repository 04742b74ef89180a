"""A small fair: one meeting day in Dresden (Europe/Berlin) with three 30-minute slots
(9:00, 9:30 and, after a break, 10:30) and two tables; a short scheduler time limit."""
from datetime import date, datetime, time, timezone

import pytest

from crm.models import Side
from tests.events.factories import EventFactory, MeetingDayFactory, ParticipantFactory
from tests.factories import CompanyFactory


@pytest.fixture(autouse=True)
def quick_scheduler(app, monkeypatch):
    monkeypatch.setitem(app.config, "SCHEDULER_TIME_LIMIT", 2)


@pytest.fixture
def fair(office):
    """Past, so outcomes can be recorded: 22 September 2025, slots 0-2, tables 1-2."""
    event = EventFactory(office=office, name="Dresden Matchmaking Fair", starts_on=date(2025, 9, 22),
                         ends_on=date(2025, 9, 23))
    MeetingDayFactory(event=event, day=date(2025, 9, 22), starts_at=time(9), ends_at=time(11), breaks="10:00-10:30")
    return event


@pytest.fixture
def register(fair):
    """`register("Jinan Laser", Side.A, available_slots=[0, 1])` adds a participant to the fair."""

    def make(name, side=Side.A, **extra):
        company = extra.pop("company", None) or CompanyFactory(name=name)
        return ParticipantFactory(event=fair, company=company, side=side, **extra)

    return make


@pytest.fixture
def freeze_today(monkeypatch):
    """`freeze_today(date(2025, 9, 1))` stops crm.clock at noon UTC of that day."""
    import crm.clock

    def freeze(day):
        frozen = datetime(day.year, day.month, day.day, 12, tzinfo=timezone.utc)

        class FrozenDatetime(datetime):
            @classmethod
            def now(cls, tz=None):
                return frozen.astimezone(tz) if tz is not None else frozen.replace(tzinfo=None)

        monkeypatch.setattr(crm.clock, "datetime", FrozenDatetime)

    return freeze
