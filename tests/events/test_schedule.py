"""The schedule: one run places the accepted requests (locked meetings and ones that took
place stay), the report says what was placed, the bound, and why some were not; single
meetings are locked, moved and cancelled, late requests fill a free slot, the final agenda
is published. The fair has slots 0-2 (9:00, 9:30, 10:30) and tables 1-2."""
from datetime import datetime

import pytest
import sqlalchemy as sa

from crm.extensions import db
from crm.models import Event, Meeting, MeetingOutcome, MeetingRequest, Priority, RequestStatus, Role, Side
from crm.services import scheduling
from tests.events.factories import EventFactory, MeetingFactory, ParticipantFactory, RequestFactory
from tests.factories import UserFactory


def meetings(event):
    return db.session.scalars(sa.select(Meeting).where(Meeting.event_id == event.id).order_by(Meeting.slot)).all()


def pairs(event):
    return {frozenset((m.a_id, m.b_id)) for m in meetings(event)}


@pytest.fixture
def as_manager(client, auth, manager):
    auth.login(manager)
    return client


# --- the run ---------------------------------------------------------------------------------------------------------

def test_staff_cannot_run_the_scheduler(logged_in, fair):
    assert logged_in.post(f"/events/{fair.id}/schedule/run").status_code == 403


def test_a_run_places_accepted_requests_where_both_are_available(as_manager, fair, register):
    jinan, late = register("Jinan Laser"), register("Late Arrival", available_slots=[2])
    optics, oulu = register("Dresden Optics", Side.B), register("Oulu Sensors", Side.B)
    RequestFactory(requester=jinan, counterpart=optics, priority=Priority.MUST)
    RequestFactory(requester=optics, counterpart=jinan, priority=Priority.IF_TIME)  # the same pair, once
    RequestFactory(requester=late, counterpart=oulu)
    RequestFactory(requester=jinan, counterpart=oulu, status=RequestStatus.PENDING)
    RequestFactory(requester=late, counterpart=optics, status=RequestStatus.DECLINED)

    response = as_manager.post(f"/events/{fair.id}/schedule/run", follow_redirects=True)

    assert pairs(fair) == {frozenset((jinan.id, optics.id)), frozenset((late.id, oulu.id))}
    placed = {frozenset((m.a_id, m.b_id)): m for m in meetings(fair)}
    assert placed[frozenset((late.id, oulu.id))].slot == 2
    jinan_optics = placed[frozenset((jinan.id, optics.id))]
    assert jinan_optics.request.priority == Priority.MUST
    page = response.get_data(as_text=True)
    assert "Scheduled 2 of 2 requested meetings (total priority 5; proven upper bound 5)." in page
    assert "of a proven upper bound of 5 (optimal" in page


def test_the_last_run_is_shown_to_every_manager(as_manager, manager, client, auth, fair, register, office):
    RequestFactory(requester=register("Jinan Laser"), counterpart=register("Dresden Optics", Side.B))
    as_manager.post(f"/events/{fair.id}/schedule/run")
    auth.logout()
    colleague = UserFactory(office=office, role=Role.MANAGER, name="Colleague")
    auth.login(colleague)

    page = client.get(f"/events/{fair.id}/schedule").get_data(as_text=True)

    assert "1 of 1 placed, total priority 2 of a proven upper bound of 2 (optimal" in page
    assert manager.name in page.split('id="last-run"')[1].split("</p>")[0]


def test_the_time_limit_comes_from_the_configuration(as_manager, app, fair, register, monkeypatch):
    seen = []
    real = scheduling.solve

    def spy(instance, **kwargs):
        seen.append(kwargs["time_limit"])
        return real(instance, **kwargs)

    monkeypatch.setattr(scheduling, "solve", spy)
    monkeypatch.setitem(app.config, "SCHEDULER_TIME_LIMIT", 1.5)
    as_manager.post(f"/events/{fair.id}/schedule/run")
    assert seen == [1.5]


