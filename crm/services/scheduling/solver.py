"""Placing requests into slots and tables: an exact bound, a decomposition, CP-SAT.

How `solve` works, fastest step first:

1. Bound. Drop the slot-by-slot detail and a schedule is a set of meetings where each
   participant has at most min(its max_meetings, the slots it can still use) and there are
   at most slots x tables in all. The best such set is a maximum-weight b-matching with a
   cardinality limit, which for a bipartite request graph is a min-cost flow; its weight
   bounds every schedule from above. Without availability limits or locks it is exact: a bipartite
   graph with largest degree D <= slots can be coloured with `slots` colours, evenly
   enough that no slot needs more than ceil(m / slots) tables (König's theorem).
   A graph with odd cycles gets the same bound from its bipartite double cover.
2. Decomposition. Give every meeting of that best set a slot: a pure feasibility model
   for CP-SAT (one boolean per selected request and usable slot). When it succeeds the
   schedule meets the bound and is proven optimal; this is the usual case.
3. Otherwise (odd cycles, or availability clashes the relaxation cannot see) the search
   starts from the better of greedy and that set packed greedily. A large-neighbourhood
   search frees the meetings of a few slots at a time and lets CP-SAT re-pack them (small
   models, half a second each at most); then the full CP-SAT model (one boolean per
   request and usable slot), capped by the bound and warm-started, runs until the time
   limit. The reported bound is the better of the flow bound and CP-SAT's.
4. Polish. With the meetings held fixed, a local search moves single meetings to slots
   that leave fewer idle gaps, then CP-SAT minimises the gaps (only slots may change) for
   the time that is left (at most `polish_time`, and until it stops improving). Small
   instances get a last pass on the whole model, where meetings of equal total priority
   may be swapped too, so there the result is exactly lexicographic.

Slots then get tables: locked meetings keep theirs; hosts (side B), busiest first, get a
home table for the day where one is free in all their slots; the rest sit where they sat last.
"""
from __future__ import annotations

import math
import random
import threading
import time
from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ortools.graph.python import min_cost_flow
from ortools.sat.python import cp_model

from crm.services.scheduling.explain import participant_gaps
from crm.services.scheduling.instance import Instance, Meeting
from crm.services.scheduling.result import Schedule

NO_LIMIT = 1 << 30
ROUND_SECONDS = 0.3  # per neighbourhood in the search
BUILD_SECONDS_PER_VARIABLE = 5e-5
MIN_STEP_SECONDS = 0.05


class _Problem:
    """The instance in index form, with locked meetings taken out of the grid."""

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self.ids = [p.id for p in instance.participants]
        self.index = {pid: i for i, pid in enumerate(self.ids)}
        n = len(self.ids)
        self.locked_pairs = {m.pair for m in instance.locked}
        self.locked_slots: list[set[int]] = [set() for _ in range(n)]
        self.free_tables = [instance.tables] * instance.slots
        for m in instance.locked:
            self.locked_slots[self.index[m.a]].add(m.slot)
            self.locked_slots[self.index[m.b]].add(m.slot)
            self.free_tables[m.slot] -= 1
        self.locked_objective = sum(instance.request_for(m.a, m.b).priority for m in instance.locked)
        self.available = [sorted(instance.available(pid)) for pid in self.ids]
        usable_slots = {s for s in range(instance.slots) if self.free_tables[s] > 0}
        self.cap = []
        for i, p in enumerate(instance.participants):
            limit = NO_LIMIT if p.max_meetings is None else p.max_meetings - len(self.locked_slots[i])
            self.cap.append(limit)
        # Candidate requests: not locked, with a usable common slot, both sides wanting more.
        self.requests = []
        self.ends: list[tuple[int, int]] = []
        self.weight: list[int] = []
        self.domain: list[tuple[int, ...]] = []
        free = [(set(instance.available(pid)) - self.locked_slots[i]) & usable_slots for i, pid in enumerate(self.ids)]
        for r in instance.requests:
            if r.pair in self.locked_pairs:
                continue
            i, j = self.index[r.a], self.index[r.b]
            slots = tuple(sorted(free[i] & free[j]))
            if not slots or self.cap[i] <= 0 or self.cap[j] <= 0:
                continue
            self.requests.append(r)
            self.ends.append((i, j))
            self.weight.append(r.priority)
            self.domain.append(slots)
        self.of: list[list[int]] = [[] for _ in range(n)]
        for k, (i, j) in enumerate(self.ends):
            self.of[i].append(k)
            self.of[j].append(k)
        # What each participant can hold at most: its max_meetings and the slots its requests can use.
        self.capacity = []
        for i in range(n):
            reachable = set().union(*(self.domain[k] for k in self.of[i])) if self.of[i] else set()
            self.capacity.append(min(self.cap[i], len(reachable), len(self.of[i])))

    @property
    def slots(self) -> int:
        return self.instance.slots

    def value(self, assignment: dict[int, int]) -> int:
        return sum(self.weight[k] for k in assignment)


