"""What every event page shares: the blueprint, the loaders (404 and the kind check in
one call; roles are checked by each view's decorator), and the frame of the event pages."""
from collections.abc import Iterable

import sqlalchemy as sa
from flask import Blueprint, abort, request
from flask_babel import gettext as _
from flask_login import current_user

from crm.events.queries import event_with_days, participant_ids
from crm.extensions import db
from crm.forms import MAX_ID
from crm.models import Event, EventKind, Meeting, MeetingRequest, Participant, Role
from crm.services import fair

bp = Blueprint("events", __name__, url_prefix="/events")

# The tabs of an event page: (endpoint, label key); fairs have all, other events the first two and the report.
FAIR_TABS = ("detail", "participants", "requests", "schedule", "agendas", "outcomes", "report")
OTHER_TABS = ("detail", "participants", "report")


def load_event(event_id: int, fair_only: bool = False) -> Event:
    """The event with its office and meeting days, or 404; `fair_only` pages 404 for other kinds."""
    event = db.one_or_404(event_with_days(event_id))
    if fair_only and event.kind != EventKind.FAIR:
        abort(404, _("Only matchmaking fairs have meeting requests, a schedule and agendas."))
    return event


def load_participant(event: Event, participant_id: int) -> Participant:
    """A participant of this event, or 404 (also for another event's participant)."""
    participant = db.get_or_404(Participant, participant_id)
    if participant.event_id != event.id:
        abort(404)
    return participant


def load_request(event: Event, request_id: int) -> MeetingRequest:
    meeting_request = db.get_or_404(MeetingRequest, request_id)
    if meeting_request.event_id != event.id:
        abort(404)
    return meeting_request


def load_meeting(event: Event, meeting_id: int) -> Meeting:
    meeting = db.get_or_404(Meeting, meeting_id)
    if meeting.event_id != event.id:
        abort(404)
    return meeting


def refuse_foreign_participants(event: Event, names: Iterable[str]) -> None:
    """400 when a posted participant id (in these form fields) is a number that is not one of
    this event's participants: such an id is never silently used. Other text is left to the
    form, which says the choice is not valid."""
    posted = []
    for name in names:
        for value in request.form.getlist(name):
            if value.strip().isdecimal():  # isdigit() would let '²' through to int()
                posted.append(int(value))
    if not posted:
        return
    possible = [pid for pid in posted if pid <= MAX_ID]  # larger numbers are no id at all
    ours = set(db.session.scalars(participant_ids(event.id).where(Participant.id.in_(possible))))
    foreign = [pid for pid in posted if pid not in ours]
    if foreign:
        abort(400, _("Participant %(id)s is not registered for this event.", id=foreign[0]))


def tabs_of(event: Event) -> tuple[str, ...]:
    return FAIR_TABS if event.kind == EventKind.FAIR else OTHER_TABS


def frame(event: Event, tab: str, **context) -> dict:
    """The template context every event page needs: the event, its tabs, the grid and its zone."""
    context.setdefault("grid", fair.grid_of(event))
    return {
        "event": event,
        "tab": tab,
        "tabs": tabs_of(event),
        "zone": fair.event_zone(event),
        "is_fair": event.kind == EventKind.FAIR,
        "can_manage": current_user.has_role(Role.MANAGER),
        "can_write": current_user.has_role(Role.STAFF),
        **context,
    }


def count(stmt: sa.Select) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(stmt.subquery())) or 0
