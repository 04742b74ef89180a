import sys
from zoneinfo import available_timezones

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import with_appcontext

from crm.extensions import db
from crm.models import Office, Role, User


def find_or_create_office(name: str, timezone: str) -> Office:
    office = db.session.scalar(sa.select(Office).where(Office.name == name))
    if office is None:
        office = Office(name=name, timezone=timezone)
        db.session.add(office)
    return office


@click.command("create-user")
@click.argument("email")
@click.option("--office", "office_name", required=True, help="Office name; created when new.")
@click.option("--role", type=click.Choice([r.value for r in Role]), default=Role.STAFF.value, show_default=True)
@click.option("--name", help="Display name (default: the part of the e-mail before @).")
@click.option(
    "--timezone",
    default="UTC",
    show_default=True,
    help="Time zone of a new office, e.g. Europe/Berlin.",
)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_appcontext
def create_user(email, office_name, role, name, timezone, password_stdin):
    """Create a login; a fresh installation needs `crm db upgrade` and this."""
    email = email.strip().lower()
    if "@" not in email:
        raise click.BadParameter("not an e-mail address", param_hint="EMAIL")
    if timezone not in available_timezones():
        raise click.BadParameter(f"unknown time zone {timezone!r}", param_hint="--timezone")
    if db.session.scalar(sa.select(User).where(User.email == email)):
        raise click.ClickException(f"a user with the e-mail {email} exists already")
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < 10:
        raise click.ClickException("the password needs at least 10 characters")
    user = User(
        email=email,
        name=name or email.split("@")[0],
        role=Role(role),
        office=find_or_create_office(office_name, timezone),
    )
    user.set_password(password, method=current_app.config.get("PASSWORD_HASH_METHOD", "scrypt"))
    db.session.add(user)
    db.session.commit()
    click.echo(f"Created {user.role.value} {email} in office {user.office.name}.")
