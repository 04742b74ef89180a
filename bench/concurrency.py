"""Concurrency check: gunicorn with several workers, several client processes writing at once.

    .venv/bin/python bench/concurrency.py [--seconds 20] [--clients 6] [--workers 4] [--database-url URL]

Migrates a fresh database (an SQLite file in a temporary folder, or the PostgreSQL database given,
which must be a scratch one: its tables are dropped first), adds one staff login per client and
three companies, and starts gunicorn on it. Each client process logs in through the real form and,
until the time is up, either logs an interaction on one of the three companies (summary: a unique
marker) or edits one of them (description and offers both set to one unique marker). Then:

- every acknowledged interaction (answered by a redirect) is in the database exactly once;
- each company's description and offers come from one and the same acknowledged edit (the last
  write wins, so earlier acknowledged edits are overwritten by design, but none is torn);
- every refused write got a clear answer (a 4xx, or the form again with its message), never a 5xx
  or a dropped connection;
- `crm check` passes.

Prints the counts and exits 1 when any of these fails. tests/test_concurrency.py runs it for a
few seconds on the suite's database kind.
"""
import argparse
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.htmlforms import forms_posting_to, form_values  # noqa: E402

PASSWORD = "concurrency-bench-password"
SECRET_KEY = "concurrency-bench-secret"
COMPANIES = 3
REQUEST_TIMEOUT = 30


# --- the server ---

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare_database(url: str, clients: int) -> list[int]:
    """Migrate from scratch, add the logins and the companies; returns the company ids."""
    import flask_migrate
    from werkzeug.security import generate_password_hash

    from config import database_url
    from crm import create_app
    from crm.extensions import db
    from crm.models import Company, Office, Role, User

    app = create_app("config.Config", {"SQLALCHEMY_DATABASE_URI": database_url(url), "SECRET_KEY": SECRET_KEY})
    with app.app_context():
        db.drop_all()
        with db.engine.begin() as connection:
            connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        flask_migrate.upgrade()
        office = Office(name="Dresden", timezone="Europe/Berlin")
        password = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")
        db.session.add_all([User(email=f"client{n}@bench.test", name=f"Client {n}", role=Role.STAFF, office=office,
                                 password_hash=password) for n in range(clients)])
        companies = [Company(name=f"Shared Company {n}") for n in range(COMPANIES)]
        db.session.add_all(companies)
        db.session.commit()
        ids = [company.id for company in companies]
        db.session.remove()
        db.engine.dispose()
    return ids


def start_gunicorn(url: str, port: int, workers: int) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": SECRET_KEY}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
         "--timeout", "60", "--log-level", "warning", "--preload", "crm:create_app()"],
        cwd=ROOT, env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise RuntimeError("gunicorn did not answer /health within 60 seconds")


# --- the clients ---

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Outcome:
    counts: Counter = field(default_factory=Counter)  # (kind, "acknowledged" | "refused" | "error") -> n
    interactions: list[str] = field(default_factory=list)  # acknowledged markers
    edits: list[tuple[int, str]] = field(default_factory=list)  # acknowledged (company id, marker)
    errors: list[str] = field(default_factory=list)


class Browser:
    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect)

    def open(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, data=body, timeout=REQUEST_TIMEOUT) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def form(self, path: str) -> dict[str, list[str]]:
        status, html = self.open(path)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
        found = forms_posting_to(html, path, path)
        if not found:
            raise RuntimeError(f"no form posting to {path}")
        return form_values(found[0])


