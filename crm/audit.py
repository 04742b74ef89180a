"""Wires crm/services/history.py into the app: who made a change, how a change reads on
a page (field labels, values), and the record pages the log links to."""
from datetime import datetime

import click
import sqlalchemy as sa
from flask import Flask, flash, g, has_request_context, redirect, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from crm.extensions import db
from crm.models import AuditEntry, Interaction
from crm.services import history

HISTORY_LIMIT = 100
ORIGINS = {"web": _l("Web"), "api": _l("API"), "cli": _l("Command line"), "system": _l("System")}
# Readable names of the fields the audited records have; others are shown from their name.
FIELD_LABELS = {
    "name": _l("Name"), "name_local": _l("Local-script name"), "kind": _l("Kind"), "city": _l("City"),
    "country": _l("Country"), "size": _l("Size"), "website": _l("Website"), "email": _l("E-mail"),
    "phone": _l("Phone"), "description": _l("Description"), "offers": _l("What it offers"),
    "seeks": _l("What it seeks"), "cooperation_interests": _l("Cooperation interests"),
    "status": _l("Status"), "source": _l("Source of first contact"), "owner_id": _l("Owner"),
    "office_id": _l("Office"), "sectors": _l("Sectors"), "tags": _l("Tags"), "wechat_id": _l("WeChat ID"),
    "linkedin": _l("LinkedIn"), "preferred_language": _l("Preferred language"), "notes": _l("Notes"),
    "company_id": _l("Company"), "author_id": _l("Author"), "occurred_at": _l("When"),
    "channel": _l("Channel"), "summary": _l("Summary"), "outcome": _l("Outcome"), "people": _l("People"),
    "person_id": _l("Contact person"), "interaction_id": _l("Interaction"), "next_step": _l("Next step"),
    "due_on": _l("Due on"), "assignee_id": _l("Assigned to"), "created_by_id": _l("Created by"),
    "done_at": _l("Done at"), "done_by_id": _l("Done by"), "outcome_note": _l("Outcome note"),
    "venue": _l("Venue"), "starts_on": _l("Starts on"), "ends_on": _l("Ends on"),
    "slot_minutes": _l("Slot length (minutes)"), "tables": _l("Tables"), "agenda_final_at": _l("Final agenda sent"),
    "direction": _l("Direction"), "host_cities": _l("Host cities"), "purpose": _l("Purpose"),
    "leading_institution_id": _l("Leading institution"), "head_id": _l("Head of delegation"),
    "responsible_id": _l("Responsible"), "title": _l("Title"), "signed_on": _l("Signed on"),
    "signed_place": _l("Signed at"), "signatories": _l("Signatories"), "term_ends_on": _l("Term ends on"),
    "renewal_on": _l("Renewal on"), "document_name": _l("Document"), "parties": _l("Parties"),
    "slot": _l("Slot"), "table_number": _l("Table"), "locked": _l("Locked"), "a_id": _l("Participant A"),
    "b_id": _l("Participant B"), "reviewed_outcome": _l("Reviewed outcome"), "review_note": _l("Review note"),
}


def current_actor() -> tuple[int | None, str]:
    """(user id, origin) of the change being flushed: the logged-in user in a request
    (the token's user on the API), else the command line or the system (scheduled jobs, tests)."""
    if has_request_context():
        origin = "api" if g.get("api_token") is not None else "web"
        return (current_user.id if current_user.is_authenticated else None), origin
    if click.get_current_context(silent=True) is not None:
        return None, "cli"
    return None, "system"


def init_app(app: Flask) -> None:
    history.install(db.session, current_actor)
    app.register_error_handler(StaleDataError, saved_meanwhile)
    app.add_template_filter(field_label)
    app.add_template_filter(field_value)
    app.add_template_filter(actor_name)
    app.add_template_filter(type_label)
    app.add_template_global(record_history)
    app.add_template_global(record_url)


def field_label(name: str) -> str:
    label = FIELD_LABELS.get(name)
    return str(label) if label is not None else name.removesuffix("_id").replace("_", " ").capitalize()


def field_value(value, entity_type: str, name: str) -> str:
    """A logged value as the pages show it: enums by label, UTC times in the user's zone."""
    if value is None or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    model = history.audited_models().get(entity_type)
    column = model.__table__.c.get(name) if model is not None else None
    if column is not None and isinstance(column.type, sa.Enum) and column.type.enum_class is not None:
        member = next((m for m in column.type.enum_class if m.value == value), None)
        return str(getattr(member, "label", value)) if member is not None else str(value)
    if column is not None and isinstance(column.type, sa.DateTime) and isinstance(value, str):
        return format_datetime(datetime.fromisoformat(value), "short")
    if value is True or value is False:
        return str(_l("yes") if value else _l("no"))
    return str(value)


def type_label(entity_type: str) -> str:
    model = history.audited_models().get(entity_type)
    return str(model.audit_label) if model is not None else entity_type


def actor_name(entry) -> str:
    """Who made the change: the user, or where it came from when no user did."""
    if entry.user is not None:
        return entry.user.name
    return str(ORIGINS.get(entry.origin, entry.origin))


def record_history(record) -> list:
    """The latest entries of the record's history, for its page, without those of
    confidential interactions the user may not see (trashed ones included)."""
    hidden = sa.select(Interaction.id).where(~Interaction.visible_to_user(current_user))
    stmt = history.history_of(record).where(
        ~sa.and_(AuditEntry.entity_type == "interactions", AuditEntry.entity_id.in_(hidden))
    )
    return db.session.scalars(stmt.limit(HISTORY_LIMIT), execution_options=history.INCLUDE_DELETED).all()


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


# --- optimistic locking ----------------------------------------------------------------------------------------------

def stale_edit(record, form) -> bool:
    """True when the form was filled from an older version of the record than the stored one.
    The form then keeps the user's input, lists the changes made in between in
    `form.conflicts` and carries the current version, so saving again overwrites knowingly."""
    try:
        history.check_version(record, form.version.data)
    except history.StaleEdit as stale:
        form.conflicts = stale.entries
        form.version.data = record.version
        names = sorted({actor_name(entry) for entry in stale.entries}) or [_("someone else")]
        flash(_("Not saved: %(names)s changed this record after you opened it. Your input is kept below; "
                "check their changes and save again to overwrite them.", names=", ".join(names)), "danger")
        return True
    return False


def saved_meanwhile(_error):
    """Two saves of one record in the same instant: the later one's UPDATE found an older
    version and nothing was written. Show the form again with the stored values."""
    db.session.rollback()
    flash(_("Not saved: someone else saved this record at the same moment. Here it is as stored now; "
            "please make your change again."), "danger")
    return redirect(request.url)
