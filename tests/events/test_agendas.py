"""Agendas: per participant (printable, XLSX, .ics) and per table (printable, XLSX), in the
event office's time zone, preliminary or final with changes marked."""
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from openpyxl import load_workbook

from crm.models import Side
from tests.events.factories import MeetingFactory, RequestFactory
from tests.factories import AffiliationFactory, PersonFactory


@pytest.fixture
def agenda(fair, register):
    """Jinan Laser meets Dresden Optics (contact Anna Berg) at 10:30 at table 2."""
    jinan = register("Jinan Laser", offers="Fibre lasers", seeks="Distributors")
    person = PersonFactory(name="Anna Berg", email="anna@optics.de", phone="+49 351 123")
    optics = register("Dresden Optics", Side.B, company=AffiliationFactory(person=person).company,
                      seeks="Laser sources", people=[person])
    optics.company.name = "Dresden Optics"
    meeting = MeetingFactory(a=jinan, b=optics, slot=2, table_number=2,
                             request=RequestFactory(requester=jinan, counterpart=optics))
    return jinan, optics, meeting


def test_a_participants_agenda_shows_time_table_counterpart_profile_and_contact(logged_in, fair, agenda):
    jinan, _optics, _meeting = agenda
    page = logged_in.get(f"/events/{fair.id}/agendas/participants/{jinan.id}").get_data(as_text=True)
    assert "Sep 22, 2025 10:30\u202fAM–11:00\u202fAM" in page
    assert "Dresden Optics" in page and "Laser sources" in page
    assert "Anna Berg, anna@optics.de, +49 351 123" in page
    assert "Times in Europe/Berlin" in page and "Preliminary agenda" in page
    assert "/static/css/events.css" in page  # the print rules


def test_every_agenda_prints_on_its_own_page(logged_in, fair, agenda):
    page = logged_in.get(f"/events/{fair.id}/agendas/participants").get_data(as_text=True)
    assert page.count('class="agenda ') == 2 and page.count("page-break") == 1


def test_a_participants_agenda_as_a_spreadsheet(logged_in, fair, agenda):
    jinan, _optics, _meeting = agenda
    response = logged_in.get(f"/events/{fair.id}/agendas/participants/{jinan.id}.xlsx")
    assert response.headers["Content-Disposition"] == f'attachment; filename="agenda-{fair.id}-{jinan.id}.xlsx"'
    rows = list(load_workbook(io.BytesIO(response.data)).active.values)
    assert rows[0][:5] == ("Date", "Starts", "Ends", "Table", "Counterpart")
    assert rows[1][1:5] == ("10:30", "11:00", 2, "Dresden Optics")
    assert rows[1][7:] == ("Laser sources", "Anna Berg, anna@optics.de, +49 351 123", None)


def test_a_participants_agenda_as_a_calendar_in_the_offices_zone(logged_in, fair, agenda):
    _jinan, optics, _meeting = agenda
    response = logged_in.get(f"/events/{fair.id}/agendas/participants/{optics.id}.ics")
    assert response.mimetype == "text/calendar"
    [entry] = icalendar.Calendar.from_ical(response.data).walk("VEVENT")
    assert entry.decoded("dtstart") == datetime(2025, 9, 22, 10, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    assert entry["dtstart"].params["TZID"] == "Europe/Berlin"
    assert str(entry["summary"]) == "Meeting: Jinan Laser"
    assert "Offers: Fibre lasers" in str(entry["description"])


def test_a_meeting_moved_after_the_final_agenda_says_so_in_the_calendar(client, auth, manager, fair, agenda):
    jinan, _optics, meeting = agenda
    auth.login(manager)
    client.post(f"/events/{fair.id}/schedule/publish")
    client.post(f"/events/{fair.id}/meetings/{meeting.id}/move", data={"slot": "0", "table": ""})

    [entry] = icalendar.Calendar.from_ical(
        client.get(f"/events/{fair.id}/agendas/participants/{jinan.id}.ics").data).walk("VEVENT")
    assert str(entry["description"]).startswith("CHANGED after the final agenda.")
    rows = list(load_workbook(io.BytesIO(
        client.get(f"/events/{fair.id}/agendas/participants/{jinan.id}.xlsx").data)).active.values)
    assert rows[1][-1] == "changed"


def test_a_tables_agenda_lists_its_meetings_by_slot(logged_in, fair, agenda):
    page = logged_in.get(f"/events/{fair.id}/agendas/tables/2").get_data(as_text=True)
    assert "Table 2" in page and "Dresden Optics" in page and "10:30\u202fAM–11:00\u202fAM" in page
    rows = list(load_workbook(io.BytesIO(logged_in.get(f"/events/{fair.id}/agendas/tables/2.xlsx").data))
                .active.values)
    assert rows[1][3:7] == ("Dresden Optics", "Host", "Jinan Laser", "Visiting")
    assert "No meeting at this table." in logged_in.get(f"/events/{fair.id}/agendas/tables/1").get_data(as_text=True)


def test_tables_outside_the_fair_and_other_events_participants_are_404(logged_in, fair, office):
    from tests.events.factories import EventFactory, ParticipantFactory

    stranger = ParticipantFactory(event=EventFactory(office=office))
    assert logged_in.get(f"/events/{fair.id}/agendas/tables/3").status_code == 404
    assert logged_in.get(f"/events/{fair.id}/agendas/tables/0.xlsx").status_code == 404
    assert logged_in.get(f"/events/{fair.id}/agendas/participants/{stranger.id}.ics").status_code == 404


def test_the_agenda_index_links_every_participant_and_table(logged_in, fair, agenda):
    jinan, optics, _meeting = agenda
    page = logged_in.get(f"/events/{fair.id}/agendas").get_data(as_text=True)
    for participant in (jinan, optics):
        assert f"/events/{fair.id}/agendas/participants/{participant.id}.ics" in page
    assert f"/events/{fair.id}/agendas/tables/2.xlsx" in page
