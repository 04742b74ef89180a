"""Factories for delegations, agreements and fairs, shared by the delegation, agreement
and timeline tests (tests/factories.py is common ground and stays untouched)."""
from datetime import date, datetime

import factory

from crm.models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    Delegation,
    DelegationMember,
    DelegationStatus,
    Direction,
    Event,
    EventKind,
    Meeting,
    Participant,
    Side,
    Visit,
    VisitKind,
)
from tests.factories import BaseFactory, CompanyFactory, OfficeFactory


class DelegationFactory(BaseFactory):
    class Meta:
        model = Delegation

    name = factory.Sequence(lambda n: f"Delegation {n}")
    direction = Direction.OUTBOUND
    host_cities = "Dresden, Stuttgart"
    starts_on = date(2016, 4, 11)
    ends_on = date(2016, 4, 15)
    office = factory.SubFactory(OfficeFactory, name="Dresden")
    status = DelegationStatus.CONFIRMED


class MemberFactory(BaseFactory):
    class Meta:
        model = DelegationMember

    delegation = factory.SubFactory(DelegationFactory)
    company = factory.SubFactory(CompanyFactory, city="Jinan", country="CN")


class VisitFactory(BaseFactory):
    class Meta:
        model = Visit

    delegation = factory.SubFactory(DelegationFactory)
    kind = VisitKind.VISIT
    starts_at = datetime(2016, 4, 12, 8, 0)  # 10:00 in Dresden
    ends_at = datetime(2016, 4, 12, 10, 0)
    host_company = factory.SubFactory(CompanyFactory)


class AgreementFactory(BaseFactory):
    class Meta:
        model = Agreement

    kind = AgreementKind.MOU
    title = factory.Sequence(lambda n: f"Memorandum {n}")
    status = AgreementStatus.SIGNED
    signed_on = date(2015, 9, 10)
    office = factory.SubFactory(OfficeFactory, name="Dresden")


class EventFactory(BaseFactory):
    class Meta:
        model = Event

    name = factory.Sequence(lambda n: f"Fair {n}")
    kind = EventKind.FAIR
    city = "Dresden"
    starts_on = date(2015, 9, 22)
    ends_on = date(2015, 9, 23)
    office = factory.SubFactory(OfficeFactory, name="Dresden")


class ParticipantFactory(BaseFactory):
    class Meta:
        model = Participant

    event = factory.SubFactory(EventFactory)
    company = factory.SubFactory(CompanyFactory)
    side = Side.A


class MeetingFactory(BaseFactory):
    class Meta:
        model = Meeting

    event = factory.SubFactory(EventFactory)
    a = factory.SubFactory(ParticipantFactory, event=factory.SelfAttribute("..event"), side=Side.A)
    b = factory.SubFactory(ParticipantFactory, event=factory.SelfAttribute("..event"), side=Side.B)
    slot = factory.Sequence(lambda n: n)
    table_number = 1