def test_locked_meetings_and_meetings_that_took_place_keep_slot_and_table(as_manager, fair, register):
    a1, a2 = register("A1"), register("A2")
    b1, b2 = register("B1", Side.B), register("B2", Side.B)
    locked = MeetingFactory(a=a1, b=b1, slot=2, table_number=2, locked=True,
                            request=RequestFactory(requester=a1, counterpart=b1))
    held = MeetingFactory(a=a2, b=b2, slot=1, table_number=1, outcome=MeetingOutcome.INFORMATIVE)  # no request
    MeetingFactory(a=a1, b=b2, slot=0, table_number=1)  # its request was withdrawn: it goes
    RequestFactory(requester=a2, counterpart=b1, priority=Priority.MUST)
    locked_id, held_id = locked.id, held.id

    as_manager.post(f"/events/{fair.id}/schedule/run")

    assert (db.session.get(Meeting, locked_id).slot, db.session.get(Meeting, locked_id).table_number) == (2, 2)
    assert (db.session.get(Meeting, held_id).slot, db.session.get(Meeting, held_id).table_number) == (1, 1)
    assert pairs(fair) == {frozenset((a1.id, b1.id)), frozenset((a2.id, b2.id)), frozenset((a2.id, b1.id))}
    new = next(m for m in meetings(fair) if {m.a_id, m.b_id} == {a2.id, b1.id})
    assert new.slot == 0  # a2 meets b2 in slot 1 and b1 is locked in slot 2


def test_a_meeting_that_stays_put_keeps_its_placing_time(as_manager, fair, register):
    a, b = register("A"), register("B", Side.B, available_slots=[1])
    request = RequestFactory(requester=a, counterpart=b)
    MeetingFactory(a=a, b=b, slot=1, table_number=1, request=request, placed_at=datetime(2025, 9, 1, 8))

    as_manager.post(f"/events/{fair.id}/schedule/run")

    [meeting] = meetings(fair)
    assert (meeting.slot, meeting.table_number, meeting.placed_at) == (1, 1, datetime(2025, 9, 1, 8))


def test_the_report_says_who_got_fewer_meetings_and_why(as_manager, fair, register):
    busy = register("Busy GmbH", max_meetings=1)
    hosts = [register(name, Side.B) for name in ("Host One", "Host Two")]
    for host in hosts:
        RequestFactory(requester=busy, counterpart=host)
    nobody = register("Never There", available_slots=[0])
    absent = register("Only Later", Side.B, available_slots=[2])
    RequestFactory(requester=nobody, counterpart=absent)

    page = as_manager.post(f"/events/{fair.id}/schedule/run", follow_redirects=True).get_data(as_text=True)

    assert "Scheduled 1 of 3 requested meetings" in page
    assert "Busy GmbH has reached its maximum of 1 meetings." in page
    assert "There is no slot in which both are available." in page
    assert "Fewer meetings than asked for" in page and "0 of 1" in page


def test_a_run_without_a_grid_says_what_is_missing(as_manager, office):
    event = EventFactory(office=office)  # no meeting days
    response = as_manager.post(f"/events/{event.id}/schedule/run", follow_redirects=True)
    assert "Add meeting days, a slot length and tables before scheduling." in response.get_data(as_text=True)


def test_the_schedule_page_runs_the_same_queries_for_2_or_20_meetings(logged_in, office, count_queries):
    from tests.events.factories import MeetingDayFactory

    event = EventFactory(office=office, tables=10)
    MeetingDayFactory(event=event)

    def add(count, start):
        for n in range(start, start + count):
            a, b = ParticipantFactory(event=event), ParticipantFactory(event=event, side=Side.B)
            MeetingFactory(a=a, b=b, slot=n // 10, table_number=n % 10 + 1,
                           request=RequestFactory(requester=a, counterpart=b))

    def statements():
        with count_queries() as found:
            assert logged_in.get(f"/events/{event.id}/schedule").status_code == 200
        return len(found)

    add(2, 0)
    few = statements()
    add(18, 2)
    assert statements() == few


# --- single meetings -------------------------------------------------------------------------------------------------

@pytest.fixture
def scheduled(fair, register):
    """Jinan meets Optics in slot 0 at table 1; Oulu meets Stuttgart in slot 1 at table 1."""
    jinan, optics = register("Jinan Laser", available_slots=[0, 1]), register("Dresden Optics", Side.B)
    oulu, stuttgart = register("Oulu Sensors"), register("Stuttgart Robotics", Side.B)
    first = MeetingFactory(a=jinan, b=optics, slot=0, table_number=1,
                           request=RequestFactory(requester=jinan, counterpart=optics))
    second = MeetingFactory(a=oulu, b=stuttgart, slot=1, table_number=1,
                            request=RequestFactory(requester=oulu, counterpart=stuttgart))
    return first, second


