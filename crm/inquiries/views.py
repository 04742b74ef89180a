"""Website inquiries: the public form (no login), and the managers' triage queue where
an inquiry is accepted as a company, person and follow-up, or rejected as spam."""
import sqlalchemy as sa
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user

from crm import choices
from crm.auth.permissions import require, role_required
from crm.duplicates.presentation import reasons_text
from crm.extensions import db, limiter
from crm.forms import country_choices
from crm.inquiries.forms import CONSENT_TEXT, NEW_COMPANY, AcceptForm, InquiryForm, StatusFilterForm
from crm.inquiries.queries import inquiry_list
from crm.inquiries.triage import (
    AlreadyHandled,
    ProbableMatch,
    accept_inquiry,
    office_today,
    person_with_email,
    probable_matches,
    reject_inquiry,
)
from crm.models import Company, Inquiry, InquiryStatus, Office, Role, Sector, utcnow

bp = Blueprint("inquiries", __name__)

# Sent inquiries per IP address; INQUIRY_RATE_LIMIT in the config overrides it.
RATE_LIMIT = "5 per hour"


def rate_limit() -> str:
    return current_app.config.get("INQUIRY_RATE_LIMIT", RATE_LIMIT)


@bp.errorhandler(429)
def too_many_inquiries(error):
    """Over the limit: a friendly page in the public layout."""
    return render_template("inquiries/too_many.html"), 429


# --- the public form -------------------------------------------------------------------------------------------------

def sector_names() -> list[str]:
    return list(db.session.scalars(sa.select(Sector.name).order_by(Sector.name)))


def clean(value: str | None) -> str | None:
    return (value or "").strip() or None


@bp.route("/inquiry", methods=["GET", "POST"])
@limiter.limit(rate_limit, methods=["POST"])
def new():
    """Ask the offices for a cooperation; public, no login."""
    form = InquiryForm()
    form.country.choices = country_choices(blank_label="—")
    form.preferred_office_id.choices = choices.offices(blank_label=_("No preference"))
    if request.method == "POST" and (form.company_code.data or "").strip():
        # The honeypot was filled in: a robot. It is thanked and nothing is kept.
        return redirect(url_for("inquiries.thanks"))
    if form.validate_on_submit():
        db.session.add(Inquiry(
            company_name=form.company_name.data.strip(),
            contact_name=form.contact_name.data.strip(),
            email=form.email.data.strip(),
            phone=clean(form.phone.data),
            country=form.country.data or None,
            sector=clean(form.sector.data),
            offers=clean(form.offers.data),
            seeks=clean(form.seeks.data),
            preferred_office_id=form.preferred_office_id.data,
            consent_at=utcnow(),
            consent_text=str(CONSENT_TEXT),  # the wording as shown, in the visitor's language
        ))
        db.session.commit()
        return redirect(url_for("inquiries.thanks"))
    return render_template("inquiries/form.html", form=form, sector_names=sector_names())


@bp.get("/inquiry/thanks")
def thanks():
    """The thank-you page after sending an inquiry."""
    return render_template("inquiries/thanks.html")


# --- the triage queue ------------------------------------------------------------------------------------------------

def load_inquiry(inquiry_id: int) -> Inquiry:
    """The inquiry or 404; managers and admins only (else 403)."""
    require(current_user.has_role(Role.MANAGER))
    return db.get_or_404(Inquiry, inquiry_id)


@bp.get("/inquiries/")
@role_required(Role.MANAGER)
def index():
    """The triage queue: new inquiries first-come first-served; accepted, rejected or all on request."""
    form = StatusFilterForm(request.args)
    if not form.validate():
        form.status.data = InquiryStatus.NEW.value  # an unknown status shows the queue
    status = None if form.status.data == "all" else InquiryStatus(form.status.data)
    page = db.paginate(
        inquiry_list(status), per_page=current_app.config["PER_PAGE"], max_per_page=100, error_out=False
    )
    return render_template("inquiries/index.html", form=form, page=page, status=status)


