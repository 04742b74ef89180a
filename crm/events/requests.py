"""Meeting requests: who wants to meet whom at a fair, how much, and the counterpart's answer."""
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from crm.auth.permissions import role_required
from crm.auth.redirects import local_or
from crm.events.common import bp, frame, load_event, load_participant, load_request, refuse_foreign_participants
from crm.events.forms import RequestEditForm, RequestForm
from crm.events.queries import participant_names, request_pairs, requests_of
from crm.extensions import db
from crm.forms import optional_int, select_choices
from crm.models import Event, MeetingRequest, Priority, RequestStatus, Role

PARTICIPANT_FIELDS = ("requester_id", "counterpart_id")


def requests_url(event: Event) -> str:
    return url_for("events.requests", event_id=event.id)


def participant_choices(event: Event):
    return select_choices([("", "—")] + [
        (pid, f"{name} · {side.label}") for pid, name, side in db.session.execute(participant_names(event.id))])


@bp.get("/<int:event_id>/requests")
@login_required
def requests(event_id: int):
    """The fair's requests, highest priority first; ?status= and ?participant_id= filter them."""
    event = load_event(event_id, fair_only=True)
    status = request.args.get("status")
    status = status if status in {s.value for s in RequestStatus} else None
    try:
        participant_id = optional_int(request.args.get("participant_id"))
    except ValueError:
        participant_id = None
    participant = load_participant(event, participant_id) if participant_id else None
    stmt = requests_of(event.id, RequestStatus(status) if status else None, participant_id)
    page = db.paginate(stmt, per_page=current_app.config["PER_PAGE"] * 4, max_per_page=200, error_out=False)
    return render_template("events/requests.html", **frame(
        event, "requests", page=page, status=status, participant=participant,
        participant_choices=participant_choices(event), statuses=list(RequestStatus), Priority=Priority))


@bp.route("/<int:event_id>/requests/new", methods=["GET", "POST"])
@role_required(Role.STAFF)
def new_request(event_id: int):
    """Record who wants to meet whom (a manager, or staff on behalf of a company); ?requester_id=
    and ?counterpart_id= preset it. From the suggestions page, back=suggestions returns there."""
    event = load_event(event_id, fair_only=True)
    if request.method == "POST":
        refuse_foreign_participants(event, PARTICIPANT_FIELDS)
    form = RequestForm(requester_id=request.args.get("requester_id", type=int),
                       counterpart_id=request.args.get("counterpart_id", type=int))
    form.requester_id.choices = form.counterpart_id.choices = participant_choices(event)
    form.taken = {tuple(pair) for pair in db.session.execute(request_pairs(event.id))}
    if form.validate_on_submit():
        meeting_request = MeetingRequest(
            event_id=event.id, requester_id=form.requester_id.data, counterpart_id=form.counterpart_id.data,
            priority=form.priority.data, status=RequestStatus(form.status.data), created_by_id=current_user.id)
        db.session.add(meeting_request)
        db.session.commit()
        flash(_("Request of %(one)s to meet %(other)s recorded.", one=meeting_request.requester.company.name,
                other=meeting_request.counterpart.company.name), "success")
        if request.form.get("back") == "suggestions":
            return redirect(url_for("events.suggestions", event_id=event.id,
                                    participant_id=meeting_request.requester_id))
        return redirect(requests_url(event))
    if request.method == "POST" and request.form.get("back") == "suggestions":
        for errors in form.errors.values():
            for error in errors:
                flash(error, "danger")
        requester = form.requester_id.data
        if requester:
            return redirect(url_for("events.suggestions", event_id=event.id, participant_id=requester))
    return render_template("events/request_form.html", **frame(event, "requests", form=form, meeting_request=None))


@bp.route("/<int:event_id>/requests/<int:request_id>/edit", methods=["GET", "POST"])
@role_required(Role.STAFF)
def edit_request(event_id: int, request_id: int):
    """Change a request's priority or the counterpart's answer."""
    event = load_event(event_id, fair_only=True)
    meeting_request = load_request(event, request_id)
    form = RequestEditForm(obj=meeting_request, status=meeting_request.status.value,
                           priority=int(meeting_request.priority))
    if form.validate_on_submit():
        meeting_request.priority = form.priority.data
        meeting_request.status = RequestStatus(form.status.data)
        db.session.commit()
        flash(_("Request saved."), "success")
        return redirect(requests_url(event))
    return render_template("events/request_form.html", **frame(
        event, "requests", form=form, meeting_request=meeting_request))


@bp.post("/<int:event_id>/requests/<int:request_id>/answer")
@role_required(Role.STAFF)
def answer_request(event_id: int, request_id: int):
    """Mark the counterpart's answer: status=accepted, declined or pending."""
    event = load_event(event_id, fair_only=True)
    meeting_request = load_request(event, request_id)
    try:
        status = RequestStatus(request.form.get("status", ""))
    except ValueError:
        abort(400, _("Answer with accepted, declined or pending."))
    meeting_request.status = status
    db.session.commit()
    flash(_("%(one)s → %(other)s: %(status)s.", one=meeting_request.requester.company.name,
            other=meeting_request.counterpart.company.name, status=status.label), "success")
    return redirect(local_or(request.form.get("next"), requests_url(event)))


@bp.post("/<int:event_id>/requests/<int:request_id>/delete")
@role_required(Role.STAFF)
def delete_request(event_id: int, request_id: int):
    """Delete a request recorded by mistake; a meeting placed for it stays until rescheduled."""
    event = load_event(event_id, fair_only=True)
    db.session.delete(load_request(event, request_id))
    db.session.commit()
    flash(_("Request deleted."), "success")
    return redirect(requests_url(event))
