"""Delegations: trips with their members and itinerary, host suggestions, visit outcomes,
and the printable, XLSX and .ics itinerary."""
from enum import StrEnum

import sqlalchemy as sa
from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user, login_required
from sqlalchemy.orm import selectinload

from crm import choices
from crm.audit import stale_edit
from crm.auth.permissions import require, role_required
from crm.clock import local_today, to_local, to_utc, user_zone
from crm.delegations.forms import DelegationFilterForm, DelegationForm, MemberForm, OutcomeForm, VisitForm
from crm.delegations.queries import (
    DelegationFilter,
    company_names,
    delegation_list,
    delegation_with_itinerary,
    follow_ups_of,
    host_candidates,
    member_counts,
    visit_interactions,
)
from crm.exports import export_response, workbook_response
from crm.extensions import db
from crm.forms import select_choices
from crm.models import (
    Company,
    Delegation,
    DelegationMember,
    DelegationStatus,
    Direction,
    MeetingOutcome,
    Person,
    Role,
    User,
    Visit,
    VisitKind,
    utcnow,
)
from crm.services import history, itinerary
from crm.services.matching import FactorKind, History, Matcher, profile_from_company, profile_from_delegation_member

bp = Blueprint("delegations", __name__, url_prefix="/delegations")

SUGGESTIONS_PER_MEMBER = 8


class Access(StrEnum):
    READ = "read"  # everyone logged in
    OUTCOME = "outcome"  # staff and up record what a visit gave
    ITINERARY = "itinerary"  # staff of the responsible office (or the responsible person), managers
    MANAGE = "manage"  # managers and admins: the trip itself


def may(user: User, delegation: Delegation, access: Access) -> bool:
    """What `user` may do with `delegation`."""
    if access == Access.READ:
        return True
    if user.has_role(Role.MANAGER):
        return True
    if access == Access.MANAGE or not user.has_role(Role.STAFF):
        return False
    if access == Access.OUTCOME:
        return True
    return user.office_id == delegation.office_id or user.id == delegation.responsible_id


def load_delegation(delegation_id: int, access: Access = Access.READ, itinerary_loaded: bool = False,
                    profiles_loaded: bool = False) -> Delegation:
    """The delegation or 404, and 403 unless the user may have `access` to it. With
    `itinerary_loaded`, members and visits come in a fixed number of queries; with
    `profiles_loaded`, also the members' sectors, for the host suggestions."""
    if itinerary_loaded or profiles_loaded:
        stmt = delegation_with_itinerary(delegation_id)
        if profiles_loaded:
            stmt = stmt.options(
                selectinload(Delegation.members).joinedload(DelegationMember.company).selectinload(Company.sectors))
        delegation = db.one_or_404(stmt)
    else:
        delegation = db.get_or_404(Delegation, delegation_id)
    require(may(current_user, delegation, access))
    return delegation


def load_member(delegation_id: int, member_id: int, access: Access = Access.ITINERARY) -> DelegationMember:
    """A member of this delegation or 404; 403 without `access` to the delegation."""
    member = db.get_or_404(DelegationMember, member_id)
    if member.delegation_id != delegation_id:
        abort(404)
    require(may(current_user, member.delegation, access))
    return member


def load_visit(delegation_id: int, visit_id: int, access: Access = Access.ITINERARY) -> Visit:
    """An item of this delegation's itinerary or 404; 403 without `access` to the delegation."""
    visit = db.get_or_404(Visit, visit_id)
    if visit.delegation_id != delegation_id:
        abort(404)
    require(may(current_user, visit.delegation, access))
    return visit


def permissions(delegation: Delegation) -> dict[str, bool]:
    user = current_user
    return {access.value: may(user, delegation, access) for access in Access}


def detail_url(delegation: Delegation, anchor: str | None = None) -> str:
    return url_for("delegations.detail", delegation_id=delegation.id, _anchor=anchor)


# --- the list --------------------------------------------------------------------------------------------------------

EXPORT_HEADERS = [
    _l("Name"), _l("Direction"), _l("Host cities"), _l("First day"), _l("Last day"), _l("Status"), _l("Office"),
    _l("Leading institution"), _l("Head of delegation"), _l("Responsible"), _l("Members"), _l("Purpose"),
]


