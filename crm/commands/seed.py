import random
import time
from collections import defaultdict
from datetime import date

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import with_appcontext
from werkzeug.security import generate_password_hash

from crm.extensions import db
from crm.models import (
    Company,
    Delegation,
    Event,
    FollowUp,
    Interaction,
    Meeting,
    Office,
    Person,
    Role,
    Sector,
    Tag,
    User,
)
from crm.services.demo_office import OFFICES, PASSWORD, build_demo
from crm.services.scale_office import Desk, ScaleOffice, extra_staff

# Rows per executemany: large enough that the per-statement cost vanishes, small enough to keep memory flat.
CHUNK = 20_000


def database_is_empty() -> bool:
    return not db.session.scalar(sa.select(sa.exists().where(User.id.is_not(None)))) and not db.session.scalar(
        sa.select(sa.exists().where(Company.id.is_not(None)))
    )


def empty_database() -> None:
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())


def print_logins() -> None:
    click.echo(f"Demo logins (password: {PASSWORD}):")
    for office, _city, _country, _zone, users in OFFICES:
        for email, name, role in users:
            click.echo(f"  {email:<34} {role.value:<8} {office} ({name})")


@click.command("seed-demo")
@click.option("--seed", default=2013, show_default=True, help="Same seed, same demo data.")
@click.option("--force", is_flag=True, help="Empty a non-empty database first.")
@click.option("--if-empty", is_flag=True, help="Seed only an empty database; always print the logins.")
@click.option("--scale", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Add a large office on top: N × 1,000 companies, 20,000 contacts, 15 fairs... (benchmarks).")
@with_appcontext
def seed_demo(seed: int, force: bool, if_empty: bool, scale: float | None):
    """Load the demo office: four offices, their staff, the zone's history and ~300 companies."""
    if not database_is_empty():
        if if_empty:
            print_logins()
            return
        if not force:
            raise click.ClickException("the database is not empty; use --force to replace its data")
        empty_database()
    started = time.perf_counter()
    method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
    demo = build_demo(random.Random(seed), date.today(), generate_password_hash(PASSWORD, method=method))
    db.session.add_all(demo.all())
    if scale:
        add_scale_office(scale, seed, date.today(), demo.users[0].password_hash)
    db.session.commit()
    if scale:
        # Fresh statistics for the query planner. Without them PostgreSQL planned the company page's
        # selectin load of 50 contacts' people as a scan of all 400,000 links (6 s instead of 3 ms) until
        # autovacuum came round; SQLite's planner uses them too (sqlite_stat1).
        db.session.execute(sa.text("ANALYZE"))
        db.session.commit()
    counts = ", ".join(f"{db.session.scalar(sa.select(sa.func.count()).select_from(table)):,} {table.name}"
                       for table in (Company.__table__, Person.__table__, Interaction.__table__,
                                     FollowUp.__table__, Event.__table__, Meeting.__table__, Delegation.__table__))
    click.echo(f"Loaded the demo office in {time.perf_counter() - started:.1f} s: {counts}.")
    print_logins()


def add_scale_office(scale: float, seed: int, today: date, password_hash: str) -> None:
    """Bulk-insert crm.services.scale_office's rows: Core executemany in chunks, no unit of work (the ORM
    would need minutes for a million objects). The ids come from the generator, starting after the demo's;
    PostgreSQL's sequences are moved past them afterwards."""
    db.session.flush()
    offices = dict(db.session.execute(sa.select(Office.name, Office.id)).all())
    tables = db.metadata.sorted_tables  # parents before children
    next_ids = {table.name: next_id(table) for table in tables if "id" in table.c}
    db.session.execute(sa.insert(User), extra_staff(scale, offices, password_hash, next_ids["users"]))
    desks = defaultdict(list)
    for user_id, office_id in db.session.execute(
            sa.select(User.id, User.office_id).where(User.role != Role.VIEWER).order_by(User.id)):
        desks[office_id].append(Desk(user_id, office_id))
    office = ScaleOffice(
        random.Random(seed), today, scale, offices, desks,
        sectors=dict(db.session.execute(sa.select(Sector.name, Sector.id)).all()),
        tags=dict(db.session.execute(sa.select(Tag.name, Tag.id)).all()), next_ids=next_ids)
    pending, size = defaultdict(list), 0
    for table, row in office.rows():
        pending[table].append(row)
        size += 1
        if size == CHUNK:
            insert_pending(tables, pending)
            size = 0
    insert_pending(tables, pending)
    if db.session.get_bind().dialect.name == "postgresql":
        for table in tables:
            if "id" in table.c:
                db.session.execute(sa.select(sa.func.setval(
                    sa.func.pg_get_serial_sequence(table.name, "id"), next_id(table), False)))


def next_id(table: sa.Table) -> int:
    return db.session.scalar(sa.select(sa.func.coalesce(sa.func.max(table.c.id), 0) + 1))


def insert_pending(tables: list[sa.Table], pending: dict[str, list[dict]]) -> None:
    """Parents first, so that every foreign key already points at an inserted row."""
    for table in tables:
        if pending.get(table.name):
            db.session.execute(table.insert(), pending.pop(table.name))
