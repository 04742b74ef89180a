"""Participants: registering companies for an event (side, attending people, availability,
maximum, profile for the fair) and a participant's ranked match suggestions."""
from collections import defaultdict

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from crm import choices
from crm.auth.permissions import role_required
from crm.events.common import bp, frame, load_event, load_participant
from crm.events.forms import AcceptTopForm, NewParticipantForm, ParticipantForm
from crm.events.presentation import FACTOR_LABELS, slot_label
from crm.events.queries import (
    declined_between,
    meeting_counts,
    meeting_rows,
    met_elsewhere,
    partners_among,
    participants_of,
    request_counts,
    request_pairs,
)
from crm.extensions import db
from crm.forms import select_choices
from crm.models import (
    Company,
    Event,
    EventKind,
    Meeting,
    MeetingRequest,
    Participant,
    Person,
    RequestStatus,
    Role,
    Side,
)
from crm.services import fair
from crm.services.matching import History, Matcher, profile_from_participant

SUGGESTIONS_SHOWN = 25


def participants_url(event: Event, participant: Participant | None = None) -> str:
    anchor = f"participant-{participant.id}" if participant is not None else None
    return url_for("events.participants", event_id=event.id, _anchor=anchor)


@bp.get("/<int:event_id>/participants")
@login_required
def participants(event_id: int):
    """The registered companies with side, attending people, availability, requests and meetings."""
    event = load_event(event_id)
    rows = db.session.scalars(participants_of(event.id)).unique().all()
    meetings = dict(db.session.execute(meeting_counts(event.id)).all())
    requests = defaultdict(lambda: [0, 0])  # participant id -> [accepted, all]
    for pid, status, number in db.session.execute(request_counts(event.id)):
        requests[pid][1] += number
        if RequestStatus(status) == RequestStatus.ACCEPTED:
            requests[pid][0] += number
    sides = {side: sum(1 for p in rows if p.side == side) for side in Side}
    return render_template("events/participants.html", **frame(
        event, "participants", participants=rows, meeting_counts=meetings, request_counts=requests, sides=sides))


@bp.route("/<int:event_id>/participants/new", methods=["GET", "POST"])
@role_required(Role.STAFF)
def new_participant(event_id: int):
    """Register a company; ?company_id= preselects it. Who attends is chosen next."""
    return participant_form(load_event(event_id), None)


@bp.route("/<int:event_id>/participants/<int:participant_id>/edit", methods=["GET", "POST"])
@role_required(Role.STAFF)
def edit_participant(event_id: int, participant_id: int):
    """Change a registration: side, attending people, availability, maximum and profile."""
    event = load_event(event_id)
    return participant_form(event, load_participant(event, participant_id))


def participant_form(event: Event, participant: Participant | None):
    grid = fair.grid_of(event) if event.kind == EventKind.FAIR else []  # availability is for fairs only
    every = [s.index for s in grid]
    if participant is None:
        form = NewParticipantForm(company_id=request.args.get("company_id", type=int), slots=every)
        form.company_id.choices = select_choices(
            [("", "—")] + [(row.id, row.name) for row in db.session.execute(
                sa.select(Company.id, Company.name).order_by(Company.name, Company.id))])
        form.taken_company_ids = set(db.session.scalars(
            sa.select(Participant.company_id).where(Participant.event_id == event.id)))
        del form.people_ids
    else:
        available = participant.available_slots
        form = ParticipantForm(obj=participant, side=participant.side.value,
                               people_ids=[p.id for p in participant.people],
                               slots=every if available is None else available)
        form.people_ids.choices = choices.company_people(participant.company_id, include=participant.people)
    form.slots.choices = select_choices((s.index, slot_label(s)) for s in grid)
    if form.validate_on_submit() and not fixed_meeting_errors(form, participant, grid):
        adding = participant is None
        if adding:
            participant = Participant(event_id=event.id, company_id=form.company_id.data)
            db.session.add(participant)
        else:
            wanted = set(form.people_ids.data or [])
            participant.people = db.session.scalars(sa.select(Person).where(Person.id.in_(wanted))).all() \
                if wanted else []
        participant.side = Side(form.side.data)
        if grid:
            chosen = sorted(set(form.slots.data))
            participant.available_slots = None if chosen == every else chosen
        participant.max_meetings = form.max_meetings.data
        for name in ("offers", "seeks", "notes"):
            setattr(participant, name, (getattr(form, name).data or "").strip() or None)
        db.session.commit()
        warn_outside_availability(participant)
        if adding and choices.company_people(participant.company_id):
            flash(_("%(company)s registered; now choose who attends.", company=participant.company.name), "success")
            return redirect(url_for("events.edit_participant", event_id=event.id, participant_id=participant.id))
        flash(_("Registration of %(company)s saved.", company=participant.company.name), "success")
        return redirect(participants_url(event, participant))
    return render_template("events/participant_form.html", **frame(
        event, "participants", grid=grid, form=form, participant=participant, days=fair.slots_by_day(grid)))


