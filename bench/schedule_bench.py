"""Benchmark of the fair scheduler (not part of the test suite).

    .venv/bin/python bench/schedule_bench.py                       # all instances, default limits
    .venv/bin/python bench/schedule_bench.py --only large --baseline-minutes 15
    .venv/bin/python bench/schedule_bench.py --save-instances /tmp/fairs   # JSON for `crm schedule-solve`

For generated fairs from 20 x 60 companies up to 300 companies with 3,000 requests, 24 slots
and 110 tables it prints the seconds taken, meetings placed, objective (total priority held),
the proven bound and objective / bound, next to a simple greedy (highest priority first,
first free slot). `--baseline-minutes` also runs CP-SAT on the plain model (one boolean per
request and slot, nothing else) for that long on the chosen instances, for comparison.

The generator: side A (visiting Jinan companies) and side B (hosts); requests join an A and a
B company drawn by popularity (log-normal, so some are much sought after), priority 1, 2 or 3
(40/40/20 %); one in 20 is also requested the other way round with another priority (merged
to the higher); one participant in five is there for only part of the day (a window of half
to five sixths of the slots at the start, end or middle) and one in seven caps its meetings
(3 to slots / 2).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ortools.sat.python import cp_model  # noqa: E402

from crm.services.scheduling import (  # noqa: E402
    Instance,
    Participant,
    Request,
    check_schedule,
    greedy,
    instance_to_dict,
    solve,
)


@dataclass(frozen=True)
class Spec:
    name: str
    side_a: int
    side_b: int
    requests: int
    slots: int
    tables: int
    time_limit: float


SPECS = [
    Spec("fair-20x60", 20, 60, 240, 12, 25, 5.0),
    Spec("fair-40x80", 40, 80, 600, 16, 35, 5.0),
    Spec("fair-60x120", 60, 120, 1200, 18, 50, 5.0),
    Spec("large-150x150", 150, 150, 3000, 24, 110, 60.0),
]


def generate(spec: Spec, seed: int = 1, partial_days: float = 0.2, capped: float = 0.15) -> Instance:
    rng = random.Random(f"{spec.name}-{seed}")
    participants = []
    for side, count in (("A", spec.side_a), ("B", spec.side_b)):
        for number in range(count):
            available = None
            if rng.random() < partial_days:
                length = rng.randint(spec.slots // 2, 5 * spec.slots // 6)
                first = rng.choice([0, spec.slots - length, rng.randint(0, spec.slots - length)])
                available = frozenset(range(first, first + length))
            limit = rng.randint(3, max(3, spec.slots // 2)) if rng.random() < capped else None
            participants.append(Participant(f"{side}{number:03d}", side, available, limit))
    side_a = [p.id for p in participants if p.side == "A"]
    side_b = [p.id for p in participants if p.side == "B"]
    pull_a = [rng.lognormvariate(0, 0.6) for _ in side_a]
    pull_b = [rng.lognormvariate(0, 0.6) for _ in side_b]
    pairs: set[tuple[str, str]] = set()
    requests = []
    while len(pairs) < spec.requests:
        a, b = rng.choices(side_a, pull_a)[0], rng.choices(side_b, pull_b)[0]
        if (a, b) in pairs:
            continue
        pairs.add((a, b))
        requests.append(Request(a, b, rng.choices([1, 2, 3], [4, 4, 2])[0]))
        if rng.random() < 0.05:
            requests.append(Request(b, a, rng.choice([1, 2, 3])))
    return Instance(slots=spec.slots, tables=spec.tables, participants=tuple(participants), requests=tuple(requests))


def plain_model(instance: Instance, seconds: float, workers: int, seed: int) -> tuple[int, int, float]:
    """CP-SAT on the plain model: one boolean per request and common slot, the rules as
    constraints, maximise the total priority. Returns objective, bound, seconds."""
    model = cp_model.CpModel()
    at: dict[tuple[str, int], list] = {}
    per_slot: dict[int, list] = {}
    per_participant: dict[str, list] = {}
    objective = []
    for n, r in enumerate(instance.requests):
        own = []
        for s in sorted(instance.common_slots(r.a, r.b)):
            var = model.new_bool_var(f"x{n}_{s}")
            own.append(var)
            objective.append(r.priority * var)
            for who in (r.a, r.b):
                at.setdefault((who, s), []).append(var)
                per_participant.setdefault(who, []).append(var)
            per_slot.setdefault(s, []).append(var)
        model.add_at_most_one(own)
    for variables in at.values():
        model.add_at_most_one(variables)
    for variables in per_slot.values():
        model.add(sum(variables) <= instance.tables)
    for who, variables in per_participant.items():
        limit = instance.max_meetings(who)
        if limit is not None:
            model.add(sum(variables) <= limit)
    model.maximize(sum(objective))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    started = time.monotonic()
    status = solver.solve(model)
    took = time.monotonic() - started
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return 0, int(solver.best_objective_bound), took
    return int(solver.objective_value), int(solver.best_objective_bound + 1e-6), took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", help="run only instances whose name contains this")
    parser.add_argument("--time-limit", type=float, help="seconds per instance (default: 5 for fairs, 60 for large)")
    parser.add_argument("--baseline-minutes", type=float, default=0.25,
                        help="minutes for CP-SAT on the plain model per instance (default 0.25; 0 skips it)")
    parser.add_argument("--baseline-on", default="large",
                        help="run the plain-model baseline on instances whose name contains this (default: large)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed")
    parser.add_argument("--workers", type=int, default=2, help="CP-SAT workers (default 2, for 2 cores)")
    parser.add_argument("--partial-days", type=float, default=0.2,
                        help="share of participants there for part of the day only (default 0.2)")
    parser.add_argument("--capped", type=float, default=0.15,
                        help="share of participants with a max_meetings (default 0.15)")
    parser.add_argument("--save-instances", metavar="DIR", help="also write each instance as JSON into DIR")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, {args.workers} CP-SAT workers, generator seed {args.seed}")
    header = (f"{'instance':<14} {'reqs':>5} {'limit':>5} {'seconds':>7} {'settled':>7} {'placed':>6} "
              f"{'objective':>9} {'bound':>6} {'obj/bnd':>7} {'status':>8} {'gaps':>5} | "
              f"{'greedy':>6} {'g/bnd':>6} {'g-gaps':>6}")
    print(header)
    print("-" * len(header))
    rows = []
    for spec in SPECS:
        if args.only and not any(word in spec.name for word in args.only):
            continue
        instance = generate(spec, args.seed, args.partial_days, args.capped)
        if args.save_instances:
            folder = Path(args.save_instances)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{spec.name}-{args.seed}.json").write_text(json.dumps(instance_to_dict(instance)))
        limit = args.time_limit or spec.time_limit
        simple = greedy(instance)
        schedule = solve(instance, time_limit=limit, workers=args.workers, seed=0)
        problems = check_schedule(instance, schedule.meetings) + check_schedule(instance, simple.meetings)
        if problems:
            raise SystemExit(f"{spec.name}: infeasible schedule: {problems[0]}")
        print(f"{spec.name:<14} {len(instance.requests):>5} {limit:>5.0f} {schedule.seconds:>7.2f} "
              f"{schedule.settled_seconds:>7.2f} {schedule.placed:>6} {schedule.objective:>9} {schedule.bound:>6} "
              f"{schedule.ratio:>7.4f} {schedule.status:>8} {schedule.idle_gaps:>5} | "
              f"{simple.objective:>6} {simple.objective / schedule.bound:>6.4f} {simple.idle_gaps:>6}", flush=True)
        rows.append((spec, instance, schedule))
    if args.baseline_minutes > 0:
        print(f"\nCP-SAT on the plain model for {args.baseline_minutes:g} min, {args.workers} workers:")
        for spec, instance, schedule in rows:
            if args.baseline_on not in spec.name:
                continue
            objective, bound, took = plain_model(instance, args.baseline_minutes * 60, args.workers, 0)
            print(f"{spec.name:<14} plain model: objective {objective} (bound {bound}) in {took:.0f} s; "
                  f"ours: {schedule.objective} in {schedule.seconds:.1f} s "
                  f"({'at least as good' if schedule.objective >= objective else 'WORSE'}; "
                  f"ours / plain = {schedule.objective / max(objective, 1):.4f})", flush=True)


if __name__ == "__main__":
    main()
