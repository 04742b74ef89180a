"""Outcomes of a fair's meetings: whether each took place and its result, filed in both
companies' histories (with follow-ups where cooperation is in sight), and the
second-stage review months later.

Correcting an outcome updates the interactions it filed (no second pair); a review
files a new pair "Review of the fair meeting ..." so the first result stays on record,
and correcting a review updates that pair."""
from collections.abc import Iterable
from datetime import datetime

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from crm.auth.permissions import role_required
from crm.clock import local_today
from crm.events.common import bp, frame, load_event, load_meeting
from crm.events.forms import OutcomeForm, ReviewForm
from crm.events.presentation import slot_label
from crm.events.queries import fair_interactions, followed_up, meetings_of
from crm.extensions import db
from crm.models import Event, Interaction, Meeting, MeetingOutcome, Role, utcnow
from crm.services import fair

SHOW = ("missing", "recorded", "all")


def outcomes_url(event: Event, meeting: Meeting | None = None) -> str:
    return url_for("events.outcomes", event_id=event.id, _anchor=f"meeting-{meeting.id}" if meeting else None)


def meeting_start(event: Event, meeting: Meeting, grid) -> datetime | None:
    """The meeting's start as naive UTC, or None when its slot is no longer in the grid."""
    slot = fair.slot_at(grid, meeting.slot)
    return fair.local_to_utc(slot.start, fair.event_zone(event)) if slot else None


@bp.get("/<int:event_id>/outcomes")
@login_required
def outcomes(event_id: int):
    """The fair's meetings with their results; ?show=missing (default), recorded or all."""
    event = load_event(event_id, fair_only=True)
    show = request.args.get("show", "missing")
    show = show if show in SHOW else "missing"
    grid = fair.grid_of(event)
    meetings = db.session.scalars(meetings_of(event.id)).unique().all()
    if show == "missing":
        meetings = [m for m in meetings if m.outcome is None]
    elif show == "recorded":
        meetings = [m for m in meetings if m.outcome is not None]
    return render_template("events/outcomes.html", **frame(
        event, "outcomes", grid=grid, meetings=meetings, show=show, slot_label=slot_label, now=utcnow(),
        starts={m.id: meeting_start(event, m, grid) for m in meetings}))


def existing_interactions(meeting: Meeting, at) -> dict[int, Interaction]:
    found: dict[int, Interaction] = {}
    for interaction in db.session.scalars(fair_interactions(meeting.id, at)):
        found.setdefault(interaction.company_id, interaction)
    return found


def followed(interactions: Iterable[Interaction]) -> set[int]:
    ids = [i.id for i in interactions]
    return set(db.session.scalars(followed_up(ids))) if ids else set()


def recorded_message(result: fair.RecordedOutcome) -> str:
    parts = [_("Outcome recorded.")]
    if result.created:
        parts.append(ngettext("%(num)d interaction added.", "%(num)d interactions added.", len(result.created)))
    if result.updated:
        parts.append(ngettext("%(num)d earlier interaction updated.", "%(num)d earlier interactions updated.",
                              len(result.updated)))
    if result.follow_ups:
        parts.append(ngettext("%(num)d follow-up planned.", "%(num)d follow-ups planned.", len(result.follow_ups)))
    return " ".join(parts)


@bp.route("/<int:event_id>/meetings/<int:meeting_id>/outcome", methods=["GET", "POST"])
@role_required(Role.STAFF)
def outcome(event_id: int, meeting_id: int):
    """Record whether a meeting took place and its result, once it has started; a second
    recording corrects the first."""
    event = load_event(event_id, fair_only=True)
    meeting = load_meeting(event, meeting_id)
    starts_at = meeting_start(event, meeting, fair.grid_of(event))
    if starts_at is None:
        flash(_("This meeting's slot is no longer in the grid; move it first."), "danger")
        return redirect(outcomes_url(event))
    if starts_at > utcnow():
        flash(_("This meeting has not started yet."), "danger")
        return redirect(outcomes_url(event))
    form = OutcomeForm(outcome=meeting.outcome.value if meeting.outcome else "", note=meeting.outcome_note)
    if form.validate_on_submit():
        existing = existing_interactions(meeting, starts_at) if meeting.outcome is not None else {}
        result = fair.record_outcome(
            event, meeting, MeetingOutcome(form.outcome.data), form.note.data, current_user._get_current_object(),
            starts_at=starts_at, now=utcnow(), today=local_today(), existing=existing,
            followed_up=followed(existing.values()))
        db.session.add_all(result.created + result.follow_ups)
        db.session.commit()
        flash(recorded_message(result), "success")
        return redirect(outcomes_url(event, meeting))
    return render_template("events/outcome.html", **frame(
        event, "outcomes", form=form, meeting=meeting, review=False, slot_label=slot_label))


@bp.route("/<int:event_id>/meetings/<int:meeting_id>/review", methods=["GET", "POST"])
@role_required(Role.STAFF)
def review(event_id: int, meeting_id: int):
    """The second-stage review: what came of the meeting months later."""
    event = load_event(event_id, fair_only=True)
    meeting = load_meeting(event, meeting_id)
    if meeting.outcome is None:
        flash(_("Record the meeting's outcome before reviewing it."), "danger")
        return redirect(outcomes_url(event))
    form = ReviewForm(outcome=meeting.reviewed_outcome.value if meeting.reviewed_outcome else "",
                      note=meeting.review_note)
    if form.validate_on_submit():
        existing = existing_interactions(meeting, meeting.reviewed_at) if meeting.reviewed_at else {}
        result = fair.record_review(
            event, meeting, MeetingOutcome(form.outcome.data), form.note.data, current_user._get_current_object(),
            now=utcnow(), today=local_today(), existing=existing, followed_up=followed(existing.values()))
        db.session.add_all(result.created + result.follow_ups)
        db.session.commit()
        flash(recorded_message(result), "success")
        return redirect(outcomes_url(event, meeting))
    return render_template("events/outcome.html", **frame(
        event, "outcomes", form=form, meeting=meeting, review=True, slot_label=slot_label))
