"""The fair scheduler: every schedule is checked by `check_schedule`; tiny instances against
brute force; small instances and short time limits keep this fast."""
import itertools
import random
import time

import pytest

from crm.services.scheduling import (
    Blockers,
    EditError,
    Instance,
    InstanceError,
    Meeting,
    Participant,
    Reason,
    Request,
    Schedule,
    cancel_meeting,
    check_schedule,
    greedy,
    idle_gaps,
    konig_slots,
    move_meeting,
    parse_instance,
    place_late_request,
    solve,
)


def make(slots, tables, participants, requests, locked=()):
    """participants: "J01" (side A, always there) or (id, side, available, max_meetings);
    requests: (a, b) or (a, b, priority); locked: (a, b, slot, table)."""
    people = [Participant(p) if isinstance(p, str) else Participant(*p) for p in participants]
    return Instance(
        slots=slots,
        tables=tables,
        participants=tuple(people),
        requests=tuple(Request(*r) for r in requests),
        locked=tuple(Meeting(*m) for m in locked),
    )


def feasible(instance, schedule):
    """The one check every schedule in these tests goes through."""
    problems = check_schedule(instance, schedule.meetings)
    assert problems == [], problems
    assert schedule.bound >= schedule.objective
    return schedule


def slot_of(schedule, a, b):
    meeting = schedule.meeting_of(a, b)
    return None if meeting is None else meeting.slot


# --- the checker ------------------------------------------------------------------------------------

CHECKED = make(3, 2, ["A1", ("B1", "B", [0, 1]), ("B2", "B", None, 1), "B3"],
               [("A1", "B1"), ("A1", "B2"), ("B2", "B3"), ("A1", "B3")])


def test_check_schedule_accepts_a_schedule_that_keeps_every_rule():
    meetings = [Meeting("A1", "B1", 0, 1), Meeting("A1", "B2", 1, 1), Meeting("A1", "B3", 2, 2)]
    assert check_schedule(CHECKED, meetings) == []


@pytest.mark.parametrize("meetings, expected", [
    ([Meeting("A1", "B1", 2, 1)], "B1 is not available"),
    ([Meeting("A1", "B1", 0, 1), Meeting("A1", "B3", 0, 2)], "A1 has another meeting in this slot"),
    ([Meeting("A1", "B1", 0, 1), Meeting("B1", "A1", 1, 1)], "the pair meets twice"),
    ([Meeting("A1", "B1", 0, 1), Meeting("B2", "B3", 0, 1)], "table 1 is used twice"),
    ([Meeting("A1", "B1", 0, 3)], "table 3 out of range 1-2"),
    ([Meeting("A1", "B3", 3, 1)], "slot out of range 0-2"),
    ([Meeting("A1", "B2", 0, 1), Meeting("B2", "B3", 1, 1)], "B2 has 2 meetings, more than its maximum of 1"),
    ([Meeting("B1", "B3", 0, 1)], "nobody requested this meeting"),
    ([Meeting("A1", "X9", 0, 1)], "unknown participant X9"),
])
def test_check_schedule_names_each_broken_rule(meetings, expected):
    problems = check_schedule(CHECKED, meetings)
    assert any(expected in problem for problem in problems), problems


def test_check_schedule_requires_locked_meetings_in_place():
    instance = make(2, 2, ["A1", "B1"], [("A1", "B1")], locked=[("A1", "B1", 1, 2)])
    assert check_schedule(instance, [Meeting("A1", "B1", 1, 1)]) == [
        "locked meeting A1-B1 is not in slot 1 at table 2"]


# --- optimality ---------------------------------------------------------------------------------------


def brute_force(instance):
    """Best total priority, and the fewest idle gaps among schedules holding it, by trying
    every slot (or none) for every request; tables follow from the count per slot."""
    best = (-1, 0)
    choices = [[None, *sorted(instance.common_slots(r.a, r.b))] for r in instance.requests]
    for picked in itertools.product(*choices):
        per_slot: dict[int, int] = {}
        meetings = []
        for request, slot in zip(instance.requests, picked):
            if slot is not None:
                per_slot[slot] = per_slot.get(slot, 0) + 1
                meetings.append(Meeting(request.a, request.b, slot, per_slot[slot]))
        if check_schedule(instance, meetings):
            continue
        value = sum(r.priority for r, slot in zip(instance.requests, picked) if slot is not None)
        best = max(best, (value, -idle_gaps(instance, meetings)))
    return best[0], -best[1]


