"""Delegations: the trip, its members and itinerary, who may change what, and the
dates, members and hosts the forms accept."""
from datetime import date, datetime

import pytest
import sqlalchemy as sa

from crm.extensions import db
from crm.models import Delegation, DelegationMember, DelegationStatus, Direction, Role, Visit, VisitKind
from tests.delegations.factories import DelegationFactory, MemberFactory, VisitFactory
from tests.factories import AffiliationFactory, CompanyFactory, PersonFactory, UserFactory


def trip_data(office, **changes):
    data = {
        "name": "Jinan high-tech firms in Germany", "direction": "outbound", "host_cities": "Dresden, Stuttgart",
        "starts_on": "2016-04-11", "ends_on": "2016-04-15", "office_id": office.id, "status": "planned",
        "purpose": "Choose a site for the incubator",
    }
    data.update(changes)
    return data


def visit_data(**changes):
    data = {"kind": "visit", "starts_at": "2016-04-12T10:00", "ends_at": "2016-04-12T12:00", "place": "Dresden"}
    data.update(changes)
    return data


# --- the trip --------------------------------------------------------------------------------------------------------

def test_a_manager_plans_a_trip(client, auth, manager, office):
    leader = CompanyFactory(name="Jinan Hi-tech Zone", country="CN")
    head = PersonFactory(name="Xu Qun")
    auth.login(manager)

    response = client.post("/delegations/new", data=trip_data(office, leading_institution_id=leader.id,
                                                               head_id=head.id, responsible_id=manager.id))

    delegation = db.session.scalar(sa.select(Delegation))
    assert response.headers["Location"] == f"/delegations/{delegation.id}"
    assert (delegation.name, delegation.direction, delegation.host_cities) == (
        "Jinan high-tech firms in Germany", Direction.OUTBOUND, "Dresden, Stuttgart")
    assert (delegation.starts_on, delegation.ends_on, delegation.status) == (
        date(2016, 4, 11), date(2016, 4, 15), DelegationStatus.PLANNED)
    assert (delegation.leading_institution, delegation.head, delegation.office, delegation.responsible) == (
        leader, head, office, manager)


@pytest.mark.parametrize("role", [Role.STAFF, Role.VIEWER])
def test_staff_and_viewers_cannot_plan_or_change_a_trip(client, auth, office, role):
    delegation = DelegationFactory(office=office)
    auth.login(UserFactory(office=office, role=role))
    assert client.get("/delegations/new").status_code == 403
    assert client.post(f"/delegations/{delegation.id}/edit", data=trip_data(office)).status_code == 403
    assert client.post(f"/delegations/{delegation.id}/delete").status_code == 403


def test_a_trip_cannot_end_before_it_starts(client, auth, manager, office):
    auth.login(manager)
    response = client.post("/delegations/new", data=trip_data(office, ends_on="2016-04-10"))
    assert response.status_code == 200
    assert "The last day cannot be before the first day." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(Delegation)) is None


def test_a_trip_needs_an_office_and_real_dates(client, auth, manager, office):
    auth.login(manager)
    page = client.post("/delegations/new", data=trip_data(office, office_id="", starts_on="11.04.2016")).get_data(
        as_text=True)
    assert "Choose the office responsible for the trip." in page
    assert "Not a valid date value." in page


def test_new_dates_must_still_hold_the_itinerary(client, auth, manager, office):
    delegation = DelegationFactory(office=office)
    VisitFactory(delegation=delegation, starts_at=datetime(2016, 4, 14, 8, 0))
    auth.login(manager)

    response = client.post(f"/delegations/{delegation.id}/edit", data=trip_data(office, ends_on="2016-04-13"))

    assert "1 itinerary items would fall outside these dates" in response.get_data(as_text=True)
    assert db.session.get(Delegation, delegation.id).ends_on == date(2016, 4, 15)


