"""The managers' triage queue: accept an inquiry as company, person and follow-up, or reject it."""
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from crm.extensions import db
from crm.models import (
    Affiliation,
    Channel,
    Company,
    ContactSource,
    FollowUp,
    Inquiry,
    InquiryStatus,
    Interaction,
    Person,
    Role,
)
from tests.factories import (
    AffiliationFactory,
    CompanyFactory,
    OfficeFactory,
    PersonFactory,
    SectorFactory,
    UserFactory,
)


@pytest.fixture
def vantaa():
    return OfficeFactory(name="Vantaa", city="Vantaa", country="FI", timezone="Europe/Helsinki")


@pytest.fixture
def as_manager(client, auth, manager):
    auth.login(manager)
    return client


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def office_date(office):
    return datetime.now(ZoneInfo(office.timezone)).date()


# --- who may triage ---

def test_anonymous_visitors_are_sent_to_the_login(client, inquiry_factory):
    inquiry = inquiry_factory()
    for url in ("/inquiries/", f"/inquiries/{inquiry.id}"):
        response = client.get(url)
        assert response.status_code == 302 and response.headers["Location"].startswith("/login")


@pytest.mark.parametrize("role", [Role.VIEWER, Role.STAFF])
def test_viewers_and_staff_may_not_triage(client, auth, office, inquiry_factory, role):
    inquiry = inquiry_factory()
    auth.login(UserFactory(office=office, role=role))

    assert client.get("/inquiries/").status_code == 403
    assert client.get(f"/inquiries/{inquiry.id}").status_code == 403
    assert client.post(f"/inquiries/{inquiry.id}/accept", data={"target": "new", "office_id": office.id}).status_code \
        == 403
    assert client.post(f"/inquiries/{inquiry.id}/reject").status_code == 403
    db.session.refresh(inquiry)
    assert inquiry.status is InquiryStatus.NEW and count(Company) == 0


@pytest.mark.parametrize("role", [Role.MANAGER, Role.ADMIN])
def test_managers_and_admins_see_the_queue(client, auth, office, inquiry_factory, role):
    inquiry = inquiry_factory(company_name="Elbe Photonics")
    auth.login(UserFactory(office=office, role=role))

    assert "Elbe Photonics" in client.get("/inquiries/").get_data(as_text=True)
    assert client.get(f"/inquiries/{inquiry.id}").status_code == 200


def test_an_unknown_inquiry_is_404(as_manager):
    assert as_manager.get("/inquiries/999999").status_code == 404
    assert as_manager.post("/inquiries/999999/accept").status_code == 404
    assert as_manager.post("/inquiries/999999/reject").status_code == 404


# --- the queue ---

def test_the_queue_shows_new_inquiries_only_by_default(as_manager, inquiry_factory):
    inquiry_factory(company_name="Waiting Firm")
    inquiry_factory(company_name="Spam Firm", status=InquiryStatus.REJECTED)

    page = as_manager.get("/inquiries/").get_data(as_text=True)

    assert "Waiting Firm" in page and "Spam Firm" not in page


def test_the_queue_filters_by_status_and_ignores_an_unknown_one(as_manager, inquiry_factory):
    inquiry_factory(company_name="Waiting Firm")
    inquiry_factory(company_name="Spam Firm", status=InquiryStatus.REJECTED)

    rejected = as_manager.get("/inquiries/?status=rejected").get_data(as_text=True)
    everything = as_manager.get("/inquiries/?status=all").get_data(as_text=True)
    unknown = as_manager.get("/inquiries/?status=bogus")

    assert "Spam Firm" in rejected and "Waiting Firm" not in rejected
    assert "Spam Firm" in everything and "Waiting Firm" in everything
    assert unknown.status_code == 200 and "Waiting Firm" in unknown.get_data(as_text=True)


def test_the_queue_needs_the_same_number_of_queries_for_more_rows(as_manager, inquiry_factory, office, manager,
                                                                   count_queries):
    def handled(n):
        for _ in range(n):
            inquiry_factory(status=InquiryStatus.ACCEPTED, preferred_office=OfficeFactory(),
                            handled_by=manager, company=CompanyFactory())

    handled(2)
    with count_queries() as few:
        as_manager.get("/inquiries/?status=all")
    handled(8)
    with count_queries() as many:
        as_manager.get("/inquiries/?status=all")

    assert len(many) == len(few)


# --- the accept page and its duplicate check ---

def test_the_accept_page_shows_probable_existing_companies_with_score_and_reason(as_manager, inquiry_factory):
    existing = CompanyFactory(name="Elbe Photonics AG")
    CompanyFactory(name="Rhine Robotics GmbH")
    inquiry = inquiry_factory(company_name="Elbe Photonics GmbH", email="anna@gmail.com")

    page = as_manager.get(f"/inquiries/{inquiry.id}").get_data(as_text=True)

    assert f'value="{existing.id}"' in page and "Attach to Elbe Photonics AG" in page
    assert "100%" in page and "same name after normalisation" in page
    assert "Rhine Robotics" not in page


