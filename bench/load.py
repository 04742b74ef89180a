"""Load and fault test on the scale office, through gunicorn (4 workers) on loopback: `make load`.

    .venv/bin/python bench/load.py [--database URL] [--users 20] [--minutes 2] [--fault-seconds 45]

1. Load: `--users` staff members for `--minutes`, each in a loop of the daily mix (search 30 %, open a company
   30 %, log an interaction 20 %, complete one of their follow-ups 10 %, export their follow-ups 10 %) with
   0.2-1 s to read each page. Passes with zero 5xx, every acknowledged write (a 302 after the POST) in the
   database afterwards, and p95 under 300 ms.
2. Faults: the same mix; a third into `--fault-seconds` one worker gets SIGKILL, at two thirds the master and
   all workers do. Then the server is started again on the same database: SQLite's PRAGMA integrity_check
   (PostgreSQL: amcheck on every index, when the extension is there) must say ok, and every write
   acknowledged before the kill must be there. Requests cut off by the kills fail on the client's side
   (connection errors, never acknowledged) and are counted, not treated as failures.
"""
import argparse
import os
import random
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import httpx
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    DEFAULT_SQLITE,
    Server,
    csrf_token,
    ensure_scale_data,
    logged_in_client,
    percentile,
    sql_url,
)

SEARCHES = ["laser", "robot", "GmbH", "Jinan", "Oy", "Medizintechnik", "software", "济南", "battery", "Energie"]
P95_TARGET_MS = 300


@dataclass
class Tally:
    """What all users saw; the lists are appended to from many threads (list.append is atomic in CPython)."""

    times: dict[str, list[float]] = field(default_factory=lambda: {})
    statuses: Counter = field(default_factory=Counter)
    connection_errors: int = 0
    logged: list[str] = field(default_factory=list)  # summaries of acknowledged interactions
    completed: list[int] = field(default_factory=list)  # ids of acknowledged completed follow-ups
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, action: str, elapsed_ms: float, status: int) -> None:
        with self.lock:
            self.times.setdefault(action, []).append(elapsed_ms)
            self.statuses[status] += 1


class User(threading.Thread):
    def __init__(self, base_url: str, email: str, companies: list[int], follow_ups: list[int], tally: Tally,
                 stop: threading.Event, seed: int):
        super().__init__(daemon=True)
        self.client = logged_in_client(base_url, email)
        self.token = csrf_token(self.client.get(f"/companies/{companies[0]}/interactions/new").text)
        self.companies, self.follow_ups, self.tally, self.stop = companies, follow_ups, tally, stop
        self.rng = random.Random(seed)

    def run(self) -> None:
        actions = [self.search, self.open_company, self.log_interaction, self.complete_follow_up, self.export]
        while not self.stop.is_set():
            action = self.rng.choices(actions, weights=[30, 30, 20, 10, 10])[0]
            try:
                action()
            except httpx.TransportError:  # the server was killed under this request
                with self.tally.lock:
                    self.tally.connection_errors += 1
                time.sleep(0.5)
            self.stop.wait(self.rng.uniform(0.2, 1.0))

    def timed(self, action: str, send) -> httpx.Response:
        started = time.perf_counter()
        response = send()
        self.tally.record(action, (time.perf_counter() - started) * 1000, response.status_code)
        return response

    def search(self):
        self.timed("search", lambda: self.client.get("/companies/", params={"q": self.rng.choice(SEARCHES)}))

    def open_company(self):
        self.timed("open company", lambda: self.client.get(f"/companies/{self.rng.choice(self.companies)}"))

    def log_interaction(self):
        company = self.rng.choice(self.companies)
        summary = f"Load test call {uuid.uuid4()}"
        data = {"csrf_token": self.token, "occurred_at": datetime.now().strftime("%Y-%m-%dT%H:%M"),
                "channel": "call", "summary": summary}
        response = self.timed("log interaction",
                              lambda: self.client.post(f"/companies/{company}/interactions/new", data=data))
        if response.status_code == 302:
            self.tally.logged.append(summary)

    def complete_follow_up(self):
        if not self.follow_ups:
            return
        follow_up = self.follow_ups.pop()
        response = self.timed("complete follow-up", lambda: self.client.post(
            f"/follow-ups/{follow_up}/complete", data={"csrf_token": self.token, "note": "Done (load test)."}))
        if response.status_code == 302:
            self.tally.completed.append(follow_up)

    def export(self):
        self.timed("export my follow-ups", lambda: self.client.get("/follow-ups/?scope=mine&due=open&format=xlsx"))


def users_and_work(database_url: str, users: int) -> list[tuple[str, list[int], list[int]]]:
    """(e-mail, companies of their office, their open follow-ups) of `users` staff of the scale office."""
    engine = sa.create_engine(sql_url(database_url))
    with engine.connect() as db:
        staff = db.execute(sa.text(
            "SELECT id, email, office_id FROM users WHERE email LIKE 'staff%@scale.jadebridge.eu' ORDER BY id"
        )).all()
        rng = random.Random(1)
        chosen = rng.sample(staff, users)
        work = []
        for user_id, email, office_id in chosen:
            companies = db.execute(sa.text("SELECT id FROM companies WHERE office_id = :office ORDER BY id LIMIT 400"),
                                   {"office": office_id}).scalars().all()
            follow_ups = db.execute(sa.text(
                "SELECT id FROM follow_ups WHERE assignee_id = :user AND done_at IS NULL ORDER BY id"),
                {"user": user_id}).scalars().all()
            work.append((email, companies, list(follow_ups)))
    engine.dispose()
    return work


