"""The page everyone lands on after logging in, and each user's "my day"."""
from datetime import date, datetime, time, timedelta

from flask import Blueprint, render_template
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user, login_required

from crm import charts
from crm.clock import local_today, to_local, to_utc, user_zone, week_end
from crm.dashboard.queries import (
    follow_up_due_dates,
    interactions_per_month,
    my_follow_ups_until_sunday,
    office_names,
    pipeline_at,
    pipeline_counts,
    recent_companies,
    recent_interactions,
    summary_figures,
    upcoming_delegations,
    upcoming_events,
)
from crm.extensions import db
from crm.feeds.queries import owned_meetings, responsible_visits
from crm.followups.queries import Due, FollowUpFilter, Scope, follow_up_list
from crm.followups.views import may_change
from crm.models import User, utcnow
from crm.services import dashboard, fair
from crm.services.calendar_feed import own_and_counterpart

bp = Blueprint("dashboard", __name__)

FOLLOW_UPS_SHOWN = 50  # the full lists are one click away
CONTACTS_PERIOD = timedelta(days=30)
CONTACT_MONTHS = 24
TIMELINESS_MONTHS = 12
UPCOMING_DAYS = 60
RECENT_SHOWN = 8


@bp.get("/")
@login_required
def index():
    """My follow-ups, my office's recent contacts, the charts, what is coming up and the
    companies I opened last."""
    user = current_user._get_current_object()
    today = local_today()
    rows = db.session.execute(my_follow_ups_until_sunday(user, today).limit(FOLLOW_UPS_SHOWN)).all()
    figures = db.session.execute(summary_figures(user, today, utcnow() - CONTACTS_PERIOD)).one()
    recent = db.session.scalars(recent_interactions(user)).all()
    quarter_start = dashboard.quarter_start(today)
    pipeline = pipeline_now_and_then(quarter_start)
    until = today + timedelta(days=UPCOMING_DAYS)
    upcoming = sorted(
        [(event.starts_on, "event", event) for event in db.session.scalars(upcoming_events(today, until))]
        + [(trip.starts_on, "delegation", trip) for trip in db.session.scalars(upcoming_delegations(today, until))],
        key=lambda item: (item[0], item[1], item[2].id),
    )
    return render_template(
        "dashboard/index.html",
        overdue=[row for row in rows if row.FollowUp.due_on < today],
        this_week=[row for row in rows if row.FollowUp.due_on >= today],
        week_end=week_end(today),
        figures=figures,
        recent=recent,
        pipeline=pipeline,
        companies_total=sum(p.now for p in pipeline),
        quarter_start=quarter_start,
        contacts_days=CONTACTS_PERIOD.days,
        may_change=may_change,
        contacts_chart=contacts_chart(today),
        pipeline_chart=pipeline_chart(pipeline, quarter_start),
        timeliness_chart=timeliness_chart(user, today),
        upcoming=upcoming,
        upcoming_days=UPCOMING_DAYS,
        recently_viewed=db.session.scalars(recent_companies(user.id, RECENT_SHOWN)).all(),
    )


def month_labels(months: list[date]) -> list[str]:
    return [format_date(m, "MMM yy") for m in months]


def contacts_chart(today: date):
    months = dashboard.months_back(today, CONTACT_MONTHS)
    rows = db.session.execute(interactions_per_month(datetime.combine(months[0], time()))).all()
    series = dashboard.per_month_by_office(rows, months, db.session.scalars(office_names()).all())
    return charts.line_chart("chart-contacts", _("Contacts per month by office"), month_labels(months), series,
                             label_every=3)


def pipeline_now_and_then(quarter_start: date) -> list[dashboard.PipelineChange]:
    """Companies by status now and when the quarter began (the user's midnight)."""
    quarter_began = to_utc(datetime.combine(quarter_start, time()))
    return dashboard.pipeline_changes(db.session.execute(pipeline_counts()).all(),
                                      db.session.execute(pipeline_at(quarter_began)).all())


def pipeline_chart(pipeline: list[dashboard.PipelineChange], quarter_start: date):
    since = format_date(quarter_start, "medium")
    return charts.bar_chart(
        "chart-pipeline", _("Companies by pipeline status"), [p.status.label for p in pipeline],
        [charts.Series(_("Now"), [p.now for p in pipeline]),
         charts.Series(_("On %(day)s", day=since), [p.then for p in pipeline])],
        notes=[p.change for p in pipeline],
    )


def timeliness_chart(user: User, today: date):
    months = dashboard.months_back(today, TIMELINESS_MONTHS)
    rows = db.session.execute(follow_up_due_dates(user.office_id, months[0], today)).all()
    result = dashboard.timeliness_by_month(rows, months, today, user_zone())
    return charts.stacked_chart(
        "chart-timeliness", _("Follow-ups of %(office)s by month due", office=user.office.name),
        [format_date(m, "MMM") for m in months],
        [charts.Series(_("Done on time"), result.on_time), charts.Series(_("Done late"), result.late),
         charts.Series(_("Still open"), result.open_overdue)],
    )


@bp.get("/my-day")
@login_required
def my_day():
    """Today for me: my follow-ups due today (and the overdue ones), the fair meetings of
    the companies I own and the delegation visits I am responsible for."""
    user = current_user._get_current_object()
    today = local_today()
    rows = db.session.execute(follow_up_list(FollowUpFilter(
        user_id=user.id, office_id=user.office_id, today=today, scope=Scope.MINE, due=Due.OPEN, date_to=today,
    ))).all()
    return render_template(
        "dashboard/my_day.html",
        overdue=[row for row in rows if row.FollowUp.due_on < today],
        due_today=[row for row in rows if row.FollowUp.due_on == today],
        meetings=todays_meetings(user, today),
        visits=[visit for visit in db.session.scalars(responsible_visits(user.id, today - timedelta(days=1))).all()
                if to_local(visit.starts_at).date() == today],
        may_change=may_change,
    )


def todays_meetings(user: User, today: date) -> list[tuple]:
    """(slot, meeting, own side, counterpart) of today's fair meetings of the user's companies,
    by time; a meeting's day is the event's own (the office running it)."""
    result = []
    for meeting in db.session.scalars(owned_meetings(user.id, today)).unique():
        slot = fair.slot_at(fair.grid_of(meeting.event), meeting.slot)
        if slot is not None and slot.start.date() == today:
            result.append((slot, meeting, *own_and_counterpart(meeting, user.id)))
    return sorted(result, key=lambda item: (item[0].start, item[1].id))
