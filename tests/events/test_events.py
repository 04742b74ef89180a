"""Events: creating and editing them, the list, the overview, and a fair's meeting days
with the checks on dates, hours and breaks; changing the grid keeps meetings at their times."""
from datetime import date, time

import pytest
import sqlalchemy as sa

from crm.extensions import db
from crm.models import Event, EventKind, Meeting, MeetingDay, Participant, Role, Side
from tests.events.factories import EventFactory, MeetingDayFactory, MeetingFactory
from tests.factories import OfficeFactory, UserFactory


def event_data(office, **changes):
    data = {
        "name": "Jinan–Dresden Matchmaking Fair", "kind": "fair", "city": "Dresden", "venue": "Messe Dresden",
        "starts_on": "2026-06-10", "ends_on": "2026-06-11", "office_id": office.id, "description": "Lasers, optics",
        "slot_minutes": "20", "tables": "12",
    }
    data.update(changes)
    return data


def day_data(**changes):
    data = {"day": "2025-09-23", "starts_at": "09:00", "ends_at": "12:00", "breaks": "10:30-10:45"}
    data.update(changes)
    return data


# --- the event -------------------------------------------------------------------------------------------------------

def test_a_manager_creates_a_fair(client, auth, manager, office):
    auth.login(manager)

    response = client.post("/events/new", data=event_data(office))

    event = db.session.scalar(sa.select(Event))
    assert response.headers["Location"] == f"/events/{event.id}"
    assert (event.name, event.kind, event.city, event.venue, event.office) == (
        "Jinan–Dresden Matchmaking Fair", EventKind.FAIR, "Dresden", "Messe Dresden", office)
    assert (event.starts_on, event.ends_on, event.slot_minutes, event.tables) == (
        date(2026, 6, 10), date(2026, 6, 11), 20, 12)


def test_a_forum_needs_no_grid(client, auth, manager, office):
    auth.login(manager)
    client.post("/events/new", data=event_data(office, kind="forum", slot_minutes="", tables=""))
    event = db.session.scalar(sa.select(Event))
    assert (event.kind, event.slot_minutes, event.tables) == (EventKind.FORUM, None, None)


@pytest.mark.parametrize("changes, message", [
    ({"ends_on": "2026-06-09"}, "The last day cannot be before the first day."),
    ({"slot_minutes": ""}, "A matchmaking fair needs a slot length."),
    ({"tables": ""}, "A matchmaking fair needs a number of tables."),
    ({"tables": "0"}, "Number must be between 1 and 1000."),
    ({"slot_minutes": "-5"}, "Number must be between 5 and 480."),
    ({"starts_on": "10.06.2026"}, "Not a valid date value."),
    ({"office_id": ""}, "Choose the office organising the event."),
    ({"kind": "party"}, "Not a valid choice."),
])
def test_bad_event_input_is_named_and_nothing_is_saved(client, auth, manager, office, changes, message):
    auth.login(manager)
    response = client.post("/events/new", data=event_data(office, **changes))
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(Event)) is None


@pytest.mark.parametrize("role", [Role.STAFF, Role.VIEWER])
def test_staff_and_viewers_cannot_create_edit_or_delete_events(client, auth, office, fair, role):
    auth.login(UserFactory(office=office, role=role))
    assert client.get("/events/new").status_code == 403
    assert client.post("/events/new", data=event_data(office)).status_code == 403
    assert client.post(f"/events/{fair.id}/edit", data=event_data(office)).status_code == 403
    assert client.post(f"/events/{fair.id}/delete").status_code == 403
    assert client.post(f"/events/{fair.id}/days/new", data=day_data()).status_code == 403


def test_new_dates_must_still_hold_the_meeting_days(client, auth, manager, office, fair):
    auth.login(manager)
    response = client.post(f"/events/{fair.id}/edit", data=event_data(
        office, starts_on="2025-09-23", ends_on="2025-09-23"))
    assert "1 meeting days would fall outside these dates" in response.get_data(as_text=True)
    assert db.session.get(Event, fair.id).starts_on == date(2025, 9, 22)


def test_fewer_tables_than_the_schedule_uses_are_refused(client, auth, manager, office, fair, register):
    MeetingFactory(a=register("A"), b=register("B", Side.B), slot=0, table_number=2)
    auth.login(manager)
    response = client.post(f"/events/{fair.id}/edit", data=event_data(
        office, starts_on="2025-09-22", ends_on="2025-09-23", slot_minutes="30", tables="1"))
    assert "1 scheduled meeting would lose its time or table" in response.get_data(as_text=True)
    assert db.session.get(Event, fair.id).tables == 2


def test_an_event_with_outcomes_cannot_be_deleted(client, auth, manager, fair, register):
    from crm.models import MeetingOutcome

    MeetingFactory(a=register("A"), b=register("B", Side.B), outcome=MeetingOutcome.INFORMATIVE)
    auth.login(manager)
    client.post(f"/events/{fair.id}/delete")
    assert db.session.get(Event, fair.id) is not None


def test_a_manager_moves_an_event_to_the_trash_with_its_registrations_and_meetings(
        client, auth, manager, fair, register):
    MeetingFactory(a=register("A"), b=register("B", Side.B))
    auth.login(manager)
    assert client.post(f"/events/{fair.id}/delete").headers["Location"] == "/events/"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Event)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Meeting)) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Participant)) == 2


def test_unknown_events_are_404(logged_in):
    assert logged_in.get("/events/999").status_code == 404
    assert logged_in.get("/events/999/schedule").status_code == 404