def run_load(server: Server, work, seconds: float, tally: Tally, during=None) -> None:
    stop = threading.Event()
    threads = [User(server.url, email, companies, follow_ups, tally, stop, seed)
               for seed, (email, companies, follow_ups) in enumerate(work)]
    for thread in threads:
        thread.start()
    if during:
        during(stop)
    else:
        time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join(timeout=90)


def missing_writes(database_url: str, tally: Tally) -> tuple[int, int]:
    """(acknowledged interactions not in the database, acknowledged completions not done in it)."""
    engine = sa.create_engine(sql_url(database_url))
    with engine.connect() as db:
        found = set(db.execute(sa.text("SELECT summary FROM interactions WHERE summary LIKE 'Load test call %'"))
                    .scalars())
        done = set()
        for start in range(0, len(tally.completed), 500):
            chunk = tally.completed[start:start + 500]
            done |= set(db.execute(sa.text("SELECT id FROM follow_ups WHERE done_at IS NOT NULL AND id IN :ids")
                                   .bindparams(sa.bindparam("ids", expanding=True)), {"ids": chunk}).scalars())
    engine.dispose()
    return len(set(tally.logged) - found), len(set(tally.completed) - done)


def integrity(database_url: str) -> str:
    engine = sa.create_engine(sql_url(database_url))
    with engine.connect() as db:
        if engine.dialect.name == "sqlite":
            result = ", ".join(db.execute(sa.text("PRAGMA integrity_check")).scalars())
        else:
            try:
                db.execute(sa.text("CREATE EXTENSION IF NOT EXISTS amcheck"))
                indexes = db.execute(sa.text(
                    "SELECT c.oid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                    "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am a ON a.oid = c.relam "
                    "WHERE n.nspname = 'public' AND a.amname = 'btree'")).scalars().all()
                for oid in indexes:
                    db.execute(sa.text("SELECT bt_index_check(:oid, true)"), {"oid": oid})
                db.commit()
                result = f"ok (amcheck bt_index_check on {len(indexes)} indexes)"
            except sa.exc.DBAPIError as error:
                result = f"not checked: {error.orig}"
    engine.dispose()
    return result


def summary(tally: Tally) -> tuple[float, int]:
    every = [ms for times in tally.times.values() for ms in times]
    print(f"  {'action':<24} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for action, times in sorted(tally.times.items()):
        print(f"  {action:<24} {len(times):8} {percentile(times, 0.5):8.1f} {percentile(times, 0.95):8.1f} "
              f"{max(times):8.1f}")
    p95 = percentile(every, 0.95) if every else 0.0
    errors = sum(count for status, count in tally.statuses.items() if status >= 500)
    print(f"  all: {len(every)} requests, p95 {p95:.1f} ms, statuses {dict(sorted(tally.statuses.items()))}, "
          f"connection errors {tally.connection_errors}")
    return p95, errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default=DEFAULT_SQLITE)
    parser.add_argument("--scale", type=float, default=20)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--minutes", type=float, default=2)
    parser.add_argument("--fault-seconds", type=float, default=45)
    args = parser.parse_args()

    ensure_scale_data(args.database, args.scale)
    work = users_and_work(args.database, args.users)
    print(f"{args.database.split('://')[0]}, {args.users} users, {datetime.now():%Y-%m-%d %H:%M}, "
          f"load average before {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    failures = []

    print(f"1. Load: {args.minutes:g} minutes of the daily mix")
    tally = Tally()
    with Server(args.database, count_sql=False) as server:
        run_load(server, work, args.minutes * 60, tally)
    p95, errors = summary(tally)
    lost = missing_writes(args.database, tally)
    print(f"  acknowledged writes: {len(tally.logged)} interactions, {len(tally.completed)} completions; "
          f"missing afterwards: {lost[0]} and {lost[1]}")
    if errors or any(lost) or p95 >= P95_TARGET_MS or tally.connection_errors:
        failures.append("load")

    print(f"2. Faults: {args.fault_seconds:g} s of the mix, SIGKILL to a worker at 1/3, to the whole server at 2/3")
    tally = Tally()
    server = Server(args.database, count_sql=False).start()

    def kill_on_time(stop):
        time.sleep(args.fault_seconds / 3)
        print(f"  SIGKILL worker {server.kill_worker()}", flush=True)
        time.sleep(args.fault_seconds / 3)
        server.kill()
        print("  SIGKILL master and workers", flush=True)
        time.sleep(2)

    run_load(server, work, args.fault_seconds, tally, during=kill_on_time)
    _p95, errors = summary(tally)
    check = integrity(args.database)
    lost = missing_writes(args.database, tally)
    with Server(args.database, count_sql=False) as restarted:
        after = logged_in_client(restarted.url, work[0][0]).get("/companies/").status_code
    print(f"  after the restart: integrity check {check}; acknowledged writes {len(tally.logged)} interactions, "
          f"{len(tally.completed)} completions, missing {lost[0]} and {lost[1]}; company list answers {after}")
    if errors or any(lost) or not check.startswith("ok") or after != 200:
        failures.append("faults")

    print("PASSED" if not failures else f"FAILED: {', '.join(failures)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
