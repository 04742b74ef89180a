"""One independent check of a schedule against every rule of the fair."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from crm.services.scheduling.instance import Instance, Meeting


def check_schedule(instance: Instance, meetings: Iterable[Meeting]) -> list[str]:
    """Every broken rule, one line each; an empty list means the schedule is feasible.

    Rules: each meeting answers a request, both sides are available in its slot, a
    participant is in at most one meeting per slot, a pair meets at most once, the slot
    exists, its table is one of 1..tables and used once per slot (so at most `tables`
    meetings per slot), no participant exceeds its max_meetings, and every locked
    meeting is there with its slot and table."""
    meetings = list(meetings)
    problems: list[str] = []
    in_slot: set[tuple[str, int]] = set()
    tables: set[tuple[int, int]] = set()
    pairs: set[frozenset[str]] = set()
    counts: Counter[str] = Counter()
    for m in meetings:
        name = f"{m.a}-{m.b} in slot {m.slot}"
        unknown = [who for who in (m.a, m.b) if who not in instance.participant_map]
        if unknown:
            problems.append(f"{name}: unknown participant {unknown[0]}")
            continue
        if instance.request_for(m.a, m.b) is None:
            problems.append(f"{name}: nobody requested this meeting")
        if m.pair in pairs:
            problems.append(f"{name}: the pair meets twice")
        pairs.add(m.pair)
        if not 0 <= m.slot < instance.slots:
            problems.append(f"{name}: slot out of range 0-{instance.slots - 1}")
        if not 1 <= m.table <= instance.tables:
            problems.append(f"{name}: table {m.table} out of range 1-{instance.tables}")
        if (m.slot, m.table) in tables:
            problems.append(f"{name}: table {m.table} is used twice")
        tables.add((m.slot, m.table))
        for who in (m.a, m.b):
            counts[who] += 1
            if m.slot not in instance.available(who):
                problems.append(f"{name}: {who} is not available")
            if (who, m.slot) in in_slot:
                problems.append(f"{name}: {who} has another meeting in this slot")
            in_slot.add((who, m.slot))
    for who, count in sorted(counts.items()):
        limit = instance.max_meetings(who) if who in instance.participant_map else None
        if limit is not None and count > limit:
            problems.append(f"{who} has {count} meetings, more than its maximum of {limit}")
    placed = {(m.a, m.b, m.slot, m.table) for m in meetings} | {(m.b, m.a, m.slot, m.table) for m in meetings}
    for m in instance.locked:
        if (m.a, m.b, m.slot, m.table) not in placed:
            problems.append(f"locked meeting {m.a}-{m.b} is not in slot {m.slot} at table {m.table}")
    return problems