def fixed_meeting_errors(form: ParticipantForm, participant: Participant | None, grid) -> bool:
    """Locked meetings and meetings that took place keep their slot: the availability must still
    hold them and the maximum must still allow them. Marks the fields; True when it did."""
    if participant is None:
        return False
    fixed = [m for m in db.session.scalars(meeting_rows(participant.event_id).where(
        sa.or_(Meeting.a_id == participant.id, Meeting.b_id == participant.id))) if fair.is_fixed(m)]
    found = False
    if grid:
        chosen = set(form.slots.data)
        lost = [m for m in fixed if m.slot not in chosen and 0 <= m.slot < len(grid)]
        if lost:
            form.slots.errors.append(_(
                "The company has a locked meeting (or one that took place) in %(slot)s; keep that slot or unlock "
                "the meeting first.", slot=slot_label(grid[lost[0].slot])))
            found = True
    limit = form.max_meetings.data
    if limit is not None and not form.max_meetings.errors and limit < len(fixed):
        form.max_meetings.errors.append(_(
            "The company has %(count)s locked meetings (or ones that took place); the maximum cannot be lower.",
            count=len(fixed)))
        found = True
    return found


def warn_outside_availability(participant: Participant) -> None:
    """Scheduled meetings in slots the participant no longer has stay until rescheduled: say so."""
    if participant.available_slots is None:
        return
    available = set(participant.available_slots)
    outside = db.session.scalar(sa.select(sa.func.count()).select_from(Meeting).where(
        Meeting.event_id == participant.event_id, sa.or_(Meeting.a_id == participant.id, Meeting.b_id ==
                                                         participant.id), Meeting.slot.not_in(available)))
    if outside:
        flash(ngettext(
            "%(num)d scheduled meeting is now outside the company's availability: move it or schedule again.",
            "%(num)d scheduled meetings are now outside the company's availability: move them or schedule again.",
            outside), "warning")


@bp.post("/<int:event_id>/participants/<int:participant_id>/delete")
@role_required(Role.STAFF)
def delete_participant(event_id: int, participant_id: int):
    """Take a company off the event with its requests; a manager may also take its scheduled
    meetings off; meetings that took place keep it on record."""
    event = load_event(event_id)
    participant = load_participant(event, participant_id)
    meetings = db.session.scalars(meeting_rows(event.id).where(
        sa.or_(Meeting.a_id == participant.id, Meeting.b_id == participant.id))).all()
    if any(m.outcome is not None or m.reviewed_outcome is not None for m in meetings):
        flash(_("%(company)s has meetings with recorded outcomes; it stays registered.",
                company=participant.company.name), "danger")
        return redirect(participants_url(event, participant))
    if meetings and not current_user.has_role(Role.MANAGER):
        flash(_("%(company)s has scheduled meetings; only a manager can remove it.",
                company=participant.company.name), "danger")
        return redirect(participants_url(event, participant))
    name = participant.company.name
    db.session.execute(sa.delete(Meeting).where(Meeting.id.in_([m.id for m in meetings])))
    db.session.execute(sa.delete(MeetingRequest).where(sa.or_(
        MeetingRequest.requester_id == participant.id, MeetingRequest.counterpart_id == participant.id)))
    db.session.delete(participant)
    db.session.commit()
    flash(_("%(company)s is no longer registered.", company=name), "success")
    return redirect(participants_url(event))


