"""Factories for fairs: events, meeting days, participants, requests and meetings
(tests/factories.py is common ground and stays untouched)."""
from datetime import date, time

import factory

from crm.models import Event, EventKind, Meeting, MeetingDay, MeetingRequest, Participant, Priority, RequestStatus, Side
from tests.factories import BaseFactory, CompanyFactory, OfficeFactory


class EventFactory(BaseFactory):
    class Meta:
        model = Event

    name = factory.Sequence(lambda n: f"Matchmaking Fair {n}")
    kind = EventKind.FAIR
    city = "Dresden"
    venue = "Messe Dresden"
    starts_on = date(2025, 9, 22)
    ends_on = date(2025, 9, 23)
    office = factory.SubFactory(OfficeFactory, name="Dresden")
    slot_minutes = 30
    tables = 2


class MeetingDayFactory(BaseFactory):
    class Meta:
        model = MeetingDay

    event = factory.SubFactory(EventFactory)
    day = factory.SelfAttribute("event.starts_on")
    starts_at = time(9)
    ends_at = time(11)
    breaks = "10:00-10:30"  # slots 9:00, 9:30 and 10:30


class ParticipantFactory(BaseFactory):
    class Meta:
        model = Participant

    event = factory.SubFactory(EventFactory)
    company = factory.SubFactory(CompanyFactory)
    side = Side.A


class RequestFactory(BaseFactory):
    class Meta:
        model = MeetingRequest

    event_id = factory.SelfAttribute("requester.event_id")
    requester = factory.SubFactory(ParticipantFactory)
    counterpart = factory.SubFactory(ParticipantFactory, event=factory.SelfAttribute("..requester.event"),
                                     side=Side.B)
    priority = Priority.WOULD_LIKE
    status = RequestStatus.ACCEPTED


class MeetingFactory(BaseFactory):
    class Meta:
        model = Meeting

    event = factory.SelfAttribute("a.event")
    a = factory.SubFactory(ParticipantFactory)
    b = factory.SubFactory(ParticipantFactory, event=factory.SelfAttribute("..a.event"), side=Side.B)
    slot = 0
    table_number = 1
