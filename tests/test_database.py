"""Connection settings that let several gunicorn workers share one SQLite file."""
import pytest

from crm.extensions import db


@pytest.fixture
def sqlite_connection():
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    with db.engine.connect() as connection:
        yield connection


@pytest.mark.parametrize("pragma, expected", [
    ("journal_mode", "wal"),
    ("busy_timeout", 10000),
    ("foreign_keys", 1),
])
def test_every_sqlite_connection_runs_in_wal_with_a_busy_timeout_and_foreign_keys(sqlite_connection, pragma,
                                                                                    expected):
    assert sqlite_connection.exec_driver_sql(f"PRAGMA {pragma}").scalar() == expected
