"""Partner agreements: the list, one agreement with its signed document, create and edit."""
import os

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from crm import choices
from crm.agreements.forms import AgreementFilterForm, AgreementForm
from crm.agreements.queries import AgreementFilter, agreement_list
from crm.audit import stale_edit
from crm.auth.permissions import require, role_required
from crm.clock import local_today
from crm.delegations.queries import company_names
from crm.exports import export_response
from crm.extensions import db
from crm.forms import select_choices
from crm.models import Agreement, AgreementKind, AgreementStatus, Company, FollowUp, Role
from crm.services import history
from crm.services.agreements import (
    DEFAULT_MAX_BYTES,
    DocumentRejected,
    attach_document,
    check_document,
    detach_document,
    ensure_renewal_follow_up,
    remove_document,
    store_document,
    stored_path,
)

bp = Blueprint("agreements", __name__, url_prefix="/agreements")


def upload_folder() -> str:
    """Where documents are kept: UPLOAD_FOLDER, else instance/agreements."""
    return current_app.config.get("UPLOAD_FOLDER") or os.path.join(current_app.instance_path, "agreements")


def load_agreement(agreement_id: int, for_edit: bool = False) -> Agreement:
    """The agreement or 404; changing one takes a manager or admin (else 403)."""
    agreement = db.get_or_404(Agreement, agreement_id)
    if for_edit:
        require(current_user.has_role(Role.MANAGER))
    return agreement


EXPORT_HEADERS = [
    _l("Type"), _l("Title"), _l("Parties"), _l("Status"), _l("Signed on"), _l("Signed at"), _l("Signatories"),
    _l("Term ends on"), _l("Renewal date"), _l("Office"), _l("Summary"), _l("Document"),
]


def export_row(agreement: Agreement) -> list:
    return [
        agreement.kind, agreement.title, "; ".join(c.name for c in agreement.parties), agreement.status,
        agreement.signed_on, agreement.signed_place, agreement.signatories, agreement.term_ends_on,
        agreement.renewal_on, agreement.office.name if agreement.office else None, agreement.summary,
        agreement.document_name,
    ]


def criteria_from(form: AgreementFilterForm) -> AgreementFilter:
    form.validate()

    def value(field):
        return None if field.errors else field.data or None

    kind, status = value(form.kind), value(form.status)
    return AgreementFilter(
        q=(value(form.q) or "").strip() or None,
        year=value(form.year),
        kind=AgreementKind(kind) if kind else None,
        status=AgreementStatus(status) if status else None,
        office_id=value(form.office_id),
        company_id=value(form.company_id),
    )


@bp.get("/")
@login_required
def index():
    """Every agreement, filtered by title, year signed, type, status, office or party."""
    form = AgreementFilterForm(request.args)
    form.office_id.choices = choices.offices(blank_label=_("Any"))
    criteria = criteria_from(form)
    stmt = agreement_list(criteria)
    export_format = request.args.get("format")
    if export_format:
        rows = (export_row(a) for a in db.session.scalars(stmt))
        return export_response(export_format, "agreements", [str(h) for h in EXPORT_HEADERS], rows)
    page = db.paginate(stmt, per_page=current_app.config["PER_PAGE"], max_per_page=100, error_out=False)
    company = db.session.get(Company, criteria.company_id) if criteria.company_id else None
    return render_template("agreements/index.html", form=form, page=page, company=company)


@bp.get("/<int:agreement_id>")
@login_required
def detail(agreement_id: int):
    """One agreement: parties, signing, term, summary, its document and renewal follow-up."""
    agreement = load_agreement(agreement_id)
    follow_up = db.session.get(FollowUp, agreement.renewal_follow_up_id) if agreement.renewal_follow_up_id else None
    return render_template("agreements/detail.html", agreement=agreement, follow_up=follow_up)


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.MANAGER)
def new():
    """Record an agreement; it belongs to the manager's office unless they choose another."""
    preset = request.args.getlist("company_id", type=int)
    return edit_form(Agreement(office_id=current_user.office_id, status=AgreementStatus.DRAFT), preset)


