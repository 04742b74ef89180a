"""The fair helpers without the web: breaks, the slot grid, grid changes, the scheduler's
instance, agendas and their .ics file, outcomes in the histories, the report's figures."""
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import icalendar
import pytest

from crm.models import (
    Channel,
    Company,
    Event,
    FollowUp,
    Interaction,
    Meeting,
    MeetingDay,
    MeetingOutcome,
    MeetingRequest,
    Office,
    Participant,
    Person,
    Priority,
    RequestStatus,
    Role,
    Sector,
    Side,
    User,
)
from crm.services import fair, scheduling
from crm.services.calendar_feed import slot_times

BERLIN = ZoneInfo("Europe/Berlin")


def day(on, starts, ends, breaks=None):
    return MeetingDay(day=on, starts_at=starts, ends_at=ends, breaks=breaks)


TWO_DAYS = [
    day(date(2026, 6, 11), time(14), time(15), "14:20-14:30"),
    day(date(2026, 6, 10), time(9), time(10, 30), "9:40-10:00"),
]


def participant(pid, name, side=Side.A, available=None, max_meetings=None, **extra):
    return Participant(id=pid, company=Company(id=pid, name=name, **extra.pop("company", {})), company_id=pid,
                       side=side, available_slots=available, max_meetings=max_meetings, people=extra.pop("people", []),
                       **extra)


def meeting(a, b, slot, table=1, **extra):
    return Meeting(a=a, b=b, a_id=a.id, b_id=b.id, slot=slot, table_number=table,
                   placed_at=extra.pop("placed_at", datetime(2026, 5, 1, 12)), locked=extra.pop("locked", False),
                   **extra)


def request(pid, a, b, priority=Priority.WOULD_LIKE, status=RequestStatus.ACCEPTED):
    return MeetingRequest(id=pid, requester_id=a.id, counterpart_id=b.id, priority=priority, status=status)


# --- breaks ----------------------------------------------------------------------------------------------------------

def test_breaks_are_read_in_time_order_and_stored_in_one_form():
    breaks = fair.parse_breaks("15:30 – 15:45; 12.00-13:00\n")
    assert breaks == [(time(12), time(13)), (time(15, 30), time(15, 45))]
    assert fair.format_breaks(breaks) == "12:00-13:00, 15:30-15:45"
    assert fair.parse_breaks("") == [] and fair.format_breaks([]) is None


@pytest.mark.parametrize("text, message", [
    ("lunch", "“lunch” is not a break like 12:00-13:00."),
    ("12:00-25:00", "“12:00-25:00” is not a time of day."),
    ("13:00-12:00", "The break “13:00-12:00” does not end after it starts."),
])
def test_a_break_that_cannot_be_read_is_named(text, message):
    with pytest.raises(fair.BreaksError) as error:
        fair.parse_breaks(f"10:00-10:15, {text}")
    assert str(error.value.args[0]) == message


def test_stored_breaks_that_cannot_be_read_are_left_out():
    assert fair.read_breaks("12:00-13:00, lunch") == [(time(12), time(13))]


# --- the grid --------------------------------------------------------------------------------------------------------

def test_slots_are_numbered_from_0_across_days_in_order_around_breaks():
    grid = fair.slot_grid(TWO_DAYS, 20)

    assert [(s.index, s.start) for s in grid] == [
        (0, datetime(2026, 6, 10, 9, 0)), (1, datetime(2026, 6, 10, 9, 20)),  # 9:40-10:00 is a break
        (2, datetime(2026, 6, 10, 10, 0)),  # 10:20 would end after 10:30
        (3, datetime(2026, 6, 11, 14, 0)),  # 14:20-14:30 is a break
        (4, datetime(2026, 6, 11, 14, 30)),
    ]
    assert grid[4].end == datetime(2026, 6, 11, 14, 50) and grid[3].day == date(2026, 6, 11)
    assert [(d, [s.index for s in slots]) for d, slots in fair.slots_by_day(grid)] == [
        (date(2026, 6, 10), [0, 1, 2]), (date(2026, 6, 11), [3, 4])]