def test_a_shared_email_domain_is_a_match(as_manager, inquiry_factory):
    existing = CompanyFactory(name="Saxon Optics", website="https://www.saxon-optics.de")
    inquiry = inquiry_factory(company_name="SO Lasersysteme", email="li@saxon-optics.de")

    page = as_manager.get(f"/inquiries/{inquiry.id}").get_data(as_text=True)

    assert f'value="{existing.id}"' in page and "saxon-optics.de" in page


def test_the_accept_page_preselects_the_preferred_office_and_the_named_sector(as_manager, inquiry_factory, vantaa):
    sector = SectorFactory(name="Photonics")
    inquiry = inquiry_factory(preferred_office=vantaa, sector="photonics")

    page = as_manager.get(f"/inquiries/{inquiry.id}").get_data(as_text=True)

    assert f'<option selected value="{vantaa.id}">Vantaa</option>' in page
    assert f'<option selected value="{sector.id}">Photonics</option>' in page


# --- accepting ---

def test_accepting_creates_company_person_history_and_a_follow_up_for_the_offices_manager(
    as_manager, manager, inquiry_factory, vantaa
):
    vantaa_manager = UserFactory(office=vantaa, role=Role.MANAGER, name="Vantaa Manager")
    UserFactory(office=vantaa, role=Role.MANAGER, name="Later Manager")
    sector = SectorFactory(name="Photonics")
    inquiry = inquiry_factory(company_name="Elbe Photonics GmbH", contact_name="Katrin Weber",
                              email="K.Weber@Elbe-Photonics.de", phone="+49 351 1", country="DE",
                              offers="Fibre lasers", seeks="Sales partner", preferred_office=vantaa)

    response = as_manager.post(f"/inquiries/{inquiry.id}/accept", data={
        "target": "new", "office_id": vantaa.id, "sector_ids": [sector.id],
    })

    company = db.session.scalar(sa.select(Company))
    assert response.status_code == 302 and response.headers["Location"] == f"/companies/{company.id}"
    assert (company.name, company.country, company.offers, company.seeks) == (
        "Elbe Photonics GmbH", "DE", "Fibre lasers", "Sales partner"
    )
    assert company.source is ContactSource.WEBSITE and company.office == vantaa and company.owner == vantaa_manager
    assert company.sectors == [sector]

    person = db.session.scalar(sa.select(Person))
    assert (person.name, person.email, person.phone) == ("Katrin Weber", "k.weber@elbe-photonics.de", "+49 351 1")
    [affiliation] = person.affiliations
    assert affiliation.company == company and affiliation.is_primary and affiliation.is_current

    interaction = db.session.scalar(sa.select(Interaction))
    assert interaction.company == company and interaction.author == manager and interaction.office == vantaa
    assert interaction.channel is Channel.OTHER and interaction.people == [person]
    assert interaction.occurred_at == inquiry.created_at
    assert "Inquiry received via the website" in interaction.summary
    assert "Offers: Fibre lasers" in interaction.summary and "Seeks: Sales partner" in interaction.summary

    follow_up = db.session.scalar(sa.select(FollowUp))
    assert follow_up.company == company and follow_up.person == person and follow_up.interaction == interaction
    assert follow_up.assignee == vantaa_manager and follow_up.office == vantaa and follow_up.created_by == manager
    assert follow_up.due_on == office_date(vantaa) + timedelta(days=3) and follow_up.is_open

    db.session.refresh(inquiry)
    assert inquiry.status is InquiryStatus.ACCEPTED and inquiry.company == company
    assert inquiry.handled_by == manager and inquiry.handled_at is not None


def test_without_a_manager_in_the_office_the_accepting_user_gets_the_follow_up(as_manager, manager, inquiry_factory,
                                                                                vantaa):
    UserFactory(office=vantaa, role=Role.MANAGER, active=False)
    UserFactory(office=vantaa, role=Role.STAFF)
    inquiry = inquiry_factory()

    as_manager.post(f"/inquiries/{inquiry.id}/accept", data={"target": "new", "office_id": vantaa.id})

    follow_up = db.session.scalar(sa.select(FollowUp))
    assert follow_up.assignee == manager and follow_up.office_id == manager.office_id