def test_a_manager_moves_a_trip_to_the_trash_with_its_members_and_itinerary(client, auth, manager, office):
    delegation = DelegationFactory(office=office)
    VisitFactory(delegation=delegation, members=[MemberFactory(delegation=delegation)])
    auth.login(manager)
    assert client.post(f"/delegations/{delegation.id}/delete").headers["Location"] == "/delegations/"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Delegation)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Visit)) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(DelegationMember)) == 1


# --- reading ---------------------------------------------------------------------------------------------------------

def test_a_viewer_reads_the_list_and_the_trip(client, auth, viewer, office):
    delegation = DelegationFactory(office=office, name="Vantaa business hub visit")
    member = MemberFactory(delegation=delegation, company=CompanyFactory(name="Qilu Robotics"))
    VisitFactory(delegation=delegation, host_company=CompanyFactory(name="Finpro"), members=[member],
                 interpreter="Chinese–Finnish")
    auth.login(viewer)

    assert "Vantaa business hub visit" in client.get("/delegations/").get_data(as_text=True)
    page = client.get(f"/delegations/{delegation.id}").get_data(as_text=True)
    assert "Qilu Robotics" in page and "Finpro" in page and "Chinese–Finnish" in page
    assert "Add member" not in page and "Record outcome" not in page


def test_the_list_filters_by_year_status_direction_and_office(logged_in, office, jinan):
    DelegationFactory(name="Germany 2016", office=office)
    DelegationFactory(name="Finland 2015", starts_on=date(2015, 9, 1), ends_on=date(2015, 9, 5), office=office)
    DelegationFactory(name="Guests in Jinan", direction=Direction.INBOUND, office=jinan,
                      status=DelegationStatus.DONE)

    def names(query):
        page = logged_in.get("/delegations/" + query).get_data(as_text=True)
        return {n for n in ("Germany 2016", "Finland 2015", "Guests in Jinan") if n in page}

    assert names("?year=2015") == {"Finland 2015"}
    assert names("?direction=inbound") == {"Guests in Jinan"}
    assert names("?status=done") == {"Guests in Jinan"}
    assert names(f"?office_id={office.id}") == {"Germany 2016", "Finland 2015"}
    assert names("?year=abc&status=bogus") == {"Germany 2016", "Finland 2015", "Guests in Jinan"}


def test_the_list_exports_to_xlsx(logged_in, office):
    DelegationFactory(name="Germany 2016", office=office)
    response = logged_in.get("/delegations/?format=xlsx")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert logged_in.get("/delegations/?format=pdf").status_code == 400


def test_the_list_does_not_query_per_row(logged_in, office, count_queries):
    def fill(n):
        for _ in range(n):
            d = DelegationFactory(office=office, leading_institution=CompanyFactory(), head=PersonFactory())
            MemberFactory(delegation=d)

    fill(2)
    with count_queries() as few:
        assert logged_in.get("/delegations/").status_code == 200
    fill(18)
    with count_queries() as many:
        assert logged_in.get("/delegations/").status_code == 200
    assert len(few) == len(many)


def test_the_trip_page_does_not_query_per_member_or_visit(logged_in, office, count_queries):
    delegation = DelegationFactory(office=office)

    def fill(n):
        for _ in range(n):
            member = MemberFactory(delegation=delegation, people=[PersonFactory()])
            VisitFactory(delegation=delegation, members=[member])

    fill(2)
    with count_queries() as few:
        assert logged_in.get(f"/delegations/{delegation.id}").status_code == 200
    fill(18)
    with count_queries() as many:
        assert logged_in.get(f"/delegations/{delegation.id}").status_code == 200
    assert len(few) == len(many)


def test_an_unknown_trip_is_404(logged_in):
    assert logged_in.get("/delegations/999").status_code == 404


# --- members ---------------------------------------------------------------------------------------------------------

