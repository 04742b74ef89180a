"""A manager's edits to a schedule, each leaving every other meeting where it is."""
from __future__ import annotations

from dataclasses import replace

from crm.services.scheduling.explain import Reason, explain_unscheduled, participant_gaps
from crm.services.scheduling.instance import Instance, Meeting, Request
from crm.services.scheduling.result import Schedule


class EditError(ValueError):
    """The edit breaks a rule; the message says which, `code` is a Reason or a short key."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


def place_late_request(schedule: Schedule, request: Request, *, table: int | None = None) -> Schedule:
    """`schedule` with `request` added to its instance and met in a free slot, moving nobody.

    Of the slots both sides are free and available in (and with a free table), the one that
    adds the fewest idle gaps for the two is taken, the earliest on a tie. Raises EditError
    with the reason when there is none, or when the pair already meets."""
    instance = schedule.instance.with_request(request)
    merged = instance.request_for(request.a, request.b)
    if schedule.meeting_of(request.a, request.b) is not None:
        raise EditError(f"{request.a} and {request.b} already meet", "already_meets")
    candidates = [s for s in sorted(instance.common_slots(request.a, request.b))
                  if _free_table(instance, schedule.meetings, s, table) is not None
                  and not _busy(schedule.meetings, (request.a, request.b), s)]
    if not candidates or any(_at_max(instance, schedule.meetings, who) for who in (request.a, request.b)):
        explained = explain_unscheduled(instance, schedule.meetings)
        why = next(u for u in explained if {u.a, u.b} == merged.pair)
        if why.code == Reason.FREE_SLOT:  # the wanted table is taken in every free slot
            raise EditError(f"table {table} is taken in every slot free for both", "table_taken")
        raise EditError(why.reason, why.code)
    slot = min(candidates, key=lambda s: (_added_gaps(instance, schedule.meetings, merged, s), s))
    chosen = _free_table(instance, schedule.meetings, slot, table, prefer=_last_tables(schedule, merged))
    meeting = Meeting(a=merged.a, b=merged.b, slot=slot, table=chosen)
    old = schedule.instance.request_for(request.a, request.b)
    added = merged.priority - (old.priority if old is not None else 0)
    return replace(schedule, instance=instance, meetings=(*schedule.meetings, meeting), bound=schedule.bound + added,
                   cancelled=schedule.cancelled - {merged.pair}, method=_edited(schedule))


def move_meeting(schedule: Schedule, a: str, b: str, slot: int, table: int | None = None) -> Schedule:
    """`schedule` with the meeting of `a` and `b` moved to `slot` (at `table`, or its own table
    if free there, else the lowest free one). A locked meeting stays locked at its new place.
    Raises EditError naming the rule the move would break."""
    instance = schedule.instance
    meeting = schedule.meeting_of(a, b)
    if meeting is None:
        raise EditError(f"{a} and {b} have no meeting", "no_meeting")
    if not 0 <= slot < instance.slots:
        raise EditError(f"slot {slot} is out of range 0-{instance.slots - 1}", "slot_range")
    if table is not None and not 1 <= table <= instance.tables:
        raise EditError(f"table {table} is out of range 1-{instance.tables}", "table_range")
    others = [m for m in schedule.meetings if m != meeting]
    for who in (meeting.a, meeting.b):
        if slot not in instance.available(who):
            raise EditError(f"{who} is not available in slot {slot}", "not_available")
        if _busy(others, (who,), slot):
            raise EditError(f"{who} has another meeting in slot {slot}", "busy")
    chosen = _free_table(instance, others, slot, table, prefer=(meeting.table,))
    if chosen is None:
        raise EditError(f"table {table} is taken in slot {slot}" if table else f"every table is taken in slot {slot}",
                        "table_taken")
    moved = replace(meeting, slot=slot, table=chosen)
    locked = tuple(moved if m.pair == meeting.pair else m for m in instance.locked)
    if locked != instance.locked:
        instance = instance.with_locked(locked)
    return replace(schedule, instance=instance, meetings=(*others, moved), method=_edited(schedule))


def cancel_meeting(schedule: Schedule, a: str, b: str) -> Schedule:
    """`schedule` without the meeting of `a` and `b` (unlocked if it was locked); the request
    stays, reported as cancelled, until it is declined or placed again."""
    meeting = schedule.meeting_of(a, b)
    if meeting is None:
        raise EditError(f"{a} and {b} have no meeting", "no_meeting")
    instance = schedule.instance
    if any(m.pair == meeting.pair for m in instance.locked):
        instance = instance.with_locked(m for m in instance.locked if m.pair != meeting.pair)
    return replace(schedule, instance=instance, meetings=tuple(m for m in schedule.meetings if m != meeting),
                   cancelled=schedule.cancelled | {meeting.pair}, method=_edited(schedule))


def _busy(meetings, who: tuple[str, ...], slot: int) -> bool:
    return any(m.slot == slot and (m.a in who or m.b in who) for m in meetings)


def _at_max(instance: Instance, meetings, who: str) -> bool:
    limit = instance.max_meetings(who)
    return limit is not None and sum(m.involves(who) for m in meetings) >= limit


def _free_table(instance: Instance, meetings, slot: int, wanted: int | None, prefer=()) -> int | None:
    used = {m.table for m in meetings if m.slot == slot}
    if wanted is not None:
        return None if wanted in used else wanted
    for table in (*prefer, *range(1, instance.tables + 1)):
        if table not in used:
            return table
    return None


def _last_tables(schedule: Schedule, request: Request) -> tuple[int, ...]:
    """Tables the two sat at, host side (B) first, so they need not change table."""
    instance = schedule.instance
    order = sorted((request.a, request.b), key=lambda who: instance.participant(who).side != "B")
    return tuple(m.table for who in order for m in reversed(schedule.meetings) if m.involves(who))


def _added_gaps(instance: Instance, meetings, request: Request, slot: int) -> int:
    added = 0
    for who in (request.a, request.b):
        busy = {m.slot for m in meetings if m.involves(who)}
        added += participant_gaps(instance.available(who), busy | {slot}) - participant_gaps(
            instance.available(who), busy)
    return added


def _edited(schedule: Schedule) -> str:
    return schedule.method if schedule.method.endswith("(edited)") else f"{schedule.method} (edited)".strip()