def test_accepting_can_attach_the_person_to_a_probable_existing_company(as_manager, manager, inquiry_factory, office):
    existing = CompanyFactory(name="Elbe Photonics AG", offers=None, seeks="Old wish", office=office)
    inquiry = inquiry_factory(company_name="Elbe Photonics GmbH", offers="Fibre lasers", seeks="New wish")

    response = as_manager.post(f"/inquiries/{inquiry.id}/accept", data={"target": existing.id, "office_id": office.id})

    assert response.headers["Location"] == f"/companies/{existing.id}"
    assert count(Company) == 1
    db.session.refresh(existing)
    assert existing.offers == "Fibre lasers" and existing.seeks == "Old wish"  # gaps filled, nothing overwritten
    person = db.session.scalar(sa.select(Person))
    assert [a.company for a in person.affiliations] == [existing]
    follow_up = db.session.scalar(sa.select(FollowUp))
    assert follow_up.company == existing and follow_up.assignee == manager
    db.session.refresh(inquiry)
    assert inquiry.company == existing and inquiry.status is InquiryStatus.ACCEPTED


def test_a_person_on_file_with_the_same_email_is_reused(as_manager, inquiry_factory, office):
    existing = CompanyFactory(name="Elbe Photonics AG")
    known = AffiliationFactory(company=existing, person=PersonFactory(name="K. Weber", email="k.weber@elbe.de",
                                                                      phone=None)).person
    inquiry = inquiry_factory(company_name="Elbe Photonics", email="K.WEBER@elbe.de", phone="+49 1")

    page = as_manager.get(f"/inquiries/{inquiry.id}").get_data(as_text=True)
    as_manager.post(f"/inquiries/{inquiry.id}/accept", data={"target": existing.id, "office_id": office.id})

    assert "K. Weber is on file with this e-mail address already" in page
    assert count(Person) == 1 and count(Affiliation) == 1  # already works there: no second affiliation
    db.session.refresh(known)
    assert known.phone == "+49 1"
    assert db.session.scalar(sa.select(FollowUp)).person == known


def test_a_company_that_is_not_a_probable_match_cannot_be_chosen(as_manager, inquiry_factory, office):
    unrelated = CompanyFactory(name="Rhine Robotics")
    inquiry = inquiry_factory(company_name="Elbe Photonics")

    response = as_manager.post(f"/inquiries/{inquiry.id}/accept", data={"target": unrelated.id, "office_id": office.id})

    assert response.status_code == 200 and "Not a valid choice" in response.get_data(as_text=True)
    assert count(Person) == 0 and count(FollowUp) == 0
    db.session.refresh(inquiry)
    assert inquiry.status is InquiryStatus.NEW


def test_accepting_needs_an_office(as_manager, inquiry_factory):
    inquiry = inquiry_factory()

    response = as_manager.post(f"/inquiries/{inquiry.id}/accept", data={"target": "new", "office_id": ""})

    assert response.status_code == 200 and "Choose the office that answers." in response.get_data(as_text=True)
    assert count(Company) == 0


def test_an_inquiry_is_accepted_only_once(as_manager, inquiry_factory, office):
    inquiry = inquiry_factory()
    as_manager.post(f"/inquiries/{inquiry.id}/accept", data={"target": "new", "office_id": office.id})

    again = as_manager.post(f"/inquiries/{inquiry.id}/accept", data={"target": "new", "office_id": office.id},
                            follow_redirects=True)

    assert "This inquiry was handled already" in again.get_data(as_text=True)
    assert count(Company) == 1 and count(FollowUp) == 1 and count(Interaction) == 1


def test_a_handled_inquiry_shows_no_accept_form(as_manager, inquiry_factory, manager):
    company = CompanyFactory(name="Elbe Photonics")
    inquiry = inquiry_factory(status=InquiryStatus.ACCEPTED, handled_by=manager, company=company)

    page = as_manager.get(f"/inquiries/{inquiry.id}").get_data(as_text=True)

    assert "Accepted" in page and f"/companies/{company.id}" in page
    assert f"/inquiries/{inquiry.id}/accept" not in page


# --- rejecting ---

def test_rejecting_keeps_the_inquiry_marked_as_spam_and_creates_nothing(as_manager, manager, inquiry_factory):
    inquiry = inquiry_factory(company_name="Cheap Pills Ltd")

    response = as_manager.post(f"/inquiries/{inquiry.id}/reject")

    assert response.status_code == 302 and response.headers["Location"] == "/inquiries/"
    db.session.refresh(inquiry)
    assert inquiry.status is InquiryStatus.REJECTED and inquiry.handled_by == manager and inquiry.handled_at
    assert count(Inquiry) == 1 and count(Company) == 0 and count(Person) == 0 and count(FollowUp) == 0
    assert f'href="/inquiries/{inquiry.id}"' not in as_manager.get("/inquiries/").get_data(as_text=True)


def test_a_rejected_inquiry_cannot_be_accepted_later(as_manager, inquiry_factory, office):
    inquiry = inquiry_factory()
    as_manager.post(f"/inquiries/{inquiry.id}/reject")

    as_manager.post(f"/inquiries/{inquiry.id}/accept", data={"target": "new", "office_id": office.id})

    db.session.refresh(inquiry)
    assert inquiry.status is InquiryStatus.REJECTED and count(Company) == 0