def test_a_meeting_moves_to_a_slot_where_both_are_free(as_manager, fair, scheduled):
    first, second = scheduled
    placed_before = first.placed_at
    response = as_manager.post(f"/events/{fair.id}/meetings/{first.id}/move", data={"slot": "1", "table": ""})
    assert response.headers["Location"] == f"/events/{fair.id}/schedule#meeting-{first.id}"
    moved = db.session.get(Meeting, first.id)
    assert (moved.slot, moved.table_number) == (1, 2)  # table 1 is taken in slot 1
    assert moved.placed_at > placed_before
    assert (db.session.get(Meeting, second.id).slot, db.session.get(Meeting, second.id).table_number) == (1, 1)


@pytest.mark.parametrize("data, message", [
    ({"slot": "2", "table": ""}, "Jinan Laser is not available in this slot."),
    ({"slot": "1", "table": "1"}, "Table 1 is taken in this slot."),
    ({"slot": "9", "table": ""}, "Not a valid choice."),
    ({"slot": "", "table": ""}, "Choose a slot."),
])
def test_a_move_that_breaks_a_rule_is_refused_with_the_reason(as_manager, fair, scheduled, data, message):
    first, _second = scheduled
    response = as_manager.post(f"/events/{fair.id}/meetings/{first.id}/move", data=data)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.get(Meeting, first.id).slot == 0


def test_a_move_into_a_busy_slot_names_who_is_busy(as_manager, fair, register, scheduled):
    first, _second = scheduled
    MeetingFactory(a=register("Other"), b=first.b, slot=1, table_number=2)
    response = as_manager.post(f"/events/{fair.id}/meetings/{first.id}/move", data={"slot": "1", "table": ""})
    assert "Dresden Optics has another meeting in this slot." in response.get_data(as_text=True)


def test_meetings_that_took_place_neither_move_nor_go(as_manager, fair, scheduled):
    first, _second = scheduled
    first.outcome = MeetingOutcome.INFORMATIVE
    db.session.commit()
    as_manager.post(f"/events/{fair.id}/meetings/{first.id}/move", data={"slot": "2", "table": ""})
    as_manager.post(f"/events/{fair.id}/meetings/{first.id}/cancel")
    assert db.session.get(Meeting, first.id).slot == 0


def test_a_cancelled_meeting_leaves_its_request_accepted(as_manager, fair, scheduled):
    first, _second = scheduled
    first_id, request_id = first.id, first.request_id
    response = as_manager.post(f"/events/{fair.id}/meetings/{first_id}/cancel", follow_redirects=True)
    assert db.session.get(Meeting, first_id) is None
    assert db.session.get(MeetingRequest, request_id).status == RequestStatus.ACCEPTED
    page = response.get_data(as_text=True)
    assert "The request stays accepted" in page
    assert "is still free for both" in page  # why the pair has no meeting now


def test_meetings_are_locked_and_unlocked_one_by_one_or_all_at_once(as_manager, fair, scheduled):
    first, second = scheduled
    as_manager.post(f"/events/{fair.id}/meetings/{first.id}/lock")
    assert db.session.get(Meeting, first.id).locked
    as_manager.post(f"/events/{fair.id}/meetings/{first.id}/unlock")
    assert not db.session.get(Meeting, first.id).locked
    as_manager.post(f"/events/{fair.id}/schedule/lock-all")
    assert all(m.locked for m in meetings(fair))
    as_manager.post(f"/events/{fair.id}/schedule/unlock-all")
    assert not any(m.locked for m in meetings(fair))


def test_a_meeting_of_another_event_is_404(as_manager, fair, office):
    other = MeetingFactory(a=ParticipantFactory(event=EventFactory(office=office)))
    assert as_manager.post(f"/events/{fair.id}/meetings/{other.id}/lock").status_code == 404
    assert as_manager.post(f"/events/{fair.id}/meetings/{other.id}/cancel").status_code == 404
    assert as_manager.get(f"/events/{fair.id}/meetings/{other.id}/move").status_code == 404


@pytest.mark.parametrize("path", ["meetings/{id}/lock", "meetings/{id}/unlock", "meetings/{id}/cancel",
                                  "meetings/{id}/move", "schedule/lock-all", "schedule/unlock-all",
                                  "schedule/publish", "schedule/late"])
def test_staff_cannot_change_the_schedule(logged_in, fair, scheduled, path):
    first, _second = scheduled
    assert logged_in.post(f"/events/{fair.id}/" + path.format(id=first.id)).status_code == 403