@bp.route("/<int:agreement_id>/edit", methods=["GET", "POST"])
@role_required(Role.MANAGER)
def edit(agreement_id: int):
    """Change an agreement, replace or remove its document."""
    return edit_form(load_agreement(agreement_id, for_edit=True))


def edit_form(agreement: Agreement, preset_party_ids: list[int] = ()):
    form = AgreementForm(
        obj=agreement,
        kind=agreement.kind.value if agreement.kind else None,
        status=agreement.status.value if agreement.status else None,
        party_ids=[c.id for c in agreement.parties] if agreement.id else list(preset_party_ids),
    )
    form.party_ids.choices = select_choices((row.id, row.name) for row in db.session.execute(company_names()))
    form.office_id.choices = choices.offices(blank_label="—")
    valid = form.validate_on_submit() and not stale_edit(agreement, form)
    checked = None
    upload = form.document.data if request.method == "POST" else None
    if upload:
        try:
            checked = check_document(upload.stream, upload.filename,
                                     current_app.config.get("AGREEMENT_MAX_BYTES", DEFAULT_MAX_BYTES))
        except DocumentRejected as rejected:
            form.document.errors = [*form.document.errors, rejected.message]
            valid = False
    if not valid:
        return render_template("agreements/form.html", form=form, agreement=agreement)

    fill_agreement(agreement, form)
    db.session.add(agreement)
    replaced = None
    if checked is not None:
        replaced = detach_document(agreement)
        attach_document(agreement, checked, store_document(upload.stream, checked, upload_folder()))
    elif form.remove_document.data:
        replaced = detach_document(agreement)
    user = current_user._get_current_object()
    follow_up = ensure_renewal_follow_up(agreement, today=local_today(), assignee=user, created_by=user)
    db.session.commit()
    remove_document(upload_folder(), replaced)
    flash(_("Agreement %(title)s saved.", title=agreement.title), "success")
    if follow_up is not None:
        flash(_("A renewal follow-up is planned for %(day)s, assigned to %(name)s.",
                day=follow_up.due_on.isoformat(), name=follow_up.assignee.name), "info")
    return redirect(url_for("agreements.detail", agreement_id=agreement.id))


def fill_agreement(agreement: Agreement, form: AgreementForm) -> None:
    agreement.kind = AgreementKind(form.kind.data)
    agreement.title = form.title.data.strip()
    agreement.status = AgreementStatus(form.status.data)
    agreement.signed_on = form.signed_on.data
    agreement.signed_place = (form.signed_place.data or "").strip() or None
    agreement.signatories = (form.signatories.data or "").strip() or None
    agreement.term_ends_on = form.term_ends_on.data
    agreement.renewal_on = form.renewal_on.data
    agreement.office_id = form.office_id.data
    agreement.summary = (form.summary.data or "").strip() or None
    agreement.parties = db.session.scalars(sa.select(Company).where(Company.id.in_(set(form.party_ids.data)))).all()


@bp.get("/<int:agreement_id>/document")
@login_required
def document(agreement_id: int):
    """The signed document, as a download under its original name."""
    agreement = load_agreement(agreement_id)
    path = stored_path(upload_folder(), agreement.document_path)
    if path is None or not os.path.isfile(path):
        abort(404)
    return send_file(path, mimetype=agreement.document_type or "application/octet-stream", as_attachment=True,
                     download_name=agreement.document_name or os.path.basename(path))


@bp.post("/<int:agreement_id>/delete")
@role_required(Role.MANAGER)
def delete(agreement_id: int):
    """Move an agreement to the trash; its document is kept until it is purged, and its
    renewal follow-up stays."""
    agreement = load_agreement(agreement_id, for_edit=True)
    history.soft_delete(agreement, current_user.id)
    db.session.commit()
    flash(_("Agreement %(title)s moved to the trash.", title=agreement.title), "success")
    return redirect(url_for("agreements.index"))