def export_row(delegation: Delegation, member_count: int) -> list:
    return [
        delegation.name, delegation.direction, delegation.host_cities, delegation.starts_on, delegation.ends_on,
        delegation.status, delegation.office.name if delegation.office else None,
        delegation.leading_institution.name if delegation.leading_institution else None,
        delegation.head.name if delegation.head else None,
        delegation.responsible.name if delegation.responsible else None, member_count, delegation.purpose,
    ]


def criteria_from(form: DelegationFilterForm) -> DelegationFilter:
    """The filter as typed; a field with an invalid value is left out (and marked)."""
    form.validate()

    def value(field):
        return None if field.errors else field.data or None

    status, direction = value(form.status), value(form.direction)
    return DelegationFilter(
        q=(value(form.q) or "").strip() or None,
        year=value(form.year),
        status=DelegationStatus(status) if status else None,
        direction=Direction(direction) if direction else None,
        office_id=value(form.office_id),
    )


@bp.get("/")
@login_required
def index():
    """All delegations, newest first, filtered by name, year, status, direction and office."""
    form = DelegationFilterForm(request.args)
    form.office_id.choices = choices.offices(blank_label=_("Any"))
    stmt = delegation_list(criteria_from(form))
    export_format = request.args.get("format")
    if export_format:
        delegations = db.session.scalars(stmt).all()
        counts = dict(db.session.execute(member_counts([d.id for d in delegations])).all()) if delegations else {}
        rows = (export_row(d, counts.get(d.id, 0)) for d in delegations)
        return export_response(export_format, "delegations", [str(h) for h in EXPORT_HEADERS], rows)
    page = db.paginate(stmt, per_page=current_app.config["PER_PAGE"], max_per_page=100, error_out=False)
    counts = dict(db.session.execute(member_counts([d.id for d in page.items])).all()) if page.items else {}
    return render_template("delegations/index.html", form=form, page=page, member_counts=counts)


# --- the trip --------------------------------------------------------------------------------------------------------

@bp.get("/<int:delegation_id>")
@login_required
def detail(delegation_id: int):
    """The trip: its facts, members and itinerary, with what the user may change."""
    delegation = load_delegation(delegation_id, itinerary_loaded=True)
    return render_template("delegations/detail.html", delegation=delegation, can=permissions(delegation),
                           outcome_form=OutcomeForm())


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.MANAGER)
def new():
    """Plan a trip; the manager's office is responsible unless they choose another."""
    delegation = Delegation(office_id=current_user.office_id, responsible_id=current_user.id,
                            status=DelegationStatus.PLANNED, direction=Direction.OUTBOUND)
    return edit_form(delegation)


@bp.route("/<int:delegation_id>/edit", methods=["GET", "POST"])
@role_required(Role.MANAGER)
def edit(delegation_id: int):
    """Change the trip's facts; its dates must still hold every itinerary item."""
    return edit_form(load_delegation(delegation_id, Access.MANAGE, itinerary_loaded=True))


def edit_form(delegation: Delegation):
    form = DelegationForm(
        obj=delegation,
        direction=delegation.direction.value if delegation.direction else None,
        status=delegation.status.value if delegation.status else None,
    )
    companies = select_choices([("", "—")] + [(row.id, row.name) for row in db.session.execute(company_names())])
    form.leading_institution_id.choices = companies
    form.head_id.choices = select_choices([("", "—")] + [
        (row.id, row.name) for row in db.session.execute(sa.select(Person.id, Person.name).order_by(Person.name))
    ])
    form.office_id.choices = choices.offices(blank_label="—")
    form.responsible_id.choices = choices.active_users(current=delegation.responsible, blank_label="—")
    if delegation.id is not None:
        form.visits = delegation.visits
        form.zone = user_zone()  # the zone visit times are typed in
    if form.validate_on_submit() and not stale_edit(delegation, form):
        delegation.name = form.name.data.strip()
        delegation.direction = Direction(form.direction.data)
        delegation.host_cities = (form.host_cities.data or "").strip() or None
        delegation.starts_on = form.starts_on.data
        delegation.ends_on = form.ends_on.data
        delegation.purpose = (form.purpose.data or "").strip() or None
        delegation.leading_institution_id = form.leading_institution_id.data
        delegation.head_id = form.head_id.data
        delegation.office_id = form.office_id.data
        delegation.responsible_id = form.responsible_id.data
        delegation.status = DelegationStatus(form.status.data)
        db.session.add(delegation)
        db.session.commit()
        flash(_("Delegation %(name)s saved.", name=delegation.name), "success")
        return redirect(detail_url(delegation))
    return render_template("delegations/form.html", form=form, delegation=delegation)


