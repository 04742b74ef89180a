"""Timelines: the offices' and the organisation's milestones, a company's full history,
and the annual report of an office."""
from flask import Blueprint, abort, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from werkzeug.datastructures import MultiDict

from crm import choices
from crm.clock import local_today
from crm.exports import export_response
from crm.extensions import db
from crm.forms import select_choices
from crm.models import Channel, Company, Office
from crm.services.timeline import (
    AnnualReport,
    MilestoneFilter,
    annual_report,
    company_timeline,
    milestone_years,
    milestones,
)
from crm.timeline.forms import MilestoneFilterForm, ReportForm
from crm.timeline.helpers import TEMPLATE_GLOBALS, timeline_code_label, timeline_kind_label, timeline_state_label

bp = Blueprint("timeline", __name__, url_prefix="/timeline")


@bp.record_once
def _register_helpers(state):
    state.app.jinja_env.globals.update(TEMPLATE_GLOBALS)


MILESTONE_HEADERS = [_l("Date"), _l("Type"), _l("What"), _l("Kind"), _l("Status"), _l("Office"), _l("Place"),
                     _l("Details")]


@bp.get("/")
@login_required
def index():
    """Milestones (openings, fairs, forums, agreements, delegations) by year, office and type;
    without an office, the whole organisation's."""
    form = MilestoneFilterForm(request.args)
    form.year.choices = select_choices([("", _("All years"))] + [(y, str(y)) for y in milestone_years()])
    form.office_id.choices = choices.offices(blank_label=_("Whole organisation"))
    form.validate()

    def value(field):
        return None if field.errors else field.data or None

    criteria = MilestoneFilter(year=value(form.year), office_id=value(form.office_id), kind=value(form.kind))
    items = milestones(criteria)
    export_format = request.args.get("format")
    if export_format:
        rows = ([item.day, timeline_kind_label(item), item.title, timeline_code_label(item),
                 timeline_state_label(item), item.office, item.other, item.detail] for item in items)
        return export_response(export_format, "timeline", [str(h) for h in MILESTONE_HEADERS], rows)
    office = db.session.get(Office, criteria.office_id) if criteria.office_id else None
    return render_template("timeline/index.html", form=form, items=items, office=office, criteria=criteria)


@bp.get("/companies/<int:company_id>")
@login_required
def company(company_id: int):
    """Everything that happened with one company, newest first."""
    company = db.get_or_404(Company, company_id)
    items = company_timeline(company.id, viewer=current_user)
    return render_template("timeline/company.html", company=company, items=items)


@bp.get("/report")
@login_required
def report():
    """An office's year: contacts, new companies, channels, delegations, fairs, meetings,
    agreements and follow-ups; printable and as XLSX."""
    args = request.args.to_dict()
    args.setdefault("office_id", str(current_user.office_id))
    args.setdefault("year", str(local_today().year))
    form = ReportForm(formdata=MultiDict(args))
    form.office_id.choices = choices.offices()
    if not form.validate():
        return render_template("timeline/report.html", form=form, report=None), 400
    office = db.session.get(Office, form.office_id.data) or abort(404)
    result = annual_report(office, form.year.data)
    export_format = request.args.get("format")
    if export_format:
        return export_response(export_format, f"annual-report-{office.name}-{result.year}".replace(" ", "-"),
                               [_("Section"), _("Item"), _("Value")], report_rows(result))
    return render_template("timeline/report.html", form=form, report=result, channels=list(Channel))


def report_rows(report: AnnualReport) -> list[list]:
    """The report as (section, item, value) rows for a spreadsheet."""
    rows = [
        [_("Office"), report.office.name, report.year],
        [_("Companies"), _("Companies contacted"), report.companies_contacted],
        [_("Companies"), _("New companies"), report.new_companies],
        [_("Interactions"), _("All channels"), report.interactions],
    ]
    rows += [[_("Interactions"), channel.label, report.interactions_by_channel.get(channel, 0)] for channel in Channel]
    rows.append([_("Delegations"), _("Delegations"), len(report.delegations)])
    rows += [[_("Delegations"), f"{d.starts_on.isoformat()} {d.name}", d.status] for d in report.delegations]
    rows.append([_("Events"), _("Fairs"), len(report.fairs)])
    rows += [[_("Events"), f"{e.starts_on.isoformat()} {e.name}", e.kind] for e in report.events]
    rows += [
        [_("Meetings held"), _("At fairs"), report.fair_meetings_held],
        [_("Meetings held"), _("Delegation visits"), report.visits_held],
        [_("Meetings held"), _("All"), report.meetings_held],
        [_("Agreements signed"), _("Agreements signed"), len(report.agreements)],
    ]
    rows += [[_("Agreements signed"), f"{a.signed_on.isoformat()} {a.title}", a.kind] for a in report.agreements]
    rows += [
        [_("Follow-ups"), _("Due in the year"), report.follow_ups_due],
        [_("Follow-ups"), _("Done"), report.follow_ups_done],
        [_("Follow-ups"), _("Done on time"), report.follow_ups_on_time],
    ]
    return rows
