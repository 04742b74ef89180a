"""Dates as the user sees them: stored times are naive UTC, users think in
their office's time zone, so 'today' and 'this week' depend on who asks."""
from datetime import date, datetime, timedelta, timezone

from flask_babel import get_timezone


def local_now() -> datetime:
    """Now, naive, in the user's time zone (for form defaults)."""
    return datetime.now(get_timezone()).replace(tzinfo=None, second=0, microsecond=0)


def local_today() -> date:
    return datetime.now(get_timezone()).date()


def to_utc(local: datetime) -> datetime:
    """A naive datetime typed by the user, read in their zone, as naive UTC."""
    return local.replace(tzinfo=get_timezone()).astimezone(timezone.utc).replace(tzinfo=None)


def to_local(utc: datetime) -> datetime:
    """A stored naive UTC datetime as naive local time (to refill a form)."""
    return utc.replace(tzinfo=timezone.utc).astimezone(get_timezone()).replace(tzinfo=None)


def week_end(today: date) -> date:
    """The Sunday that ends the week of `today` (weeks start on Monday)."""
    return today + timedelta(days=6 - today.weekday())
