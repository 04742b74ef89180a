"""`crm backup`, `crm restore` and `crm check`: the database's safety net."""
import sys
from pathlib import Path

import click
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy.exc import SQLAlchemyError

from crm.extensions import db
from crm.services import operations
from crm.services.operations import OperationError

EXIT_OK, EXIT_FAILED = 0, 1


def fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(EXIT_FAILED)


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup(path: Path):
    """Write a consistent copy of the database to PATH while the app keeps running.

    SQLite: the sqlite3 online backup API (PATH must not exist). PostgreSQL: pg_dump in its
    custom format (the command run is printed; the password is passed in PGPASSWORD)."""
    url = db.engine.url
    try:
        if url.get_backend_name() == "sqlite":
            operations.sqlite_backup(url, path)
        else:
            command = operations.pg_dump_command(url, path)
            click.echo(f"Running: {command.shown}")
            operations.run(command)
    except OperationError as error:
        fail(str(error))
    click.echo(f"Backup written to {path}.")


@click.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def restore(path: Path, yes: bool):
    """Replace the whole database by the backup in PATH (made by `crm backup`).

    Stop the app first: a restore under running workers leaves them with stale connections."""
    url = db.engine.url
    if not yes:
        click.confirm(f"This replaces everything in {url.render_as_string(hide_password=True)} by {path}. "
                      f"Continue?", abort=True)
    db.session.remove()
    db.engine.dispose()
    try:
        if url.get_backend_name() == "sqlite":
            operations.sqlite_restore(url, path)
        else:
            command = operations.pg_restore_command(url, path)
            click.echo(f"Running: {command.shown}")
            operations.run(command)
    except OperationError as error:
        fail(str(error))
    click.echo(f"Database restored from {path}. Run `crm check` to verify it.")


@click.command("check")
@with_appcontext
def check():
    """Check the database's integrity and that its schema is at the code's migration head.

    SQLite: PRAGMA integrity_check and foreign_key_check. PostgreSQL: invalid indexes, unvalidated
    constraints and a full read of every table. Exit status 0 when all is well, 1 otherwise."""
    heads = set(ScriptDirectory.from_config(current_app.extensions["migrate"].migrate.get_config()).get_heads())
    try:
        with db.engine.connect() as connection:
            problems = operations.integrity_problems(connection)
            current = set(MigrationContext.configure(connection).get_current_heads())
    except SQLAlchemyError as error:
        fail(f"cannot check the database: {error}")
    migration = operations.migration_problem(current, heads)
    if migration:
        problems.append(migration)
    if problems:
        for problem in problems:
            click.echo(f"Problem: {problem}", err=True)
        fail(f"the database check found {len(problems)} problem(s).")
    click.echo(f"Database OK: integrity checked, schema at revision {', '.join(sorted(heads))}.")