def client(args: tuple[int, str, list[int], float, int]) -> Outcome:
    number, base, company_ids, seconds, seed = args
    rng = random.Random(seed)
    browser = Browser(base)
    outcome = Outcome()
    login = browser.form("/login")
    status, _ = browser.open("/login", {**login, "email": f"client{number}@bench.test", "password": PASSWORD})
    if status != 302:
        raise RuntimeError(f"client {number} could not log in ({status})")
    deadline = time.monotonic() + seconds
    sequence = 0
    while time.monotonic() < deadline:
        sequence += 1
        company_id = rng.choice(company_ids)
        marker = f"bench-{number}-{sequence}"
        kind = rng.choice(["interaction", "edit"])
        try:
            if kind == "interaction":
                path = f"/companies/{company_id}/interactions/new"
                data = {**browser.form(path), "summary": marker, "channel": "call"}
            else:
                path = f"/companies/{company_id}/edit"
                data = {**browser.form(path), "description": marker, "offers": marker}
            status, body = browser.open(path, data)
        except (OSError, RuntimeError) as error:  # a dropped connection, a timeout, a page that failed
            outcome.counts[(kind, "error")] += 1
            outcome.errors.append(f"{kind} {marker}: {error}")
            continue
        if status == 302:
            outcome.counts[(kind, "acknowledged")] += 1
            if kind == "interaction":
                outcome.interactions.append(marker)
            else:
                outcome.edits.append((company_id, marker))
        elif 400 <= status < 500 or (status == 200 and ("invalid-feedback" in body or "alert-danger" in body)):
            outcome.counts[(kind, "refused")] += 1
        else:
            outcome.counts[(kind, "error")] += 1
            outcome.errors.append(f"{kind} {marker}: HTTP {status}")
    return outcome


# --- the verdict ---

def verify(url: str, outcomes: list[Outcome]) -> list[str]:
    """What went wrong: lost or doubled interactions, torn edits, errors, a failed `crm check`."""
    import sqlalchemy as sa

    from config import database_url
    from crm import create_app
    from crm.extensions import db
    from crm.models import Company, Interaction

    problems = [error for outcome in outcomes for error in outcome.errors]
    app = create_app("config.Config", {"SQLALCHEMY_DATABASE_URI": database_url(url), "SECRET_KEY": SECRET_KEY})
    with app.app_context():
        stored = Counter(db.session.scalars(sa.select(Interaction.summary).where(Interaction.summary.like("bench-%"))))
        for marker in (m for outcome in outcomes for m in outcome.interactions):
            if stored[marker] != 1:
                problems.append(f"acknowledged interaction {marker} is stored {stored[marker]} time(s)")
        acknowledged = {}
        for outcome in outcomes:
            for company_id, marker in outcome.edits:
                acknowledged.setdefault(company_id, set()).add(marker)
        for company in db.session.scalars(sa.select(Company)):
            expected = acknowledged.get(company.id)
            if expected and not (company.description == company.offers and company.description in expected):
                problems.append(f"company {company.id} holds description {company.description!r} and offers "
                                f"{company.offers!r}, not one acknowledged edit")
        db.session.remove()
        result = app.test_cli_runner().invoke(args=["check"])
        db.engine.dispose()
    if result.exit_code != 0:
        problems.append(f"crm check failed: {result.output.strip()}")
    return problems


def run(url: str, seconds: float, clients: int, workers: int) -> tuple[Counter, list[str]]:
    company_ids = prepare_database(url, clients)
    port = free_port()
    server = start_gunicorn(url, port, workers)
    try:
        with Pool(clients) as pool:
            outcomes = pool.map(client, [(n, f"http://127.0.0.1:{port}", company_ids, seconds, n)
                                         for n in range(clients)])
    finally:
        server.send_signal(signal.SIGINT)  # every request is answered by now: quick shutdown
        server.wait(timeout=30)
    counts = sum((outcome.counts for outcome in outcomes), Counter())
    return counts, verify(url, outcomes)


def report(counts: Counter, problems: list[str], seconds: float, clients: int, workers: int, kind: str) -> str:
    lines = [f"{kind}: gunicorn with {workers} workers, {clients} clients for {seconds:g} s"]
    for what in ("interaction", "edit"):
        lines.append(f"  {what + 's':<13} acknowledged {counts[(what, 'acknowledged')]:>5}   "
                     f"refused {counts[(what, 'refused')]:>4}   errors {counts[(what, 'error')]:>4}")
    lines.append("  verdict: " + ("every acknowledged write is stored, no 5xx, crm check passes" if not problems
                                  else f"{len(problems)} problem(s)"))
    lines += [f"    {problem}" for problem in problems[:20]]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--database-url", help="a scratch PostgreSQL database (its tables are dropped)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/concurrency.sqlite"
        counts, problems = run(url, args.seconds, args.clients, args.workers)
    kind = "PostgreSQL" if args.database_url else "SQLite"
    print(report(counts, problems, args.seconds, args.clients, args.workers, kind))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
