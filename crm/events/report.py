"""The event report: registrations by side and sector, requests, meetings scheduled and held,
outcomes by category, follow-ups created and done; figures, server-drawn charts, XLSX."""
import io

from flask import Response, abort, render_template, request
from flask_babel import gettext as _
from flask_login import login_required
from openpyxl import Workbook

from crm.events.common import bp, frame, load_event
from crm.events.queries import event_follow_ups, meeting_rows, participants_of, request_rows
from crm.events.schedule import last_run
from crm.exports import MIME_TYPES, cell, neutralise
from crm.extensions import db
from crm.models import Event, Side
from crm.services import fair


def figures_of(event: Event) -> fair.EventFigures:
    participants = db.session.scalars(participants_of(event.id)).unique().all()
    requests = db.session.scalars(request_rows(event.id)).all()
    meetings = db.session.scalars(meeting_rows(event.id)).all()
    follow_ups = db.session.scalars(event_follow_ups(event.id)).all()
    return fair.event_figures(participants, requests, meetings, follow_ups)


@bp.get("/<int:event_id>/report")
@login_required
def report(event_id: int):
    """The event's figures and charts; ?format=xlsx downloads them."""
    event = load_event(event_id)
    figures = figures_of(event)
    export = request.args.get("format")
    if export == "xlsx":
        return report_xlsx(event, figures)
    if export:
        abort(400, _("Unknown export format %(fmt)s; use xlsx.", fmt=export))
    return render_template("events/report.html", **frame(
        event, "report", figures=figures, last_run=last_run(event),
        side_bars=fair.bars(figures.by_side),
        sector_bars=fair.bars(figures.by_sector),
        status_bars=fair.bars(figures.requests_by_status),
        priority_bars=fair.bars(figures.requests_by_priority),
        meeting_bars=fair.bars([(_("Scheduled"), figures.scheduled), (_("Held"), figures.held),
                                (_("Did not take place"), figures.not_held),
                                (_("No outcome yet"), figures.without_outcome)]),
        outcome_bars=fair.bars(figures.outcomes),
        follow_up_bars=fair.bars([(_("Created"), figures.follow_ups_created), (_("Done"), figures.follow_ups_done)]),
        side_labels=[str(Side.A.label), str(Side.B.label)],
        outcome_series=[_("First result"), _("Final result")],
    ))


def report_xlsx(event: Event, figures: fair.EventFigures) -> Response:
    workbook = Workbook(write_only=True)
    for title, headers, rows in fair.report_sheets(event, figures):
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append([neutralise(str(h)) for h in headers])
        for row in rows:
            sheet.append([cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return Response(buffer.getvalue(), mimetype=MIME_TYPES["xlsx"],
                    headers={"Content-Disposition": f'attachment; filename="event-report-{event.id}.xlsx"'})

