"""The schedule of a fair: one action places all accepted requests into slots and tables;
managers lock, move and cancel single meetings, add a late request into a free slot
without moving anyone, and publish the final agenda."""
from datetime import datetime

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from crm.auth.permissions import role_required
from crm.events.common import bp, frame, load_event, load_meeting, load_participant, refuse_foreign_participants
from crm.events.forms import LateRequestForm, MoveForm
from crm.events.presentation import conflict_text, late_error_text, move_error_text, reason_text, slot_label
from crm.events.queries import meeting_rows, meetings_of, participant_names, participants_of, request_rows
from crm.extensions import db
from crm.forms import select_choices
from crm.models import Event, Meeting, MeetingRequest, Priority, RequestStatus, Role, utcnow
from crm.services import fair, scheduling

DEFAULT_TIME_LIMIT = 10.0  # seconds; app.config["SCHEDULER_TIME_LIMIT"] changes it


def schedule_url(event: Event, anchor: str | None = None) -> str:
    return url_for("events.schedule", event_id=event.id, _anchor=anchor)


def last_run(event: Event) -> dict | None:
    """The event's last scheduler run, its time as a datetime (naive UTC)."""
    if not event.last_schedule:
        return None
    return {**event.last_schedule, "at": datetime.fromisoformat(event.last_schedule["at"])}


def has_grid(event: Event, grid) -> bool:
    return bool(grid) and bool(event.tables)


def fair_state(event: Event, grid, loaded: bool = True):
    """Participants, requests and meetings of the fair, and its instance without locks (for the
    page's analysis and single edits). `loaded` loads companies and people for the pages."""
    participants = db.session.scalars(participants_of(event.id)).unique().all()
    requests = db.session.scalars(request_rows(event.id)).all()
    meetings = db.session.scalars(meetings_of(event.id) if loaded else meeting_rows(event.id)).unique().all()
    built = fair.build_instance(max(len(grid), 1), max(event.tables or 1, 1), participants, requests)
    return participants, requests, meetings, built


@bp.get("/<int:event_id>/schedule")
@login_required
def schedule(event_id: int):
    """The schedule as a grid (slots x tables) and a list, with what is unscheduled and why,
    who got fewer meetings than asked for, meetings that break a rule, and the last run."""
    event = load_event(event_id, fair_only=True)
    grid = fair.grid_of(event)
    participants, _requests, meetings, built = fair_state(event, grid)
    current = fair.current_schedule(built, meetings)
    by_id = {p.id: p for p in participants}
    names = {fair.key(p.id): p.company.name for p in participants}
    cells = {(m.slot, m.table_number): m for m in meetings}
    conflicts = {mid: [conflict_text(c, p) for c, p in found] for mid, found in fair.meeting_conflicts(
        meetings, by_id, len(grid), event.tables).items()}
    priorities = {pair: r.priority for pair, r in built.request_of.items()}
    return render_template("events/schedule.html", **frame(
        event, "schedule", grid=grid, meetings=meetings, cells=cells, conflicts=conflicts, current=current,
        unscheduled=[(u, reason_text(u, names, grid)) for u in current.unscheduled],
        shortfalls=[(by_id[int(s.participant)], s, [(u, reason_text(u, names, grid)) for u in s.reasons])
                    for s in current.shortfalls],
        names=names, priorities=priorities, last_run=last_run(event), has_grid=has_grid(event, grid),
        slot_label=slot_label, pair_of=fair.pair_of, is_changed=fair.is_changed,
        tables=range(1, (event.tables or 0) + 1), Priority=Priority, key=fair.key))


@bp.post("/<int:event_id>/schedule/run")
@role_required(Role.MANAGER)
def run(event_id: int):
    """Schedule every accepted request: locked meetings and those with an outcome keep slot and
    table, every other meeting is replaced in one transaction."""
    event = load_event(event_id, fair_only=True)
    grid = fair.grid_of(event)
    if not has_grid(event, grid):
        flash(_("Add meeting days, a slot length and tables before scheduling."), "danger")
        return redirect(schedule_url(event))
    participants = db.session.scalars(participants_of(event.id)).unique().all()
    requests = db.session.scalars(request_rows(event.id)).all()
    meetings = db.session.scalars(meeting_rows(event.id)).all()
    fixed = [m for m in meetings if fair.is_fixed(m)]
    by_id = {p.id: p for p in participants}
    broken = fair.meeting_conflicts(fixed, by_id, len(grid), event.tables)
    if broken:
        meeting = next(m for m in fixed if m.id in broken)
        flash(_("The locked meeting of %(one)s and %(other)s (or one that took place) breaks a rule: %(problem)s. "
                "Move it, unlock it or change the registration first.", one=by_id[meeting.a_id].company.name,
                other=by_id[meeting.b_id].company.name, problem=conflict_text(*broken[meeting.id][0])), "danger")
        return redirect(schedule_url(event, f"meeting-{meeting.id}"))
    try:
        built = fair.build_instance(len(grid), event.tables, participants, requests, fixed)
    except scheduling.InstanceError as error:
        flash(_("The schedule cannot be made: %(problem)s. Unlock or move the meeting first.", problem=error),
              "danger")
        return redirect(schedule_url(event))
    limit = float(current_app.config.get("SCHEDULER_TIME_LIMIT", DEFAULT_TIME_LIMIT))
    result = scheduling.solve(built.instance, time_limit=limit)
    rows = fair.meeting_rows(event.id, result, built, meetings, utcnow())
    for meeting in meetings:
        if not fair.is_fixed(meeting):
            db.session.delete(meeting)
    db.session.flush()  # the old rows go first: the new ones may take their slot and table
    db.session.add_all(rows)
    event.last_schedule = {
        "placed": result.placed, "requested": result.requested, "objective": result.objective,
        "bound": result.bound, "status": result.status, "seconds": round(result.seconds, 1),
        "at": utcnow().isoformat(timespec="seconds"), "kept": len(fixed), "by": current_user.name,
    }
    db.session.commit()
    flash(_("Scheduled %(placed)s of %(requested)s requested meetings (total priority %(objective)s; proven upper "
            "bound %(bound)s).", placed=result.placed, requested=result.requested, objective=result.objective,
            bound=result.bound), "success")
    return redirect(schedule_url(event))