# --- bound --------------------------------------------------------------------------------------


def _two_colouring(problem: _Problem) -> list[int] | None:
    """Sides making every candidate request cross, or None when the graph has an odd cycle."""
    colour = [-1] * len(problem.ids)
    for start in range(len(problem.ids)):
        if colour[start] >= 0 or not problem.of[start]:
            continue
        # Keep the registered side where possible, so A meets B as usual.
        colour[start] = 0 if problem.instance.participants[start].side == "A" else 1
        queue = deque([start])
        while queue:
            i = queue.popleft()
            for k in problem.of[i]:
                a, b = problem.ends[k]
                j = b if a == i else a
                if colour[j] < 0:
                    colour[j] = 1 - colour[i]
                    queue.append(j)
                elif colour[j] == colour[i]:
                    return None
    return colour


def _flow_bound(problem: _Problem) -> tuple[int, list[int] | None]:
    """The best total priority of a b-matching with at most `free table-slots` edges, and
    (for a bipartite request graph) the requests of one such best set."""
    if not problem.requests:
        return 0, None
    colour = _two_colouring(problem)
    n = len(problem.ids)
    total = sum(problem.free_tables)
    flow = min_cost_flow.SimpleMinCostFlow()
    source, sink = 2 * n, 2 * n + 1
    arcs = []
    if colour is not None:
        for i in range(n):
            if problem.of[i]:
                if colour[i] == 0:
                    flow.add_arc_with_capacity_and_unit_cost(source, i, problem.capacity[i], 0)
                else:
                    flow.add_arc_with_capacity_and_unit_cost(i, sink, problem.capacity[i], 0)
        for k, (i, j) in enumerate(problem.ends):
            tail, head = (i, j) if colour[i] == 0 else (j, i)
            arcs.append(flow.add_arc_with_capacity_and_unit_cost(tail, head, 1, -problem.weight[k]))
        units = total
    else:
        # Bipartite double cover: node i sends, node n + i receives; every value counts twice.
        for i in range(n):
            if problem.of[i]:
                flow.add_arc_with_capacity_and_unit_cost(source, i, problem.capacity[i], 0)
                flow.add_arc_with_capacity_and_unit_cost(n + i, sink, problem.capacity[i], 0)
        for k, (i, j) in enumerate(problem.ends):
            flow.add_arc_with_capacity_and_unit_cost(i, n + j, 1, -problem.weight[k])
            flow.add_arc_with_capacity_and_unit_cost(j, n + i, 1, -problem.weight[k])
        units = 2 * total
    flow.add_arc_with_capacity_and_unit_cost(source, sink, units, 0)
    flow.set_node_supply(source, units)
    flow.set_node_supply(sink, -units)
    if flow.solve() != flow.OPTIMAL:  # pragma: no cover - the bypass arc makes it always feasible
        raise RuntimeError("the bounding flow has no solution")
    if colour is None:
        return -flow.optimal_cost() // 2, None
    selection = [k for k, arc in enumerate(arcs) if flow.flow(arc)]
    return -flow.optimal_cost(), selection


