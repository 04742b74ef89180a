"""Wires crm/services/history.py into the app: who made a change, and the form helpers
that every edit page uses for optimistic locking."""
import click
from flask import Flask, has_request_context, url_for
from flask_login import current_user

from crm.extensions import db
from crm.services import history


def current_actor() -> tuple[int | None, str]:
    """(user id, origin) of the change being flushed: the logged-in user in a request,
    else the command line or the system (scheduled jobs, tests)."""
    if has_request_context():
        return (current_user.id if current_user.is_authenticated else None), "web"
    if click.get_current_context(silent=True) is not None:
        return None, "cli"
    return None, "system"


def init_app(_app: Flask) -> None:
    history.install(db.session, current_actor)


# The page of each audited record type; interactions, follow-ups and meetings show on their parent's.
PAGES = {
    "companies": ("companies.detail", "company_id"),
    "people": ("people.detail", "person_id"),
    "events": ("events.detail", "event_id"),
    "delegations": ("delegations.detail", "delegation_id"),
    "agreements": ("agreements.detail", "agreement_id"),
}


def record_url(entity_type: str, entity_id: int, parent: tuple[str, int] | None = None) -> str | None:
    """The page showing the record (or its parent), or None for a type without one."""
    if entity_type not in PAGES and parent is not None:
        entity_type, entity_id = parent
    if entity_type not in PAGES:
        return None
    endpoint, argument = PAGES[entity_type]
    return url_for(endpoint, **{argument: entity_id})