# --- single meetings -------------------------------------------------------------------------------------------------

@bp.post("/<int:event_id>/meetings/<int:meeting_id>/lock")
@role_required(Role.MANAGER)
def lock(event_id: int, meeting_id: int):
    """Lock a meeting: rescheduling keeps its slot and table."""
    return set_lock(event_id, meeting_id, True)


@bp.post("/<int:event_id>/meetings/<int:meeting_id>/unlock")
@role_required(Role.MANAGER)
def unlock(event_id: int, meeting_id: int):
    """Unlock a meeting: rescheduling may move it."""
    return set_lock(event_id, meeting_id, False)


def set_lock(event_id: int, meeting_id: int, locked: bool):
    event = load_event(event_id, fair_only=True)
    meeting = load_meeting(event, meeting_id)
    meeting.locked = locked
    db.session.commit()
    flash(_("Meeting locked.") if locked else _("Meeting unlocked."), "success")
    return redirect(schedule_url(event, f"meeting-{meeting.id}"))


@bp.post("/<int:event_id>/schedule/lock-all")
@role_required(Role.MANAGER)
def lock_all(event_id: int):
    """Lock every meeting of the fair."""
    return set_all_locks(event_id, True)


@bp.post("/<int:event_id>/schedule/unlock-all")
@role_required(Role.MANAGER)
def unlock_all(event_id: int):
    """Unlock every meeting of the fair (those with an outcome stay in place anyway)."""
    return set_all_locks(event_id, False)


def set_all_locks(event_id: int, locked: bool):
    event = load_event(event_id, fair_only=True)
    db.session.execute(db.update(Meeting).where(Meeting.event_id == event.id).values(locked=locked))
    db.session.commit()
    flash(_("Every meeting is locked.") if locked else _("Every meeting is unlocked."), "success")
    return redirect(schedule_url(event))


def took_place(meeting: Meeting) -> bool:
    return meeting.outcome is not None or meeting.reviewed_outcome is not None


@bp.route("/<int:event_id>/meetings/<int:meeting_id>/move", methods=["GET", "POST"])
@role_required(Role.MANAGER)
def move(event_id: int, meeting_id: int):
    """Move one meeting to a slot (and table) where both are available and free; nothing else moves."""
    event = load_event(event_id, fair_only=True)
    meeting = load_meeting(event, meeting_id)
    if took_place(meeting):
        flash(_("This meeting has a recorded outcome; it cannot move."), "danger")
        return redirect(schedule_url(event))
    grid = fair.grid_of(event)
    form = MoveForm(slot=meeting.slot)
    form.slot.choices = select_choices([("", "—")] + [(s.index, slot_label(s)) for s in grid])
    form.table.choices = select_choices([("", _("Any free table"))] + [(t, t) for t in range(1, (event.tables or 0)
                                                                                               + 1)])
    if form.validate_on_submit():
        _participants, _requests, meetings, built = fair_state(event, grid, loaded=False)
        current = fair.current_schedule(built, meetings)
        a, b = fair.key(meeting.a_id), fair.key(meeting.b_id)
        try:
            moved = scheduling.move_meeting(current, a, b, form.slot.data, form.table.data)
        except scheduling.EditError as error:
            form.slot.errors.append(move_error_text(error, current, meeting.a, meeting.b, form.slot.data,
                                                    form.table.data))
        else:
            placed = moved.meeting_of(a, b)
            if (placed.slot, placed.table) != (meeting.slot, meeting.table_number):
                meeting.slot, meeting.table_number, meeting.placed_at = placed.slot, placed.table, utcnow()
            db.session.commit()
            flash(_("Meeting of %(one)s and %(other)s moved to %(slot)s, table %(table)s.",
                    one=meeting.a.company.name, other=meeting.b.company.name,
                    slot=slot_label(fair.slot_at(grid, meeting.slot), meeting.slot), table=meeting.table_number),
                  "success")
            return redirect(schedule_url(event, f"meeting-{meeting.id}"))
    return render_template("events/move.html", **frame(event, "schedule", grid=grid, form=form, meeting=meeting,
                                                       slot_label=slot_label))