def test_a_forum_has_no_schedule(logged_in, office):
    forum = EventFactory(office=office, kind=EventKind.FORUM, slot_minutes=None, tables=None)
    assert logged_in.get(f"/events/{forum.id}/participants").status_code == 200
    assert logged_in.get(f"/events/{forum.id}/report").status_code == 200
    for page in ("requests", "schedule", "agendas", "outcomes"):
        assert logged_in.get(f"/events/{forum.id}/{page}").status_code == 404, page


# --- the list and the overview ---------------------------------------------------------------------------------------

def test_the_list_shows_upcoming_events_first_and_filters(logged_in, office, freeze_today):
    freeze_today(date(2025, 9, 1))
    jinan = OfficeFactory(name="Jinan", timezone="Asia/Shanghai")
    EventFactory(name="Autumn fair", office=office, starts_on=date(2025, 9, 22), ends_on=date(2025, 9, 23))
    EventFactory(name="Jinan forum", office=jinan, kind=EventKind.FORUM, starts_on=date(2025, 11, 5),
                 ends_on=date(2025, 11, 5))
    EventFactory(name="Spring fair", office=office, starts_on=date(2025, 3, 3), ends_on=date(2025, 3, 4))

    def names(query=""):
        page = logged_in.get("/events/" + query).get_data(as_text=True)
        return [n for n in ("Autumn fair", "Jinan forum", "Spring fair") if n in page]

    assert names() == ["Autumn fair", "Jinan forum"]
    assert names("?when=past") == ["Spring fair"]
    assert names("?when=all&kind=forum") == ["Jinan forum"]
    assert names(f"?when=all&office_id={office.id}") == ["Autumn fair", "Spring fair"]
    assert names("?when=all&year=2024") == []
    assert logged_in.get("/events/?year=abc&kind=party&office_id=x").status_code == 200


def test_the_overview_shows_the_days_and_the_grid_in_the_offices_zone(logged_in, fair):
    page = logged_in.get(f"/events/{fair.id}").get_data(as_text=True)
    assert "Times in Europe/Berlin" in page
    assert "09:00–11:00" in page and "10:00-10:30" in page
    assert "3 slots, 1 to 3" in page
    assert "3 slots × 2 tables: room for 6 meetings." in page
    assert "Add meeting day" not in page  # staff


# --- meeting days ----------------------------------------------------------------------------------------------------

def test_a_manager_adds_a_meeting_day_with_breaks(client, auth, manager, fair):
    auth.login(manager)
    response = client.post(f"/events/{fair.id}/days/new", data=day_data(breaks="12:00-12:00x"))
    assert "is not a break like 12:00-13:00" in response.get_data(as_text=True)

    response = client.post(f"/events/{fair.id}/days/new", data=day_data(breaks="10.30 – 10.45;  "))

    assert response.headers["Location"] == f"/events/{fair.id}#days"
    day = db.session.scalar(sa.select(MeetingDay).where(MeetingDay.day == date(2025, 9, 23)))
    assert (day.starts_at, day.ends_at, day.breaks) == (time(9), time(12), "10:30-10:45")


@pytest.mark.parametrize("changes, message", [
    ({"day": "2025-09-24"}, "The day must fall within the event"),
    ({"day": "2025-09-22"}, "The event already has meetings on this day."),
    ({"ends_at": "08:00"}, "The meetings must end after they start."),
    ({"breaks": "13:00-12:00"}, "The break “13:00-12:00” does not end after it starts."),
    ({"breaks": "25:00-26:00"}, "“25:00-26:00” is not a time of day."),
    ({"breaks": "08:00-09:30"}, "The break 08:00-09:30 is outside the meeting hours."),
    ({"ends_at": "09:20", "breaks": ""}, "No meeting of 30 minutes fits in these hours."),
    ({"starts_at": "9 o'clock"}, "Not a valid time value."),
])
def test_bad_meeting_days_are_refused_with_a_message(client, auth, manager, fair, changes, message):
    auth.login(manager)
    response = client.post(f"/events/{fair.id}/days/new", data=day_data(**changes))
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert len(db.session.get(Event, fair.id).days) == 1


def test_a_day_before_the_others_keeps_meetings_and_availability_at_their_times(client, auth, manager, office,
                                                                               register):
    event = EventFactory(office=office, starts_on=date(2025, 9, 21), ends_on=date(2025, 9, 22))
    MeetingDayFactory(event=event, day=date(2025, 9, 22))  # slots 0-2: 9:00, 9:30, 10:30
    from tests.events.factories import ParticipantFactory

    late = ParticipantFactory(event=event, available_slots=[1, 2])
    meeting = MeetingFactory(a=late, b=ParticipantFactory(event=event, side=Side.B), slot=2, table_number=1)
    auth.login(manager)

    client.post(f"/events/{event.id}/days/new", data=day_data(day="2025-09-21", starts_at="14:00", ends_at="15:00",
                                                             breaks=""))

    assert db.session.get(Meeting, meeting.id).slot == 4  # 10:30 on the 22nd, after 2 new slots
    assert db.session.get(Participant, late.id).available_slots == [3, 4]


def test_a_day_holding_meetings_cannot_be_removed(client, auth, manager, fair, register):
    MeetingFactory(a=register("A"), b=register("B", Side.B), slot=1)
    auth.login(manager)
    client.post(f"/events/{fair.id}/days/{fair.days[0].id}/delete")
    assert len(db.session.get(Event, fair.id).days) == 1


def test_a_day_of_another_event_is_404(client, auth, manager, fair, office):
    other = MeetingDayFactory(event=EventFactory(office=office))
    auth.login(manager)
    assert client.post(f"/events/{fair.id}/days/{other.id}/delete").status_code == 404
    assert client.get(f"/events/{fair.id}/days/{other.id}/edit").status_code == 404