@bp.post("/<int:delegation_id>/delete")
@role_required(Role.MANAGER)
def delete(delegation_id: int):
    """Move a trip to the trash; its members and itinerary stay with it."""
    delegation = load_delegation(delegation_id, Access.MANAGE)
    history.soft_delete(delegation, current_user.id)
    db.session.commit()
    flash(_("Delegation %(name)s moved to the trash.", name=delegation.name), "success")
    return redirect(url_for("delegations.index"))


# --- members ---------------------------------------------------------------------------------------------------------

@bp.route("/<int:delegation_id>/members/new", methods=["GET", "POST"])
@role_required(Role.STAFF)
def new_member(delegation_id: int):
    """Add a travelling company; its travellers are chosen next."""
    delegation = load_delegation(delegation_id, Access.ITINERARY)
    return member_form(delegation, None)


@bp.route("/<int:delegation_id>/members/<int:member_id>/edit", methods=["GET", "POST"])
@role_required(Role.STAFF)
def edit_member(delegation_id: int, member_id: int):
    """Choose a member's travellers and note its interests."""
    member = load_member(delegation_id, member_id)
    return member_form(member.delegation, member)


def member_form(delegation: Delegation, member: DelegationMember | None):
    taken = set(db.session.scalars(
        sa.select(DelegationMember.company_id).where(DelegationMember.delegation_id == delegation.id)))
    form = MemberForm(
        obj=member,
        company_id=member.company_id if member else request.args.get("company_id", type=int),
        people_ids=[p.id for p in member.people] if member else [],
    )
    form.company_id.choices = select_choices(
        [("", "—")] + [(row.id, row.name) for row in db.session.execute(company_names())])
    if member is not None:
        taken.discard(member.company_id)
    form.taken_company_ids = taken
    # Travellers are chosen among the company's people once the company is known.
    company_id = form.company_id.data if not form.company_id.errors else None
    people = member.people if member else []
    form.people_ids.choices = choices.company_people(company_id, include=people) if company_id else []
    if form.validate_on_submit():
        adding = member is None
        if adding:
            member = DelegationMember(delegation_id=delegation.id)
            db.session.add(member)
        member.company_id = form.company_id.data
        member.interests = (form.interests.data or "").strip() or None
        wanted = set(form.people_ids.data or [])
        member.people = db.session.scalars(sa.select(Person).where(Person.id.in_(wanted))).all() if wanted else []
        db.session.commit()
        if adding and not member.people:
            flash(_("Member added; now choose who travels."), "success")
            return redirect(url_for("delegations.edit_member", delegation_id=delegation.id, member_id=member.id))
        flash(_("Member saved."), "success")
        return redirect(detail_url(delegation, "members"))
    return render_template("delegations/member_form.html", form=form, delegation=delegation, member=member)


@bp.post("/<int:delegation_id>/members/<int:member_id>/delete")
@role_required(Role.STAFF)
def delete_member(delegation_id: int, member_id: int):
    """Take a company off the trip (and off the visits it was to attend)."""
    member = load_member(delegation_id, member_id)
    delegation = member.delegation
    db.session.delete(member)
    db.session.commit()
    flash(_("Member removed."), "success")
    return redirect(detail_url(delegation, "members"))


# --- the itinerary ---------------------------------------------------------------------------------------------------

@bp.route("/<int:delegation_id>/visits/new", methods=["GET", "POST"])
@role_required(Role.STAFF)
def new_visit(delegation_id: int):
    """Add a visit, meeting or site tour; ?host_company_id= and ?member_ids= preset it."""
    delegation = load_delegation(delegation_id, Access.ITINERARY, itinerary_loaded=True)
    return visit_form(delegation, None)


@bp.route("/<int:delegation_id>/visits/<int:visit_id>/edit", methods=["GET", "POST"])
@role_required(Role.STAFF)
def edit_visit(delegation_id: int, visit_id: int):
    """Change an itinerary item."""
    visit = load_visit(delegation_id, visit_id)
    return visit_form(visit.delegation, visit)


