"""Recording what a visit gave, the host suggestions, and the printable, XLSX and .ics itinerary."""
import io
from datetime import date, datetime

import pytest
import sqlalchemy as sa
from icalendar import Calendar
from openpyxl import load_workbook

from crm.extensions import db
from crm.models import Channel, FollowUp, Interaction, MeetingOutcome, Role, Visit
from tests.delegations.factories import DelegationFactory, MemberFactory, VisitFactory
from tests.factories import CompanyFactory, PersonFactory, SectorFactory, UserFactory

# 12:00 in Dresden on the second day of the trip.
NOW = datetime(2016, 4, 12, 10, 0)


@pytest.fixture(autouse=True)
def stopped_clock(freeze_clock):
    freeze_clock(NOW)


@pytest.fixture
def trip(office):
    delegation = DelegationFactory(office=office, name="Jinan high-tech firms in Germany")
    owner = UserFactory(office=office, role=Role.STAFF, name="Owner")
    laser = MemberFactory(delegation=delegation, company=CompanyFactory(name="Jinan Laser", country="CN", owner=owner))
    robots = MemberFactory(delegation=delegation, company=CompanyFactory(name="Qilu Robotics", country="CN"))
    visit = VisitFactory(delegation=delegation, host_company=CompanyFactory(name="Fraunhofer IWS"),
                         members=[laser, robots], place="Winterbergstraße 28", interpreter="Chinese–German")
    return delegation, visit


def record(client, delegation, visit, outcome, note=""):
    return client.post(f"/delegations/{delegation.id}/visits/{visit.id}/outcome",
                       data={"outcome": outcome, "note": note})


def interactions():
    return db.session.scalars(sa.select(Interaction).order_by(Interaction.id)).all()


def follow_ups():
    return db.session.scalars(sa.select(FollowUp).order_by(FollowUp.id)).all()


# --- outcomes --------------------------------------------------------------------------------------------------------

def test_an_outcome_goes_into_the_hosts_and_each_members_history(logged_in, staff, trip):
    delegation, visit = trip

    response = record(logged_in, delegation, visit, "informative", "Toured the cladding lab")

    assert response.headers["Location"] == f"/delegations/{delegation.id}#visit-{visit.id}"
    filed = interactions()
    assert [i.company.name for i in filed] == ["Fraunhofer IWS", "Jinan Laser", "Qilu Robotics"]
    assert {(i.channel, i.occurred_at, i.author_id, i.office_id) for i in filed} == {
        (Channel.VISIT, datetime(2016, 4, 12, 8, 0), staff.id, staff.office_id)}
    assert "Jinan high-tech firms in Germany" in filed[0].summary and "Fraunhofer IWS" in filed[0].summary
    assert filed[0].outcome == "Informative, no cooperation yet: Toured the cladding lab"
    stored = db.session.get(Visit, visit.id)
    assert (stored.outcome, stored.outcome_note) == (MeetingOutcome.INFORMATIVE, "Toured the cladding lab")
    assert stored.outcome_recorded_at is not None
    assert follow_ups() == []


def test_cooperation_possible_plans_follow_ups_for_the_owners_in_two_weeks(logged_in, staff, trip):
    delegation, visit = trip

    record(logged_in, delegation, visit, "possible")

    planned = {f.company.name: (f.assignee.name, f.due_on) for f in follow_ups()}
    assert planned == {
        "Fraunhofer IWS": (staff.name, date(2016, 4, 26)),  # no owner: the user who recorded it
        "Jinan Laser": ("Owner", date(2016, 4, 26)),
        "Qilu Robotics": (staff.name, date(2016, 4, 26)),
    }


def test_recording_again_updates_instead_of_doubling(logged_in, trip):
    delegation, visit = trip
    record(logged_in, delegation, visit, "possible")

    response = record(logged_in, delegation, visit, "agreement", "LoI signed")

    assert len(interactions()) == 3 and len(follow_ups()) == 3
    assert {i.outcome for i in interactions()} == {"Agreement reached: LoI signed"}
    page = logged_in.get(response.headers["Location"]).get_data(as_text=True)
    assert "3 earlier interactions updated." in page


def test_the_outcome_page_warns_that_it_was_recorded_already(logged_in, trip):
    delegation, visit = trip
    record(logged_in, delegation, visit, "informative")
    page = logged_in.get(f"/delegations/{delegation.id}/visits/{visit.id}/outcome").get_data(as_text=True)
    assert "Recorded already" in page


def test_an_outcome_must_be_chosen(logged_in, trip):
    delegation, visit = trip
    page = record(logged_in, delegation, visit, "").get_data(as_text=True)
    assert "Choose an outcome." in page
    assert record(logged_in, delegation, visit, "splendid").status_code == 200
    assert interactions() == []


def test_staff_of_any_office_record_outcomes_but_viewers_do_not(client, auth, trip, jinan):
    delegation, visit = trip
    auth.login(UserFactory(office=jinan, role=Role.VIEWER))
    assert record(client, delegation, visit, "informative").status_code == 403
    auth.logout()
    auth.login(UserFactory(office=jinan, role=Role.STAFF))
    assert record(client, delegation, visit, "informative").status_code == 302


# --- host suggestions ------------------------------------------------------------------------------------------------

