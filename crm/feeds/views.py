"""The private calendar feed: GET /calendar/<token>.ics, opened by its secret token alone."""
from datetime import datetime, timezone

from flask import Blueprint, Response, abort, url_for
from flask_babel import force_locale, get_babel

from crm.extensions import db
from crm.feeds.queries import open_follow_ups, owned_meetings, responsible_visits, user_by_token
from crm.services.calendar_feed import build_calendar, feed_window_start
from crm.services.reminders import office_today

bp = Blueprint("feeds", __name__)

# Meetings and visits further back than this are no longer in the feed.
PAST_DAYS = 180


def load_feed_user(token: str):
    """The active user with this token, else 404 (unknown, revoked, replaced or deactivated)."""
    user = db.session.scalar(user_by_token(token)) if token else None
    if user is None:
        abort(404)
    return user


@bp.get("/calendar/<token>.ics")
def calendar(token: str):
    """The user's follow-ups, fair meetings and delegation visits as an iCalendar feed."""
    user = load_feed_user(token)
    since = feed_window_start(office_today(user), PAST_DAYS)
    with force_locale(user.language or str(get_babel().default_locale)):
        body = build_calendar(
            user,
            db.session.scalars(open_follow_ups(user.id)).all(),
            db.session.scalars(owned_meetings(user.id, since)).unique().all(),
            db.session.scalars(responsible_visits(user.id, since)).all(),
            now=datetime.now(timezone.utc),
            company_url=lambda company_id: url_for("companies.detail", company_id=company_id, _external=True),
        )
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'inline; filename="jadebridge.ics"'
    # Private to this user: no shared cache may keep it.
    response.headers["Cache-Control"] = "private, max-age=300"
    return response