# --- match suggestions -----------------------------------------------------------------------------------------------

def history_between(event: Event, participants: list[Participant]) -> dict[tuple[int, int], History]:
    """What the companies did together before, keyed by pairs of participant ids: a meeting at
    another event, a signed or active agreement (partners), a declined request at any event."""
    of_company = {p.company_id: p.id for p in participants}
    companies = list(of_company)
    if len(companies) < 2:
        return {}
    history: dict[tuple[int, int], History] = {}

    def mark(stmt, flag: History) -> None:
        for one, other in db.session.execute(stmt):
            if one != other:
                pair = (of_company[one], of_company[other])
                history[pair] = history.get(pair, History()) | flag

    mark(met_elsewhere(event.id, companies), History(already_met=True))
    mark(partners_among(companies), History(partners=True))
    mark(declined_between(companies), History(declined=True))
    return history


def ranked(event: Event, subject_id: int, same_side: bool, limit: int | None):
    """The event's participants by id, and the subject's suggestions, best first."""
    participants = db.session.scalars(participants_of(event.id)).unique().all()
    by_id = {p.id: p for p in participants}
    if subject_id not in by_id:
        return by_id, []
    matcher = Matcher([profile_from_participant(p) for p in participants],
                      history=history_between(event, participants), allow_same_side=same_side)
    return by_id, matcher.suggest(subject_id, limit=limit, min_score=1)


@bp.get("/<int:event_id>/participants/<int:participant_id>/suggestions")
@login_required
def suggestions(event_id: int, participant_id: int):
    """Counterparts ranked for one participant, each with the factors of its score; ?same_side=1
    drops the penalty for firms of the same side."""
    event = load_event(event_id, fair_only=True)
    subject = load_participant(event, participant_id)
    same_side = request.args.get("same_side") == "1"
    by_id, found = ranked(event, subject.id, same_side, SUGGESTIONS_SHOWN)
    existing = {}
    for requester, counterpart in db.session.execute(request_pairs(event.id)):
        existing[frozenset((requester, counterpart))] = True
    names = {pid: p.company.name for pid, p in by_id.items()}
    return render_template("events/suggestions.html", **frame(
        event, "participants", subject=subject, suggestions=found, participants=by_id, names=names,
        requested={s.candidate_id for s in found if frozenset((subject.id, s.candidate_id)) in existing},
        factor_labels=FACTOR_LABELS, same_side=same_side, accept_form=AcceptTopForm()))


@bp.post("/<int:event_id>/participants/<int:participant_id>/suggestions/accept")
@role_required(Role.STAFF)
def accept_top(event_id: int, participant_id: int):
    """Accepted requests for the participant's top N suggestions in one action; a pair that
    already has a request (either way, any answer) is skipped, so sending it twice adds nothing."""
    event = load_event(event_id, fair_only=True)
    subject = load_participant(event, participant_id)
    same_side = request.args.get("same_side") == "1"
    back = url_for("events.suggestions", event_id=event.id, participant_id=subject.id,
                   same_side="1" if same_side else None)
    form = AcceptTopForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(error, "danger")
        return redirect(back)
    _by_id, found = ranked(event, subject.id, same_side, form.count.data)
    taken = {frozenset(pair) for pair in db.session.execute(request_pairs(event.id))}
    created = 0
    for suggestion in found:
        if frozenset((subject.id, suggestion.candidate_id)) in taken:
            continue
        db.session.add(MeetingRequest(event_id=event.id, requester_id=subject.id,
                                      counterpart_id=suggestion.candidate_id, priority=form.priority.data,
                                      status=RequestStatus.ACCEPTED, created_by_id=current_user.id))
        created += 1
    db.session.commit()
    skipped = len(found) - created
    message = ngettext("%(num)d accepted request added.", "%(num)d accepted requests added.", created)
    if skipped:
        message += " " + ngettext("%(num)d suggestion had a request already.",
                                  "%(num)d suggestions had a request already.", skipped)
    flash(message, "success" if created else "info")
    return redirect(back)

