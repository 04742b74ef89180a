"""Backups, restores and health checks of the database, for `crm backup`, `crm restore` and `crm check`.

SQLite is copied page by page with sqlite3's online backup API, so a backup can be taken while
gunicorn workers write. PostgreSQL is dumped with pg_dump in its custom format and restored with
pg_restore; the commands are returned for the caller to print (the password never appears in them,
it travels in PGPASSWORD)."""
import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa


class OperationError(Exception):
    """A backup, restore or check that could not be done; the message says why."""


# --- SQLite ---

def sqlite_path(url: sa.URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise OperationError("An in-memory SQLite database cannot be backed up or restored.")
    return Path(url.database)


def sqlite_copy(source: Path, target: Path) -> None:
    """Copy a whole SQLite database with the online backup API (consistent while others write)."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def sqlite_backup(url: sa.URL, target: Path) -> None:
    source = sqlite_path(url)
    if target.exists():
        raise OperationError(f"{target} exists already; give a new file name.")
    if not source.exists():
        raise OperationError(f"The database {source} does not exist.")
    sqlite_copy(source, target)


def sqlite_restore(url: sa.URL, backup: Path) -> None:
    """Replace the database's content by the backup's, after checking the backup is sound."""
    if not backup.is_file():
        raise OperationError(f"There is no backup file {backup}.")
    try:
        with closing(sqlite3.connect(f"file:{backup}?mode=ro", uri=True)) as conn:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise OperationError(f"{backup} is not an SQLite database: {error}") from error
    if result != "ok":
        raise OperationError(f"{backup} is damaged: {result}")
    sqlite_copy(backup, sqlite_path(url))


# --- PostgreSQL ---

@dataclass(frozen=True)
class Command:
    argv: list[str]
    env: dict[str, str]

    @property
    def shown(self) -> str:
        return " ".join(self.argv)


def libpq_args(url: sa.URL) -> tuple[list[str], dict[str, str]]:
    """Connection options for pg_dump/pg_restore; the password goes into the environment."""
    args = []
    if url.host:
        args += ["--host", url.host]
    if url.port:
        args += ["--port", str(url.port)]
    if url.username:
        args += ["--username", url.username]
    env = {"PGPASSWORD": url.password} if url.password else {}
    return args + ["--dbname", url.database or ""], env


def pg_dump_command(url: sa.URL, target: Path) -> Command:
    args, env = libpq_args(url)
    return Command(["pg_dump", "--format=custom", "--no-owner", "--file", str(target), *args], env)


def pg_restore_command(url: sa.URL, backup: Path) -> Command:
    args, env = libpq_args(url)
    return Command(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                    "--exit-on-error", *args, str(backup)], env)


def run(command: Command) -> None:
    program = command.argv[0]
    if shutil.which(program) is None:
        raise OperationError(f"{program} is not installed or not on the PATH; install the PostgreSQL client "
                             f"tools (Debian: apt-get install postgresql-client) of the server's version or newer.")
    result = subprocess.run(command.argv, env={**os.environ, **command.env}, capture_output=True, text=True)
    if result.returncode != 0:
        raise OperationError(f"{program} failed (exit status {result.returncode}): {result.stderr.strip()}")


# --- integrity ---

def integrity_problems(connection: sa.Connection) -> list[str]:
    """What is wrong with the database's storage and references; an empty list when nothing."""
    if connection.dialect.name == "sqlite":
        return sqlite_problems(connection)
    return postgresql_problems(connection)


def sqlite_problems(connection: sa.Connection) -> list[str]:
    problems = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check") if row[0] != "ok"]
    for table, rowid, parent, _fk in connection.exec_driver_sql("PRAGMA foreign_key_check"):
        problems.append(f"{table} row {rowid} refers to a missing row of {parent}")
    return problems


def postgresql_problems(connection: sa.Connection) -> list[str]:
    """PostgreSQL enforces its constraints itself; what can still be wrong is an index or a
    constraint left invalid (an interrupted CREATE INDEX CONCURRENTLY, a NOT VALID constraint)
    or a table whose pages cannot be read, which reading every table once brings to light."""
    problems = [
        f"index {name} is invalid (rebuild it with REINDEX)"
        for (name,) in connection.execute(sa.text(
            "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT i.indisvalid AND n.nspname = current_schema()"
        ))
    ]
    problems += [
        f"constraint {name} on {table} is not validated"
        for name, table in connection.execute(sa.text(
            "SELECT con.conname, rel.relname FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid "
            "JOIN pg_namespace n ON n.oid = rel.relnamespace WHERE NOT con.convalidated "
            "AND n.nspname = current_schema()"
        ))
    ]
    for table in sa.inspect(connection).get_table_names():
        try:
            with connection.begin_nested():
                connection.execute(sa.select(sa.func.count()).select_from(sa.table(table)))
        except sa.exc.DBAPIError as error:
            problems.append(f"table {table} cannot be read: {error.orig}")
    return problems


def migration_problem(current: set[str], heads: set[str]) -> str | None:
    """Why the schema's revision is not the code's head revision, or None when it is."""
    if current == heads:
        return None
    if not current:
        return (f"the database has no migration revision (expected {', '.join(sorted(heads))}); "
                f"run `crm db upgrade`")
    return (f"the database is at revision {', '.join(sorted(current))} but the code expects "
            f"{', '.join(sorted(heads))}; run `crm db upgrade`")
