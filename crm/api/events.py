"""/api/v1/events and, under each event, its participants, meeting requests and meetings.

Managers plan events and place meetings; staff register participants and record requests."""
import marshmallow as ma
import sqlalchemy as sa
from flask_babel import gettext as _

from crm.api.crud import Resource, assign, check_period, criteria, invalid, register, role_may
from crm.api.fields import Count, Ref, RefList, Text, UtcDateTime
from crm.clock import local_today
from crm.events.queries import PAST, UPCOMING, EventFilter, event_list, meetings_of, participants_of, requests_of
from crm.extensions import db
from crm.models import (
    Company,
    Event,
    EventKind,
    Meeting,
    MeetingOutcome,
    MeetingRequest,
    Office,
    Participant,
    Person,
    Priority,
    RequestStatus,
    Role,
    Side,
    User,
    utcnow,
)


# --- events ---------------------------------------------------------------------------------------

class MeetingDaySchema(ma.Schema):
    day = ma.fields.Date()
    starts_at = ma.fields.Time()
    ends_at = ma.fields.Time()
    breaks = ma.fields.String(allow_none=True)


class EventSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    version = ma.fields.Integer(dump_only=True)
    name = Text(200, required=True)
    kind = ma.fields.Enum(EventKind, by_value=True, load_default=EventKind.FAIR)
    city = Text(100)
    venue = Text(200)
    starts_on = ma.fields.Date(required=True)
    ends_on = ma.fields.Date(required=True)
    office_id = Ref(Office)
    description = Text(10000)
    slot_minutes = Count(5, 480, allow_none=True, metadata={"description": "A fair's meeting slot length"})
    tables = Count(1, 1000, allow_none=True, metadata={"description": "Meetings at once at a fair"})
    days = ma.fields.List(ma.fields.Nested(MeetingDaySchema), dump_only=True)
    agenda_final_at = UtcDateTime(dump_only=True, allow_none=True)
    created_at = UtcDateTime(dump_only=True)
    updated_at = UtcDateTime(dump_only=True)


class EventFilters(ma.Schema):
    q = Text(200, metadata={"description": "Name or city"})
    when = ma.fields.String(allow_none=True, validate=ma.validate.OneOf([UPCOMING, PAST]))
    kind = ma.fields.Enum(EventKind, by_value=True, allow_none=True)
    office_id = Ref(Office)
    year = Count(1900, 2200, allow_none=True)


def update_event(event: Event, data: dict, _user: User) -> None:
    assign(event, data)
    check_period(event)


def create_event(data: dict, user: User) -> Event:
    event = Event()
    update_event(event, data, user)
    return event


register(Resource(
    name="events", model=Event, schema=EventSchema, filters=EventFilters,
    select=lambda args, _user: event_list(criteria(EventFilter, args), local_today()),
    create=create_event, update=update_event, may_write=role_may(Role.MANAGER), may_delete=role_may(Role.MANAGER),
))


def participant_of(event_id: int, participant_id: int | None, field: str) -> None:
    if participant_id is not None and db.session.get(Participant, participant_id).event_id != event_id:
        raise invalid(field, _("This participant is registered for another event."))


# --- participants ---------------------------------------------------------------------------------

class ParticipantSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    event_id = ma.fields.Integer(dump_only=True)
    company_id = Ref(Company, required=True)
    side = ma.fields.Enum(Side, by_value=True, load_default=Side.A, metadata={"description": "A visiting, B host"})
    people_ids = RefList(Person, attribute="people", load_default=list, metadata={"description": "Who attends"})
    available_slots = ma.fields.List(Count(0, 10_000), allow_none=True,
                                     metadata={"description": "Slot numbers it can meet in; null: every slot"})
    max_meetings = Count(0, 200, allow_none=True)
    offers = Text(5000)
    seeks = Text(5000)
    notes = Text(5000)
    created_at = UtcDateTime(dump_only=True)
    updated_at = UtcDateTime(dump_only=True)


register(Resource(
    name="participants", model=Participant, schema=ParticipantSchema, filters=ma.Schema, in_event=True,
    select=lambda _args, _user, event_id: participants_of(event_id),
    create=lambda data, _user, event: Participant(event=event, **data), update=assign,
    may_write=role_may(Role.STAFF), may_delete=role_may(Role.STAFF),
))


# --- meeting requests -----------------------------------------------------------------------------

class MeetingRequestSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    event_id = ma.fields.Integer(dump_only=True)
    requester_id = Ref(Participant, required=True, metadata={"description": "The participant who asks"})
    counterpart_id = Ref(Participant, required=True, metadata={"description": "The participant asked for"})
    priority = ma.fields.Integer(load_default=int(Priority.WOULD_LIKE),
                                 validate=ma.validate.OneOf([int(p) for p in Priority]),
                                 metadata={"description": "1 if time allows, 2 would like, 3 must meet"})
    status = ma.fields.Enum(RequestStatus, by_value=True, load_default=RequestStatus.PENDING)
    created_by_id = ma.fields.Integer(dump_only=True, allow_none=True)
    created_at = UtcDateTime(dump_only=True)
    updated_at = UtcDateTime(dump_only=True)


class MeetingRequestFilters(ma.Schema):
    status = ma.fields.Enum(RequestStatus, by_value=True, allow_none=True)
    participant_id = Count(1, allow_none=True, metadata={"description": "Asked by or for this participant"})


def update_request(meeting_request: MeetingRequest, data: dict, _user: User) -> None:
    for field in ("requester_id", "counterpart_id"):
        participant_of(meeting_request.event_id, data.get(field), field)
    assign(meeting_request, data)
    if meeting_request.requester_id == meeting_request.counterpart_id:
        raise invalid("counterpart_id", _("A participant cannot ask to meet itself."))


def create_request(data: dict, user: User, event: Event) -> MeetingRequest:
    meeting_request = MeetingRequest(event_id=event.id, created_by_id=user.id)
    update_request(meeting_request, data, user)
    return meeting_request


register(Resource(
    name="requests", model=MeetingRequest, schema=MeetingRequestSchema, filters=MeetingRequestFilters, in_event=True,
    select=lambda args, _user, event_id: requests_of(event_id, args.get("status"), args.get("participant_id")),
    create=create_request, update=update_request,
    may_write=role_may(Role.STAFF), may_delete=role_may(Role.STAFF),
))


# --- meetings -------------------------------------------------------------------------------------

class MeetingSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    version = ma.fields.Integer(dump_only=True)
    event_id = ma.fields.Integer(dump_only=True)
    request_id = Ref(MeetingRequest)
    a_id = Ref(Participant, required=True)
    b_id = Ref(Participant, required=True)
    slot = Count(0, 10_000, required=True)
    table_number = Count(1, 1000, required=True)
    locked = ma.fields.Boolean(load_default=False, metadata={"description": "The scheduler keeps it where it is"})
    outcome = ma.fields.Enum(MeetingOutcome, by_value=True, allow_none=True)
    outcome_note = Text(10000)
    reviewed_outcome = ma.fields.Enum(MeetingOutcome, by_value=True, allow_none=True)
    review_note = Text(10000)
    placed_at = UtcDateTime(dump_only=True)
    outcome_recorded_at = UtcDateTime(dump_only=True, allow_none=True)
    reviewed_at = UtcDateTime(dump_only=True, allow_none=True)
    created_at = UtcDateTime(dump_only=True)
    updated_at = UtcDateTime(dump_only=True)


def update_meeting(meeting: Meeting, data: dict, _user: User) -> None:
    for field in ("a_id", "b_id"):
        participant_of(meeting.event_id, data.get(field), field)
    if data.get("request_id") and db.session.get(MeetingRequest, data["request_id"]).event_id != meeting.event_id:
        raise invalid("request_id", _("This request belongs to another event."))
    now = utcnow()
    if {"slot", "table_number"} & data.keys():
        meeting.placed_at = now
    if "outcome" in data:
        meeting.outcome_recorded_at = now if data["outcome"] else None
    if "reviewed_outcome" in data:
        meeting.reviewed_at = now if data["reviewed_outcome"] else None
    assign(meeting, data)
    if meeting.a_id == meeting.b_id:
        raise invalid("b_id", _("A participant cannot meet itself."))
    tables = db.session.scalar(sa.select(Event.tables).where(Event.id == meeting.event_id))
    if tables and meeting.table_number > tables:
        raise invalid("table_number", _("The fair has %(tables)d tables.", tables=tables))


def create_meeting(data: dict, user: User, event: Event) -> Meeting:
    meeting = Meeting(event_id=event.id)
    update_meeting(meeting, data, user)
    return meeting


register(Resource(
    name="meetings", model=Meeting, schema=MeetingSchema, filters=ma.Schema, in_event=True,
    select=lambda _args, _user, event_id: meetings_of(event_id),
    create=create_meeting, update=update_meeting,
    may_write=role_may(Role.MANAGER), may_delete=role_may(Role.MANAGER),
))