def konig_slots(instance: Instance) -> int:
    """Slots needed to hold every request when nobody has availability limits and the request
    graph is bipartite: max(largest degree, ceil(requests / tables)) (König)."""
    degree = max((len(rs) for rs in instance.requests_of.values()), default=0)
    return max(degree, math.ceil(len(instance.requests) / instance.tables))


# --- greedy -------------------------------------------------------------------------------------


class _Grid:
    """Who is busy when, tables left per slot, meetings per participant; for greedy placement."""

    def __init__(self, problem: _Problem) -> None:
        self.problem = problem
        self.busy = [set(slots) for slots in problem.locked_slots]
        self.tables_left = list(problem.free_tables)
        self.count = [0] * len(problem.ids)

    def free_slots(self, k: int) -> list[int]:
        i, j = self.problem.ends[k]
        if self.count[i] >= self.problem.cap[i] or self.count[j] >= self.problem.cap[j]:
            return []
        return [s for s in self.problem.domain[k]
                if self.tables_left[s] > 0 and s not in self.busy[i] and s not in self.busy[j]]

    def place(self, k: int, slot: int) -> None:
        i, j = self.problem.ends[k]
        self.busy[i].add(slot)
        self.busy[j].add(slot)
        self.tables_left[slot] -= 1
        self.count[i] += 1
        self.count[j] += 1


def _fill(problem: _Problem, assignment: dict[int, int], order: Iterable[int] | None = None) -> dict[int, int]:
    """`assignment` plus, highest priority first, every request that still fits in its first free slot."""
    grid = _Grid(problem)
    for k, slot in assignment.items():
        grid.place(k, slot)
    result = dict(assignment)
    if order is None:
        order = sorted(range(len(problem.requests)), key=lambda k: -problem.weight[k])
    for k in order:
        if k not in result:
            slots = grid.free_slots(k)
            if slots:
                grid.place(k, slots[0])
                result[k] = slots[0]
    return result


def _compact(problem: _Problem, assignment: dict[int, int], deadline: float, rounds: int = 20) -> dict[int, int]:
    """Local search on idle gaps with the meetings held fixed: move a meeting to another
    slot both sides are free in (with a free table) when that leaves fewer gaps, or as many
    gaps and an earlier slot (packing meetings to the start, as greedy does, opens later moves)."""
    result = dict(assignment)
    busy: list[set[int]] = [set(slots) for slots in problem.locked_slots]
    tables_left = list(problem.free_tables)
    for k, s in result.items():
        i, j = problem.ends[k]
        busy[i].add(s)
        busy[j].add(s)
        tables_left[s] -= 1
    gaps = [participant_gaps(problem.available[i], busy[i]) for i in range(len(busy))]
    for _ in range(rounds):
        changed = False
        for k in sorted(result, key=lambda k: -result[k]):
            if time.monotonic() > deadline:
                return result
            i, j = problem.ends[k]
            now = result[k]
            best = (0, 0, now, 0, 0)
            for s in problem.domain[k]:
                if s == now or tables_left[s] <= 0 or s in busy[i] or s in busy[j]:
                    continue
                gi = participant_gaps(problem.available[i], (busy[i] - {now}) | {s})
                gj = participant_gaps(problem.available[j], (busy[j] - {now}) | {s})
                delta = gi + gj - gaps[i] - gaps[j]
                if (delta, s - now) < best[:2]:
                    best = (delta, s - now, s, gi, gj)
            delta, _, s, gi, gj = best
            if s != now:
                for p in (i, j):
                    busy[p].discard(now)
                    busy[p].add(s)
                tables_left[now] += 1
                tables_left[s] -= 1
                gaps[i], gaps[j] = gi, gj
                result[k] = s
                changed = True
        if not changed:
            break
    return result


def greedy(instance: Instance, *, locked: Iterable[Meeting] | None = None) -> Schedule:
    """The simple way: highest priority first, each request into its first free slot."""
    started = time.monotonic()
    if locked is not None:
        instance = instance.with_locked(locked)
    problem = _Problem(instance)
    assignment = _fill(problem, {})
    bound, _ = _flow_bound(problem)
    return _schedule(problem, assignment, bound, started, "greedy")


# --- CP-SAT -------------------------------------------------------------------------------------


