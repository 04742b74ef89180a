"""Follow-ups: the lists everyone pulls, and marking, rescheduling, reassigning."""

import sqlalchemy as sa
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from crm import choices
from crm.audit import stale_edit
from crm.auth.permissions import can_edit_own, require, role_required
from crm.auth.redirects import local_or
from crm.clock import local_today, to_local
from crm.exports import export_response
from crm.extensions import db
from crm.followups.forms import CompleteForm, FollowUpFilterForm, FollowUpForm
from crm.followups.queries import Due, FollowUpFilter, Scope, follow_up_list, paginate_rows
from crm.models import Company, FollowUp, Person, PipelineStatus, Role, User, utcnow
from crm.services.followups import change_follow_up, complete_follow_up, plan_follow_up

bp = Blueprint("followups", __name__, url_prefix="/follow-ups")


def load_follow_up(follow_up_id: int, for_edit: bool = False) -> FollowUp:
    """The follow-up or 404; for changes, only its assignee, its creator, managers and admins (else 403)."""
    follow_up = db.get_or_404(FollowUp, follow_up_id)
    if for_edit:
        require(may_change(follow_up))
    return follow_up


def may_change(follow_up: FollowUp) -> bool:
    return can_edit_own(current_user, {follow_up.assignee_id, follow_up.created_by_id})


def back_to(default: str) -> str:
    """The same-site `next` URL a page was opened with, else `default`."""
    return local_or(request.args.get("next"), default)


def company_page(company_id: int) -> str:
    return url_for("companies.detail", company_id=company_id)


def chosen_person(form: FollowUpForm) -> Person | None:
    return db.session.get(Person, form.person_id.data) if form.person_id.data else None


EXPORT_HEADERS = [
    _l("Due date"),
    _l("Company"),
    _l("Contact person"),
    _l("Contact e-mail"),
    _l("Contact phone"),
    _l("Last interaction date"),
    _l("Last interaction channel"),
    _l("Last interaction summary"),
    _l("Next step"),
    _l("Assignee"),
    _l("Office"),
    _l("Status"),
]


def filter_from(form: FollowUpFilterForm) -> FollowUpFilter:
    """The validated filter form as the list's criteria, in the user's own clock."""
    return FollowUpFilter(
        user_id=current_user.id,
        office_id=form.office_id.data or current_user.office_id,
        today=local_today(),
        scope=Scope(form.scope.data),
        due=Due(form.due.data),
        date_from=form.date_from.data,
        date_to=form.date_to.data,
        status=PipelineStatus(form.status.data) if form.status.data else None,
        sees_confidential=current_user.is_manager,
    )


def export_rows(stmt: sa.Select):
    for follow_up, last_at, last_channel, last_summary in db.session.execute(stmt):
        person = follow_up.person
        yield [
            follow_up.due_on,
            follow_up.company.name,
            person.name if person else None,
            person.email if person else None,
            person.phone if person else None,
            to_local(last_at) if last_at else None,
            last_channel,
            last_summary,
            follow_up.next_step,
            follow_up.assignee.name,
            follow_up.office.name,
            _("open") if follow_up.is_open else _("done"),
        ]


@bp.get("/")
@login_required
def index():
    """Follow-ups by whose, when due and company status; ?format=csv or xlsx downloads the same rows."""
    form = FollowUpFilterForm(formdata=request.args)
    form.office_id.choices = choices.offices(blank_label=_("My office"))
    if not form.validate():
        return render_template("followups/index.html", form=form, page=None, may_change=may_change)
    stmt = follow_up_list(filter_from(form))
    fmt = request.args.get("format")
    if fmt:
        return export_response(fmt, "follow-ups", [str(h) for h in EXPORT_HEADERS], export_rows(stmt))
    page = paginate_rows(stmt, request.args.get("page", 1, type=int), current_app.config["PER_PAGE"])
    return render_template("followups/index.html", form=form, page=page, may_change=may_change)


@bp.route("/new/<int:company_id>", methods=["GET", "POST"])
@role_required(Role.STAFF)
def new(company_id: int):
    """Plan a follow-up for a company without logging a contact first."""
    company = db.get_or_404(Company, company_id)
    form = FollowUpForm(assignee_id=current_user.id)
    form.person_id.choices = choices.company_people(company.id, blank_label="—")
    form.assignee_id.choices = choices.active_users()
    if form.validate_on_submit():
        follow_up = plan_follow_up(
            company,
            form.next_step.data.strip(),
            form.due_on.data,
            assignee=db.session.get(User, form.assignee_id.data),
            created_by=current_user._get_current_object(),
            person=chosen_person(form),
        )
        db.session.add(follow_up)
        db.session.commit()
        flash(_("Follow-up planned for %(company)s.", company=company.name), "success")
        return redirect(back_to(company_page(company.id)))
    return render_template(
        "followups/form.html", form=form, company=company, follow_up=None, cancel_url=back_to(company_page(company.id))
    )


@bp.route("/<int:follow_up_id>/edit", methods=["GET", "POST"])
@role_required(Role.STAFF)
def edit(follow_up_id: int):
    """Reword, reschedule or reassign an open follow-up."""
    follow_up = load_follow_up(follow_up_id, for_edit=True)
    if not follow_up.is_open:
        flash(_("This follow-up is done already and can no longer be changed."), "warning")
        return redirect(back_to(company_page(follow_up.company_id)))
    form = FollowUpForm(obj=follow_up)
    form.person_id.choices = choices.company_people(
        follow_up.company_id, include=[follow_up.person] if follow_up.person else [], blank_label="—"
    )
    form.assignee_id.choices = choices.active_users(current=follow_up.assignee)
    if form.validate_on_submit() and not stale_edit(follow_up, form):
        change_follow_up(
            follow_up,
            form.next_step.data.strip(),
            form.due_on.data,
            assignee=db.session.get(User, form.assignee_id.data),
            person=chosen_person(form),
        )
        db.session.commit()
        flash(_("Follow-up saved."), "success")
        return redirect(back_to(company_page(follow_up.company_id)))
    return render_template(
        "followups/form.html",
        form=form,
        company=follow_up.company,
        follow_up=follow_up,
        cancel_url=back_to(company_page(follow_up.company_id)),
    )


@bp.route("/<int:follow_up_id>/complete", methods=["GET", "POST"])
@role_required(Role.STAFF)
def complete(follow_up_id: int):
    """Mark a follow-up done, with an optional outcome that goes into the company's history."""
    follow_up = load_follow_up(follow_up_id, for_edit=True)
    if not follow_up.is_open:
        flash(_("This follow-up was marked done already; it cannot be completed twice."), "warning")
        return redirect(back_to(company_page(follow_up.company_id)))
    form = CompleteForm()
    if form.validate_on_submit():
        interaction = complete_follow_up(follow_up, current_user._get_current_object(), form.note.data, utcnow())
        db.session.add(interaction)
        db.session.commit()
        flash(_("Follow-up done: %(next_step)s", next_step=follow_up.next_step), "success")
        return redirect(back_to(company_page(follow_up.company_id)))
    return render_template(
        "followups/complete.html",
        form=form,
        follow_up=follow_up,
        cancel_url=back_to(company_page(follow_up.company_id)),
    )
