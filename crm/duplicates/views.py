"""Possible duplicates among the companies, and merging two companies into one."""
import sqlalchemy as sa
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from crm.auth.permissions import role_required
from crm.duplicates.forms import MergeForm
from crm.duplicates.presentation import ListPage, company_url, reasons_text
from crm.duplicates.queries import duplicate_pairs, related_counts
from crm.extensions import db
from crm.models import Company, Role
from crm.services import history
from crm.services.merging import MERGE_FIELDS, merge_companies

bp = Blueprint("duplicates", __name__, url_prefix="/duplicates")

@bp.get("/")
@login_required
def index():
    """Pairs of companies that are probably the same, best first, each with a merge link."""
    page_number = request.args.get("page", 1, type=int) or 1
    pairs = duplicate_pairs()
    page = ListPage(pairs, page_number, current_app.config.get("PER_PAGE", 25))
    ids = {m.candidate for m in page} | {m.existing for m in page}
    companies = {c.id: c for c in db.session.scalars(sa.select(Company).where(Company.id.in_(ids)))} if ids else {}
    rows = [(m, companies.get(m.existing), companies.get(m.candidate)) for m in page]
    return render_template(
        "duplicates/index.html",
        page=page,
        rows=[row for row in rows if row[1] and row[2]],
        reasons_text=reasons_text,
        company_url=company_url,
        can_merge=current_user.has_role(Role.MANAGER),
    )


def load_pair(first_id, second_id) -> tuple[Company, Company]:
    """Two different companies by id: 400 for a bad pair, 404 for an unknown id."""
    if not first_id or not second_id or first_id == second_id:
        abort(400, _("Choose two different companies to merge."))
    return db.get_or_404(Company, first_id), db.get_or_404(Company, second_id)


def display_value(company: Company, name: str) -> str:
    value = getattr(company, name)
    if name == "owner_id":
        return str(company.owner) if company.owner else ""
    if name == "office_id":
        return str(company.office) if company.office else ""
    if value is None:
        return ""
    label = getattr(value, "label", None)
    return str(label if label is not None else value)


def field_labels() -> dict[str, str]:
    return {
        "name": _("Name"), "name_local": _("Local name"), "kind": _("Kind"), "city": _("City"),
        "country": _("Country"), "size": _("Size"), "website": _("Website"), "email": _("E-mail"),
        "phone": _("Phone"), "description": _("Description"), "offers": _("Offers"), "seeks": _("Seeks"),
        "cooperation_interests": _("Cooperation interests"), "status": _("Status"), "source": _("Source"),
        "owner_id": _("Owner"), "office_id": _("Office"),
    }


@bp.route("/merge", methods=["GET", "POST"])
@role_required(Role.MANAGER)
def merge():
    """Merge two companies: choose the survivor and, field by field, the values it keeps."""
    source = request.form if request.method == "POST" else request.args
    first, second = load_pair(source.get("a", type=int), source.get("b", type=int))
    form = MergeForm()
    form.survivor.choices = [("a", f"{first.name} (#{first.id})"), ("b", f"{second.name} (#{second.id})")]
    if request.method == "GET":
        form.survivor.data = "a" if first.id < second.id else "b"  # the older record survives
    if form.validate_on_submit():
        keep = form.survivor.data
        survivor, other = (first, second) if keep == "a" else (second, first)
        other_side = "b" if keep == "a" else "a"
        choices = {name: request.form.get(f"field-{name}") for name in MERGE_FIELDS}
        if any(choice not in ("a", "b") for choice in choices.values()):
            flash(_("Choose a value for every field."), "danger")
        else:
            take = {name for name, choice in choices.items() if choice == other_side}
            other_name, other_id = other.name, other.id
            with history.operation(_("Merged %(other)s into %(name)s", other=other_name, name=survivor.name)):
                result = merge_companies(survivor, other, take, current_user._get_current_object())
            db.session.commit()
            flash(
                _("%(other)s (#%(id)s) was merged into %(name)s.", other=other_name, id=other_id, name=survivor.name),
                "success",
            )
            for note in result.notes:
                flash(note, "info")
            return redirect(company_url(survivor.id) or url_for("duplicates.index"))
    rows = []
    for name in MERGE_FIELDS:
        a_value, b_value = display_value(first, name), display_value(second, name)
        chosen = request.form.get(f"field-{name}") or ("a" if a_value or not b_value else "b")
        rows.append((name, a_value, b_value, chosen))
    return render_template(
        "duplicates/merge.html",
        form=form,
        first=first,
        second=second,
        rows=rows,
        labels=field_labels(),
        counts={first.id: related_counts(first.id), second.id: related_counts(second.id)},
        company_url=company_url,
    ), 422 if request.method == "POST" else 200