def accept_form(inquiry: Inquiry, matches: list[ProbableMatch]) -> AcceptForm:
    named_sector = db.session.scalar(
        sa.select(Sector.id).where(sa.func.lower(Sector.name) == (inquiry.sector or "").strip().lower())
    )
    form = AcceptForm(
        office_id=inquiry.preferred_office_id or current_user.office_id,
        sector_ids=[named_sector] if named_sector else [],
    )
    form.target.choices = [(NEW_COMPANY, _("Create a new company"))] + [
        (str(match.company.id), match.company.display_name) for match in matches
    ]
    form.office_id.choices = choices.offices(blank_label="—")
    form.sector_ids.choices = choices.sectors()
    return form


def render_detail(inquiry: Inquiry, form: AcceptForm | None = None, matches: list[ProbableMatch] | None = None):
    if inquiry.status is InquiryStatus.NEW and form is None:
        matches = probable_matches(inquiry)
        form = accept_form(inquiry, matches)
    return render_template(
        "inquiries/detail.html",
        inquiry=inquiry,
        form=form,
        matches=matches or [],
        reasons_text=reasons_text,
        known_person=person_with_email(inquiry.email) if inquiry.status is InquiryStatus.NEW else None,
    )


@bp.get("/inquiries/<int:inquiry_id>")
@role_required(Role.MANAGER)
def detail(inquiry_id: int):
    """One inquiry; while new, with the probable existing companies and the accept and reject buttons."""
    return render_detail(load_inquiry(inquiry_id))


def already_handled(inquiry: Inquiry):
    flash(_("This inquiry was handled already (%(status)s).", status=inquiry.status.label), "warning")
    return redirect(url_for("inquiries.detail", inquiry_id=inquiry.id))


@bp.post("/inquiries/<int:inquiry_id>/accept")
@role_required(Role.MANAGER)
def accept(inquiry_id: int):
    """Accept: create the company (or attach to an existing one), the person, a history entry and a follow-up."""
    inquiry = load_inquiry(inquiry_id)
    if inquiry.status is not InquiryStatus.NEW:
        return already_handled(inquiry)
    matches = probable_matches(inquiry)
    form = accept_form(inquiry, matches)
    if not form.validate_on_submit():
        return render_detail(inquiry, form, matches)
    office = db.session.get(Office, form.office_id.data)
    existing = None if form.target.data == NEW_COMPANY else db.session.get(Company, int(form.target.data))
    sectors = db.session.scalars(sa.select(Sector).where(Sector.id.in_(form.sector_ids.data or []))).all()
    try:
        acceptance = accept_inquiry(
            inquiry, office, current_user._get_current_object(), now=utcnow(), today=office_today(office),
            existing=existing, sectors=sectors,
        )
    except AlreadyHandled:
        db.session.rollback()
        return already_handled(db.session.get(Inquiry, inquiry_id))
    db.session.commit()
    follow_up = acceptance.follow_up
    flash(_("Inquiry accepted: %(company)s. %(assignee)s answers it by %(due)s.",
            company=acceptance.company.name, assignee=follow_up.assignee.name,
            due=format_date(follow_up.due_on)), "success")
    return redirect(url_for("companies.detail", company_id=acceptance.company.id))


@bp.post("/inquiries/<int:inquiry_id>/reject")
@role_required(Role.MANAGER)
def reject(inquiry_id: int):
    """Reject as spam: the inquiry is kept, marked rejected, and leaves the queue."""
    inquiry = load_inquiry(inquiry_id)
    try:
        reject_inquiry(inquiry, current_user._get_current_object(), utcnow())
    except AlreadyHandled:
        db.session.rollback()
        return already_handled(db.session.get(Inquiry, inquiry_id))
    db.session.commit()
    flash(_("Inquiry from %(company)s rejected as spam.", company=inquiry.company_name), "success")
    return redirect(url_for("inquiries.index"))