def visit_form(delegation: Delegation, visit: Visit | None):
    if visit is not None:
        form = VisitForm(
            obj=visit, kind=visit.kind.value, starts_at=to_local(visit.starts_at),
            ends_at=to_local(visit.ends_at) if visit.ends_at else None,
            member_ids=[m.id for m in visit.members],
        )
    else:
        form = VisitForm(
            host_company_id=request.args.get("host_company_id", type=int),
            member_ids=request.args.getlist("member_ids", type=int),
        )
    members = sorted(delegation.members, key=lambda m: m.company.name)
    form.member_ids.choices = select_choices((m.id, m.company.name) for m in members)
    form.host_company_id.choices = select_choices(
        [("", "—")] + [(row.id, row.name) for row in db.session.execute(company_names())])
    form.trip = (delegation.starts_on, delegation.ends_on)
    form.member_company_ids = {m.id: m.company_id for m in members}
    if form.validate_on_submit():
        if visit is None:
            visit = Visit(delegation_id=delegation.id)
            db.session.add(visit)
        visit.kind = VisitKind(form.kind.data)
        visit.starts_at = to_utc(form.starts_at.data)
        visit.ends_at = to_utc(form.ends_at.data) if form.ends_at.data else None
        visit.place = (form.place.data or "").strip() or None
        visit.host_company_id = form.host_company_id.data
        visit.interpreter = (form.interpreter.data or "").strip() or None
        visit.notes = (form.notes.data or "").strip() or None
        chosen = set(form.member_ids.data or [])
        visit.members = [m for m in members if m.id in chosen]
        db.session.commit()
        flash(_("Itinerary saved."), "success")
        return redirect(detail_url(delegation, f"visit-{visit.id}"))
    return render_template("delegations/visit_form.html", form=form, delegation=delegation, visit=visit)


@bp.post("/<int:delegation_id>/visits/<int:visit_id>/delete")
@role_required(Role.STAFF)
def delete_visit(delegation_id: int, visit_id: int):
    """Take an item off the itinerary; interactions already filed stay."""
    visit = load_visit(delegation_id, visit_id)
    delegation = visit.delegation
    db.session.delete(visit)
    db.session.commit()
    flash(_("Itinerary item deleted."), "success")
    return redirect(detail_url(delegation, "itinerary"))


@bp.route("/<int:delegation_id>/visits/<int:visit_id>/outcome", methods=["GET", "POST"])
@role_required(Role.STAFF)
def outcome(delegation_id: int, visit_id: int):
    """Record what a visit gave: the host's and members' histories, and follow-ups."""
    visit = load_visit(delegation_id, visit_id, Access.OUTCOME)
    form = OutcomeForm(outcome=visit.outcome.value if visit.outcome else "", note=visit.outcome_note)
    if form.validate_on_submit():
        user = current_user._get_current_object()
        companies = itinerary.visit_companies(visit)
        earlier = db.session.scalars(visit_interactions(visit, [c.id for c in companies])).all()
        existing = {}
        for interaction in earlier:
            existing.setdefault(interaction.company_id, interaction)
        followed_up = set(db.session.scalars(follow_ups_of([i.id for i in earlier]))) if earlier else set()
        result = itinerary.record_visit_outcome(
            visit, MeetingOutcome(form.outcome.data), form.note.data, user, when=utcnow(), today=local_today(),
            existing=existing, followed_up=followed_up,
        )
        db.session.add_all(result.created + result.follow_ups)
        db.session.commit()
        flash(outcome_message(result), "success")
        return redirect(detail_url(visit.delegation, f"visit-{visit.id}"))
    return render_template("delegations/outcome.html", form=form, delegation=visit.delegation, visit=visit)


def outcome_message(result: itinerary.RecordedOutcome) -> str:
    parts = [_("Outcome recorded.")]
    if result.created:
        parts.append(ngettext("%(num)d interaction added.", "%(num)d interactions added.", len(result.created)))
    if result.updated:
        parts.append(ngettext("%(num)d earlier interaction updated.", "%(num)d earlier interactions updated.",
                              len(result.updated)))
    if result.follow_ups:
        parts.append(ngettext("%(num)d follow-up planned.", "%(num)d follow-ups planned.", len(result.follow_ups)))
    return " ".join(parts)


