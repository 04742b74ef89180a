"""Database engine settings that every connection needs."""
import sqlalchemy as sa
from flask import Flask

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
