"""The scheduling problem as plain data: participants, requests, locked meetings.

An `Instance` validates itself when built (every way in, the JSON reader, the web
pages and the tests, gets the same checks and one-line messages) and merges
duplicate requests, keeping the highest priority.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

SIDES = ("A", "B")


class InstanceError(ValueError):
    """The instance is malformed; the message is one line naming the problem."""


@dataclass(frozen=True)
class Participant:
    """A registered company: its side, the slots it can meet in (None: every slot)
    and how many meetings it wants at most (None: no limit)."""

    id: str
    side: str = "A"
    available: frozenset[int] | None = None
    max_meetings: int | None = None

    def __post_init__(self) -> None:
        if self.available is not None and not isinstance(self.available, frozenset):
            object.__setattr__(self, "available", frozenset(self.available))


@dataclass(frozen=True)
class Request:
    """An accepted wish of `a` and `b` to meet; the scheduler maximises the priorities held."""

    a: str
    b: str
    priority: int = 1

    @property
    def pair(self) -> frozenset[str]:
        return frozenset((self.a, self.b))


@dataclass(frozen=True)
class Meeting:
    """A meeting of `a` and `b` in `slot` (from 0) at `table` (from 1)."""

    a: str
    b: str
    slot: int
    table: int

    @property
    def pair(self) -> frozenset[str]:
        return frozenset((self.a, self.b))

    def involves(self, participant_id: str) -> bool:
        return participant_id in (self.a, self.b)

    def sort_key(self) -> tuple[int, int, str, str]:
        return (self.slot, self.table, self.a, self.b)


@dataclass(frozen=True)
class Instance:
    """One event's grid (`slots` x `tables`), its participants, its accepted requests and
    the meetings a manager has locked (they keep slot and table when rescheduling)."""

    slots: int
    tables: int
    participants: tuple[Participant, ...]
    requests: tuple[Request, ...]
    locked: tuple[Meeting, ...] = field(default=())

    def __post_init__(self) -> None:
        object.__setattr__(self, "participants", tuple(self.participants))
        object.__setattr__(self, "locked", tuple(self.locked))
        _check_grid(self.slots, self.tables)
        _check_participants(self.participants, self.slots)
        object.__setattr__(self, "requests", _merge_requests(self.requests, self.participant_map))
        _check_locked(self)

    @cached_property
    def participant_map(self) -> dict[str, Participant]:
        return {p.id: p for p in self.participants}

    @cached_property
    def request_map(self) -> dict[frozenset[str], Request]:
        return {r.pair: r for r in self.requests}

    def participant(self, participant_id: str) -> Participant:
        return self.participant_map[participant_id]

    def request_for(self, a: str, b: str) -> Request | None:
        return self.request_map.get(frozenset((a, b)))

    def available(self, participant_id: str) -> frozenset[int]:
        """The slots a participant can meet in."""
        return self._available[participant_id]

    def common_slots(self, a: str, b: str) -> frozenset[int]:
        return self.available(a) & self.available(b)

    def max_meetings(self, participant_id: str) -> int | None:
        return self.participant_map[participant_id].max_meetings

    @cached_property
    def _available(self) -> dict[str, frozenset[int]]:
        every = frozenset(range(self.slots))
        return {p.id: every if p.available is None else p.available for p in self.participants}

    @cached_property
    def requests_of(self) -> dict[str, tuple[Request, ...]]:
        """Each participant's requests, in instance order."""
        found: dict[str, list[Request]] = {p.id: [] for p in self.participants}
        for request in self.requests:
            found[request.a].append(request)
            found[request.b].append(request)
        return {pid: tuple(rs) for pid, rs in found.items()}

    def with_request(self, request: Request) -> Instance:
        """This instance with one more request (merged with an existing one for the pair)."""
        return replace(self, requests=(*self.requests, request))

    def with_locked(self, locked: Iterable[Meeting]) -> Instance:
        return replace(self, locked=tuple(locked))


def _check_grid(slots: Any, tables: Any) -> None:
    for name, value in (("slots", slots), ("tables", tables)):
        if not _is_int(value) or value < 1:
            raise InstanceError(f"{name} must be a whole number of at least 1, not {value!r}")