@dataclass
class _Model:
    model: cp_model.CpModel
    x: dict[tuple[int, int], cp_model.IntVar]
    priority: cp_model.LinearExpr
    gap_terms: list[tuple[cp_model.IntVar, list[tuple[int, int]], list[tuple[int, int]], int]]
    has_terms: list[tuple[cp_model.IntVar, list[tuple[int, int]]]]

    def hint(self, assignment: dict[int, int]) -> None:
        self.model.clear_hints()
        for (k, s), var in self.x.items():
            self.model.add_hint(var, assignment.get(k) == s)
        chosen = {(k, s) for k, s in assignment.items()}
        for var, now, before, constant in self.gap_terms:
            rise = sum((k, s) in chosen for k, s in now) - sum((k, s) in chosen for k, s in before) + constant
            self.model.add_hint(var, rise > 0)
        for var, keys in self.has_terms:
            self.model.add_hint(var, any(key in chosen for key in keys))


def _build(
    problem: _Problem,
    requests: Sequence[int],
    *,
    all_held: bool = False,
    maximise: bool = False,
    at_most: int | None = None,
    at_least: int | None = None,
    gaps: bool = False,
    slots: set[int] | None = None,
    caps: Sequence[int] | None = None,
) -> _Model:
    """One boolean per request and usable slot, with the fair's rules:
    `all_held` makes every request meet (the decomposition's feasibility model);
    `slots` and `caps` (meetings left per participant) cut out a neighbourhood."""
    caps = problem.cap if caps is None else caps
    model = cp_model.CpModel()
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    at: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    per_slot: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    per_participant: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    for k in requests:
        i, j = problem.ends[k]
        own = []
        for s in problem.domain[k]:
            if slots is not None and s not in slots:
                continue
            var = model.new_bool_var(f"x{k}_{s}")
            x[k, s] = var
            own.append(var)
            at[i, s].append((k, s))
            at[j, s].append((k, s))
            per_slot[s].append(var)
            per_participant[i].append(var)
            per_participant[j].append(var)
        if not own:
            continue
        if all_held:
            model.add_exactly_one(own)
        else:
            model.add_at_most_one(own)
    for keys in at.values():
        if len(keys) > 1:
            model.add_at_most_one(x[key] for key in keys)
    for s, variables in per_slot.items():
        if len(variables) > problem.free_tables[s]:
            model.add(sum(variables) <= problem.free_tables[s])
    for i, variables in per_participant.items():
        if caps[i] < len(variables) and caps[i] < len(problem.available[i]):
            model.add(sum(variables) <= caps[i])
    priority = sum(problem.weight[k] * var for (k, _), var in x.items())
    if at_most is not None:
        model.add(priority <= at_most)
    if at_least is not None:
        model.add(priority >= at_least)
    built = _Model(model, x, priority, [], [])
    if maximise:
        model.maximize(priority)
    elif gaps:
        model.minimize(_gap_objective(problem, built, at))
    return built


def _gap_objective(problem: _Problem, built: _Model, at: dict) -> cp_model.LinearExpr:
    """Sum over participants of (blocks of consecutive meetings) - (1 if any meeting): the idle
    gaps, counted along each participant's available slots."""
    model, x = built.model, built.x
    involved: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for (k, s) in x:
        for i in problem.ends[k]:
            involved[i].append((k, s))
    terms = []
    constant = 0
    for i, own in involved.items():
        locked = problem.locked_slots[i]
        if len({k for k, _ in own}) + len(locked) < 2:
            continue
        rises, starts = [], 0  # block starts: variables and fixed ones
        previous_keys: list[tuple[int, int]] = []
        previous_locked = 0
        for s in problem.available[i]:
            keys, is_locked = at.get((i, s), []), int(s in locked)
            if keys or previous_keys:
                rise = model.new_bool_var(f"start{i}_{s}")
                model.add(rise >= sum(x[key] for key in keys) + is_locked
                          - sum(x[key] for key in previous_keys) - previous_locked)
                built.gap_terms.append((rise, keys, previous_keys, is_locked - previous_locked))
                rises.append(rise)
            elif is_locked > previous_locked:
                starts += 1
            previous_keys, previous_locked = keys, is_locked
        if locked:
            has = 1
        else:
            has = model.new_bool_var(f"has{i}")
            model.add(has <= sum(x[key] for key in own))
            built.has_terms.append((has, own))
        model.add(sum(rises) + starts >= has)  # no negative gaps: it tightens the relaxation
        terms.extend(rises)
        terms.append(-has)
        constant += starts
    return sum(terms) + constant


