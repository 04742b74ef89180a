"""Page latency and throughput on the scale data, through gunicorn on loopback: `make bench`.

    .venv/bin/python bench/run.py [--database URL] [--scale 20] [--requests 40] [--search-url '/search?q={q}']

Prints p50/p95 of each page, its ratio to the floor (/health of the same app, same run) and the SQL statements
it ran (X-SQL-Statements, switched on by COUNT_SQL_STATEMENTS=1), then the requests per second of the company
list and of logging an interaction with 4 workers and 16 concurrent clients."""
import argparse
import os
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    DEFAULT_SQLITE,
    PASSWORD,
    USER,
    Server,
    Targets,
    csrf_token,
    ensure_scale_data,
    logged_in_client,
    percentile,
    targets,
)

LATENCY_TARGET_MS, EXPORT_TARGET_MS, RATIO_TARGET = 100, 3000, 10


def pages(t: Targets, search_url: str) -> list[tuple[str, str]]:
    """(label, path) of every GET measured; the floor first."""
    deep = max(1, int(t.company_pages * 0.8))
    return [
        ("floor: /health", "/health"),
        ("dashboard", "/"),
        ("companies, first page", "/companies/"),
        (f"companies, page {deep}", f"/companies/?page={deep}"),
        ("companies, filtered + sorted", "/companies/?country=DE&status=interested&sort=-updated"),
        ("company with the longest history", f"/companies/{t.busiest_company}"),
        ("follow-ups of an office, overdue", f"/follow-ups/?scope=office&due=overdue&office_id={t.office}"),
        ("follow-ups of an office, this week", f"/follow-ups/?scope=office&due=week&office_id={t.office}"),
        ("search", search_url.format(q="laser")),
        ("fair schedule (100 meetings)", f"/events/{t.event}/schedule"),
        (f"export CSV ({t.export_rows:,} companies)", f"/companies/?status={t.export_status}&format=csv"),
        (f"export XLSX ({t.export_rows:,} companies)", f"/companies/?status={t.export_status}&format=xlsx"),
    ]


def timed(send) -> tuple[float, httpx.Response]:
    started = time.perf_counter()
    response = send()
    return (time.perf_counter() - started) * 1000, response


def measure(label: str, send, requests: int, ok=(200,)) -> dict:
    for _ in range(3):  # warm up: imports, templates, the database's cache
        send()
    times, statements = [], set()
    for _ in range(requests):
        elapsed, response = timed(send)
        if response.status_code not in ok:
            raise RuntimeError(f"{label}: HTTP {response.status_code}")
        times.append(elapsed)
        statements.add(response.headers.get("X-SQL-Statements", "?"))
    return {"label": label, "p50": percentile(times, 0.5), "p95": percentile(times, 0.95),
            "statements": "/".join(sorted(statements))}


def log_interaction(client: httpx.Client, company_id: int):
    token = csrf_token(client.get(f"/companies/{company_id}/interactions/new").text)
    data = {"csrf_token": token, "occurred_at": datetime.now().strftime("%Y-%m-%dT%H:%M"), "channel": "call",
            "summary": "Benchmark call: asked about the next fair."}
    return lambda: client.post(f"/companies/{company_id}/interactions/new", data=data)


def login_once(base_url: str):
    def send():
        with httpx.Client(base_url=base_url) as client:
            token = csrf_token(client.get("/login").text)
            elapsed, response = timed(lambda: client.post(
                "/login", data={"csrf_token": token, "email": USER, "password": PASSWORD}))
            response.elapsed_ms = elapsed
            return response
    return send


def latency(base_url: str, t: Targets, search_url: str, requests: int) -> list[dict]:
    client = logged_in_client(base_url)
    results = []
    for label, path in pages(t, search_url):
        count = max(5, requests // 4) if "export" in label else requests
        results.append(measure(label, lambda path=path: client.get(path), count))
    results.append(measure("log an interaction (POST)", log_interaction(client, t.ordinary_company), requests,
                           ok=(302,)))
    # The login's own time, without the GET of the form before it.
    send = login_once(base_url)
    times, statements = [], set()
    for _ in range(max(5, requests // 2)):
        response = send()
        times.append(response.elapsed_ms)
        statements.add(response.headers.get("X-SQL-Statements", "?"))
    results.insert(1, {"label": "login (POST)", "p50": percentile(times, 0.5), "p95": percentile(times, 0.95),
                       "statements": "/".join(sorted(statements))})
    return results


def throughput(base_url: str, label: str, make_send, clients: int, seconds: float) -> str:
    """`clients` threads, each with its own logged-in client, sending as fast as answers come."""
    senders = [make_send(logged_in_client(base_url)) for _ in range(clients)]
    done, errors, stop = [0] * clients, [0] * clients, threading.Event()

    def run(index):
        while not stop.is_set():
            response = senders[index]()
            done[index] += 1
            errors[index] += response.status_code >= 400

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return f"{label:<44} {sum(done) / elapsed:8.1f} req/s  ({sum(done)} requests, {sum(errors)} errors)"


def report(results: list[dict]) -> None:
    floor = results[0]["p95"]
    print(f"{'page':<44} {'p50 ms':>8} {'p95 ms':>8} {'x floor':>8} {'SQL':>5}  target")
    for row in results:
        export = "export" in row["label"]
        limit = EXPORT_TARGET_MS if export else LATENCY_TARGET_MS
        ratio = row["p95"] / floor
        met = row["p95"] < limit and (export or ratio < RATIO_TARGET or row is results[0])
        print(f"{row['label']:<44} {row['p50']:8.1f} {row['p95']:8.1f} {ratio:8.1f} {row['statements']:>5}  "
              f"{'ok' if met else 'MISSED'} (p95 < {limit} ms{'' if export else f', < {RATIO_TARGET}x floor'})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default=DEFAULT_SQLITE, help="SQLAlchemy URL (default: an SQLite file)")
    parser.add_argument("--scale", type=float, default=20, help="seed-demo --scale N when the data is missing")
    parser.add_argument("--requests", type=int, default=40, help="timed requests per page")
    parser.add_argument("--search-url", default="/companies/?q={q}",
                        help="the search page, {q} for the words (e.g. '/search?q={q}' once it exists)")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=15, help="length of each throughput run")
    args = parser.parse_args()

    ensure_scale_data(args.database, args.scale)
    t = targets(args.database)
    print(f"{args.database.split('://')[0]}, gunicorn --workers {args.workers}, {datetime.now():%Y-%m-%d %H:%M}, "
          f"load average before {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    with Server(args.database, workers=args.workers) as server:
        report(latency(server.url, t, args.search_url, args.requests))
        print()
        print(f"Throughput, {args.workers} workers, {args.clients} concurrent clients, {args.seconds:.0f} s each:")
        print(throughput(server.url, "company list (first page)", lambda c: lambda: c.get("/companies/"),
                         args.clients, args.seconds))
        print(throughput(server.url, "log an interaction (POST)",
                         lambda c: log_interaction(c, t.ordinary_company), args.clients, args.seconds))
    print(f"load average after {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
