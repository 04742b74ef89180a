"""Agendas of a fair: per participant (printable, XLSX, .ics) and per table (printable, XLSX),
preliminary until the final agenda is published, then with changed meetings marked."""

import sqlalchemy as sa
from flask import Response, abort, render_template
from flask_babel import gettext as _
from flask_login import login_required

from crm.events.common import bp, frame, load_event, load_participant
from crm.events.presentation import slot_label
from crm.events.queries import meetings_of, participants_of
from crm.exports import workbook_response
from crm.extensions import db
from crm.models import Event, Meeting, Participant, utcnow
from crm.services import fair


def participant_meetings(event: Event, participant: Participant) -> list[Meeting]:
    return db.session.scalars(meetings_of(event.id).where(
        sa.or_(Meeting.a_id == participant.id, Meeting.b_id == participant.id))).unique().all()


def check_table(event: Event, number: int) -> None:
    if not 1 <= number <= (event.tables or 0):
        abort(404)


@bp.get("/<int:event_id>/agendas")
@login_required
def agendas(event_id: int):
    """Links to every participant's and every table's agenda, and to print them all."""
    event = load_event(event_id, fair_only=True)
    participants = db.session.scalars(participants_of(event.id)).unique().all()
    return render_template("events/agendas.html", **frame(
        event, "agendas", participants=participants, tables=range(1, (event.tables or 0) + 1)))


@bp.get("/<int:event_id>/agendas/participants/<int:participant_id>")
@login_required
def participant_agenda(event_id: int, participant_id: int):
    """A participant's meetings: time, table, counterpart, its profile and contact person (printable)."""
    event = load_event(event_id, fair_only=True)
    participant = load_participant(event, participant_id)
    grid = fair.grid_of(event)
    lines = fair.participant_agenda(participant.id, participant_meetings(event, participant), grid,
                                    event.agenda_final_at)
    return render_template("events/participant_agenda.html", **frame(
        event, "agendas", grid=grid, agendas=[(participant, lines)], slot_label=slot_label))


@bp.get("/<int:event_id>/agendas/participants")
@login_required
def all_participant_agendas(event_id: int):
    """Every participant's agenda, one per printed page."""
    event = load_event(event_id, fair_only=True)
    grid = fair.grid_of(event)
    participants = db.session.scalars(participants_of(event.id)).unique().all()
    meetings = db.session.scalars(meetings_of(event.id)).unique().all()
    agendas = [(p, fair.participant_agenda(p.id, meetings, grid, event.agenda_final_at)) for p in participants]
    return render_template("events/participant_agenda.html", **frame(
        event, "agendas", grid=grid, agendas=agendas, slot_label=slot_label))


@bp.get("/<int:event_id>/agendas/participants/<int:participant_id>.xlsx")
@login_required
def participant_agenda_xlsx(event_id: int, participant_id: int):
    """A participant's agenda as a spreadsheet, times in the event's zone."""
    event = load_event(event_id, fair_only=True)
    participant = load_participant(event, participant_id)
    lines = fair.participant_agenda(participant.id, participant_meetings(event, participant), fair.grid_of(event),
                                    event.agenda_final_at)
    return workbook_response([(participant.company.name, fair.PARTICIPANT_AGENDA_HEADERS,
                               fair.participant_agenda_rows(lines))], f"agenda-{event.id}-{participant.id}")


@bp.get("/<int:event_id>/agendas/participants/<int:participant_id>.ics")
@login_required
def participant_agenda_ics(event_id: int, participant_id: int):
    """A participant's agenda as a calendar file in the event's time zone."""
    event = load_event(event_id, fair_only=True)
    participant = load_participant(event, participant_id)
    lines = fair.participant_agenda(participant.id, participant_meetings(event, participant), fair.grid_of(event),
                                    event.agenda_final_at)
    body = fair.agenda_ics(event, participant, lines, fair.event_zone(event), utcnow())
    return Response(body, mimetype="text/calendar", headers={
        "Content-Disposition": f'attachment; filename="agenda-{event.id}-{participant.id}.ics"'})


@bp.get("/<int:event_id>/agendas/tables/<int:number>")
@login_required
def table_agenda(event_id: int, number: int):
    """The meetings at one table, slot by slot (printable)."""
    event = load_event(event_id, fair_only=True)
    check_table(event, number)
    grid = fair.grid_of(event)
    meetings = db.session.scalars(meetings_of(event.id).where(Meeting.table_number == number)).unique().all()
    return render_template("events/table_agenda.html", **frame(
        event, "agendas", grid=grid, tables=[(number, fair.table_agenda(number, meetings, grid,
                                                                        event.agenda_final_at))],
        slot_label=slot_label))


@bp.get("/<int:event_id>/agendas/tables")
@login_required
def all_table_agendas(event_id: int):
    """Every table's agenda, one per printed page (to put on the tables)."""
    event = load_event(event_id, fair_only=True)
    grid = fair.grid_of(event)
    meetings = db.session.scalars(meetings_of(event.id)).unique().all()
    tables = [(n, fair.table_agenda(n, meetings, grid, event.agenda_final_at))
              for n in range(1, (event.tables or 0) + 1)]
    return render_template("events/table_agenda.html", **frame(
        event, "agendas", grid=grid, tables=tables, slot_label=slot_label))


@bp.get("/<int:event_id>/agendas/tables/<int:number>.xlsx")
@login_required
def table_agenda_xlsx(event_id: int, number: int):
    """One table's agenda as a spreadsheet."""
    event = load_event(event_id, fair_only=True)
    check_table(event, number)
    meetings = db.session.scalars(meetings_of(event.id).where(Meeting.table_number == number)).unique().all()
    lines = fair.table_agenda(number, meetings, fair.grid_of(event), event.agenda_final_at)
    return workbook_response([(_("Table %(number)s", number=number), fair.TABLE_AGENDA_HEADERS,
                               fair.table_agenda_rows(lines))], f"table-{event.id}-{number}")