@bp.post("/<int:event_id>/meetings/<int:meeting_id>/cancel")
@role_required(Role.MANAGER)
def cancel(event_id: int, meeting_id: int):
    """Cancel one meeting; its request stays accepted until it is declined."""
    event = load_event(event_id, fair_only=True)
    meeting = load_meeting(event, meeting_id)
    if took_place(meeting):
        flash(_("This meeting has a recorded outcome; it stays on record."), "danger")
        return redirect(schedule_url(event))
    one, other = meeting.a.company.name, meeting.b.company.name
    db.session.delete(meeting)
    db.session.commit()
    flash(_("Meeting of %(one)s and %(other)s cancelled. The request stays accepted, so scheduling again may place "
            "it; decline it under Requests to drop it.", one=one, other=other), "success")
    return redirect(schedule_url(event))


# --- late requests ---------------------------------------------------------------------------------------------------

def late_form(event: Event) -> LateRequestForm:
    form = LateRequestForm()
    form.requester_id.choices = form.counterpart_id.choices = select_choices([("", "—")] + [
        (pid, f"{name} · {side.label}") for pid, name, side in db.session.execute(participant_names(event.id))])
    form.table.choices = select_choices([("", _("Any free table"))] + [(t, t) for t in range(1, (event.tables or 0)
                                                                                               + 1)])
    return form


@bp.route("/<int:event_id>/schedule/late", methods=["GET", "POST"])
@role_required(Role.MANAGER)
def late_request(event_id: int):
    """Add a late request and place it in a free slot both can attend, moving no other meeting."""
    event = load_event(event_id, fair_only=True)
    if request.method == "POST":
        refuse_foreign_participants(event, ("requester_id", "counterpart_id"))
    grid = fair.grid_of(event)
    form = late_form(event)
    if not has_grid(event, grid):
        flash(_("Add meeting days, a slot length and tables before scheduling."), "danger")
        return redirect(schedule_url(event))
    if form.validate_on_submit():
        one = load_participant(event, form.requester_id.data)
        other = load_participant(event, form.counterpart_id.data)
        _participants, requests, meetings, built = fair_state(event, grid, loaded=False)
        current = fair.current_schedule(built, meetings)
        wanted = scheduling.Request(fair.key(one.id), fair.key(other.id), form.priority.data)
        try:
            placed = scheduling.place_late_request(current, wanted, table=form.table.data)
        except scheduling.EditError as error:
            form.counterpart_id.errors.append(late_error_text(error, current, one, other, form.table.data))
        else:
            found = placed.meeting_of(wanted.a, wanted.b)
            meeting_request = accept_late(event, requests, one.id, other.id, form.priority.data)
            meeting = Meeting(event_id=event.id, a_id=int(found.a), b_id=int(found.b), slot=found.slot,
                              table_number=found.table, request=meeting_request, placed_at=utcnow())
            db.session.add(meeting)
            db.session.commit()
            flash(_("Late meeting of %(one)s and %(other)s placed: %(slot)s, table %(table)s.",
                    one=one.company.name, other=other.company.name, slot=slot_label(grid[found.slot]),
                    table=found.table), "success")
            return redirect(schedule_url(event, f"meeting-{meeting.id}"))
    return render_template("events/late.html", **frame(event, "schedule", grid=grid, form=form))


def accept_late(event: Event, requests: list[MeetingRequest], one: int, other: int, priority: int) -> MeetingRequest:
    """The request the late meeting answers: an existing one for the pair (either way) is
    accepted and raised to `priority`; otherwise a new accepted one."""
    found = next((r for r in requests if (r.requester_id, r.counterpart_id) == (one, other)), None) or next(
        (r for r in requests if (r.requester_id, r.counterpart_id) == (other, one)), None)
    if found is None:
        found = MeetingRequest(event_id=event.id, requester_id=one, counterpart_id=other, priority=priority,
                               created_by_id=current_user.id)
        db.session.add(found)
    found.status = RequestStatus.ACCEPTED
    found.priority = max(int(found.priority or 0), priority)
    return found


# --- the final agenda ------------------------------------------------------------------------------------------------

@bp.post("/<int:event_id>/schedule/publish")
@role_required(Role.MANAGER)
def publish(event_id: int):
    """Publish the final agenda: meetings placed or moved from now on are marked as changed."""
    event = load_event(event_id, fair_only=True)
    event.agenda_final_at = utcnow()
    db.session.commit()
    flash(_("Final agenda published. Meetings placed or moved from now on are marked as changed."), "success")
    return redirect(schedule_url(event))