def test_the_grid_agrees_with_the_calendar_feed():
    event = Event(name="Fair", starts_on=date(2026, 6, 10), ends_on=date(2026, 6, 11), slot_minutes=20,
                  days=list(TWO_DAYS))
    assert [(s.start, s.end) for s in fair.grid_of(event)] == slot_times(event)


def test_without_a_slot_length_there_is_no_grid():
    assert fair.slot_grid(TWO_DAYS, None) == [] and fair.slot_grid(TWO_DAYS, 0) == []


def test_a_new_day_before_the_others_renumbers_slots_by_their_times():
    old = fair.slot_grid(TWO_DAYS[1:], 20)
    new = fair.slot_grid([day(date(2026, 6, 9), time(9), time(9, 40)), *TWO_DAYS[1:]], 20)
    assert fair.slot_map(old, new) == {0: 2, 1: 3, 2: 4}


def test_meetings_in_slots_that_disappear_or_at_tables_that_go_are_stranded():
    old = fair.slot_grid(TWO_DAYS, 20)
    new = fair.slot_grid(TWO_DAYS[1:], 20)  # the second day is removed
    a, b = participant(1, "A"), participant(2, "B")
    kept, lost, no_table = meeting(a, b, 1, 1), meeting(a, b, 3, 1), meeting(a, b, 2, 3)
    assert fair.stranded_meetings([kept, lost, no_table], old, new, tables=2) == [lost, no_table]


def test_availability_follows_the_time_it_covered_when_the_grid_changes():
    old = fair.slot_grid(TWO_DAYS, 20)
    longer_slots = fair.slot_grid(TWO_DAYS, 40)  # 9:00-9:40, 10:00-... no; 14:30-15:10 no
    assert [(s.start.time(), s.end.time()) for s in longer_slots] == [(time(9), time(9, 40))]
    assert fair.remap_availability([0, 1], old, longer_slots) == [0]
    assert fair.remap_availability([1, 2], old, longer_slots) == []
    assert fair.remap_availability(None, old, longer_slots) is None


# --- the scheduler's instance ----------------------------------------------------------------------------------------

def test_the_instance_holds_accepted_requests_once_per_pair_with_the_highest_priority():
    jinan, dresden, vantaa = participant(1, "Jinan"), participant(2, "Dresden", Side.B), participant(3, "Vantaa")
    requests = [
        request(10, jinan, dresden, Priority.IF_TIME),
        request(11, dresden, jinan, Priority.MUST),
        request(12, jinan, vantaa, status=RequestStatus.PENDING),
        request(13, dresden, vantaa, status=RequestStatus.DECLINED),
    ]
    built = fair.build_instance(5, 2, [jinan, dresden, vantaa], requests)

    assert [(r.pair, r.priority) for r in built.instance.requests] == [(frozenset({"1", "2"}), 3)]
    assert built.request_of[frozenset({1, 2})].id == 11
    assert (built.instance.slots, built.instance.tables) == (5, 2)


def test_availability_outside_the_grid_is_dropped_and_maximums_are_kept():
    late = participant(1, "Late", available=[3, 4, 7], max_meetings=2)
    built = fair.build_instance(5, 2, [late], [])
    assert built.instance.available("1") == frozenset({3, 4})
    assert built.instance.max_meetings("1") == 2


def test_fixed_meetings_are_locked_even_when_their_request_was_declined_since():
    a, b = participant(1, "A"), participant(2, "B", Side.B)
    held = meeting(a, b, 2, 1, outcome=MeetingOutcome.INFORMATIVE)
    built = fair.build_instance(5, 2, [a, b], [request(10, a, b, Priority.MUST, RequestStatus.DECLINED)], [held])

    assert built.instance.locked == (scheduling.Meeting("1", "2", 2, 1),)
    assert built.instance.request_for("1", "2").priority == 3


def test_a_meeting_is_fixed_when_locked_or_when_it_has_an_outcome():
    a, b = participant(1, "A"), participant(2, "B")
    assert not fair.is_fixed(meeting(a, b, 0))
    assert fair.is_fixed(meeting(a, b, 0, locked=True))
    assert fair.is_fixed(meeting(a, b, 0, outcome=MeetingOutcome.NOT_HELD))