# --- host suggestions ------------------------------------------------------------------------------------------------

FACTOR_LABELS = {
    FactorKind.OFFERS_MEET_SEEKS: _l("Offers meet needs"),
    FactorKind.SHARED_SECTORS: _l("Shared sectors"),
    FactorKind.COMPLEMENTARY_SECTORS: _l("Complementary sectors"),
    FactorKind.SHARED_INTERESTS: _l("Shared cooperation interests"),
    FactorKind.ALREADY_PARTNERS: _l("Already partners"),
    FactorKind.ALREADY_MET: _l("Already on this itinerary"),
    FactorKind.DECLINED_BEFORE: _l("Declined before"),
    FactorKind.SAME_SIDE: _l("Same side"),
}


@bp.get("/<int:delegation_id>/hosts")
@login_required
def hosts(delegation_id: int):
    """Host companies to visit, ranked for each member: European firms that are not members,
    matched on offers, needs, sectors and the member's interests for the trip."""
    delegation = load_delegation(delegation_id, profiles_loaded=True)
    members = sorted(delegation.members, key=lambda m: m.company.name)
    member_companies = {m.company_id for m in members}
    candidates = {c.id: c for c in db.session.scalars(host_candidates(member_companies))}
    history = {}
    for visit in delegation.visits:
        for member in visit.members:
            if visit.host_company_id in candidates:
                history[(f"member:{member.id}", visit.host_company_id)] = History(already_met=True)
    profiles = [profile_from_delegation_member(m) for m in members]
    profiles += [profile_from_company(c) for c in candidates.values()]
    matcher = Matcher(profiles, history=history) if members and candidates else None
    suggestions = {
        member.id: matcher.suggest(f"member:{member.id}", among=list(candidates), limit=SUGGESTIONS_PER_MEMBER,
                                   min_score=1) if matcher else []
        for member in members
    }
    names = {cid: c.name for cid, c in candidates.items()} | {f"member:{m.id}": m.company.name for m in members}
    return render_template(
        "delegations/hosts.html", delegation=delegation, members=members, suggestions=suggestions,
        candidates=candidates, names=names, factor_labels=FACTOR_LABELS, can=permissions(delegation),
    )


# --- printable, XLSX and .ics ----------------------------------------------------------------------------------------

@bp.get("/<int:delegation_id>/print")
@login_required
def printable(delegation_id: int):
    """The itinerary and member list for paper, times in the delegation office's clock."""
    delegation = load_delegation(delegation_id, itinerary_loaded=True)
    zone = itinerary.zone_of(delegation)
    visits = [(v, itinerary.local_time(v.starts_at, zone),
               itinerary.local_time(v.ends_at, zone) if v.ends_at else None) for v in delegation.visits]
    return render_template("delegations/print.html", delegation=delegation, visits=visits, zone=zone,
                           members=sorted(delegation.members, key=lambda m: m.company.name))


@bp.get("/<int:delegation_id>/itinerary.xlsx")
@login_required
def itinerary_xlsx(delegation_id: int):
    """The itinerary and the member list as a two-sheet workbook."""
    delegation = load_delegation(delegation_id, itinerary_loaded=True)
    zone = itinerary.zone_of(delegation)
    return workbook_response([
        (_("Itinerary"), itinerary.ITINERARY_HEADERS, itinerary.itinerary_rows(delegation.visits, zone)),
        (_("Members"), itinerary.MEMBER_HEADERS,
         itinerary.member_rows(sorted(delegation.members, key=lambda m: m.company.name))),
    ], f"delegation-{delegation.id}")


@bp.get("/<int:delegation_id>/itinerary.ics")
@login_required
def itinerary_ics(delegation_id: int):
    """The itinerary as a calendar file, in the delegation office's time zone."""
    delegation = load_delegation(delegation_id, itinerary_loaded=True)
    body = itinerary.itinerary_ics(delegation, delegation.visits, itinerary.zone_of(delegation), utcnow())
    return Response(body, mimetype="text/calendar",
                    headers={"Content-Disposition": f'attachment; filename="delegation-{delegation.id}.ics"'})
