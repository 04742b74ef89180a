import random
import time
from datetime import date

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import with_appcontext
from werkzeug.security import generate_password_hash

from crm.extensions import db
from crm.models import Company, User
from crm.services.demo_office import OFFICES, PASSWORD, build_demo


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
@with_appcontext
def seed_demo(seed: int, force: bool, if_empty: bool):
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
    db.session.commit()
    companies = db.session.scalar(sa.select(sa.func.count()).select_from(Company))
    click.echo(f"Loaded the demo office: {companies} companies in {time.perf_counter() - started:.1f} s.")
    print_logins()