def test_new_rows_keep_the_placing_time_of_meetings_that_did_not_move():
    a, b, c = participant(1, "A"), participant(2, "B", Side.B), participant(3, "C", Side.B)
    requests = [request(10, a, b), request(11, a, c)]
    built = fair.build_instance(3, 1, [a, b, c], requests)
    schedule = scheduling.Schedule(built.instance, (scheduling.Meeting("1", "2", 0, 1),
                                                    scheduling.Meeting("1", "3", 1, 1)), bound=4)
    before = [meeting(a, b, 0, 1, placed_at=datetime(2026, 5, 1)), meeting(a, c, 2, 1)]
    now = datetime(2026, 5, 20)

    rows = fair.meeting_rows(7, schedule, built, before, now)

    assert [(r.a_id, r.b_id, r.slot, r.table_number, r.request_id, r.placed_at) for r in rows] == [
        (1, 2, 0, 1, 10, datetime(2026, 5, 1)), (1, 3, 1, 1, 11, now)]


def test_conflicts_name_what_a_meeting_breaks():
    a, b = participant(1, "A", available=[0, 1]), participant(2, "B", Side.B)
    fine, unavailable, outside = meeting(a, b, 0, 1), meeting(a, b, 2, 2), meeting(a, b, 9, 3)
    fine.id, unavailable.id, outside.id = 1, 2, 3

    found = fair.meeting_conflicts([fine, unavailable, outside], {1: a, 2: b}, slot_count=5, tables=2)

    assert found == {2: [(fair.UNAVAILABLE, a)],
                     3: [(fair.NOT_IN_GRID, None), (fair.NO_TABLE, None), (fair.UNAVAILABLE, a)]}


# --- agendas ---------------------------------------------------------------------------------------------------------

@pytest.fixture
def dresden_fair():
    event = Event(id=4, name="Dresden Fair", venue="Messe", city="Dresden", starts_on=date(2026, 6, 10),
                  ends_on=date(2026, 6, 11), slot_minutes=20, days=list(TWO_DAYS),
                  office=Office(name="Dresden", timezone="Europe/Berlin"))
    jinan = participant(1, "Jinan Laser", offers="Fibre lasers", seeks="Sales partners")
    host = participant(2, "Dresden Optics", Side.B, seeks="Laser sources",
                       people=[Person(name="Anna Berg", email="anna@optics.de", phone="+49 351 1")])
    return event, jinan, host


def test_a_participants_agenda_names_the_counterpart_and_marks_changes(dresden_fair):
    event, jinan, host = dresden_fair
    grid = fair.grid_of(event)
    first = meeting(jinan, host, 3, 2, placed_at=datetime(2026, 6, 1))
    moved = meeting(participant(3, "Other", Side.B), jinan, 0, 1, placed_at=datetime(2026, 6, 5))

    lines = fair.participant_agenda(1, [first, moved], grid, final_at=datetime(2026, 6, 2))

    assert [(line.slot.index, line.counterpart.company.name, line.changed) for line in lines] == [
        (0, "Other", True), (3, "Dresden Optics", False)]
    assert fair.participant_agenda_rows(lines[1:]) == [[
        date(2026, 6, 11), "14:00", "14:20", 2, "Dresden Optics", Side.B, None, "Laser sources",
        "Anna Berg, anna@optics.de, +49 351 1", None]]


def test_nothing_is_changed_before_the_final_agenda(dresden_fair):
    _event, jinan, host = dresden_fair
    assert not fair.is_changed(meeting(jinan, host, 0, placed_at=datetime(2030, 1, 1)), None)


def test_a_table_agenda_lists_the_host_first(dresden_fair):
    event, jinan, host = dresden_fair
    lines = fair.table_agenda(2, [meeting(jinan, host, 4, 2), meeting(jinan, host, 1, 1)], fair.grid_of(event), None)
    assert fair.table_agenda_rows(lines) == [[date(2026, 6, 11), "14:30", "14:50", "Dresden Optics", Side.B,
                                              "Jinan Laser", Side.A, None]]


