"""What the benchmark (bench/run.py) and the load test (bench/load.py) share: the scale database, gunicorn
on loopback, logged-in HTTP clients, and the ids of the pages worth measuring."""
import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_SQLITE = f"sqlite:///{ROOT}/instance/bench-scale.sqlite"
USER = "manager.dresden@jadebridge.eu"
PASSWORD = "jadebridge-demo"
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def environment(database_url: str, count_sql: bool = True) -> dict:
    env = dict(os.environ, DATABASE_URL=database_url, SECRET_KEY=os.environ.get("SECRET_KEY", "bench-only"))
    if count_sql:
        env["COUNT_SQL_STATEMENTS"] = "1"
    return env


def ensure_scale_data(database_url: str, scale: float) -> None:
    """Migrate and load the scale office unless the database has it already (about 20 s for N=20 on SQLite)."""
    env = environment(database_url, count_sql=False)
    subprocess.run([BIN / "crm", "db", "upgrade"], env=env, check=True, capture_output=True)
    engine = sa.create_engine(sql_url(database_url))
    with engine.connect() as connection:
        companies = connection.scalar(sa.text("SELECT count(*) FROM companies"))
    engine.dispose()
    if companies < 1000 * scale:
        print(f"Loading the scale office (N={scale}) into {database_url} ...", flush=True)
        subprocess.run([BIN / "crm", "seed-demo", "--scale", str(scale), "--force"], env=env, check=True,
                       stdout=subprocess.DEVNULL)


def sql_url(database_url: str) -> str:
    return database_url.replace("postgresql://", "postgresql+psycopg://", 1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn serving the app on a loopback port; `kill_worker` and `kill` for the fault tests."""

    def __init__(self, database_url: str, workers: int = 4, count_sql: bool = True):
        self.database_url, self.workers, self.count_sql = database_url, workers, count_sql
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> "Server":
        self.process = subprocess.Popen(
            [BIN / "gunicorn", "--workers", str(self.workers), "--bind", f"127.0.0.1:{self.port}",
             "--timeout", "60", "--log-level", "warning", "crm:create_app()"],
            env=environment(self.database_url, self.count_sql), cwd=ROOT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/health", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer /health within 60 s")

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        return [int(pid) for pid in children]

    def kill_worker(self) -> int:
        pid = self.worker_pids()[0]
        os.kill(pid, signal.SIGKILL)
        return pid

    def kill(self) -> None:
        """SIGKILL the master and its workers at once: no graceful anything, like a power cut of the process."""
        pids = self.worker_pids()
        self.process.kill()
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)

    def __enter__(self) -> "Server":
        return self.start()

    def __exit__(self, *_exc) -> None:
        self.stop()


def csrf_token(html: str) -> str:
    match = CSRF.search(html)
    if not match:
        raise RuntimeError("no CSRF token in the page")
    return match.group(1)


def logged_in_client(base_url: str, email: str = USER) -> httpx.Client:
    """A client logged in through the real form, with CSRF."""
    client = httpx.Client(base_url=base_url, timeout=60)
    token = csrf_token(client.get("/login").text)
    response = client.post("/login", data={"csrf_token": token, "email": email, "password": PASSWORD})
    if response.status_code != 302:
        raise RuntimeError(f"login as {email} failed: {response.status_code}")
    return client


@dataclass
class Targets:
    """Ids and filters the measured pages use, read from the scale data."""

    busiest_company: int  # the company with the longest history (2,000 contacts at N=20)
    ordinary_company: int
    event: int  # a fair with 100 meetings
    office: int
    company_pages: int
    export_status: str  # a pipeline status with about 5,000 companies at N=20
    export_rows: int


def targets(database_url: str, per_page: int = 25) -> Targets:
    engine = sa.create_engine(sql_url(database_url))
    with engine.connect() as db:
        busiest = db.execute(sa.text(
            "SELECT company_id FROM interactions GROUP BY company_id ORDER BY count(*) DESC LIMIT 1")).scalar()
        ordinary = db.execute(sa.text(
            "SELECT company_id FROM interactions GROUP BY company_id HAVING count(*) BETWEEN 15 AND 25 "
            "ORDER BY company_id LIMIT 1")).scalar()
        event = db.execute(sa.text(
            "SELECT event_id FROM meetings GROUP BY event_id ORDER BY count(*) DESC, event_id LIMIT 1")).scalar()
        office = db.execute(sa.text("SELECT id FROM offices WHERE name = 'Dresden'")).scalar()
        companies = db.execute(sa.text("SELECT count(*) FROM companies")).scalar()
        status, rows = db.execute(sa.text(
            "SELECT status, count(*) FROM companies GROUP BY status ORDER BY abs(count(*) - 5000) LIMIT 1")).one()
    engine.dispose()
    return Targets(busiest, ordinary, event, office, -(-companies // per_page), status, rows)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]