def _check_participants(participants: tuple[Participant, ...], slots: int) -> None:
    seen: set[str] = set()
    for p in participants:
        if not isinstance(p, Participant):
            raise InstanceError(f"not a participant: {p!r}")
        if not isinstance(p.id, str) or not p.id:
            raise InstanceError(f"participant id must be a non-empty string, not {p.id!r}")
        if p.id in seen:
            raise InstanceError(f"participant {p.id} is listed twice")
        seen.add(p.id)
        if p.side not in SIDES:
            raise InstanceError(f'participant {p.id}: side must be "A" or "B", not {p.side!r}')
        for slot in p.available or ():
            if not _is_int(slot):
                raise InstanceError(f"participant {p.id}: available slot {slot!r} is not a whole number")
            if not 0 <= slot < slots:
                raise InstanceError(f"participant {p.id}: slot {slot} is out of range 0-{slots - 1}")
        if p.max_meetings is not None and (not _is_int(p.max_meetings) or p.max_meetings < 0):
            raise InstanceError(f"participant {p.id}: max_meetings must be a whole number from 0, "
                                f"not {p.max_meetings!r}")


def _merge_requests(requests: Iterable[Request], participants: dict[str, Participant]) -> tuple[Request, ...]:
    """One request per pair, in first-seen order and orientation, with the highest priority."""
    merged: dict[frozenset[str], Request] = {}
    for number, r in enumerate(requests):
        if not isinstance(r, Request):
            raise InstanceError(f"request {number}: not a request: {r!r}")
        for who in (r.a, r.b):
            if not isinstance(who, str) or who not in participants:
                raise InstanceError(f"request {number}: unknown participant {who!r}")
        if r.a == r.b:
            raise InstanceError(f"request {number}: {r.a} cannot meet itself")
        if not _is_int(r.priority) or r.priority < 1:
            raise InstanceError(f"request {number} ({r.a}-{r.b}): priority must be a whole number "
                                f"from 1, not {r.priority!r}")
        earlier = merged.get(r.pair)
        if earlier is None:
            merged[r.pair] = r
        elif r.priority > earlier.priority:
            merged[r.pair] = replace(earlier, priority=r.priority)
    return tuple(merged.values())


def _check_locked(instance: Instance) -> None:
    tables_used: set[tuple[int, int]] = set()
    busy: set[tuple[str, int]] = set()
    pairs: set[frozenset[str]] = set()
    counts: dict[str, int] = {}
    for m in instance.locked:
        if not isinstance(m, Meeting):
            raise InstanceError(f"not a meeting: {m!r}")
        name = f"locked meeting {m.a}-{m.b}"
        for who in (m.a, m.b):
            if who not in instance.participant_map:
                raise InstanceError(f"{name}: unknown participant {who!r}")
        if m.a == m.b:
            raise InstanceError(f"{name}: {m.a} cannot meet itself")
        if instance.request_for(m.a, m.b) is None:
            raise InstanceError(f"{name}: there is no request for this pair")
        if m.pair in pairs:
            raise InstanceError(f"{name}: the pair is locked twice")
        pairs.add(m.pair)
        if not _is_int(m.slot) or not 0 <= m.slot < instance.slots:
            raise InstanceError(f"{name}: slot {m.slot!r} is out of range 0-{instance.slots - 1}")
        if not _is_int(m.table) or not 1 <= m.table <= instance.tables:
            raise InstanceError(f"{name}: table {m.table!r} is out of range 1-{instance.tables}")
        if (m.slot, m.table) in tables_used:
            raise InstanceError(f"{name}: table {m.table} in slot {m.slot} is locked twice")
        tables_used.add((m.slot, m.table))
        for who in (m.a, m.b):
            if m.slot not in instance.available(who):
                raise InstanceError(f"{name}: {who} is not available in slot {m.slot}")
            if (who, m.slot) in busy:
                raise InstanceError(f"{name}: {who} has another locked meeting in slot {m.slot}")
            busy.add((who, m.slot))
            counts[who] = counts.get(who, 0) + 1
            limit = instance.max_meetings(who)
            if limit is not None and counts[who] > limit:
                raise InstanceError(f"{name}: {who} would exceed its maximum of {limit} meetings")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# --- JSON ---------------------------------------------------------------------------------------


