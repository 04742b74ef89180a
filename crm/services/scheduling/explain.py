"""Why a request was not scheduled, who got fewer meetings than wanted, and idle gaps."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum

from crm.services.scheduling.instance import Instance, Meeting, Request


class Reason(StrEnum):
    """Why a request is unscheduled; the web pages translate these codes."""

    NO_COMMON_SLOT = "no_common_slot"
    MAX_MEETINGS = "max_meetings"
    TAKEN = "taken"
    TABLES_FULL = "tables_full"
    CANCELLED = "cancelled"
    FREE_SLOT = "free_slot"


class Blockers(StrEnum):
    """What holds the common slots of an unscheduled request (for Reason.TAKEN)."""

    LOCKED = "locked"
    HIGHER = "higher"
    EQUAL_OR_HIGHER = "equal_or_higher"
    OTHER = "other"


BLOCKER_WORDS = {
    Blockers.LOCKED: "locked meetings",
    Blockers.HIGHER: "higher-priority meetings",
    Blockers.EQUAL_OR_HIGHER: "meetings of equal or higher priority",
    Blockers.OTHER: "other meetings",
}


@dataclass(frozen=True)
class Unscheduled:
    """A request without a meeting and why, as a code with details and as English text.

    `participant` is the side that limits (for MAX_MEETINGS and a TAKEN where one side
    is busy in every common slot); `limit` is that maximum; `blockers` says what the
    common slots hold; `slot` is a slot still free for both (FREE_SLOT)."""

    a: str
    b: str
    priority: int
    code: Reason
    reason: str
    participant: str | None = None
    limit: int | None = None
    blockers: Blockers | None = None
    slot: int | None = None

    def to_dict(self) -> dict[str, object]:
        return {"a": self.a, "b": self.b, "priority": self.priority, "reason": self.reason, "code": str(self.code)}


@dataclass(frozen=True)
class Shortfall:
    """A participant who got fewer meetings than it asked for (its requests, capped by its
    max_meetings), with the unscheduled requests that explain it."""

    participant: str
    wanted: int
    got: int
    reasons: tuple[Unscheduled, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "participant": self.participant,
            "wanted": self.wanted,
            "got": self.got,
            "reasons": [f"{u.a}-{u.b}: {u.reason}" for u in self.reasons],
        }


def explain_unscheduled(
    instance: Instance, meetings: Iterable[Meeting], cancelled: Collection[frozenset[str]] = ()
) -> tuple[Unscheduled, ...]:
    """One entry per request without a meeting, highest priority first."""
    meetings = list(meetings)
    held = {m.pair for m in meetings}
    by_participant_slot: dict[tuple[str, int], Meeting] = {}
    per_slot: dict[int, int] = defaultdict(int)
    counts: dict[str, int] = defaultdict(int)
    for m in meetings:
        by_participant_slot[(m.a, m.slot)] = m
        by_participant_slot[(m.b, m.slot)] = m
        per_slot[m.slot] += 1
        counts[m.a] += 1
        counts[m.b] += 1
    locked = {m.pair for m in instance.locked}
    missing = [r for r in instance.requests if r.pair not in held]
    missing.sort(key=lambda r: -r.priority)
    return tuple(
        _explain(instance, r, by_participant_slot, per_slot, counts, locked, r.pair in cancelled) for r in missing
    )


def _explain(
    instance: Instance,
    request: Request,
    by_participant_slot: dict[tuple[str, int], Meeting],
    per_slot: dict[int, int],
    counts: dict[str, int],
    locked: set[frozenset[str]],
    cancelled: bool,
) -> Unscheduled:
    a, b, priority = request.a, request.b, request.priority

    def unscheduled(code: Reason, reason: str, **details: object) -> Unscheduled:
        return Unscheduled(a=a, b=b, priority=priority, code=code, reason=reason, **details)

    if cancelled:
        return unscheduled(Reason.CANCELLED, "cancelled by a manager")
    common = sorted(instance.common_slots(a, b))
    if not common:
        return unscheduled(Reason.NO_COMMON_SLOT, "no common available slot")
    for who in (a, b):
        limit = instance.max_meetings(who)
        if limit is not None and counts[who] >= limit:
            text = f"{who} wants no meetings" if limit == 0 else f"{who} reached its maximum of {limit} meetings"
            return unscheduled(Reason.MAX_MEETINGS, text, participant=who, limit=limit)
    blockers: list[Meeting] = []
    busy_a = busy_b = tables_only = 0
    for slot in common:
        in_a, in_b = by_participant_slot.get((a, slot)), by_participant_slot.get((b, slot))
        busy_a += in_a is not None
        busy_b += in_b is not None
        blockers.extend(m for m in (in_a, in_b) if m is not None)
        if in_a is None and in_b is None:
            if per_slot[slot] < instance.tables:
                return unscheduled(Reason.FREE_SLOT, f"slot {slot} is still free for both", slot=slot)
            tables_only += 1
    if not blockers:
        return unscheduled(Reason.TABLES_FULL, "every table is taken in all common slots")
    if all(m.pair in locked for m in blockers):
        kind = Blockers.LOCKED
    else:
        lowest = min(_priority(instance, m) for m in blockers)
        if lowest > priority:
            kind = Blockers.HIGHER
        else:
            kind = Blockers.EQUAL_OR_HIGHER if lowest == priority else Blockers.OTHER
    words = BLOCKER_WORDS[kind]
    who = a if busy_a == len(common) else b if busy_b == len(common) else None
    if who is not None:
        text = f"{who} is busy with {words} in every common slot"
    else:
        text = f"all common slots taken by {words}" + (" or full tables" if tables_only else "")
    return unscheduled(Reason.TAKEN, text, participant=who, blockers=kind)


def _priority(instance: Instance, meeting: Meeting) -> int:
    request = instance.request_for(meeting.a, meeting.b)
    return 0 if request is None else request.priority


def shortfalls(
    instance: Instance, meetings: Iterable[Meeting], unscheduled: Iterable[Unscheduled]
) -> tuple[Shortfall, ...]:
    """Participants with fewer meetings than requested (capped by max_meetings), fewest first."""
    got: dict[str, int] = defaultdict(int)
    for m in meetings:
        got[m.a] += 1
        got[m.b] += 1
    reasons: dict[str, list[Unscheduled]] = defaultdict(list)
    for u in unscheduled:
        reasons[u.a].append(u)
        reasons[u.b].append(u)
    found = []
    for p in instance.participants:
        wanted = len(instance.requests_of[p.id])
        if p.max_meetings is not None:
            wanted = min(wanted, p.max_meetings)
        if got[p.id] < wanted:
            found.append(Shortfall(participant=p.id, wanted=wanted, got=got[p.id], reasons=tuple(reasons[p.id])))
    found.sort(key=lambda s: (s.got - s.wanted, s.participant))
    return tuple(found)


def idle_gaps(instance: Instance, meetings: Iterable[Meeting]) -> int:
    """Idle gaps over all participants: for each, the runs of slots it is available but has
    no meeting, between its first and its last meeting. Slots it is not available in do
    not count (a morning-only company has no gap over lunch)."""
    slots_of: dict[str, set[int]] = defaultdict(set)
    for m in meetings:
        slots_of[m.a].add(m.slot)
        slots_of[m.b].add(m.slot)
    return sum(participant_gaps(instance.available(pid), busy) for pid, busy in slots_of.items())


def participant_gaps(available: Collection[int], busy: Collection[int]) -> int:
    """Idle runs between the first and last busy slot, walking the available slots in order."""
    if not busy:
        return 0
    first, last = min(busy), max(busy)
    gaps, idle = 0, False
    for slot in sorted(s for s in available if first <= s <= last):
        if slot in busy:
            gaps += idle
            idle = False
        else:
            idle = True
    return gaps
