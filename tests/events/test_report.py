"""The event report: figures, charts drawn by the app itself, and the XLSX export."""
import io
import re

import pytest
from openpyxl import load_workbook

from crm.extensions import db
from crm.models import MeetingOutcome, RequestStatus, Side
from tests.events.factories import MeetingFactory, RequestFactory
from tests.factories import CompanyFactory, SectorFactory


@pytest.fixture
def reported(client, auth, staff, fair, register):
    lasers = SectorFactory(name="Lasers")
    jinan = register("Jinan Laser", company=CompanyFactory(name="Jinan Laser", sectors=[lasers]))
    optics = register("Dresden Optics", Side.B, company=CompanyFactory(name="Dresden Optics", sectors=[lasers]))
    oulu = register("Oulu Sensors", Side.B)
    RequestFactory(requester=jinan, counterpart=optics)
    RequestFactory(requester=jinan, counterpart=oulu, status=RequestStatus.DECLINED)
    held = MeetingFactory(a=jinan, b=optics, slot=0)
    MeetingFactory(a=oulu, b=optics, slot=1, outcome=MeetingOutcome.NOT_HELD)
    auth.login(staff)
    client.post(f"/events/{fair.id}/meetings/{held.id}/outcome", data={"outcome": "possible", "note": ""})
    return fair


def figure(page, name):
    return re.search(rf'id="figure-{name}">(\d+)<', page).group(1)


def test_the_report_shows_registrations_requests_meetings_outcomes_and_follow_ups(client, reported):
    page = client.get(f"/events/{reported.id}/report").get_data(as_text=True)
    assert [figure(page, n) for n in ("participants", "requests", "scheduled", "held", "follow-ups")] == [
        "3", "2", "2", "1", "2"]
    assert figure(page, "follow-ups-done") == "0"


def test_the_charts_are_inline_svg_with_numbers_and_patterns(client, reported):
    page = client.get(f"/events/{reported.id}/report").get_data(as_text=True)
    assert page.count("<svg") == 7
    assert "Registrations by sector and side" in page and 'fill="url(#chart-sectors-hatch)"' in page
    assert ">Cooperation possible</text>" in page
    assert "cdn" not in page.lower() and "<script>" not in page and "style=" not in page


def test_the_report_as_a_workbook(client, reported):
    response = client.get(f"/events/{reported.id}/report?format=xlsx")
    workbook = load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames == ["Figures", "By side", "By sector", "Requests", "Outcomes"]
    figures = dict(row for row in workbook["Figures"].values)
    assert (figures["Meetings scheduled"], figures["Meetings held"], figures["Follow-ups created"]) == (2, 1, 2)
    assert list(workbook["By sector"].values)[1] == ("Lasers", 1, 1)
    assert client.get(f"/events/{reported.id}/report?format=pdf").status_code == 400


def test_the_report_shows_the_last_schedule_against_its_bound(client, reported):
    reported.last_schedule = {"placed": 40, "requested": 42, "objective": 97, "bound": 97, "status": "optimal",
                              "seconds": 1.2, "kept": 0, "at": "2025-09-20T08:00:00", "by": "Manager"}
    db.session.commit()
    page = client.get(f"/events/{reported.id}/report").get_data(as_text=True)
    assert "40 of 42 requested meetings placed; total priority 97 of a proven upper bound of 97" in page
