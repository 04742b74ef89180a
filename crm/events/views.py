"""Events: the list, an event's overview, creating and editing it, and a fair's meeting days.

The blueprint lives in crm.events.common; importing the page modules below registers
their views on it, so `from crm.events.views import bp` gives every events page."""
import sqlalchemy as sa
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from crm import choices
from crm.audit import stale_edit
from crm.auth.permissions import role_required
from crm.clock import local_today
from crm.events import agendas, outcomes, participants, report, requests, schedule
from crm.events.common import bp, count, frame, load_event
from crm.events.forms import DayForm, EventFilterForm, EventForm
from crm.events.queries import (
    PAST,
    UPCOMING,
    EventFilter,
    event_list,
    meeting_rows,
    participant_counts,
    request_rows,
)
from crm.extensions import db
from crm.models import Event, EventKind, Meeting, MeetingDay, MeetingRequest, Participant, RequestStatus, Role
from crm.services import fair, history

__all__ = ["bp"]

# Importing the page modules registered their views on the blueprint.
PAGE_MODULES = (agendas, participants, requests, schedule, outcomes, report)


# --- the list --------------------------------------------------------------------------------------------------------

def criteria_from(form: EventFilterForm) -> EventFilter:
    """The filter as typed; a field with an invalid value is left out (and marked)."""
    form.validate()

    def value(field):
        return None if field.errors else field.data or None

    when = value(form.when) or UPCOMING
    kind = value(form.kind)
    return EventFilter(
        q=(value(form.q) or "").strip() or None,
        when=when if when in (UPCOMING, PAST) else None,
        kind=EventKind(kind) if kind else None,
        office_id=value(form.office_id),
        year=value(form.year),
    )


@bp.get("/")
@login_required
def index():
    """Upcoming (or past, or all) events, filtered by name, type, office and year."""
    form = EventFilterForm(request.args)
    form.office_id.choices = choices.offices(blank_label=_("Any"))
    stmt = event_list(criteria_from(form), local_today())
    page = db.paginate(stmt, per_page=current_app.config["PER_PAGE"], max_per_page=100, error_out=False)
    counts = dict(db.session.execute(participant_counts([e.id for e in page.items])).all()) if page.items else {}
    return render_template("events/index.html", form=form, page=page, participant_counts=counts)


# --- the event -------------------------------------------------------------------------------------------------------

@bp.get("/<int:event_id>")
@login_required
def detail(event_id: int):
    """The overview: the event's facts, its meeting days and grid, and what has been done so far."""
    event = load_event(event_id)
    participants_total = count(sa.select(Participant.id).where(Participant.event_id == event.id))
    requests_total = count(request_rows(event.id))
    accepted = count(request_rows(event.id).where(MeetingRequest.status == RequestStatus.ACCEPTED))
    meetings = count(meeting_rows(event.id))
    return render_template("events/detail.html", **frame(
        event, "detail", participants_total=participants_total, requests_total=requests_total, accepted_total=accepted,
        meetings_total=meetings))


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.MANAGER)
def new():
    """Create an event, run by the manager's own office unless they choose another."""
    return event_form(Event(office_id=current_user.office_id, kind=EventKind.FAIR))


@bp.route("/<int:event_id>/edit", methods=["GET", "POST"])
@role_required(Role.MANAGER)
def edit(event_id: int):
    """Change the event's facts and grid; the dates must still hold its meeting days and the
    grid every scheduled meeting."""
    return event_form(load_event(event_id))


def event_form(event: Event):
    form = EventForm(obj=event, kind=event.kind.value if event.kind else None)
    form.office_id.choices = choices.offices(blank_label="—")
    form.days = list(event.days) if event.id is not None else []
    if form.validate_on_submit() and not stale_edit(event, form):
        old_grid = fair.grid_of(event) if event.id is not None else []
        new_grid = fair.slot_grid(event.days, form.slot_minutes.data) if event.id is not None else []
        stranded = refused_grid(event, old_grid, new_grid, form.tables.data)
        if stranded:
            form.slot_minutes.errors.append(stranded)
            return render_template("events/form.html", form=form, event=event)
        event.name = form.name.data.strip()
        event.kind = EventKind(form.kind.data)
        event.city = (form.city.data or "").strip() or None
        event.venue = (form.venue.data or "").strip() or None
        event.starts_on, event.ends_on = form.starts_on.data, form.ends_on.data
        event.office_id = form.office_id.data
        event.description = (form.description.data or "").strip() or None
        event.slot_minutes, event.tables = form.slot_minutes.data, form.tables.data
        if event.id is None:
            db.session.add(event)
        else:
            follow_grid(event, old_grid, new_grid)
        db.session.commit()
        flash(_("Event %(name)s saved.", name=event.name), "success")
        return redirect(url_for("events.detail", event_id=event.id))
    return render_template("events/form.html", form=form, event=event)


def refused_grid(event: Event, old_grid, new_grid, tables: int | None) -> str | None:
    """Why a new grid (or number of tables) cannot be taken: it would lose scheduled meetings."""
    if event.id is None:
        return None
    meetings = db.session.scalars(meeting_rows(event.id)).all()
    if not meetings:
        return None
    stranded = fair.stranded_meetings(meetings, old_grid, new_grid, tables)
    if not stranded:
        return None
    return ngettext(
        "%(num)d scheduled meeting would lose its time or table; move or cancel it first.",
        "%(num)d scheduled meetings would lose their time or table; move or cancel them first.", len(stranded))