def random_tiny_instance(seed):
    rng = random.Random(seed)
    slots, tables = rng.randint(2, 4), rng.randint(1, 3)
    people = []
    for n in range(rng.randint(3, 5)):
        available = None if rng.random() < 0.5 else rng.sample(range(slots), rng.randint(1, slots))
        limit = None if rng.random() < 0.7 else rng.randint(0, 2)
        people.append((f"P{n}", rng.choice("AB"), available, limit))
    every_pair = list(itertools.combinations([p[0] for p in people], 2))
    pairs = rng.sample(every_pair, min(len(every_pair), rng.randint(3, 6)))
    return make(slots, tables, people, [(a, b, rng.randint(1, 3)) for a, b in pairs])


@pytest.mark.parametrize("seed", range(24))
def test_solve_matches_brute_force_on_tiny_instances(seed):
    instance = random_tiny_instance(seed)
    best, fewest_gaps = brute_force(instance)
    schedule = feasible(instance, solve(instance, time_limit=5))
    assert schedule.objective == best
    assert schedule.bound == best and schedule.status == "optimal"
    assert schedule.idle_gaps == fewest_gaps


def circulant(n, degree, slots, tables):
    """A degree-regular bipartite graph: A_i meets B_(i+j) for j < degree; nobody has limits."""
    people = [f"A{i}" for i in range(n)] + [(f"B{i}", "B") for i in range(n)]
    return make(slots, tables, people, [(f"A{i}", f"B{(i + j) % n}") for i in range(n) for j in range(degree)])


