"""The milestone timeline, a company's timeline page and its partial, and the annual report."""
import io
from datetime import date, datetime

import pytest
from flask import render_template
from openpyxl import load_workbook

from crm.models import AgreementStatus, Channel, EventKind, MeetingOutcome
from crm.services.timeline import company_timeline
from tests.delegations.factories import (
    AgreementFactory,
    DelegationFactory,
    EventFactory,
    MemberFactory,
    VisitFactory,
)
from tests.factories import CompanyFactory, FollowUpFactory, InteractionFactory, OfficeFactory


@pytest.fixture
def vantaa():
    return OfficeFactory(name="Vantaa", timezone="Europe/Helsinki")


@pytest.fixture
def history(office, vantaa):
    EventFactory(name="Dresden office opening", kind=EventKind.OPENING, starts_on=date(2013, 8, 27), office=office)
    EventFactory(name="Uusimaa - Shandong Business Forum", kind=EventKind.FORUM, starts_on=date(2014, 8, 20),
                 office=vantaa)
    AgreementFactory(title="MoU with the Dresden Technology Center", signed_on=date(2015, 9, 10), office=office)
    DelegationFactory(name="Site selection trip to Germany", starts_on=date(2016, 4, 11), ends_on=date(2016, 4, 15),
                      office=office)


# --- milestones ------------------------------------------------------------------------------------------------------

def test_the_organisation_timeline_shows_every_office(logged_in, history):
    page = logged_in.get("/timeline/").get_data(as_text=True)
    assert "Whole organisation" in page
    for title in ("Dresden office opening", "Uusimaa - Shandong Business Forum",
                  "MoU with the Dresden Technology Center", "Site selection trip to Germany"):
        assert title in page
    assert page.index("Site selection trip") < page.index("Dresden office opening")  # newest first
    assert "css/timeline.css" in page


def test_an_office_timeline_filtered_by_year_and_type(logged_in, history, office, vantaa):
    page = logged_in.get(f"/timeline/?office_id={vantaa.id}").get_data(as_text=True)
    assert "Uusimaa - Shandong Business Forum" in page and "Dresden office opening" not in page

    page = logged_in.get(f"/timeline/?office_id={office.id}&year=2015").get_data(as_text=True)
    assert "MoU with the Dresden Technology Center" in page and "Site selection trip" not in page

    page = logged_in.get("/timeline/?kind=delegation").get_data(as_text=True)
    assert "Site selection trip to Germany" in page and "Dresden office opening" not in page


def test_bad_filters_are_ignored(logged_in, history):
    response = logged_in.get("/timeline/?year=abc&office_id=999&kind=nonsense")
    assert response.status_code == 200
    assert "Dresden office opening" in response.get_data(as_text=True)


def test_milestones_link_to_their_pages(logged_in, history):
    page = logged_in.get("/timeline/?kind=agreement").get_data(as_text=True)
    assert 'href="/agreements/' in page


def test_the_timeline_exports_to_xlsx(logged_in, history):
    response = logged_in.get("/timeline/?format=xlsx")
    rows = list(load_workbook(io.BytesIO(response.data)).active.values)
    assert rows[0][:3] == ("Date", "Type", "What")
    assert rows[1][1:3] == ("Delegation", "Site selection trip to Germany")


def test_the_timeline_page_does_not_query_per_item(logged_in, office, count_queries):
    def fill(n):
        for _ in range(n):
            EventFactory(office=office)
            AgreementFactory(office=office)
            DelegationFactory(office=office)

    fill(2)
    with count_queries() as few:
        logged_in.get("/timeline/")
    fill(18)
    with count_queries() as many:
        logged_in.get("/timeline/")
    assert len(few) == len(many)


# --- a company's timeline --------------------------------------------------------------------------------------------

def test_the_company_timeline_page(logged_in, staff):
    firm = CompanyFactory(name="Jinan Laser", country="CN")
    InteractionFactory(company=firm, author=staff, summary="Called about the trip")
    trip = DelegationFactory(name="Germany 2016")
    VisitFactory(delegation=trip, members=[MemberFactory(delegation=trip, company=firm)],
                 host_company=CompanyFactory(name="Fraunhofer IWS"), outcome=MeetingOutcome.POSSIBLE)
    AgreementFactory(title="LoI with Fraunhofer", parties=[firm], status=AgreementStatus.ACTIVE)

    page = logged_in.get(f"/timeline/companies/{firm.id}").get_data(as_text=True)

    assert "Called about the trip" in page
    assert "visiting Fraunhofer IWS" in page and "Cooperation possible" in page
    assert f'href="/delegations/{trip.id}#visit-' in page
    assert "LoI with Fraunhofer" in page and "Memorandum of understanding" in page and "Active" in page
    assert logged_in.get("/timeline/companies/999").status_code == 404


