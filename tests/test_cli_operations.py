"""`crm backup`, `crm restore` and `crm check` on a migrated database of their own."""
import shutil

import flask_migrate
import pytest
import sqlalchemy as sa

from crm import create_app
from crm.extensions import db
from crm.models import Company
from crm.services import operations
from crm.services.operations import Command, OperationError


@pytest.fixture
def migrated(empty_database_url):
    """An app on a freshly migrated database holding one company."""
    app = create_app("config.TestConfig", {"SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        flask_migrate.upgrade()
        db.session.add(Company(name="Elbe Photonics"))
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    yield app
    with app.app_context():
        db.engine.dispose()


def crm(app, *args, input=None):
    """Run a command against `app` (its context pushed: the suite's own app context is current)."""
    with app.app_context():
        result = app.test_cli_runner().invoke(args=list(args), input=input)
        db.engine.dispose()
    return result


def company_names(app) -> list[str]:
    with app.app_context():
        with db.engine.connect() as connection:
            names = list(connection.execute(sa.text("SELECT name FROM companies ORDER BY name")).scalars())
        db.engine.dispose()
    return names


def execute(app, statement: str) -> None:
    with app.app_context():
        with db.engine.begin() as connection:
            connection.execute(sa.text(statement))
        db.engine.dispose()


def needs_dump_tools(app):
    with app.app_context():
        postgres = db.engine.dialect.name == "postgresql"
    if postgres and not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump and pg_restore are not installed")


# --- check ---

def test_check_passes_on_a_migrated_database(migrated):
    result = crm(migrated, "check")
    assert result.exit_code == 0, result.output
    assert "Database OK" in result.output


def test_check_fails_when_the_schema_is_behind_the_code(migrated):
    execute(migrated, "UPDATE alembic_version SET version_num = 'ee8767afe7e9'")
    result = crm(migrated, "check")
    assert result.exit_code == 1
    assert "the database is at revision ee8767afe7e9 but the code expects" in result.output
    assert "run `crm db upgrade`" in result.output


def test_check_fails_on_a_database_that_was_never_migrated(empty_database_url):
    app = create_app("config.TestConfig", {"SQLALCHEMY_DATABASE_URI": empty_database_url})
    result = crm(app, "check")
    assert result.exit_code == 1 and "has no migration revision" in result.output


def test_check_finds_a_broken_reference_or_invalid_index(migrated):
    with migrated.app_context():
        dialect = db.engine.dialect.name
    if dialect == "sqlite":
        # foreign_keys=OFF on this one connection lets the broken row in, as an old bug could have.
        with migrated.app_context():
            with db.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
                connection.exec_driver_sql("INSERT INTO affiliations (person_id, company_id, is_primary) "
                                           "VALUES (999, 1, 1)")
                connection.commit()
            db.engine.dispose()
        expected = "affiliations row 1 refers to a missing row of people"
    else:
        execute(migrated, "UPDATE pg_index SET indisvalid = false "
                          "WHERE indexrelid = 'ix_companies_name'::regclass")
        expected = "index ix_companies_name is invalid"
    result = crm(migrated, "check")
    assert result.exit_code == 1
    assert expected in result.output


# --- backup and restore ---

def test_a_backup_restores_the_database_as_it_was(migrated, tmp_path):
    needs_dump_tools(migrated)
    backup = tmp_path / "jadebridge.backup"
    result = crm(migrated, "backup", str(backup))
    assert result.exit_code == 0, result.output
    assert backup.stat().st_size > 0
    execute(migrated, "UPDATE companies SET name = 'Changed after the backup'")

    result = crm(migrated, "restore", "--yes", str(backup))

    assert result.exit_code == 0, result.output
    assert company_names(migrated) == ["Elbe Photonics"]
    assert crm(migrated, "check").exit_code == 0


def test_a_postgresql_backup_prints_the_pg_dump_command(migrated, tmp_path):
    with migrated.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("PostgreSQL only")
    needs_dump_tools(migrated)
    result = crm(migrated, "backup", str(tmp_path / "x.dump"))
    assert f"Running: pg_dump --format=custom --no-owner --file {tmp_path / 'x.dump'}" in result.output


def test_restore_asks_first_and_a_no_changes_nothing(migrated, tmp_path):
    needs_dump_tools(migrated)
    backup = tmp_path / "jadebridge.backup"
    crm(migrated, "backup", str(backup))
    execute(migrated, "UPDATE companies SET name = 'Kept'")
    result = crm(migrated, "restore", str(backup), input="n\n")
    assert result.exit_code == 1 and "Continue?" in result.output
    assert company_names(migrated) == ["Kept"]


def test_restore_refuses_a_file_that_is_no_backup(migrated, tmp_path):
    needs_dump_tools(migrated)
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"not a database at all" * 100)
    result = crm(migrated, "restore", "--yes", str(junk))
    assert result.exit_code == 1 and "Error:" in result.output
    assert company_names(migrated) == ["Elbe Photonics"]


def test_an_sqlite_backup_does_not_overwrite_a_file(tmp_path):
    (tmp_path / "existing").write_text("keep me")
    with pytest.raises(OperationError, match="exists already"):
        operations.sqlite_backup(sa.make_url(f"sqlite:///{tmp_path}/db.sqlite"), tmp_path / "existing")
    assert (tmp_path / "existing").read_text() == "keep me"


def test_a_missing_client_program_is_a_clear_error():
    with pytest.raises(OperationError, match="pg_dump-not-here is not installed or not on the PATH"):
        operations.run(Command(["pg_dump-not-here", "--version"], {}))


def test_the_password_is_passed_in_the_environment_not_on_the_command_line(tmp_path):
    url = sa.make_url("postgresql+psycopg://crm:s3cret@db.example.org:5433/jadebridge")
    command = operations.pg_dump_command(url, tmp_path / "x.dump")
    assert "s3cret" not in command.shown and command.env == {"PGPASSWORD": "s3cret"}
    assert "--host db.example.org --port 5433 --username crm --dbname jadebridge" in command.shown
