"""Contact people and their affiliations."""
import sqlalchemy as sa
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import selectinload

from crm.audit import stale_edit
from crm.auth.permissions import role_required
from crm.clock import local_today
from crm.exports import export_response
from crm.extensions import db
from crm.forms import select_choices
from crm.models import Affiliation, Company, Person, Role
from crm.people.forms import LANGUAGES, PersonFilterForm, PersonForm
from crm.people.queries import person_history, person_list
from crm.services import history

bp = Blueprint("people", __name__, url_prefix="/people")

EXPORT_HEADERS = ["name", "name_local", "company", "title", "email", "phone", "wechat_id", "linkedin",
                  "preferred_language"]


def export_row(person: Person) -> list:
    primary = person.primary_affiliation
    return [person.name, person.name_local, primary.company.name if primary else None,
            primary.title if primary else None, person.email, person.phone, person.wechat_id, person.linkedin,
            person.preferred_language]


@bp.get("/")
@login_required
def index():
    """Find a person by name, e-mail, phone or company; export the matches."""
    form = PersonFilterForm(request.args)
    q = (form.q.data or "").strip() if form.validate() else ""
    stmt = person_list(q or None)
    export_format = request.args.get("format")
    if export_format:
        return export_response(export_format, "people", EXPORT_HEADERS, map(export_row, db.session.scalars(stmt)))
    page = db.paginate(stmt, per_page=current_app.config["PER_PAGE"], max_per_page=100, error_out=False)
    return render_template("people/index.html", form=form, page=page)


def load_person(person_id: int) -> Person:
    return db.get_or_404(Person, person_id)


@bp.get("/<int:person_id>")
@login_required
def detail(person_id: int):
    """A person's positions, current and past, and the contacts they took part in."""
    person = db.one_or_404(
        sa.select(Person).where(Person.id == person_id)
        .options(selectinload(Person.affiliations).joinedload(Affiliation.company))
    )
    history = db.paginate(person_history(person.id, current_user), per_page=50, error_out=False)
    return render_template("people/detail.html", person=person, history=history, languages=dict(LANGUAGES))


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.STAFF)
def new():
    """Add a person, usually from their company's page."""
    company_id = request.args.get("company_id", type=int)
    if company_id is not None:
        db.get_or_404(Company, company_id)
    return edit_form(Person(), company_id)


@bp.route("/<int:person_id>/edit", methods=["GET", "POST"])
@role_required(Role.STAFF)
def edit(person_id: int):
    """Change a person's details or move them to another company."""
    person = load_person(person_id)
    primary = person.primary_affiliation
    return edit_form(person, primary.company_id if primary else None, primary.title if primary else None)


def company_choices():
    companies = db.session.execute(sa.select(Company.id, Company.name).order_by(Company.name))
    return select_choices([("", "—")] + [(row.id, row.name) for row in companies])


def edit_form(person: Person, company_id: int | None, title: str | None = None):
    form = PersonForm(obj=person, company_id=company_id, title=title,
                      preferred_language=person.preferred_language or "")
    form.company_id.choices = company_choices()
    if form.validate_on_submit() and not stale_edit(person, form):
        for name in ("name", "name_local", "phone", "wechat_id", "linkedin", "notes"):
            setattr(person, name, (getattr(form, name).data or "").strip() or None)
        person.email = (form.email.data or "").strip().lower() or None
        person.preferred_language = form.preferred_language.data or None
        place_at(person, form.company_id.data, (form.title.data or "").strip() or None)
        db.session.add(person)
        db.session.commit()
        flash(_("%(name)s saved.", name=person.name), "success")
        return redirect(url_for("people.detail", person_id=person.id))
    return render_template("people/form.html", form=form, person=person)


def place_at(person: Person, company_id: int | None, title: str | None) -> None:
    """Make `company_id` the person's primary position. A move to another company
    keeps the old position as a past one, ended today."""
    primary = person.primary_affiliation
    if primary is not None and primary.company_id == company_id:
        primary.title = title
        return
    if primary is not None:
        primary.ended_on = local_today()
        primary.is_primary = False
    if company_id is not None:
        person.affiliations.append(Affiliation(company_id=company_id, title=title, is_primary=True))


@bp.post("/<int:person_id>/delete")
@role_required(Role.MANAGER)
def delete(person_id: int):
    """Move a person to the trash; their positions and the interactions naming them stay."""
    person = load_person(person_id)
    history.soft_delete(person, current_user.id)
    db.session.commit()
    flash(_("%(name)s moved to the trash.", name=person.name), "success")
    return redirect(url_for("people.index"))
