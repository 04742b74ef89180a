"""Wires crm/services/history.py into the app: who made a change, and the form helpers
that every edit page uses for optimistic locking."""
import click
from flask import Flask, g, has_request_context
from flask_login import current_user

from crm.extensions import db
from crm.services import history


def current_actor() -> tuple[int | None, str]:
    """(user id, origin) of the change being flushed: the logged-in user in a request
    (the token's user on the API), else the command line or the system (scheduled jobs, tests)."""
    if has_request_context():
        origin = "api" if g.get("api_token") is not None else "web"
        return (current_user.id if current_user.is_authenticated else None), origin
    if click.get_current_context(silent=True) is not None:
        return None, "cli"
    return None, "system"


def init_app(_app: Flask) -> None:
    history.install(db.session, current_actor)