# --- late requests ---------------------------------------------------------------------------------------------------

def test_a_late_request_goes_into_a_free_slot_without_moving_anyone(as_manager, manager, fair, register, scheduled):
    first, second = scheduled
    before = {m.id: (m.slot, m.table_number) for m in meetings(fair)}
    newcomer = register("Newcomer Oy")

    response = as_manager.post(f"/events/{fair.id}/schedule/late", data={
        "requester_id": newcomer.id, "counterpart_id": first.b_id, "priority": "3", "table": ""})

    assert response.status_code == 302
    assert {m.id: (m.slot, m.table_number) for m in meetings(fair) if m.id in before} == before
    late = next(m for m in meetings(fair) if m.id not in before)
    assert {late.a_id, late.b_id} == {newcomer.id, first.b_id} and late.slot in (1, 2)
    assert (late.request.status, late.request.priority, late.request.created_by) == (
        RequestStatus.ACCEPTED, Priority.MUST, manager)


def test_a_late_request_accepts_an_existing_request_of_the_pair(as_manager, fair, register):
    a, b = register("A"), register("B", Side.B)
    request = RequestFactory(requester=b, counterpart=a, status=RequestStatus.PENDING, priority=Priority.IF_TIME)
    as_manager.post(f"/events/{fair.id}/schedule/late", data={
        "requester_id": a.id, "counterpart_id": b.id, "priority": "2", "table": "2"})
    [meeting] = meetings(fair)
    assert (meeting.request_id, meeting.table_number) == (request.id, 2)
    assert (db.session.get(MeetingRequest, request.id).status, db.session.get(MeetingRequest, request.id).priority) \
        == (RequestStatus.ACCEPTED, Priority.WOULD_LIKE)


@pytest.mark.parametrize("who, message", [
    ("met", "Jinan Laser and Dresden Optics already have a meeting."),
    ("apart", "There is no slot in which both are available."),
])
def test_a_late_request_that_does_not_fit_says_why(as_manager, fair, register, scheduled, who, message):
    first, _second = scheduled
    other = first.b if who == "met" else register("Only Later", Side.B, available_slots=[2])
    response = as_manager.post(f"/events/{fair.id}/schedule/late", data={
        "requester_id": first.a_id, "counterpart_id": other.id, "priority": "2", "table": ""})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert len(meetings(fair)) == 2


def test_a_late_request_with_another_events_participant_is_refused(as_manager, fair, office, scheduled):
    first, _second = scheduled
    stranger = ParticipantFactory(event=EventFactory(office=office))
    response = as_manager.post(f"/events/{fair.id}/schedule/late", data={
        "requester_id": stranger.id, "counterpart_id": first.b_id, "priority": "2", "table": ""})
    assert response.status_code == 400


# --- the final agenda ------------------------------------------------------------------------------------------------

def test_after_publishing_moved_meetings_are_marked_as_changed(as_manager, fair, scheduled):
    first, second = scheduled
    as_manager.post(f"/events/{fair.id}/schedule/publish")
    assert db.session.get(Event, fair.id).agenda_final_at is not None

    as_manager.post(f"/events/{fair.id}/meetings/{first.id}/move", data={"slot": "1", "table": "2"})

    page = as_manager.get(f"/events/{fair.id}/agendas/participants/{first.a_id}").get_data(as_text=True)
    assert "Final agenda" in page and "changed-mark" in page
    other = as_manager.get(f"/events/{fair.id}/agendas/participants/{second.a_id}").get_data(as_text=True)
    assert "changed-mark" not in other


def test_a_run_with_nothing_to_schedule_places_nothing(as_manager, fair, register):
    register("Alone")
    response = as_manager.post(f"/events/{fair.id}/schedule/run", follow_redirects=True)
    assert "Scheduled 0 of 0 requested meetings" in response.get_data(as_text=True)


def test_a_locked_meeting_that_breaks_a_rule_stops_the_run_with_a_message(as_manager, fair, register):
    a, b = register("A", available_slots=[0]), register("B", Side.B)
    MeetingFactory(a=a, b=b, slot=2, locked=True, request=RequestFactory(requester=a, counterpart=b))
    response = as_manager.post(f"/events/{fair.id}/schedule/run", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "The locked meeting of A and B (or one that took place) breaks a rule: A is not available then." in page
    assert "Conflict: A is not available then" in page