@dataclass
class _Run:
    status: int
    assignment: dict[int, int] | None
    bound: float | None


class _Patience(cp_model.CpSolverSolutionCallback):
    """Stops a search once no better solution came for `seconds` (a watchdog thread checks);
    the clock starts at the first solution, so presolve is not counted."""

    def __init__(self, solver: cp_model.CpSolver, seconds: float) -> None:
        super().__init__()
        self.solver, self.seconds = solver, seconds
        self.last: float | None = None
        self.done = threading.Event()

    def on_solution_callback(self) -> None:
        self.last = time.monotonic()

    def watch(self) -> None:
        while not self.done.wait(0.05):
            if self.last is not None and time.monotonic() - self.last > self.seconds:
                self.solver.stop_search()
                return


def _run(built: _Model, deadline: float, workers: int, seed: int, *, share: float = 1.0,
         patience: float | None = None, light: bool = False) -> _Run:
    """Solve with what is left before `deadline` (times `share`); with `patience`, stop once
    no better solution came for that long; `light` skips presolve (for small, quick rounds)."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(_left(deadline) * share, 0.01)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    if light:
        solver.parameters.cp_model_presolve = False
        solver.parameters.num_workers = 1
    if patience is None:
        status = solver.solve(built.model)
    else:
        callback = _Patience(solver, patience)
        watchdog = threading.Thread(target=callback.watch, daemon=True)
        watchdog.start()
        try:
            status = solver.solve(built.model, callback)
        finally:
            callback.done.set()
            watchdog.join()
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        assignment = {k: s for (k, s), var in built.x.items() if solver.boolean_value(var)}
        bound = solver.best_objective_bound if built.model.has_objective() else None
        return _Run(status, assignment, bound)
    if status == cp_model.MODEL_INVALID:  # pragma: no cover - a bug here, not bad input
        raise RuntimeError(f"invalid scheduling model: {built.model.validate()}")
    return _Run(status, None, None)


def _improve(problem: _Problem, assignment: dict[int, int], bound: int, deadline: float, workers: int,
             seed: int) -> dict[int, int]:
    """Large-neighbourhood search on the total priority: free every meeting in a few slots,
    keep the rest, and let CP-SAT re-pack those slots with any request that fits; keep the
    result when it holds more. Many small rounds fit where one big model would stall; the
    number of slots freed grows while rounds solve to optimality and shrinks when they don't."""
    rng = random.Random(seed)
    size = max(2, problem.slots // 6)
    while _left(deadline) > MIN_STEP_SECONDS and problem.value(assignment) < bound:
        freed = set(rng.sample(range(problem.slots), min(size, problem.slots)))
        kept = {k: s for k, s in assignment.items() if s not in freed}
        caps = list(problem.cap)
        for k in kept:
            for i in problem.ends[k]:
                caps[i] -= 1
        requests = [k for k in range(len(problem.requests)) if k not in kept
                    and all(caps[i] > 0 for i in problem.ends[k]) and freed.intersection(problem.domain[k])]
        current = {k: s for k, s in assignment.items() if s in freed}
        if not _time_for(deadline, problem, requests):
            break
        built = _build(problem, requests, maximise=True, slots=freed, caps=caps,
                       at_most=bound - problem.value(kept))
        built.hint(current)
        run = _run(built, min(deadline, time.monotonic() + ROUND_SECONDS), workers, seed, light=True)
        if run.assignment is not None and problem.value(run.assignment) > problem.value(current):
            assignment = {**kept, **run.assignment}
        if run.status == cp_model.OPTIMAL:
            size = min(problem.slots, size + 1)
        else:
            size = max(2, size - 1)
    return assignment


# --- solve --------------------------------------------------------------------------------------

# Idle gaps are polished on the whole model (free to swap meetings of equal total priority,
# so exact when proven) only up to this many request-slot booleans; beyond, with the
# meetings held fixed and only their slots free, which converges far faster.
WHOLE_MODEL_POLISH = 1500


def solve(
    instance: Instance,
    *,
    time_limit: float = 10.0,
    locked: Iterable[Meeting] | None = None,
    workers: int = 2,
    seed: int = 0,
    polish_time: float | None = None,
    patience: float | None = None,
) -> Schedule:
    """The schedule holding the most total priority (and, among those, the fewest idle gaps)
    that can be found within `time_limit` seconds, with a proven bound.

    `locked` meetings (default: the instance's) keep slot and table. Idle gaps are polished
    for at most `polish_time` seconds (default: what is left; 0 skips it), stopping early
    once no fewer gaps were found for `patience` seconds (default: 2 s or 5 % of the time
    limit, whichever is longer). Raises InstanceError for locked meetings that break the rules."""
    started = time.monotonic()
    # Keep a little back for stopping CP-SAT, reading its answer and laying tables.
    deadline = started + time_limit - min(0.5, 0.08 * time_limit)
    if locked is not None:
        instance = instance.with_locked(locked)
    if patience is None:
        patience = max(2.0, 0.05 * time_limit)
    problem = _Problem(instance)
    assignment, bound, method = _most_priority(problem, deadline, workers, seed, polish_time)
    settled = time.monotonic() - started
    polish_deadline = deadline if polish_time is None else min(deadline, time.monotonic() + polish_time)
    assignment = _fewest_gaps(problem, assignment, polish_deadline, workers, seed, patience)
    return _schedule(problem, assignment, bound, started, method, settled)


def _most_priority(
    problem: _Problem, deadline: float, workers: int, seed: int, polish_time: float | None
) -> tuple[dict[int, int], int, str]:
    """Steps 1-3 of the module docstring: the best assignment found (request -> slot), the
    bound on its total priority, and the step that found it."""
    bound, selection = _flow_bound(problem)
    assignment = _fill(problem, {})
    method = "greedy"
    everything = range(len(problem.requests))
    if problem.value(assignment) < bound and selection is not None and _time_for(deadline, problem, selection):
        # The decomposition: can every request of a best relaxed set get a slot?
        built = _build(problem, selection, all_held=True)  # a hint slows this one down
        # Usually done in seconds; when it is not, the slots cannot be found and the time
        # is better spent searching.
        share = 0.9 if len(selection) <= 50 else 0.5 if _left(deadline) < 20 else 0.35
        run = _run(built, deadline, workers, seed, share=share)
        if run.assignment is not None:
            assignment, method = run.assignment, "flow bound + slot assignment"
        else:
            first = _fill(problem, _fill(problem, {}, order=sorted(selection, key=lambda k: -problem.weight[k])))
            if problem.value(first) > problem.value(assignment):
                assignment = first
    if (problem.value(assignment) < bound and _variables(problem, everything) > WHOLE_MODEL_POLISH
            and _left(deadline) > MIN_STEP_SECONDS):
        improved = _improve(problem, assignment, bound, time.monotonic() + _left(deadline) * 0.75, workers, seed)
        if problem.value(improved) > problem.value(assignment):
            assignment, method = improved, "neighbourhood search"
    if problem.value(assignment) < bound and _time_for(deadline, problem, everything):
        built = _build(problem, everything, maximise=True, at_most=bound)
        built.hint(assignment)
        run = _run(built, deadline, workers, seed, share=1.0 if polish_time == 0 else 0.85)
        if run.assignment is not None and problem.value(run.assignment) > problem.value(assignment):
            assignment, method = run.assignment, "CP-SAT"
        if run.bound is not None:
            bound = min(bound, math.floor(run.bound + 1e-6))
    return _fill(problem, assignment), bound, method


def _fewest_gaps(
    problem: _Problem, assignment: dict[int, int], deadline: float, workers: int, seed: int, patience: float
) -> dict[int, int]:
    """Step 4 of the module docstring: as much total priority, fewer idle gaps."""
    if _left(deadline) > MIN_STEP_SECONDS:
        assignment = _compact(problem, assignment, deadline)
    if len(assignment) > 1 and _time_for(deadline, problem, assignment, cost=2):
        built = _build(problem, sorted(assignment), all_held=True, gaps=True)
        built.hint(assignment)
        run = _run(built, deadline, workers, seed, patience=patience)
        if run.assignment is not None:
            assignment = run.assignment
    everything = range(len(problem.requests))
    if (len(assignment) > 1 and _variables(problem, everything) <= WHOLE_MODEL_POLISH
            and _time_for(deadline, problem, everything, cost=2)):
        built = _build(problem, everything, at_least=problem.value(assignment), gaps=True)
        built.hint(assignment)
        run = _run(built, deadline, workers, seed, patience=patience)
        if run.assignment is not None:
            assignment = _fill(problem, run.assignment)
    return assignment


def _left(deadline: float) -> float:
    return deadline - time.monotonic()


def _variables(problem: _Problem, requests: Iterable[int]) -> int:
    """Request-slot booleans of a model over these requests."""
    return sum(len(problem.domain[k]) for k in requests)


def _time_for(deadline: float, problem: _Problem, requests: Iterable[int], cost: float = 1.0) -> bool:
    """Whether a model over these requests can be built (some 50 us a boolean in Python,
    `cost` times that with idle gaps) and still get a moment to solve before `deadline`."""
    return _left(deadline) > MIN_STEP_SECONDS + BUILD_SECONDS_PER_VARIABLE * cost * _variables(problem, requests)


def _schedule(problem: _Problem, assignment: dict[int, int], bound: int, started: float, method: str,
              settled: float | None = None) -> Schedule:
    meetings = _assign_tables(problem, assignment)
    seconds = time.monotonic() - started
    return Schedule(
        instance=problem.instance,
        meetings=tuple(meetings),
        bound=bound + problem.locked_objective,
        seconds=seconds,
        settled_seconds=seconds if settled is None else settled,
        method=method,
    )


def _assign_tables(problem: _Problem, assignment: dict[int, int]) -> list[Meeting]:
    """Tables per slot. Locked meetings keep theirs. Hosts (the B side), busiest first, get a
    home table free in every slot they meet in, so they never move; the other meetings sit
    where their host or guest sat last, when free, else at the lowest free table."""
    instance = problem.instance
    used: dict[int, set[int]] = defaultdict(set)
    meetings = list(instance.locked)
    for m in meetings:
        used[m.slot].add(m.table)
    hosted: dict[str, list[int]] = defaultdict(list)
    for k in sorted(assignment):
        request = problem.requests[k]
        hosted[_host_first(instance, request.a, request.b)[0]].append(k)
    home: dict[str, int] = {}
    for host in sorted(hosted, key=lambda h: (-len(hosted[h]), h)):
        slots = [assignment[k] for k in hosted[host]]
        table = next((t for t in range(1, instance.tables + 1) if all(t not in used[s] for s in slots)), None)
        if table is not None:
            home[host] = table
            for s in slots:
                used[s].add(table)
    last: dict[str, int] = {}
    for k in sorted(assignment, key=lambda k: (assignment[k], k)):
        request, slot = problem.requests[k], assignment[k]
        host, guest = _host_first(instance, request.a, request.b)
        table = home.get(host)
        if table is None:
            table = next((t for t in (last.get(host), last.get(guest)) if t is not None and t not in used[slot]),
                         None) or next(t for t in range(1, instance.tables + 1) if t not in used[slot])
            used[slot].add(table)
        last[host] = last[guest] = table
        meetings.append(Meeting(a=request.a, b=request.b, slot=slot, table=table))
    return meetings


def _host_first(instance: Instance, a: str, b: str) -> tuple[str, str]:
    """The B side (the host at a fair) first."""
    return (b, a) if instance.participant(b).side == "B" or instance.participant(a).side != "B" else (a, b)