def test_the_ics_agenda_is_in_the_events_zone_with_the_counterparts_profile(dresden_fair):
    event, jinan, host = dresden_fair
    event.agenda_final_at = datetime(2026, 6, 2)
    lines = fair.participant_agenda(1, [meeting(jinan, host, 3, 2, placed_at=datetime(2026, 6, 3))],
                                    fair.grid_of(event), event.agenda_final_at)

    body = fair.agenda_ics(event, jinan, lines, fair.event_zone(event), datetime(2026, 6, 4, 8))

    calendar = icalendar.Calendar.from_ical(body)
    [entry] = calendar.walk("VEVENT")
    assert entry.decoded("dtstart") == datetime(2026, 6, 11, 14, 0, tzinfo=BERLIN)
    assert entry.decoded("dtend") == datetime(2026, 6, 11, 14, 20, tzinfo=BERLIN)
    assert entry["dtstart"].params["TZID"] == "Europe/Berlin"
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert str(entry["uid"]) == "fair-4-meeting-1-2@jadebridge"
    assert str(entry["summary"]) == "Meeting: Dresden Optics"
    assert str(entry["location"]) == "Messe, Dresden, Table 2"
    description = str(entry["description"])
    assert description.startswith("CHANGED after the final agenda.")
    assert "Seeks: Laser sources" in description and "Contact: Anna Berg, anna@optics.de" in description


def test_a_preliminary_ics_agenda_says_times_may_change(dresden_fair):
    event, jinan, host = dresden_fair
    lines = fair.participant_agenda(2, [meeting(jinan, host, 0, 1)], fair.grid_of(event), None)
    [entry] = icalendar.Calendar.from_ical(
        fair.agenda_ics(event, host, lines, fair.event_zone(event), datetime(2026, 6, 4))).walk("VEVENT")
    assert str(entry["description"]).startswith("Preliminary agenda")
    assert "Offers: Fibre lasers" in str(entry["description"])


def test_an_event_without_an_office_runs_on_utc():
    assert fair.event_zone(Event(name="x")) == ZoneInfo("UTC")
    assert fair.local_to_utc(datetime(2026, 6, 10, 9), BERLIN) == datetime(2026, 6, 10, 7)
    assert fair.utc_to_local(datetime(2026, 6, 10, 7), BERLIN) == datetime(2026, 6, 10, 9)


# --- outcomes --------------------------------------------------------------------------------------------------------

@pytest.fixture
def recorded_meeting(dresden_fair):
    event, jinan, host = dresden_fair
    office = Office(id=5, name="Dresden")
    owner = User(name="Owner", role=Role.STAFF, active=True, office=office, office_id=5)
    host.company.owner = owner
    user = User(name="Recorder", role=Role.STAFF, active=True, office=office, office_id=5)
    return event, meeting(jinan, host, 0, 1), user, owner


def test_an_outcome_goes_into_both_histories_with_a_follow_up_for_the_owner(recorded_meeting):
    event, m, user, owner = recorded_meeting
    starts = datetime(2026, 6, 10, 7)

    result = fair.record_outcome(event, m, MeetingOutcome.POSSIBLE, " Samples in July ", user, starts_at=starts,
                                 now=datetime(2026, 6, 10, 9), today=date(2026, 6, 10))

    assert (m.outcome, m.outcome_note, m.outcome_recorded_at) == (
        MeetingOutcome.POSSIBLE, "Samples in July", datetime(2026, 6, 10, 9))
    assert [(i.company.name, i.channel, i.occurred_at, i.summary, i.outcome) for i in result.created] == [
        ("Jinan Laser", Channel.FAIR_MEETING, starts, "Fair meeting with Dresden Optics at Dresden Fair",
         "Cooperation possible: Samples in July"),
        ("Dresden Optics", Channel.FAIR_MEETING, starts, "Fair meeting with Jinan Laser at Dresden Fair",
         "Cooperation possible: Samples in July"),
    ]
    assert result.created[1].people == m.b.people
    assert [(f.company.name, f.assignee, f.due_on) for f in result.follow_ups] == [
        ("Jinan Laser", user, date(2026, 6, 24)), ("Dresden Optics", owner, date(2026, 6, 24))]


