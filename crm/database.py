"""Database engine settings that every connection needs."""
import sqlalchemy as sa
from flask import Flask, g, has_request_context

from crm.extensions import db


def configure_sqlite(app: Flask) -> None:
    """WAL lets readers and one writer work at once; the busy timeout makes
    several gunicorn workers wait for the write lock instead of failing."""
    with app.app_context():
        engine = db.engine
    if engine.dialect.name != "sqlite":
        return

    @sa.event.listens_for(engine, "connect")
    def _set_pragmas(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def count_statements(app: Flask) -> None:
    """With COUNT_SQL_STATEMENTS on, every response says in X-SQL-Statements how many SQL statements it ran,
    so the benchmark (bench/run.py) can show them per page. Off by default: it costs a little per statement."""
    if not app.config.get("COUNT_SQL_STATEMENTS"):
        return
    with app.app_context():
        engine = db.engine

    @sa.event.listens_for(engine, "before_cursor_execute")
    def _count(*_args):
        if has_request_context():
            g.sql_statements = g.get("sql_statements", 0) + 1

    @app.after_request
    def _header(response):
        response.headers["X-SQL-Statements"] = str(g.get("sql_statements", 0))
        return response
