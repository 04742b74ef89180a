"""The event report: registrations by side and sector, requests, meetings scheduled and held,
outcomes by category, follow-ups created and done; figures, server-drawn charts, XLSX."""

from flask import Response, abort, render_template, request
from flask_babel import gettext as _
from flask_login import login_required

from crm import charts
from crm.events.common import bp, frame, load_event
from crm.events.queries import event_follow_ups, meeting_rows, participants_of, request_rows
from crm.events.schedule import last_run
from crm.exports import workbook_response
from crm.extensions import db
from crm.models import Event, EventKind, Side
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
    charts_shown = report_charts(figures, fair_pages=event.kind == EventKind.FAIR)
    return render_template("events/report.html", **frame(event, "report", figures=figures, charts=charts_shown,
                                                               last_run=last_run(event)))


def report_charts(figures: fair.EventFigures, fair_pages: bool) -> list:
    """The report's charts, in page order; a fair adds requests, meetings, outcomes, follow-ups."""

    def bars(chart_id, title, rows, names=("",)):
        return charts.bar_chart(chart_id, title, *charts.columns(rows, names))

    result = [
        bars("chart-sides", _("Registrations by side"), figures.by_side),
        bars("chart-sectors", _("Registrations by sector and side"), figures.by_sector,
             [Side.A.label, Side.B.label]),
    ]
    if fair_pages:
        result += [
            bars("chart-requests", _("Requests by answer"), figures.requests_by_status),
            bars("chart-priorities", _("Requests by priority"), figures.requests_by_priority),
            bars("chart-meetings", _("Meetings"), [
                (_("Scheduled"), figures.scheduled), (_("Held"), figures.held),
                (_("Did not take place"), figures.not_held), (_("No outcome yet"), figures.without_outcome)]),
            bars("chart-outcomes", _("Outcomes by category"), figures.outcomes,
                 [_("First result"), _("Final result")]),
            bars("chart-follow-ups", _("Follow-ups from the outcomes"), [
                (_("Created"), figures.follow_ups_created), (_("Done"), figures.follow_ups_done)]),
        ]
    return result


def report_xlsx(event: Event, figures: fair.EventFigures) -> Response:
    return workbook_response(fair.report_sheets(event, figures), f"event-report-{event.id}")