def follow_grid(event: Event, old_grid, new_grid) -> None:
    """After a grid change: meetings keep their times under their new slot numbers, and
    participants stay available at the times they were available (see fair.remap_availability).
    Numbers change in two steps, as the (event, slot, table) constraint forbids swapping in place."""
    if [(s.start, s.end) for s in old_grid] == [(s.start, s.end) for s in new_grid]:
        return
    mapping = fair.slot_map(old_grid, new_grid)
    moving = [m for m in db.session.scalars(meeting_rows(event.id)) if mapping.get(m.slot, m.slot) != m.slot]
    for meeting in moving:
        meeting.slot = -1 - mapping[meeting.slot]
    db.session.flush()
    for meeting in moving:
        meeting.slot = -1 - meeting.slot
    for participant in db.session.scalars(sa.select(Participant).where(Participant.event_id == event.id)):
        if participant.available_slots is not None:
            participant.available_slots = fair.remap_availability(participant.available_slots, old_grid, new_grid)


@bp.post("/<int:event_id>/delete")
@role_required(Role.MANAGER)
def delete(event_id: int):
    """Move an event to the trash; its participants, requests and meetings stay with it."""
    event = load_event(event_id)
    if db.session.scalar(sa.select(Meeting.id).where(
            Meeting.event_id == event.id, sa.or_(Meeting.outcome.is_not(None), Meeting.reviewed_outcome.is_not(None)))
            .limit(1)):
        flash(_("This event has meetings with recorded outcomes; it stays on record."), "danger")
        return redirect(url_for("events.detail", event_id=event.id))
    history.soft_delete(event, current_user.id)
    db.session.commit()
    flash(_("Event %(name)s moved to the trash.", name=event.name), "success")
    return redirect(url_for("events.index"))


# --- meeting days ----------------------------------------------------------------------------------------------------

@bp.route("/<int:event_id>/days/new", methods=["GET", "POST"])
@role_required(Role.MANAGER)
def new_day(event_id: int):
    """Add a meeting day to a fair: its hours and breaks."""
    event = load_event(event_id, fair_only=True)
    return day_form(event, None)


@bp.route("/<int:event_id>/days/<int:day_id>/edit", methods=["GET", "POST"])
@role_required(Role.MANAGER)
def edit_day(event_id: int, day_id: int):
    """Change a meeting day's hours or breaks."""
    event = load_event(event_id, fair_only=True)
    return day_form(event, load_day(event, day_id))


def load_day(event: Event, day_id: int) -> MeetingDay:
    day = next((d for d in event.days if d.id == day_id), None)
    if day is None:
        abort(404)
    return day


def day_form(event: Event, day: MeetingDay | None):
    form = DayForm(obj=day)
    form.event_dates = (event.starts_on, event.ends_on)
    form.taken_days = {d.day for d in event.days if d is not day}
    form.slot_minutes = event.slot_minutes
    if form.validate_on_submit():
        probe = fair_day(form)
        others = [d for d in event.days if d is not day]
        old_grid, new_grid = fair.grid_of(event), fair.slot_grid([*others, probe], event.slot_minutes)
        stranded = refused_grid(event, old_grid, new_grid, event.tables)
        if stranded:
            form.day.errors.append(stranded)
            return render_template("events/day_form.html", **frame(event, "detail", form=form, day=day))
        if day is None:
            day = MeetingDay(event=event)
            db.session.add(day)
        day.day, day.starts_at, day.ends_at, day.breaks = probe.day, probe.starts_at, probe.ends_at, probe.breaks
        follow_grid(event, old_grid, new_grid)
        db.session.commit()
        flash(_("Meeting day saved."), "success")
        return redirect(url_for("events.detail", event_id=event.id, _anchor="days"))
    return render_template("events/day_form.html", **frame(event, "detail", form=form, day=day))


def fair_day(form: DayForm) -> MeetingDay:
    """The day as typed (not added to the session), its breaks in the stored form."""
    return MeetingDay(day=form.day.data, starts_at=form.starts_at.data, ends_at=form.ends_at.data,
                      breaks=fair.format_breaks(form.parsed_breaks))


@bp.post("/<int:event_id>/days/<int:day_id>/delete")
@role_required(Role.MANAGER)
def delete_day(event_id: int, day_id: int):
    """Remove a meeting day that holds no scheduled meeting."""
    event = load_event(event_id, fair_only=True)
    day = load_day(event, day_id)
    others = [d for d in event.days if d is not day]
    old_grid, new_grid = fair.grid_of(event), fair.slot_grid(others, event.slot_minutes)
    stranded = refused_grid(event, old_grid, new_grid, event.tables)
    if stranded:
        flash(stranded, "danger")
        return redirect(url_for("events.detail", event_id=event.id, _anchor="days"))
    event.days.remove(day)
    follow_grid(event, old_grid, new_grid)
    db.session.commit()
    flash(_("Meeting day removed."), "success")
    return redirect(url_for("events.detail", event_id=event.id, _anchor="days"))