def test_the_partial_renders_any_list_of_items(app, staff):
    firm = CompanyFactory()
    InteractionFactory(company=firm, author=staff, channel=Channel.WECHAT, summary="Chatted",
                       occurred_at=datetime(2016, 5, 2, 9, 0))
    with app.test_request_context("/"):
        html = render_template("timeline/_items.html", items=company_timeline(firm.id))
        empty = render_template("timeline/_items.html", items=[])
    assert "Chatted" in html and "WeChat" in html and staff.name in html
    assert 'datetime="2016-05-02T09:00:00Z"' in html
    assert "Nothing on the timeline yet." in empty


# --- the annual report -----------------------------------------------------------------------------------------------

@pytest.fixture
def year_2016(office, staff):
    firm = CompanyFactory(office=office, created_at=datetime(2016, 2, 1))
    InteractionFactory(company=firm, author=staff, occurred_at=datetime(2016, 3, 1, 9, 0), channel=Channel.VISIT)
    InteractionFactory(company=firm, author=staff, occurred_at=datetime(2016, 3, 2, 9, 0), channel=Channel.CALL)
    DelegationFactory(name="Site selection trip", office=office)
    EventFactory(name="Industry 4.0 fair", office=office, starts_on=date(2016, 9, 22), ends_on=date(2016, 9, 22))
    AgreementFactory(title="Cooperation with TU Dresden", office=office, signed_on=date(2016, 6, 1))
    FollowUpFactory(assignee=staff, due_on=date(2016, 5, 1), done_at=datetime(2016, 4, 30, 9, 0))


def test_the_annual_report_defaults_to_my_office_and_this_year(logged_in, office, freeze_clock):
    freeze_clock(datetime(2016, 11, 25, 10, 0))
    page = logged_in.get("/timeline/report").get_data(as_text=True)
    assert "Annual report 2016 · Dresden" in page


def test_the_annual_report_shows_the_offices_year(logged_in, office, year_2016):
    page = logged_in.get(f"/timeline/report?office_id={office.id}&year=2016").get_data(as_text=True)
    assert "Site selection trip" in page and "Industry 4.0 fair" in page and "Cooperation with TU Dresden" in page
    assert "1 / 1" in page  # follow-ups done on time
    assert "css/timeline.css" in page


def test_the_annual_report_draws_channels_meetings_and_follow_ups_as_charts(logged_in, office, year_2016):
    page = logged_in.get(f"/timeline/report?office_id={office.id}&year=2016").get_data(as_text=True)
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg"') == 3
    assert "Interactions: Call 1, E-mail 0, WeChat 0, Meeting 0, Visit 1," in page
    assert "Follow-ups: Done on time 1, Done late 0, Not done 0" in page


def test_the_annual_report_exports_to_xlsx(logged_in, office, year_2016):
    response = logged_in.get(f"/timeline/report?office_id={office.id}&year=2016&format=xlsx")
    assert response.status_code == 200
    assert 'filename="annual-report-Dresden-2016.xlsx"' in response.headers["Content-Disposition"]
    rows = {(row[0], row[1]): row[2] for row in load_workbook(io.BytesIO(response.data)).active.values}
    assert rows[("Companies", "Companies contacted")] == 1
    assert rows[("Companies", "New companies")] == 1
    assert rows[("Interactions", "Visit")] == 1 and rows[("Interactions", "Call")] == 1
    assert rows[("Delegations", "Delegations")] == 1
    assert rows[("Events", "Fairs")] == 1
    assert rows[("Agreements signed", "Agreements signed")] == 1
    assert rows[("Follow-ups", "Done on time")] == 1


def test_a_bad_report_request_is_a_clear_400(logged_in, office):
    assert logged_in.get(f"/timeline/report?office_id={office.id}&year=abc").status_code == 400
    assert logged_in.get("/timeline/report?office_id=999&year=2016").status_code == 400


def test_a_viewer_reads_the_report(client, auth, viewer, office):
    auth.login(viewer)
    assert client.get(f"/timeline/report?office_id={office.id}&year=2016").status_code == 200


def test_the_report_page_queries_a_fixed_number_of_times(logged_in, office, staff, count_queries):
    def fill(n):
        for _ in range(n):
            DelegationFactory(office=office)
            EventFactory(office=office, starts_on=date(2016, 5, 1), ends_on=date(2016, 5, 1))
            AgreementFactory(office=office, signed_on=date(2016, 5, 1))

    fill(2)
    with count_queries() as few:
        logged_in.get(f"/timeline/report?office_id={office.id}&year=2016")
    fill(18)
    with count_queries() as many:
        logged_in.get(f"/timeline/report?office_id={office.id}&year=2016")
    assert len(few) == len(many)
