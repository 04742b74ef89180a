"""Contact people and their affiliations; their personal data, erasure and retention review."""
import json

import sqlalchemy as sa
from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import selectinload

from crm.audit import stale_edit
from crm.auth.permissions import role_required
from crm.clock import local_today, to_local
from crm.exports import export_response
from crm.extensions import db
from crm.forms import select_choices
from crm.models import Affiliation, Company, Consent, Person, Role, utcnow
from crm.people.forms import LANGUAGES, EraseForm, PersonFilterForm, PersonForm, RetentionForm
from crm.people.queries import last_contact, person_history, person_list, retention_review
from crm.services.personal_data import erase_person, personal_data, years_before
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
        # Do-not-contact (and erased) people are left out of every people export.
        stmt = stmt.where(Person.do_not_contact.is_(False))
        return export_response(export_format, "people", EXPORT_HEADERS, map(export_row, db.session.scalars(stmt)))
    page = db.paginate(stmt, per_page=current_app.config["PER_PAGE"], max_per_page=100, error_out=False)
    return render_template("people/index.html", form=form, page=page)


def load_person(person_id: int) -> Person:
    return db.get_or_404(Person, person_id)


def load_living_person(person_id: int) -> Person:
    """A person who was not erased; an erased one has nothing left to edit or erase (404)."""
    person = load_person(person_id)
    if person.erased_at is not None:
        abort(404)
    return person


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
    return edit_form(Person(consent=Consent.UNKNOWN), company_id)


@bp.route("/<int:person_id>/edit", methods=["GET", "POST"])
@role_required(Role.STAFF)
def edit(person_id: int):
    """Change a person's details or move them to another company."""
    person = load_living_person(person_id)
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
        record_consent(person, form)
        place_at(person, form.company_id.data, (form.title.data or "").strip() or None)
        db.session.add(person)
        db.session.commit()
        flash(_("%(name)s saved.", name=person.name), "success")
        return redirect(url_for("people.detail", person_id=person.id))
    return render_template("people/form.html", form=form, person=person)


def record_consent(person: Person, form: PersonForm) -> None:
    person.consent = Consent(form.consent.data)
    known = person.consent != Consent.UNKNOWN
    person.consent_on = form.consent_on.data if known else None
    person.consent_source = ((form.consent_source.data or "").strip() or None) if known else None
    person.do_not_contact = form.do_not_contact.data


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


@bp.get("/<int:person_id>/data")
@role_required(Role.MANAGER)
def data(person_id: int):
    """Everything held about a person, readable (for a subject access request)."""
    person = load_person(person_id)
    return render_template("people/data.html", person=person, data=personal_data(person, utcnow()))


@bp.get("/<int:person_id>/data.json")
@role_required(Role.MANAGER)
def data_json(person_id: int):
    """Everything held about a person as a JSON download."""
    person = load_person(person_id)
    body = json.dumps(personal_data(person, utcnow()), ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="person-{person.id}.json"'})


@bp.route("/<int:person_id>/erase", methods=["GET", "POST"])
@role_required(Role.MANAGER)
def erase(person_id: int):
    """Erase a person on request: personal fields anonymised, contact history kept."""
    person = load_living_person(person_id)
    form = EraseForm()
    if form.validate_on_submit():
        result = erase_person(person, utcnow())
        db.session.commit()
        flash(_("The person was erased: %(positions)s position(s) removed, the name replaced in %(texts)s "
                "text(s), %(inquiries)s inquiry(ies) anonymised.", positions=result.positions,
                texts=result.texts_scrubbed, inquiries=result.inquiries), "success")
        return redirect(url_for("people.detail", person_id=person.id))
    contacts = db.session.scalar(sa.select(sa.func.count()).select_from(person_history(person.id).subquery()))
    return render_template("people/erase.html", person=person, form=form, history_count=contacts)


RETENTION_HEADERS = ["id", "name", "name_local", "company", "email", "consent", "do_not_contact", "on_file_since",
                     "last_contact"]


@bp.get("/retention")
@role_required(Role.MANAGER)
def retention():
    """People with no interaction for N years, to review for erasure; ?format=csv or xlsx."""
    form = RetentionForm(request.args)
    default_years = current_app.config["RETENTION_YEARS"]
    years = (form.years.data or default_years) if form.validate() else default_years
    stmt = retention_review(years_before(utcnow(), years))
    export_format = request.args.get("format")
    if export_format:
        rows = ([person.id, person.name, person.name_local,
                 person.primary_affiliation.company.name if person.primary_affiliation else None,
                 person.email, person.consent, person.do_not_contact, to_local(person.created_at).date(),
                 to_local(last).date() if last else None]
                for person, last in db.session.execute(stmt))
        return export_response(export_format, f"retention-{years}-years", RETENTION_HEADERS, rows)
    page = db.paginate(stmt, per_page=current_app.config["PER_PAGE"], max_per_page=100, error_out=False)
    last_contacts = dict(db.session.execute(
        sa.select(Person.id, last_contact()).where(Person.id.in_([person.id for person in page.items]))
    ).all())
    return render_template("people/retention.html", form=form, page=page, years=years, last_contacts=last_contacts)