def load_instance(text: str | bytes) -> Instance:
    """An instance from JSON text; raises InstanceError with a one-line message."""
    try:
        data = json.loads(text)
    except UnicodeDecodeError as exc:
        raise InstanceError(f"not UTF-8 text: {exc.reason}") from None
    except json.JSONDecodeError as exc:
        raise InstanceError(f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    return parse_instance(data)


def parse_instance(data: Any) -> Instance:
    """An instance from decoded JSON:

        {"slots": 12, "tables": 25,
         "participants": [{"id": "J01", "side": "A", "available": [0, 1, 2], "max_meetings": 6}],
         "requests": [{"a": "J01", "b": "D17", "priority": 3}],
         "locked": [{"a": "J01", "b": "D17", "slot": 3, "table": 12}]}

    `available` defaults to every slot, `max_meetings` to no limit, `priority` to 1,
    `locked` to none. Raises InstanceError naming the problem."""
    top = _object(data, "the instance")
    slots = _int(_key(top, "slots", "the instance"), "slots")
    tables = _int(_key(top, "tables", "the instance"), "tables")
    participants = [
        _participant(item, number)
        for number, item in enumerate(_list(_key(top, "participants", "the instance"), "participants"))
    ]
    requests = [
        _request(item, number) for number, item in enumerate(_list(_key(top, "requests", "the instance"), "requests"))
    ]
    locked = [_locked(item, number) for number, item in enumerate(_list(top.get("locked", []), "locked"))]
    return Instance(slots=slots, tables=tables, participants=tuple(participants), requests=tuple(requests),
                    locked=tuple(locked))


def _participant(item: Any, number: int) -> Participant:
    where = f"participants[{number}]"
    obj = _object(item, where)
    pid = _str(_key(obj, "id", where), f"{where}.id")
    where = f"participant {pid}"
    side = _str(_key(obj, "side", where), f"{where}: side")
    available = obj.get("available")
    if available is not None:
        slots = _list(available, f"{where}: available")
        available = frozenset(_int(slot, f"{where}: available slot") for slot in slots)
    max_meetings = obj.get("max_meetings")
    if max_meetings is not None:
        max_meetings = _int(max_meetings, f"{where}: max_meetings")
    return Participant(id=pid, side=side, available=available, max_meetings=max_meetings)


def _request(item: Any, number: int) -> Request:
    where = f"requests[{number}]"
    obj = _object(item, where)
    priority = obj.get("priority", 1)
    return Request(
        a=_str(_key(obj, "a", where), f"{where}.a"),
        b=_str(_key(obj, "b", where), f"{where}.b"),
        priority=_int(priority, f"{where}.priority"),
    )


def _locked(item: Any, number: int) -> Meeting:
    where = f"locked[{number}]"
    obj = _object(item, where)
    return Meeting(
        a=_str(_key(obj, "a", where), f"{where}.a"),
        b=_str(_key(obj, "b", where), f"{where}.b"),
        slot=_int(_key(obj, "slot", where), f"{where}.slot"),
        table=_int(_key(obj, "table", where), f"{where}.table"),
    )


def _key(obj: dict[str, Any], key: str, where: str) -> Any:
    if key not in obj:
        raise InstanceError(f'{where}: missing key "{key}"')
    return obj[key]


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InstanceError(f"{where} must be a JSON object, not {_json_type(value)}")
    return value


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise InstanceError(f"{where} must be a JSON array, not {_json_type(value)}")
    return value


def _int(value: Any, where: str) -> int:
    if not _is_int(value):
        raise InstanceError(f"{where} must be a whole number, not {json.dumps(value)}")
    return value


def _str(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise InstanceError(f"{where} must be a non-empty string, not {json.dumps(value)}")
    return value


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "true/false", int: "a number", float: "a number", str: "a string", list: "an array",
            dict: "an object"}.get(type(value), type(value).__name__)


def instance_to_dict(instance: Instance) -> dict[str, Any]:
    """The JSON form `parse_instance` reads (for files, benchmarks and the offline CLI)."""
    participants = []
    for p in instance.participants:
        item: dict[str, Any] = {"id": p.id, "side": p.side}
        if p.available is not None:
            item["available"] = sorted(p.available)
        if p.max_meetings is not None:
            item["max_meetings"] = p.max_meetings
        participants.append(item)
    data: dict[str, Any] = {
        "slots": instance.slots,
        "tables": instance.tables,
        "participants": participants,
        "requests": [{"a": r.a, "b": r.b, "priority": r.priority} for r in instance.requests],
    }
    if instance.locked:
        data["locked"] = [{"a": m.a, "b": m.b, "slot": m.slot, "table": m.table} for m in instance.locked]
    return data
