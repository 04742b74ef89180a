"""The matchmaking-fair meeting scheduler: plain Python, no Flask, no database.

    from crm.services.scheduling import load_instance, solve, check_schedule

    instance = load_instance(text)            # or Instance(slots=..., tables=..., participants=..., requests=...)
    schedule = solve(instance, time_limit=10)
    assert check_schedule(instance, schedule.meetings) == []
    schedule.objective, schedule.bound, schedule.status      # total priority, proven bound, "optimal"/"feasible"
    schedule.unscheduled, schedule.shortfalls                # what was left out and why, who got fewer

A manager's edits keep every other meeting in place: `place_late_request`, `move_meeting`,
`cancel_meeting`; locked meetings (`Instance.locked` or `solve(..., locked=...)`) keep slot
and table when rescheduling. `greedy` is the simple baseline. `solver` explains the method.
"""
from crm.services.scheduling.checker import check_schedule
from crm.services.scheduling.edits import EditError, cancel_meeting, move_meeting, place_late_request
from crm.services.scheduling.explain import Blockers, Reason, Shortfall, Unscheduled, idle_gaps
from crm.services.scheduling.instance import (
    Instance,
    InstanceError,
    Meeting,
    Participant,
    Request,
    instance_to_dict,
    load_instance,
    parse_instance,
)
from crm.services.scheduling.result import FEASIBLE, OPTIMAL, Schedule
from crm.services.scheduling.solver import greedy, konig_slots, solve

__all__ = [
    "FEASIBLE",
    "OPTIMAL",
    "Blockers",
    "EditError",
    "Instance",
    "InstanceError",
    "Meeting",
    "Participant",
    "Reason",
    "Request",
    "Schedule",
    "Shortfall",
    "Unscheduled",
    "cancel_meeting",
    "check_schedule",
    "greedy",
    "idle_gaps",
    "instance_to_dict",
    "konig_slots",
    "load_instance",
    "move_meeting",
    "parse_instance",
    "place_late_request",
    "solve",
]