def test_a_corrected_outcome_updates_the_interactions_and_plans_no_second_follow_up(recorded_meeting):
    event, m, user, _owner = recorded_meeting
    earlier = {1: Interaction(id=31, company_id=1), 2: Interaction(id=32, company_id=2)}

    result = fair.record_outcome(event, m, MeetingOutcome.AGREEMENT, None, user, starts_at=datetime(2026, 6, 10, 7),
                                 now=datetime(2026, 6, 11), today=date(2026, 6, 11), existing=earlier,
                                 followed_up={31})

    assert result.created == [] and result.updated == [earlier[1], earlier[2]]
    assert earlier[1].outcome == "Agreement reached"
    assert [f.interaction for f in result.follow_ups] == [earlier[2]]


def test_an_outcome_without_cooperation_plans_no_follow_up(recorded_meeting):
    event, m, user, _owner = recorded_meeting
    result = fair.record_outcome(event, m, MeetingOutcome.NO_INTEREST, None, user, starts_at=datetime(2026, 6, 10),
                                 now=datetime(2026, 6, 10), today=date(2026, 6, 10))
    assert len(result.created) == 2 and result.follow_ups == []


def test_a_review_adds_new_interactions_and_keeps_the_first_result(recorded_meeting):
    event, m, user, _owner = recorded_meeting
    m.outcome = MeetingOutcome.INFORMATIVE
    now = datetime(2026, 11, 3, 10)

    result = fair.record_review(event, m, MeetingOutcome.AGREEMENT, "Contract signed", user, now=now,
                                today=date(2026, 11, 3))

    assert (m.outcome, m.reviewed_outcome, m.review_note, m.reviewed_at) == (
        MeetingOutcome.INFORMATIVE, MeetingOutcome.AGREEMENT, "Contract signed", now)
    assert [(i.summary, i.occurred_at) for i in result.created] == [
        ("Review of the fair meeting with Dresden Optics at Dresden Fair", now),
        ("Review of the fair meeting with Jinan Laser at Dresden Fair", now)]
    assert len(result.follow_ups) == 2
    assert fair.final_outcome(m) == MeetingOutcome.AGREEMENT


# --- the report ------------------------------------------------------------------------------------------------------

def test_the_figures_count_sides_sectors_requests_outcomes_and_follow_ups():
    lasers, optics = Sector(name="Lasers"), Sector(name="Optics")
    a1 = participant(1, "A1", company={"sectors": [lasers, optics]})
    a2 = participant(2, "A2", company={"sectors": []})
    b1 = participant(3, "B1", Side.B, company={"sectors": [lasers]})
    requests = [request(1, a1, b1, Priority.MUST), request(2, b1, a1), request(3, a2, b1, Priority.IF_TIME,
                                                                              RequestStatus.DECLINED)]
    meetings = [
        meeting(a1, b1, 0, outcome=MeetingOutcome.INFORMATIVE, reviewed_outcome=MeetingOutcome.AGREEMENT),
        meeting(a2, b1, 1, outcome=MeetingOutcome.NOT_HELD),
        meeting(a1, a2, 2),
    ]
    follow_ups = [FollowUp(done_at=datetime(2026, 7, 1)), FollowUp()]

    figures = fair.event_figures([a1, a2, b1], requests, meetings, follow_ups)

    assert figures.participants == 3
    assert figures.by_side == [("Visiting", 2), ("Host", 1)]
    assert figures.by_sector == [("Lasers", 1, 1), ("No sector", 1, 0), ("Optics", 1, 0)]
    assert (figures.requests, figures.requested_pairs) == (3, 1)
    assert figures.requests_by_status == [("Pending", 0), ("Accepted", 2), ("Declined", 1)]
    assert figures.requests_by_priority == [("Must meet", 1), ("Would like", 1), ("If time allows", 1)]
    assert (figures.scheduled, figures.held, figures.not_held, figures.without_outcome, figures.reviewed) == (
        3, 1, 1, 1, 1)
    assert ("Informative, no cooperation yet", 1, 0) in figures.outcomes
    assert ("Agreement reached", 0, 1) in figures.outcomes
    assert (figures.follow_ups_created, figures.follow_ups_done) == (2, 1)
