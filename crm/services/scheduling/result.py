"""A schedule for an instance, with what it holds, its bound and its report."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from crm.services.scheduling.explain import Shortfall, Unscheduled, explain_unscheduled, idle_gaps, shortfalls
from crm.services.scheduling.instance import Instance, Meeting

OPTIMAL = "optimal"
FEASIBLE = "feasible"


@dataclass(frozen=True)
class Schedule:
    """Meetings for an instance. `bound` is a proven upper bound on the total priority any
    schedule can hold; the status is "optimal" when the schedule reaches it. Everything else
    (objective, unscheduled requests and why, shortfalls, idle gaps) follows from the
    meetings, so a schedule edited by hand reports correctly too."""

    instance: Instance
    meetings: tuple[Meeting, ...]
    bound: int
    seconds: float = 0.0
    settled_seconds: float = 0.0  # when the total priority was settled, before polishing idle gaps
    method: str = ""
    cancelled: frozenset[frozenset[str]] = field(default=frozenset())

    def __post_init__(self) -> None:
        object.__setattr__(self, "meetings", tuple(sorted(self.meetings, key=Meeting.sort_key)))

    @cached_property
    def objective(self) -> int:
        """The total priority of the meetings held (a meeting nobody requested counts 0)."""
        requests = (self.instance.request_for(m.a, m.b) for m in self.meetings)
        return sum(r.priority for r in requests if r is not None)

    @property
    def status(self) -> str:
        return OPTIMAL if self.objective >= self.bound else FEASIBLE

    @property
    def ratio(self) -> float:
        """objective / bound: 1.0 is proven optimal."""
        return self.objective / self.bound if self.bound else 1.0

    @property
    def placed(self) -> int:
        return len(self.meetings)

    @property
    def requested(self) -> int:
        return len(self.instance.requests)

    @cached_property
    def unscheduled(self) -> tuple[Unscheduled, ...]:
        return explain_unscheduled(self.instance, self.meetings, self.cancelled)

    @cached_property
    def shortfalls(self) -> tuple[Shortfall, ...]:
        """Who got fewer meetings than asked for, and why."""
        return shortfalls(self.instance, self.meetings, self.unscheduled)

    @cached_property
    def idle_gaps(self) -> int:
        return idle_gaps(self.instance, self.meetings)

    def meeting_of(self, a: str, b: str) -> Meeting | None:
        pair = frozenset((a, b))
        return next((m for m in self.meetings if m.pair == pair), None)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form printed by `crm schedule-solve`."""
        return {
            "meetings": [{"a": m.a, "b": m.b, "slot": m.slot, "table": m.table} for m in self.meetings],
            "unscheduled": [u.to_dict() for u in self.unscheduled],
            "objective": self.objective,
            "bound": self.bound,
            "status": self.status,
            "placed": self.placed,
            "requested": self.requested,
            "idle_gaps": self.idle_gaps,
            "shortfalls": [s.to_dict() for s in self.shortfalls],
        }
