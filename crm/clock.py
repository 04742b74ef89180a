"""Dates as the user sees them: stored times are naive UTC, users think in
their office's time zone, so 'today' and 'this week' depend on who asks."""
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from flask_babel import get_timezone


def user_zone() -> ZoneInfo:
    """The user's zone as a zoneinfo object: Flask-Babel's may be a pytz zone,
    which `replace(tzinfo=...)` would read as local mean time (+00:53 in Berlin)."""
    return ZoneInfo(str(get_timezone()))


def local_now() -> datetime:
    """Now, naive, in the user's time zone (for form defaults)."""
    return datetime.now(user_zone()).replace(tzinfo=None, second=0, microsecond=0)


def local_today() -> date:
    return datetime.now(user_zone()).date()


def to_utc(local: datetime) -> datetime:
    """A naive datetime typed by the user, read in their zone, as naive UTC."""
    return local.replace(tzinfo=user_zone()).astimezone(timezone.utc).replace(tzinfo=None)


def to_local(utc: datetime) -> datetime:
    """A stored naive UTC datetime as naive local time (to refill a form)."""
    return utc.replace(tzinfo=timezone.utc).astimezone(user_zone()).replace(tzinfo=None)


def week_end(today: date) -> date:
    """The Sunday that ends the week of `today` (weeks start on Monday)."""
    return today + timedelta(days=6 - today.weekday())
