"""The reminder e-mail: each user's overdue and due-this-week follow-ups, in their own
clock and language. `crm send-reminders` sends them; nothing here commits or sends."""
from dataclasses import dataclass
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import render_template, url_for
from flask_babel import force_locale, get_babel
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from crm.clock import week_end
from crm.extensions import db
from crm.followups.queries import Due, FollowUpFilter, Scope, follow_up_list
from crm.models import FollowUp, User


@dataclass(frozen=True)
class Reminder:
    """What one user is reminded of on `today` (their office's date)."""

    user: User
    today: date
    overdue: list[FollowUp]
    this_week: list[FollowUp]  # due from today to Sunday

    @property
    def is_empty(self) -> bool:
        return not self.overdue and not self.this_week

    @property
    def week_ends(self) -> date:
        return week_end(self.today)


@dataclass(frozen=True)
class ReminderEmail:
    to: str
    subject: str
    text: str
    html: str


def office_today(user: User, now: datetime | None = None) -> date:
    """The date in the user's office at `now` (aware, default: this instant)."""
    now = now or datetime.now(timezone.utc)
    return now.astimezone(ZoneInfo(user.office.timezone or "UTC")).date()


def recipients() -> sa.Select:
    """Users who get reminders: active, with reminders switched on, office loaded."""
    return (
        sa.select(User)
        .where(User.active.is_(True), User.reminders_enabled.is_(True))
        .options(joinedload(User.office))
        .order_by(User.id)
    )


def reminder_for(user: User, today: date) -> Reminder:
    """The user's open follow-ups due before `today` (overdue) and from `today` to the
    end of its week, company and person loaded, earliest first."""
    criteria = FollowUpFilter(
        user_id=user.id, office_id=user.office_id, today=today, scope=Scope.MINE, due=Due.OPEN,
        date_to=week_end(today),
    )
    follow_ups = [row[0] for row in db.session.execute(follow_up_list(criteria))]
    return Reminder(
        user=user,
        today=today,
        overdue=[f for f in follow_ups if f.due_on < today],
        this_week=[f for f in follow_ups if f.due_on >= today],
    )


def external_url(endpoint: str) -> str | None:
    """An absolute URL of a page, when the app knows its own address (SERVER_NAME);
    a command run by cron has no request to take it from."""
    try:
        return url_for(endpoint, _external=True)
    except RuntimeError:
        return None


def render_reminder(reminder: Reminder) -> ReminderEmail:
    """Subject, plain text and HTML, in the user's language (else the default one)."""
    user = reminder.user
    language = user.language or str(get_babel().default_locale)
    with force_locale(language):
        context = {
            "reminder": reminder, "user": user, "language": language,
            "link": external_url("followups.index"), "settings_link": external_url("account.settings"),
        }
        subject = _(
            "Follow-ups: %(overdue)s overdue, %(week)s due this week",
            overdue=len(reminder.overdue), week=len(reminder.this_week),
        )
        return ReminderEmail(
            to=user.email,
            subject=subject,
            text=render_template("email/reminder.txt", **context),
            html=render_template("email/reminder.html", **context),
        )