@pytest.mark.parametrize("n, degree, tables", [(8, 5, 8), (9, 4, 6), (12, 6, 10)])
def test_konig_bound_is_reached_on_regular_bipartite_instances(n, degree, tables):
    slots = max(degree, -(-n * degree // tables))
    instance = circulant(n, degree, slots, tables)
    assert konig_slots(instance) == slots
    schedule = feasible(instance, solve(instance, time_limit=5, polish_time=0))
    assert schedule.placed == schedule.requested == n * degree
    assert schedule.status == "optimal" and schedule.bound == n * degree


def test_one_slot_fewer_than_konig_leaves_requests_unscheduled_with_a_tight_bound():
    instance = circulant(6, 4, 3, 6)
    schedule = feasible(instance, solve(instance, time_limit=5))
    assert schedule.placed == schedule.bound == 18
    assert all(u.code in (Reason.TAKEN, Reason.TABLES_FULL) for u in schedule.unscheduled)


def test_when_the_relaxed_best_set_does_not_fit_cp_sat_finds_the_best_and_proves_it():
    # The relaxation lets A1 meet both (it has two slots), but B1 and B2 are only there in slot 0.
    instance = make(2, 2, [("A1", "A", [0, 1]), ("B1", "B", [0]), ("B2", "B", [0])], [("A1", "B1", 2), ("A1", "B2", 1)])
    schedule = feasible(instance, solve(instance, time_limit=5))
    assert (schedule.objective, schedule.bound, schedule.status) == (2, 2, "optimal")
    assert schedule.unscheduled[0].reason == "A1 is busy with higher-priority meetings in every common slot"


def test_requests_within_one_side_are_scheduled_too():
    instance = make(3, 3, ["A1", "A2", "A3"], [("A1", "A2"), ("A2", "A3"), ("A1", "A3")])
    schedule = feasible(instance, solve(instance, time_limit=5))
    assert schedule.placed == 3 and schedule.status == "optimal"


def test_solve_beats_greedy_where_first_free_slot_blocks_a_must_meet():
    # Greedy puts A1-B1 first, into slot 0, the only slot A2 has; the solver moves it to slot 1.
    instance = make(2, 2, ["A1", ("A2", "A", [0]), ("B1", "B")], [("A1", "B1", 3), ("A2", "B1", 2)])
    assert greedy(instance).objective == 3
    schedule = feasible(instance, solve(instance, time_limit=5))
    assert schedule.objective == 5 and schedule.status == "optimal"
    assert slot_of(schedule, "A2", "B1") == 0 and slot_of(schedule, "A1", "B1") == 1


def test_greedy_keeps_every_rule():
    instance = random_tiny_instance(3)
    feasible(instance, greedy(instance))


# --- idle gaps ---------------------------------------------------------------------------------------


def test_among_equal_priority_schedules_the_one_without_an_idle_gap_wins():
    # Both W1 and W2 fit with Y into A1's two meetings; only W1 (slot 1) leaves no gap after slot 0.
    instance = make(
        3, 2,
        [("A1", "A", None, 2), ("Y", "B", [0]), ("W2", "B", [2]), ("W1", "B", [1])],
        [("A1", "Y", 2), ("A1", "W2", 1), ("A1", "W1", 1)],
    )
    assert greedy(instance).idle_gaps == 1
    schedule = feasible(instance, solve(instance, time_limit=5))
    assert schedule.objective == 3 and schedule.idle_gaps == 0
    assert schedule.meeting_of("A1", "W1") is not None


def test_meetings_are_packed_together_when_slots_allow():
    instance = make(3, 1, ["A1", "B1", ("B2", "B", [2])], [("A1", "B1", 3), ("A1", "B2", 1)])
    schedule = feasible(instance, solve(instance, time_limit=5))
    assert (slot_of(schedule, "A1", "B1"), slot_of(schedule, "A1", "B2")) == (1, 2)


def test_idle_gaps_skip_slots_a_participant_is_not_available_in():
    instance = make(4, 2, [("A1", "A", [0, 3]), "B1", "B2"], [("A1", "B1"), ("A1", "B2")])
    assert idle_gaps(instance, [Meeting("A1", "B1", 0, 1), Meeting("A1", "B2", 3, 1)]) == 0
    busy_b1 = make(4, 2, ["A1", "B1", "B2"], [("A1", "B1"), ("B1", "B2")])
    assert idle_gaps(busy_b1, [Meeting("A1", "B1", 0, 1), Meeting("B1", "B2", 3, 1)]) == 1


# --- rules: max_meetings, duplicates, tables ----------------------------------------------------------


def test_max_meetings_is_respected_and_explained():
    instance = make(6, 4, [("A1", "A", None, 2), "B1", "B2", "B3", "B4"],
                    [("A1", "B1", 3), ("A1", "B2", 2), ("A1", "B3", 1), ("A1", "B4", 1)])
    schedule = feasible(instance, solve(instance, time_limit=5))
    assert {m.b for m in schedule.meetings} == {"B1", "B2"}
    assert {u.reason for u in schedule.unscheduled} == {"A1 reached its maximum of 2 meetings"}
    assert {s.participant for s in schedule.shortfalls} == {"B3", "B4"}


def test_duplicate_requests_are_merged_with_their_highest_priority():
    instance = make(2, 1, ["A1", "B1"], [("A1", "B1", 1), ("B1", "A1", 3), ("A1", "B1", 2)])
    assert instance.requests == (Request("A1", "B1", 3),)
    schedule = feasible(instance, solve(instance, time_limit=5))
    assert schedule.objective == 3 and schedule.placed == schedule.requested == 1


def test_no_more_meetings_per_slot_than_tables():
    instance = make(2, 1, ["A1", "A2", "A3", "B1", "B2", "B3"], [("A1", "B1", 3), ("A2", "B2", 2), ("A3", "B3", 1)])
    schedule = feasible(instance, solve(instance, time_limit=5))
    assert schedule.objective == 5 and schedule.bound == 5
    (left_out,) = schedule.unscheduled
    assert (left_out.a, left_out.code, left_out.reason) == ("A3", Reason.TABLES_FULL,
                                                            "every table is taken in all common slots")


def test_hosts_keep_one_table_all_day_when_tables_allow():
    instance = circulant(8, 4, 4, 8)
    schedule = feasible(instance, solve(instance, time_limit=2, polish_time=0))
    for host in (f"B{i}" for i in range(8)):
        assert len({m.table for m in schedule.meetings if m.b == host}) == 1


# --- reasons --------------------------------------------------------------------------------------------


def test_reasons_name_the_problem():
    instance = make(
        2, 5,
        [("A1", "A", [0]), ("B1", "B", [1]), ("A2", "A", [0]), ("B2", "B", None, 0), ("B3", "B", [0])],
        [("A1", "B1"), ("A2", "B2"), ("A2", "B3", 3), ("A1", "B3", 1)],
    )
    schedule = feasible(instance, solve(instance, time_limit=5))
    reasons = {(u.a, u.b): u for u in schedule.unscheduled}
    assert reasons["A1", "B1"].reason == "no common available slot"
    assert reasons["A2", "B2"].reason == "B2 wants no meetings"
    assert reasons["A1", "B3"].code is Reason.TAKEN and reasons["A1", "B3"].blockers is Blockers.HIGHER
    assert reasons["A1", "B3"].reason == "B3 is busy with higher-priority meetings in every common slot"


def test_shortfalls_say_who_got_fewer_meetings_and_why():
    instance = make(1, 5, ["A1", ("B1", "B"), ("B2", "B")], [("A1", "B1", 2), ("A1", "B2", 1)])
    schedule = feasible(instance, solve(instance, time_limit=5))
    by_who = {s.participant: s for s in schedule.shortfalls}
    assert set(by_who) == {"A1", "B2"}
    assert (by_who["A1"].wanted, by_who["A1"].got) == (2, 1)
    assert [u.reason for u in by_who["B2"].reasons] == [
        "A1 is busy with higher-priority meetings in every common slot"]


# --- locks and a manager's edits --------------------------------------------------------------------------


def test_locked_meetings_keep_their_slot_and_table():
    instance = circulant(6, 3, 3, 6)
    locked = [Meeting("A0", "B0", 2, 5), Meeting("A1", "B2", 0, 6)]
    schedule = feasible(instance.with_locked(locked), solve(instance, time_limit=5, locked=locked))
    assert set(locked) <= set(schedule.meetings)
    assert schedule.placed == 18 and schedule.status == "optimal"


def test_a_lock_can_cost_priority_and_the_bound_says_so():
    # Locking A1-B1 into slot 0 takes the only slot A2 has with B1.
    instance = make(2, 2, ["A1", ("A2", "A", [0]), ("B1", "B")], [("A1", "B1", 1), ("A2", "B1", 3)],
                    locked=[("A1", "B1", 0, 2)])
    schedule = feasible(instance, solve(instance, time_limit=5))
    assert schedule.objective == 1 and schedule.bound == 1
    (left_out,) = schedule.unscheduled
    assert left_out.reason == "B1 is busy with locked meetings in every common slot"


@pytest.mark.parametrize("locked, message", [
    ([Meeting("A1", "B1", 5, 1)], "slot 5 is out of range 0-1"),
    ([Meeting("A1", "B1", 0, 9)], "table 9 is out of range 1-2"),
    ([Meeting("A1", "B2", 0, 1)], "there is no request for this pair"),
    ([Meeting("A1", "B1", 0, 1), Meeting("B3", "B1", 0, 1)], "table 1 in slot 0 is locked twice"),
    ([Meeting("A1", "B1", 0, 1), Meeting("A1", "B3", 0, 2)], "A1 has another locked meeting in slot 0"),
    ([Meeting("A1", "B1", 0, 1), Meeting("B3", "A1", 1, 1)], "A1 would exceed its maximum of 1 meetings"),
    ([Meeting("A1", "B4", 1, 1)], "B4 is not available in slot 1"),
])
def test_locks_that_break_a_rule_are_refused(locked, message):
    instance = make(2, 2, [("A1", "A", None, 1), "B1", "B2", "B3", ("B4", "B", [0])],
                    [("A1", "B1"), ("A1", "B3"), ("A1", "B4"), ("B1", "B3")])
    with pytest.raises(InstanceError, match=message):
        solve(instance, time_limit=1, locked=locked)


def test_a_late_request_goes_into_a_free_slot_without_moving_anyone():
    instance = circulant(6, 3, 7, 6)  # A0 and B4 are each free in 4 of 7 slots: at least one in common
    before = feasible(instance, solve(instance, time_limit=5))
    after = place_late_request(before, Request("A0", "B4", 2))
    feasible(after.instance, after)
    assert set(before.meetings) < set(after.meetings)
    assert after.placed == before.placed + 1 and after.objective == before.objective + 2
    assert after.instance.request_for("A0", "B4").priority == 2
    assert after.status == "optimal"


def test_a_late_request_takes_the_slot_that_adds_no_idle_gap():
    instance = make(4, 2, ["A1", "B1", "B2"], [("A1", "B1")], locked=[("A1", "B1", 1, 1)])
    before = feasible(instance, solve(instance, time_limit=2))
    after = place_late_request(before, Request("A1", "B2"))
    assert slot_of(after, "A1", "B2") == 0
    assert after.idle_gaps == 0


def test_a_late_request_without_room_is_refused_with_the_reason():
    instance = make(1, 1, ["A1", "B1", "A2", "B2"], [("A1", "B1")])
    before = feasible(instance, solve(instance, time_limit=2))
    with pytest.raises(EditError, match="every table is taken in all common slots"):
        place_late_request(before, Request("A2", "B2"))
    with pytest.raises(EditError, match="already meet"):
        place_late_request(before, Request("B1", "A1"))


def test_a_meeting_can_be_moved_to_a_free_slot_and_table():
    instance = make(3, 2, ["A1", "B1", "A2", "B2"], [("A1", "B1"), ("A2", "B2")])
    before = Schedule(instance, meetings=(Meeting("A1", "B1", 0, 1), Meeting("A2", "B2", 2, 1)), bound=2)
    after = move_meeting(before, "B1", "A1", 2, table=2)
    feasible(after.instance, after)
    assert after.meeting_of("A1", "B1") == Meeting("A1", "B1", 2, 2)
    assert after.meeting_of("A2", "B2") == before.meeting_of("A2", "B2")


@pytest.mark.parametrize("slot, table, message", [
    (5, None, "slot 5 is out of range 0-2"),
    (2, 3, "table 3 is out of range 1-2"),
    (2, None, "B1 is not available in slot 2"),
    (1, None, "A1 has another meeting in slot 1"),
])
def test_a_move_that_breaks_a_rule_is_refused(slot, table, message):
    instance = make(3, 2, ["A1", ("B1", "B", [0, 1]), "B2"], [("A1", "B1")], locked=[("A1", "B1", 0, 1)])
    schedule = feasible(instance, solve(instance, time_limit=2))
    schedule = place_late_request(schedule, Request("A1", "B2"))
    assert slot_of(schedule, "A1", "B2") == 1
    with pytest.raises(EditError, match=message):
        move_meeting(schedule, "A1", "B1", slot, table)


def test_a_moved_locked_meeting_stays_locked_at_its_new_place():
    instance = make(3, 2, ["A1", "B1"], [("A1", "B1")], locked=[("A1", "B1", 0, 1)])
    moved = move_meeting(solve(instance, time_limit=2), "A1", "B1", 2)
    assert moved.instance.locked == (Meeting("A1", "B1", 2, 1),)
    again = feasible(moved.instance, solve(moved.instance, time_limit=2))
    assert again.meetings == (Meeting("A1", "B1", 2, 1),)


def test_a_cancelled_meeting_is_reported_and_frees_its_slot():
    instance = make(2, 1, ["A1", "B1", "B2"], [("A1", "B1", 2), ("A1", "B2", 1)])
    before = feasible(instance, solve(instance, time_limit=2))
    after = cancel_meeting(before, "A1", "B1")
    feasible(after.instance, after)
    assert after.placed == 1 and after.status == "feasible"
    assert [(u.b, u.code) for u in after.unscheduled] == [("B1", Reason.CANCELLED)]


# --- time limit ---------------------------------------------------------------------------------------------


def test_a_time_limit_too_short_for_the_solver_returns_the_greedy_schedule_and_the_bound():
    instance = make(2, 2, ["A1", ("A2", "A", [0]), ("B1", "B")], [("A1", "B1", 3), ("A2", "B1", 2)])
    schedule = feasible(instance, solve(instance, time_limit=0.01))
    assert schedule.status == "feasible"
    assert (schedule.objective, schedule.bound) == (3, 5)
    assert schedule.ratio == pytest.approx(0.6)


def odd_cycles_and_part_days():
    """40 companies on one side (so the requests have odd cycles) there for 5 of 8 slots;
    CP-SAT needs a few seconds to prove its best schedule optimal here."""
    rng = random.Random(5)
    people = [(f"P{n}", "A", sorted(rng.sample(range(8), 5))) for n in range(40)]
    pairs = rng.sample(list(itertools.combinations([p[0] for p in people], 2)), 300)
    return make(8, 12, people, [(a, b, rng.randint(1, 3)) for a, b in pairs])


@pytest.mark.parametrize("limit", [0.3, 1.0])
def test_the_time_limit_is_honoured_with_the_best_schedule_so_far_and_its_bound(limit):
    instance = odd_cycles_and_part_days()
    started = time.monotonic()
    schedule = feasible(instance, solve(instance, time_limit=limit))
    assert time.monotonic() - started < limit + 0.3
    assert schedule.bound >= schedule.objective > 0
    if limit < 1:
        assert schedule.status == "feasible" and schedule.ratio < 1


# --- building an instance ---------------------------------------------------------------------------------

GOOD = {
    "slots": 3, "tables": 2,
    "participants": [{"id": "J01", "side": "A", "available": [0, 1]}, {"id": "D17", "side": "B", "max_meetings": 4}],
    "requests": [{"a": "J01", "b": "D17", "priority": 3}],
}


def test_parse_instance_reads_the_json_form_with_its_defaults():
    instance = parse_instance({**GOOD, "requests": [{"a": "J01", "b": "D17"}]})
    assert instance.available("J01") == {0, 1} and instance.available("D17") == {0, 1, 2}
    assert instance.max_meetings("D17") == 4 and instance.max_meetings("J01") is None
    assert instance.requests == (Request("J01", "D17", 1),)


@pytest.mark.parametrize("change, message", [
    ({"slots": "12"}, 'slots must be a whole number, not "12"'),
    ({"tables": 0}, "tables must be a whole number of at least 1, not 0"),
    ({"participants": {}}, "participants must be a JSON array, not an object"),
    ({"requests": [{"a": "J01"}]}, 'requests[0]: missing key "b"'),
    ({"requests": [{"a": "J01", "b": "X99"}]}, "request 0: unknown participant 'X99'"),
    ({"requests": [{"a": "J01", "b": "J01"}]}, "request 0: J01 cannot meet itself"),
    ({"requests": [{"a": "J01", "b": "D17", "priority": 0}]}, "priority must be a whole number from 1, not 0"),
    ({"requests": [{"a": "J01", "b": "D17", "priority": 2.5}]}, "requests[0].priority must be a whole number"),
    ({"participants": [{"id": "J01", "side": "A", "available": [0, 3]}]},
     "participant J01: slot 3 is out of range 0-2"),
    ({"participants": [{"id": "J01", "side": "C"}]}, 'participant J01: side must be "A" or "B"'),
    ({"participants": [{"side": "A"}]}, 'participants[0]: missing key "id"'),
    ({"participants": [{"id": "J01", "side": "A"}, {"id": "J01", "side": "B"}]}, "participant J01 is listed twice"),
    ({"locked": [{"a": "J01", "b": "D17", "slot": 2, "table": 1}]}, "J01 is not available in slot 2"),
])
def test_parse_instance_names_the_problem(change, message):
    with pytest.raises(InstanceError) as error:
        parse_instance({**GOOD, **change})
    assert message in str(error.value)
    assert "\n" not in str(error.value)
