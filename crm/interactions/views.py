"""Logging contacts with a company: calls, e-mails, WeChat, visits, fair meetings."""
import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from crm import choices
from crm.audit import stale_edit
from crm.auth.permissions import can_edit_own, require, role_required
from crm.auth.redirects import local_or
from crm.clock import local_now, to_local, to_utc
from crm.extensions import db
from crm.interactions.forms import InteractionForm, LogInteractionForm
from crm.models import Channel, Company, Interaction, Person, Role, User
from crm.services import history
from crm.services.followups import plan_follow_up

bp = Blueprint("interactions", __name__)


def load_interaction(interaction_id: int, for_edit: bool = False) -> Interaction:
    """The interaction or 404, also when it is someone else's confidential one (unless the user manages);
    for editing, 403 unless it is the user's own (or they manage)."""
    interaction = db.one_or_404(
        sa.select(Interaction).where(Interaction.id == interaction_id, Interaction.visible_to_user(current_user)))
    if for_edit:
        require(can_edit_own(current_user, [interaction.author_id]))
    return interaction


def company_page(company_id: int) -> str:
    return url_for("companies.detail", company_id=company_id)


@bp.route("/companies/<int:company_id>/interactions/new", methods=["GET", "POST"])
@role_required(Role.STAFF)
def new(company_id: int):
    """Log a contact with a company, and optionally plan the next step."""
    company = db.get_or_404(Company, company_id)
    form = LogInteractionForm(occurred_at=local_now(), assignee_id=current_user.id)
    form.people_ids.choices = choices.company_people(company.id)
    form.assignee_id.choices = choices.active_users()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        interaction = Interaction(company=company, author=user, office_id=user.office_id)
        fill_interaction(interaction, form)
        db.session.add(interaction)
        if form.plans_follow_up:
            assignee = db.session.get(User, form.assignee_id.data) if form.assignee_id.data else None
            db.session.add(plan_follow_up(
                company=company, next_step=form.next_step.data.strip(), due_on=form.due_on.data,
                assignee=assignee or user, created_by=user,
                person=interaction.people[0] if interaction.people else None, interaction=interaction,
            ))
        db.session.commit()
        flash(_("Interaction logged."), "success")
        return redirect(local_or(request.args.get("next"), company_page(company.id)))
    return render_template("interactions/form.html", form=form, company=company, interaction=None)


@bp.route("/interactions/<int:interaction_id>/edit", methods=["GET", "POST"])
@role_required(Role.STAFF)
def edit(interaction_id: int):
    """Correct a logged contact."""
    interaction = load_interaction(interaction_id, for_edit=True)
    # `data=`, not `obj=`: WTForms would prefer the object's UTC time over the local one.
    form = InteractionForm(data={
        "occurred_at": to_local(interaction.occurred_at),
        "channel": interaction.channel.value,
        "people_ids": [p.id for p in interaction.people],
        "summary": interaction.summary,
        "outcome": interaction.outcome,
        "confidential": interaction.confidential,
        "version": interaction.version,
    })
    form.people_ids.choices = choices.company_people(interaction.company_id, include=interaction.people)
    if form.validate_on_submit() and not stale_edit(interaction, form):
        fill_interaction(interaction, form)
        db.session.commit()
        flash(_("Interaction saved."), "success")
        return redirect(company_page(interaction.company_id))
    return render_template("interactions/form.html", form=form, company=interaction.company, interaction=interaction)


@bp.post("/interactions/<int:interaction_id>/delete")
@role_required(Role.STAFF)
def delete(interaction_id: int):
    """Move a logged contact to the trash; follow-ups planned from it stay."""
    interaction = load_interaction(interaction_id, for_edit=True)
    company_id = interaction.company_id
    history.soft_delete(interaction, current_user.id)
    db.session.commit()
    flash(_("Interaction moved to the trash."), "success")
    return redirect(company_page(company_id))


def fill_interaction(interaction: Interaction, form: InteractionForm) -> None:
    interaction.occurred_at = to_utc(form.occurred_at.data)
    interaction.channel = Channel(form.channel.data)
    interaction.summary = form.summary.data.strip()
    interaction.outcome = (form.outcome.data or "").strip() or None
    interaction.confidential = form.confidential.data
    interaction.people = db.session.scalars(sa.select(Person).where(Person.id.in_(form.people_ids.data or []))).all()