def test_staff_of_the_responsible_office_add_a_member_and_then_its_travellers(logged_in, office):
    delegation = DelegationFactory(office=office)
    company = CompanyFactory(name="Jinan Laser", country="CN")
    traveller = AffiliationFactory(company=company, person=PersonFactory(name="Wang Li")).person

    response = logged_in.post(f"/delegations/{delegation.id}/members/new",
                              data={"company_id": company.id, "interests": "Laser cladding partners"})

    member = db.session.scalar(sa.select(DelegationMember))
    assert response.headers["Location"] == f"/delegations/{delegation.id}/members/{member.id}/edit"
    assert (member.company, member.interests) == (company, "Laser cladding partners")
    page = logged_in.get(response.headers["Location"]).get_data(as_text=True)
    assert "Wang Li" in page
    logged_in.post(f"/delegations/{delegation.id}/members/{member.id}/edit",
                   data={"company_id": company.id, "people_ids": [traveller.id], "interests": "Lasers"})
    assert [p.name for p in db.session.get(DelegationMember, member.id).people] == ["Wang Li"]


def test_a_company_travels_once_per_delegation(logged_in, office):
    delegation = DelegationFactory(office=office)
    member = MemberFactory(delegation=delegation)
    response = logged_in.post(f"/delegations/{delegation.id}/members/new", data={"company_id": member.company_id})
    assert "already a member of the delegation" in response.get_data(as_text=True)


def test_a_member_needs_an_existing_company(logged_in, office):
    delegation = DelegationFactory(office=office)
    page = logged_in.post(f"/delegations/{delegation.id}/members/new", data={"company_id": 999}).get_data(
        as_text=True)
    assert "Not a valid choice" in page


def test_staff_of_another_office_may_not_change_members_or_itinerary(client, auth, office, jinan):
    delegation = DelegationFactory(office=office)
    member = MemberFactory(delegation=delegation)
    visit = VisitFactory(delegation=delegation)
    auth.login(UserFactory(office=jinan, role=Role.STAFF))
    assert client.get(f"/delegations/{delegation.id}/members/new").status_code == 403
    assert client.post(f"/delegations/{delegation.id}/members/{member.id}/delete").status_code == 403
    assert client.get(f"/delegations/{delegation.id}/visits/new").status_code == 403
    assert client.post(f"/delegations/{delegation.id}/visits/{visit.id}/edit", data=visit_data()).status_code == 403


def test_the_responsible_staff_member_may_change_them_from_another_office(client, auth, office, jinan):
    colleague = UserFactory(office=jinan, role=Role.STAFF)
    delegation = DelegationFactory(office=office, responsible=colleague)
    auth.login(colleague)
    assert client.get(f"/delegations/{delegation.id}/members/new").status_code == 200


def test_a_member_of_another_delegation_is_404(logged_in, office):
    delegation, other = DelegationFactory(office=office), DelegationFactory(office=office)
    member = MemberFactory(delegation=other)
    assert logged_in.get(f"/delegations/{delegation.id}/members/{member.id}/edit").status_code == 404


def test_removing_a_member_takes_it_off_its_visits(logged_in, office):
    delegation = DelegationFactory(office=office)
    member = MemberFactory(delegation=delegation)
    visit = VisitFactory(delegation=delegation, members=[member])
    logged_in.post(f"/delegations/{delegation.id}/members/{member.id}/delete")
    assert db.session.get(Visit, visit.id).members == []


# --- the itinerary ---------------------------------------------------------------------------------------------------

def test_visit_times_are_typed_in_local_time_and_stored_in_utc(logged_in, office):
    delegation = DelegationFactory(office=office)
    member = MemberFactory(delegation=delegation)
    host = CompanyFactory(name="Fraunhofer IWS")

    response = logged_in.post(f"/delegations/{delegation.id}/visits/new", data=visit_data(
        host_company_id=host.id, member_ids=[member.id], interpreter="Chinese–German", notes="Bring samples"))

    visit = db.session.scalar(sa.select(Visit))
    assert response.headers["Location"] == f"/delegations/{delegation.id}#visit-{visit.id}"
    assert (visit.starts_at, visit.ends_at) == (datetime(2016, 4, 12, 8, 0), datetime(2016, 4, 12, 10, 0))
    assert (visit.kind, visit.host_company, visit.members, visit.interpreter, visit.notes) == (
        VisitKind.VISIT, host, [member], "Chinese–German", "Bring samples")


