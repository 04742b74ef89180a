"""The trash: what was deleted, restored by managers, purged for good by admins."""
from datetime import datetime

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from crm.agreements.views import upload_folder
from crm.audit import record_url
from crm.auth.permissions import role_required
from crm.extensions import db
from crm.models import Agreement, Role, User
from crm.services import history
from crm.services.agreements import remove_document

bp = Blueprint("trash", __name__, url_prefix="/trash")

MAX_ROWS = 500


def load_trashed(entity_type: str, record_id: int):
    """A record in the trash, or 404."""
    model = history.trash_models().get(entity_type)
    record = history.load_any(model, record_id) if model is not None else None
    if record is None or not record.is_deleted:
        abort(404)
    return record


@bp.get("/")
@role_required(Role.MANAGER)
def index():
    """Everything in the trash, the most recently deleted first; filter by kind."""
    models = history.trash_models()
    kind = request.args.get("kind")
    rows = []
    for entity_type, model in models.items():
        if kind and kind != entity_type:
            continue
        stmt = (
            sa.select(model, User.name).outerjoin(User, User.id == model.deleted_by_id)
            .where(model.deleted_at.is_not(None)).order_by(model.deleted_at.desc()).limit(MAX_ROWS)
        )
        for record, deleted_by in db.session.execute(stmt, execution_options=history.INCLUDE_DELETED):
            rows.append((entity_type, record, deleted_by))
    rows.sort(key=lambda row: row[1].deleted_at or datetime.min, reverse=True)
    return render_template("trash/index.html", rows=rows[:MAX_ROWS], models=models, kind=kind)


@bp.post("/<entity_type>/<int:record_id>/restore")
@role_required(Role.MANAGER)
def restore(entity_type: str, record_id: int):
    """Bring a record back with what was deleted along with it."""
    record = load_trashed(entity_type, record_id)
    try:
        restored = history.restore(record)
    except history.TrashError as error:
        db.session.rollback()
        flash(trash_message(error), "danger")
        return redirect(url_for("trash.index"))
    db.session.commit()
    flash(_("%(name)s restored, with %(count)d record(s) deleted along with it.",
            name=history.label_of(record), count=len(restored) - 1), "success")
    return redirect(record_url(entity_type, record.id, record.audit_parent()) or url_for("trash.index"))


@bp.post("/<entity_type>/<int:record_id>/purge")
@role_required(Role.ADMIN)
def purge(entity_type: str, record_id: int):
    """Delete a trashed record for good; the audit log keeps its last values."""
    record = load_trashed(entity_type, record_id)
    label = history.label_of(record)
    try:
        purged = history.purge(record)
    except history.TrashError as error:
        db.session.rollback()
        flash(trash_message(error), "danger")
        return redirect(url_for("trash.index"))
    documents = [item.document_path for item in purged if isinstance(item, Agreement)]
    db.session.commit()
    for stored in documents:
        remove_document(upload_folder(), stored)
    flash(_("%(name)s deleted for good.", name=label), "success")
    return redirect(url_for("trash.index"))


def trash_message(error: history.TrashError) -> str:
    if error.reason == "parent_in_trash":
        return _("%(name)s belongs to %(parent)s, which is in the trash: restore that first.",
                 name=error.record, parent=error.other)
    if error.reason == "in_use":
        return _("%(name)s is still used by other records and cannot be deleted for good.", name=error.record)
    return _("%(name)s is not in the trash.", name=error.record)
