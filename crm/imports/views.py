"""Importing companies from a spreadsheet: upload, map columns, preview, confirm."""
import sqlalchemy as sa
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from crm.auth.permissions import role_required
from crm.duplicates.presentation import company_url, reasons_text
from crm.extensions import db
from crm.imports import storage
from crm.imports.forms import ConfirmForm, StepForm, UndoForm, UploadForm
from crm.exports import export_response
from crm.models import Company, ImportBatch, Role, utcnow
from crm.services import import_batches, importing

bp = Blueprint("imports", __name__, url_prefix="/import")

SESSION_KEY = "import"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
CLEAN_ROWS_SHOWN = 20


@bp.before_request
@role_required(Role.STAFF)
def require_staff():
    """Staff, managers and admins import; viewers do not."""


def max_bytes() -> int:
    return current_app.config.get("IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def current_upload() -> dict | None:
    """The upload in progress (token, file name, mapping), if its file still exists."""
    stored = session.get(SESSION_KEY)
    if not stored:
        return None
    upload = dict(stored)  # the file's bytes must not go into the session cookie
    try:
        upload["data"] = storage.load(upload["token"])
    except (FileNotFoundError, KeyError):
        session.pop(SESSION_KEY, None)
        return None
    return upload


def read_upload(upload: dict) -> importing.Table | None:
    try:
        return importing.read_table(upload["data"], upload["filename"])
    except importing.ImportFileError as error:  # only if the file changed on disk
        flash(error.message, "danger")
        return None


def lost_upload():
    flash(_("There is no upload in progress (it may have expired). Please upload the file again."), "warning")
    return redirect(url_for("imports.upload"))


@bp.route("/", methods=["GET", "POST"])
def upload():
    """Upload a CSV or XLSX file of companies; nothing is written yet."""
    form = UploadForm()
    if form.validate_on_submit():
        file = form.file.data
        data = file.read(max_bytes() + 1)
        if len(data) > max_bytes():
            size = max_bytes() // (1024 * 1024)
            form.file.errors.append(_("The file is larger than %(size)s MB; split it into smaller files.", size=size))
        else:
            try:
                table = importing.read_table(data, file.filename or "")
            except importing.ImportFileError as error:
                form.file.errors.append(error.message)
            else:
                previous = session.get(SESSION_KEY)
                if previous:
                    storage.delete(previous.get("token", ""))
                session[SESSION_KEY] = {
                    "token": storage.save(data),
                    "filename": (file.filename or "")[-200:],
                    "mapping": importing.suggest_mapping(table.headers),
                }
                return redirect(url_for("imports.mapping"))
    return render_template("imports/upload.html", form=form, max_mb=max_bytes() // (1024 * 1024))


@bp.route("/mapping", methods=["GET", "POST"])
def mapping():
    """Choose which column holds which field; suggestions come from the headers."""
    upload = current_upload()
    if upload is None:
        return lost_upload()
    table = read_upload(upload)
    if table is None:
        return redirect(url_for("imports.upload"))
    form = StepForm()
    chosen = list(upload.get("mapping") or importing.suggest_mapping(table.headers))
    chosen += [None] * (len(table.headers) - len(chosen))
    problems = []
    if form.validate_on_submit():
        chosen = [request.form.get(f"column-{index}") or None for index in range(len(table.headers))]
        problems = importing.check_mapping(chosen)
        if not problems:
            session[SESSION_KEY] = {**session[SESSION_KEY], "mapping": chosen}
            return redirect(url_for("imports.preview"))
    return render_template(
        "imports/mapping.html",
        form=form,
        table=table,
        mapping=chosen,
        fields=importing.FIELDS,
        problems=problems,
        filename=upload["filename"],
    ), 422 if problems else 200


def build_plan(upload: dict):
    table = read_upload(upload)
    if table is None:
        return None, None
    mapping = upload.get("mapping") or importing.suggest_mapping(table.headers)
    if importing.check_mapping(mapping):
        return table, None
    lookups = importing.load_lookups()
    return table, (importing.plan_import(table, mapping, lookups), lookups)


@bp.get("/preview")
def preview():
    """Every row with its problems and probable duplicates, before anything is written."""
    upload = current_upload()
    if upload is None:
        return lost_upload()
    table, planned = build_plan(upload)
    if table is None:
        return redirect(url_for("imports.upload"))
    if planned is None:
        return redirect(url_for("imports.mapping"))
    plan, _lookups = planned
    return render_template(
        "imports/preview.html",
        form=ConfirmForm(),
        cancel_form=StepForm(),
        plan=plan,
        table=table,
        filename=upload["filename"],
        clean_rows=plan.clean_rows[:CLEAN_ROWS_SHOWN],
        clean_count=len(plan.clean_rows),
        labels=value_labels(),
        reasons_text=reasons_text,
        company_url=company_url,
        row_ranges=row_ranges,
    )


def value_labels() -> dict[str, str]:
    """Labels of the company values a row may overwrite."""
    labels = {f.name: str(f.label) for f in importing.FIELDS}
    labels["owner_id"] = labels["owner_email"]
    labels["office_id"] = labels["office"]
    return labels


def decisions_from_form(plan: importing.ImportPlan) -> dict[int, importing.Decision]:
    """The choice for each row with a probable duplicate: skip (default), create or update."""
    decisions = {}
    for row in plan.rows:
        if not row.duplicates:
            continue
        choice = request.form.get(f"decision-{row.row}", importing.SKIP)
        if choice == importing.CREATE:
            decisions[row.row] = importing.Decision(importing.CREATE)
        elif choice.startswith("update-") and choice[7:].isdigit():
            overwrite = frozenset(request.form.getlist(f"overwrite-{row.row}")) & set(row.values)
            decisions[row.row] = importing.Decision(importing.UPDATE, int(choice[7:]), overwrite)
        else:
            decisions[row.row] = importing.Decision(importing.SKIP)
    return decisions


@bp.post("/confirm")
def confirm():
    """Write the import: all rows, or all rows without errors when the user chose so."""
    upload = current_upload()
    if upload is None:
        return lost_upload()
    form = ConfirmForm()
    if not form.validate_on_submit():
        flash(_("Choose what to do with rows that have errors."), "danger")
        return redirect(url_for("imports.preview"))
    table, planned = build_plan(upload)
    if table is None or planned is None:
        return redirect(url_for("imports.mapping"))
    plan, lookups = planned
    if plan.error_rows and form.on_errors.data != "skip":
        flash(
            _("Nothing was imported: rows %(rows)s have errors. Correct the file, or choose to skip those rows.",
              rows=row_ranges(plan.error_rows)),
            "danger",
        )
        return redirect(url_for("imports.preview"))
    result = importing.apply_plan(
        plan, decisions_from_form(plan), lookups, default_office_id=current_user.office_id
    )
    batch = import_batches.record_batch(result, plan, table, filename=upload["filename"],
                                        user=current_user._get_current_object(), now=utcnow())
    db.session.commit()
    token = upload["token"]
    storage.delete(token)
    storage.save_result(token, {
        "filename": upload["filename"],
        "rows": len(plan.rows),
        "created": result.created,
        "updated": result.updated,
        "skipped_duplicates": result.skipped_duplicates,
        "skipped_errors": result.skipped_errors,
        "skipped_by_choice": result.skipped_by_choice,
        "blank_rows": plan.blank_rows,
        "batch_id": batch.id,
    })
    session.pop(SESSION_KEY, None)
    session["import_result"] = token
    flash(
        _("Import done: %(created)s created, %(updated)s updated, %(skipped)s skipped.",
          created=len(result.created), updated=len(result.updated), skipped=len(result.skipped)),
        "success",
    )
    return redirect(url_for("imports.result"))


@bp.post("/cancel")
def cancel():
    """Drop the upload in progress without importing anything."""
    form = StepForm()
    if form.validate_on_submit():
        upload = session.pop(SESSION_KEY, None)
        if upload:
            storage.delete(upload.get("token", ""))
        flash(_("The import was cancelled; nothing was written."), "info")
    return redirect(url_for("imports.upload"))


@bp.get("/result")
def result():
    """Which rows were created, updated and skipped by the last import."""
    token = session.get("import_result")
    try:
        outcome = storage.load_result(token or "")
    except (FileNotFoundError, ValueError):
        return redirect(url_for("imports.upload"))
    return render_template("imports/result.html", outcome=outcome, row_ranges=row_ranges)


def row_ranges(rows: list[int]) -> str:
    """[2, 3, 4, 7, 9, 10] -> '2–4, 7, 9–10'."""
    parts = []
    rows = sorted(rows)
    start = previous = None
    for number in rows + [None]:
        if start is not None and (number is None or number != previous + 1):
            parts.append(str(start) if start == previous else f"{start}–{previous}")
            start = None
        if number is not None and start is None:
            start = number
        previous = number
    return ", ".join(parts)


# --- batches: undo and failed rows -----------------------------------------------------------------------------------

BATCHES_PER_PAGE = 50


@bp.get("/batches")
def batches():
    """Every import, newest first, with what it did and whether it was undone."""
    page = db.paginate(sa.select(ImportBatch).order_by(ImportBatch.imported_at.desc(), ImportBatch.id.desc()),
                       page=request.args.get("page", 1, type=int), per_page=BATCHES_PER_PAGE, error_out=False)
    return render_template("imports/batches.html", page=page)


@bp.get("/batches/<int:batch_id>")
def batch(batch_id: int):
    """One import: counts, the companies it created, failed rows, and the undo."""
    found = db.get_or_404(ImportBatch, batch_id)
    created_ids = [c["id"] for c in found.changes if c["table"] == "companies" and c["action"] == "created"]
    companies = db.session.scalars(sa.select(Company).where(Company.id.in_(created_ids)).order_by(Company.name)
                                   ).all() if created_ids else []
    return render_template("imports/batch.html", batch=found, companies=companies, undo_form=UndoForm())


@bp.post("/batches/<int:batch_id>/undo")
@role_required(Role.MANAGER)
def undo(batch_id: int):
    """Remove what the import created and restore what it changed, except what changed since."""
    found = db.get_or_404(ImportBatch, batch_id)
    if not UndoForm().validate_on_submit():
        abort(400)
    if found.undone_at is not None:
        flash(_("This import was already undone."), "info")
        return redirect(url_for("imports.batch", batch_id=found.id))
    report = import_batches.undo_batch(found, current_user._get_current_object(), now=utcnow())
    db.session.commit()
    flash(_("Import undone: %(undone)s changes reverted, %(kept)s records kept.", undone=report.undone,
            kept=len(report.kept)), "success" if not report.kept else "warning")
    return redirect(url_for("imports.batch", batch_id=found.id))


@bp.get("/batches/<int:batch_id>/failed")
def failed(batch_id: int):
    """The rows that failed, as in the file plus an error column: fix them and import again."""
    found = db.get_or_404(ImportBatch, batch_id)
    headers, rows = import_batches.failed_rows(found)
    if not rows:
        abort(404)
    return export_response(request.args.get("format", "xlsx"), f"import-{found.id}-failed-rows", headers, rows)
