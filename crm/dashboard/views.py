"""The page everyone lands on after logging in."""
from datetime import timedelta

from flask import Blueprint, render_template
from flask_login import current_user, login_required

from crm.clock import local_today, week_end
from crm.dashboard.queries import my_follow_ups_until_sunday, pipeline_counts, recent_interactions, summary_figures
from crm.extensions import db
from crm.followups.views import may_change
from crm.models import PipelineStatus, utcnow

bp = Blueprint("dashboard", __name__)

FOLLOW_UPS_SHOWN = 50  # the full lists are one click away
CONTACTS_PERIOD = timedelta(days=30)


@bp.get("/")
@login_required
def index():
    """My follow-ups, my office's recent contacts and the pipeline at a glance."""
    user = current_user._get_current_object()
    today = local_today()
    rows = db.session.execute(my_follow_ups_until_sunday(user, today).limit(FOLLOW_UPS_SHOWN)).all()
    figures = db.session.execute(summary_figures(user, today, utcnow() - CONTACTS_PERIOD)).one()
    recent = db.session.scalars(recent_interactions(user)).all()
    counts = dict(db.session.execute(pipeline_counts()).all())
    return render_template(
        "dashboard/index.html",
        overdue=[row for row in rows if row.FollowUp.due_on < today],
        this_week=[row for row in rows if row.FollowUp.due_on >= today],
        week_end=week_end(today),
        figures=figures,
        recent=recent,
        pipeline=[(status, counts.get(status, 0)) for status in PipelineStatus],
        companies_total=sum(counts.values()),
        contacts_days=CONTACTS_PERIOD.days,
        may_change=may_change,
    )
