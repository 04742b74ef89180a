"""Where a company is used, so that deleting it can be refused with a useful message."""
from datetime import datetime

import pytest

from crm.services.references import company_references
from tests.delegations.factories import (
    AgreementFactory,
    DelegationFactory,
    EventFactory,
    MemberFactory,
    ParticipantFactory,
    VisitFactory,
)
from tests.factories import AffiliationFactory, CompanyFactory, FollowUpFactory, InteractionFactory, PersonFactory


@pytest.fixture
def request_context(app):
    with app.test_request_context("/"):
        yield


def test_an_unused_company_has_no_references(request_context):
    assert company_references(CompanyFactory().id) == []


def test_every_use_is_listed_with_a_link(request_context, staff):
    firm = CompanyFactory(name="Jinan Laser")
    InteractionFactory(company=firm, author=staff)
    InteractionFactory(company=firm, author=staff)
    FollowUpFactory(company=firm, assignee=staff)
    AffiliationFactory(company=firm, person=PersonFactory(name="Wang Li"))
    ParticipantFactory(company=firm, event=EventFactory(name="Dresden fair 2015"))
    led = DelegationFactory(name="Led trip", leading_institution=firm)
    travelled = DelegationFactory(name="Germany 2016")
    MemberFactory(delegation=travelled, company=firm)
    VisitFactory(delegation=DelegationFactory(name="Guests"), host_company=firm, starts_at=datetime(2016, 5, 3, 8, 0))
    agreement = AgreementFactory(title="LoI 2012", parties=[firm])

    found = company_references(firm.id)

    assert [(kind, label) for kind, label, _url in found] == [
        ("interactions", "2 interactions"),
        ("follow_ups", "1 follow-up"),
        ("people", "Person: Wang Li"),
        ("participants", "Takes part in Dresden fair 2015"),
        ("delegations", "Leads the delegation Led trip"),
        ("delegation_members", "Member of the delegation Germany 2016"),
        ("visits", "Hosts a visit of Guests on May 3, 2016"),
        ("agreements", "Party to LoI 2012"),
    ]
    urls = {kind: url for kind, _label, url in found}
    assert urls["interactions"] == f"/companies/{firm.id}"
    assert urls["delegations"] == f"/delegations/{led.id}"
    assert urls["delegation_members"] == f"/delegations/{travelled.id}"
    assert urls["agreements"] == f"/agreements/{agreement.id}"


def test_references_are_a_fixed_number_of_statements(request_context, staff, count_queries):
    firm = CompanyFactory()
    firm_id = firm.id

    def fill(n):
        for _ in range(n):
            InteractionFactory(company=firm, author=staff)
            AgreementFactory(parties=[firm])
            MemberFactory(company=firm)

    fill(2)
    with count_queries() as few:
        company_references(firm_id)
    fill(18)
    with count_queries() as many:
        company_references(firm_id)
    assert len(few) == len(many)
