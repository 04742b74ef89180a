"""`crm import-companies FILE`: the spreadsheet import from the command line."""
import json
import sys
from pathlib import Path

import click
import sqlalchemy as sa
from flask.cli import with_appcontext

from crm.extensions import db
from crm.models import Office, utcnow
from crm.services import import_batches, importing
from crm.services.normalise import fold

EXIT_OK, EXIT_ROW_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def fail(message: str, code: int = EXIT_UNREADABLE):
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


@click.command("import-companies")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check and report only; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--office", "office_name", help="Office of the new companies (an 'office' column wins).")
@with_appcontext
def import_companies(file: Path, dry_run: bool, as_json: bool, office_name: str | None):
    """Import companies (and a contact per row) from a CSV or XLSX file.

    Columns are recognised by their headers. Rows with errors are not written and rows
    with a probable duplicate are not created; both are reported. Exit status: 0 done,
    1 some rows had errors, 2 the file could not be read."""
    office_id = None
    if office_name:
        office_id = db.session.scalar(sa.select(Office.id).where(sa.func.lower(Office.name) == office_name.lower()))
        if office_id is None:
            offices = [o for o in db.session.scalars(sa.select(Office.name))]
            match = [o for o in offices if fold(o) == fold(office_name)]
            if not match:
                fail(f"no office is called {office_name!r} (offices: {', '.join(sorted(offices)) or 'none'})")
            office_id = db.session.scalar(sa.select(Office.id).where(Office.name == match[0]))
    try:
        data = file.read_bytes()
    except OSError as error:
        fail(f"cannot read {file}: {error.strerror or error}")
    try:
        table = importing.read_table(data, file.name)
    except importing.ImportFileError as error:
        fail(f"{file.name}: {error.message}")
    mapping = importing.suggest_mapping(table.headers)
    problems = importing.check_mapping(mapping)
    if problems:
        fail(f"{file.name}: no column for the company name (columns: {', '.join(table.headers)})")
    lookups = importing.load_lookups()
    plan = importing.plan_import(table, mapping, lookups)
    result = None
    if not dry_run:
        result = importing.apply_plan(plan, None, lookups, default_office_id=office_id)
        import_batches.record_batch(result, plan, table, filename=file.name, user=None, now=utcnow())
        db.session.commit()
    report = importing.summary(plan, result)
    if as_json:
        click.echo(json.dumps({**report, "dry_run": dry_run}, ensure_ascii=False))
    else:
        print_report(report, plan, dry_run)
    sys.exit(EXIT_ROW_ERRORS if plan.errors else EXIT_OK)


def print_report(report: dict, plan: importing.ImportPlan, dry_run: bool) -> None:
    if plan.ignored_headers:
        click.echo(f"Ignored columns: {', '.join(plan.ignored_headers)}")
    for duplicate in report["duplicates"]:
        for match in duplicate["matches"]:
            target = f"#{match['id']}" if match["id"] is not None else f"row {match['row']}"
            click.echo(
                f"Row {duplicate['row']}: {duplicate['name']} is probably {match['name']} ({target}), "
                f"score {match['score']:.2f}: {match['reason']}"
            )
    for error in report["errors"]:
        click.echo(f"Row {error['row']}, {error['field']}: {error['message']}")
    click.echo(
        f"{report['rows']} rows: created {report['created']}, updated {report['updated']}, "
        f"skipped {report['skipped']} ({len(report['duplicates'])} probable duplicates, "
        f"{len(plan.error_rows)} with errors)."
        + (" Dry run: nothing was written." if dry_run else "")
    )