def test_the_visit_form_shows_stored_times_in_local_time(logged_in, office):
    delegation = DelegationFactory(office=office)
    visit = VisitFactory(delegation=delegation, starts_at=datetime(2016, 4, 12, 8, 0))
    page = logged_in.get(f"/delegations/{delegation.id}/visits/{visit.id}/edit").get_data(as_text=True)
    assert 'value="2016-04-12T10:00"' in page


@pytest.mark.parametrize("changes, message", [
    ({"starts_at": "2016-04-16T10:00", "ends_at": ""}, "The item must fall within the trip"),
    ({"starts_at": "2016-04-10T10:00", "ends_at": ""}, "The item must fall within the trip"),
    ({"ends_at": "2016-04-12T09:00"}, "The end must come after the start."),
    ({"ends_at": "2016-04-16T09:00"}, "The item must end within the trip."),
    ({"host_company_id": ""}, "A company visit needs a host company."),
    ({"starts_at": ""}, "This field is required."),
])
def test_the_visit_form_refuses_bad_dates_and_a_missing_host(logged_in, office, changes, message):
    delegation = DelegationFactory(office=office)
    host = CompanyFactory()
    response = logged_in.post(f"/delegations/{delegation.id}/visits/new",
                              data=visit_data(**{"host_company_id": host.id, **changes}))
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(Visit)) is None


def test_a_member_cannot_host_its_own_delegation(logged_in, office):
    delegation = DelegationFactory(office=office)
    member = MemberFactory(delegation=delegation)
    page = logged_in.post(f"/delegations/{delegation.id}/visits/new",
                          data=visit_data(host_company_id=member.company_id)).get_data(as_text=True)
    assert "The host cannot be a member of the delegation." in page


def test_only_members_of_this_delegation_can_attend(logged_in, office):
    delegation = DelegationFactory(office=office)
    stranger = MemberFactory(delegation=DelegationFactory(office=office))
    page = logged_in.post(f"/delegations/{delegation.id}/visits/new",
                          data=visit_data(host_company_id=CompanyFactory().id, member_ids=[stranger.id])).get_data(
        as_text=True)
    assert "is not a valid choice" in page


def test_a_meeting_needs_no_host(logged_in, office):
    delegation = DelegationFactory(office=office)
    logged_in.post(f"/delegations/{delegation.id}/visits/new", data=visit_data(kind="meeting", place="Hotel"))
    assert db.session.scalar(sa.select(Visit)).host_company is None


def test_a_host_suggestion_presets_the_visit_form(logged_in, office):
    delegation = DelegationFactory(office=office)
    member = MemberFactory(delegation=delegation)
    host = CompanyFactory(name="Suggested Host")
    page = logged_in.get(f"/delegations/{delegation.id}/visits/new?host_company_id={host.id}"
                         f"&member_ids={member.id}").get_data(as_text=True)
    assert f'<option selected value="{host.id}">Suggested Host</option>' in page
    assert f'<option selected value="{member.id}">' in page


def test_a_visit_of_another_delegation_is_404(logged_in, office):
    delegation = DelegationFactory(office=office)
    visit = VisitFactory(delegation=DelegationFactory(office=office))
    assert logged_in.get(f"/delegations/{delegation.id}/visits/{visit.id}/edit").status_code == 404
    assert logged_in.get(f"/delegations/{delegation.id}/visits/{visit.id}/outcome").status_code == 404


def test_deleting_a_visit(logged_in, office):
    delegation = DelegationFactory(office=office)
    visit_id = VisitFactory(delegation=delegation).id
    logged_in.post(f"/delegations/{delegation.id}/visits/{visit_id}/delete")
    assert db.session.get(Visit, visit_id) is None