def test_host_suggestions_rank_european_non_members_by_the_members_interests(logged_in, office):
    delegation = DelegationFactory(office=office)
    laser = MemberFactory(delegation=delegation, interests="Partners for laser cladding and additive manufacturing",
                          company=CompanyFactory(name="Jinan Laser", country="CN",
                                                 offers="Laser cladding machines", seeks="Distribution in Germany"))
    CompanyFactory(name="Dresden Cladding", country="DE", offers="Laser cladding research, additive manufacturing",
                   seeks="Laser cladding machines")
    CompanyFactory(name="Chinese Cladding", country="CN", offers="Laser cladding research",
                   seeks="Laser cladding machines")
    CompanyFactory(name="Bakery Meier", country="DE", offers="Bread", seeks="Flour")

    page = logged_in.get(f"/delegations/{delegation.id}/hosts").get_data(as_text=True)

    assert "Dresden Cladding" in page
    assert "Chinese Cladding" not in page and "Bakery Meier" not in page
    assert "Offers meet needs" in page
    assert "host_company_id=" in page and f"member_ids={laser.id}" in page


def test_host_suggestions_without_members_say_so(logged_in, office):
    delegation = DelegationFactory(office=office)
    assert "no members yet" in logged_in.get(f"/delegations/{delegation.id}/hosts").get_data(as_text=True)


def test_host_suggestions_do_not_query_per_candidate(logged_in, office, count_queries):
    delegation = DelegationFactory(office=office)
    MemberFactory(delegation=delegation, company=CompanyFactory(country="CN", offers="Robots", seeks="Sensors"))
    sector = SectorFactory(name="Automation")

    def fill(n):
        for i in range(n):
            CompanyFactory(country="DE", offers=f"Sensors type {i}", seeks="Robots", sectors=[sector])

    fill(2)
    with count_queries() as few:
        logged_in.get(f"/delegations/{delegation.id}/hosts")
    fill(18)
    with count_queries() as many:
        logged_in.get(f"/delegations/{delegation.id}/hosts")
    assert len(few) == len(many)


# --- print, XLSX, .ics -----------------------------------------------------------------------------------------------

def test_the_trip_page_names_the_zone_of_its_times(logged_in, staff, trip):
    delegation, _visit = trip
    staff.language = "de"
    db.session.commit()

    page = logged_in.get(f"/delegations/{delegation.id}").get_data(as_text=True)

    assert "Zeiten in Europe/Berlin" in page and "Reiseprogramm" in page


def test_the_printable_itinerary_and_member_list(logged_in, trip):
    delegation, visit = trip
    visit.members[0].people = [PersonFactory(name="Wang Li")]
    db.session.commit()
    page = logged_in.get(f"/delegations/{delegation.id}/print").get_data(as_text=True)
    assert "css/itinerary.css" in page
    assert "Fraunhofer IWS" in page and "Wang Li" in page and "Chinese–German" in page
    assert "10:00" in page and "Europe/Berlin" in page


def test_the_xlsx_has_the_itinerary_and_the_members(logged_in, trip):
    delegation, _visit = trip
    response = logged_in.get(f"/delegations/{delegation.id}/itinerary.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames == ["Itinerary", "Members"]
    itinerary = list(workbook["Itinerary"].values)
    assert itinerary[0][:5] == ("Date", "Starts", "Ends", "Kind", "Host company")
    assert itinerary[1][1:7] == ("10:00", "12:00", "Company visit", "Fraunhofer IWS", "Winterbergstraße 28",
                                 "Jinan Laser, Qilu Robotics")
    assert [row[0] for row in workbook["Members"].values] == ["Company", "Jinan Laser", "Qilu Robotics"]


def test_the_ics_is_in_the_offices_time_zone(logged_in, trip):
    delegation, _visit = trip
    response = logged_in.get(f"/delegations/{delegation.id}/itinerary.ics")
    assert response.mimetype == "text/calendar"
    assert f'filename="delegation-{delegation.id}.ics"' in response.headers["Content-Disposition"]
    assert b"DTSTART;TZID=Europe/Berlin:20160412T100000" in response.data
    [entry] = Calendar.from_ical(response.data).walk("VEVENT")
    assert str(entry["summary"]) == "Company visit: Fraunhofer IWS"


def test_a_trip_without_office_is_exported_in_utc(logged_in):
    delegation = DelegationFactory(office=None)
    VisitFactory(delegation=delegation, host_company=CompanyFactory())
    assert b"DTSTART:20160412T080000Z" in logged_in.get(f"/delegations/{delegation.id}/itinerary.ics").data


# --- CSRF ------------------------------------------------------------------------------------------------------------

@pytest.fixture
def csrf_client(app):
    from crm import create_app

    protected = create_app("config.TestConfig", {
        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"], "WTF_CSRF_ENABLED": True,
    })
    protected.test_client_class = type(app.test_client())
    yield protected.test_client()
    with protected.app_context():
        db.engine.dispose()


def test_an_outcome_posted_without_the_form_token_is_refused(csrf_client, staff, trip):
    import re

    from tests.factories import PASSWORD

    delegation, visit = trip
    login_page = csrf_client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page).group(1)
    csrf_client.post("/login", data={"email": staff.email, "password": PASSWORD, "csrf_token": token})

    response = record(csrf_client, delegation, visit, "informative")

    assert response.status_code == 400
    assert interactions() == []
