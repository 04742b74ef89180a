"""The dashboard's charts from query rows: month buckets, follow-up timeliness, the
pipeline against the start of the quarter. Plain functions, no database, no Flask."""
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from crm.charts import Series
from crm.models import PipelineStatus
from crm.services.followups import done_on_time


def months_back(today: date, count: int) -> list[date]:
    """The first days of the last `count` months, oldest first, this month last."""
    index = today.year * 12 + today.month - 1
    return [date(i // 12, i % 12 + 1, 1) for i in range(index - count + 1, index + 1)]


def quarter_start(today: date) -> date:
    return date(today.year, (today.month - 1) // 3 * 3 + 1, 1)


def per_month_by_office(rows: Iterable[tuple[str, int, int, int]], months: Sequence[date],
                        offices: Sequence[str]) -> list[Series]:
    """(office, year, month, count) rows as one series per office over `months`;
    every office is shown, with zeros where it logged nothing."""
    counts = {(office, int(year), int(month)): count for office, year, month, count in rows}
    return [Series(office, [counts.get((office, m.year, m.month), 0) for m in months]) for office in offices]


@dataclass(frozen=True)
class Timeliness:
    """Follow-ups due in each month: done on time, done late, and still open after their day."""

    on_time: list[int]
    late: list[int]
    open_overdue: list[int]


def timeliness_by_month(rows: Iterable[tuple[date, datetime | None]], months: Sequence[date], today: date,
                        zone: ZoneInfo) -> Timeliness:
    """(due_on, done_at) rows bucketed by the month they were due; rows outside `months`,
    and open ones not yet due, are left out."""
    index = {(m.year, m.month): i for i, m in enumerate(months)}
    result = Timeliness([0] * len(months), [0] * len(months), [0] * len(months))
    for due_on, done_at in rows:
        i = index.get((due_on.year, due_on.month))
        if i is None:
            continue
        if done_at is not None:
            (result.on_time if done_on_time(due_on, done_at, zone) else result.late)[i] += 1
        elif due_on < today:
            result.open_overdue[i] += 1
    return result


@dataclass(frozen=True)
class PipelineChange:
    status: PipelineStatus
    now: int
    then: int

    @property
    def change(self) -> str:
        """'+3', '−2' or '±0' (a typographic minus)."""
        difference = self.now - self.then
        if difference > 0:
            return f"+{difference}"
        return f"−{-difference}" if difference else "±0"


def pipeline_changes(now: Iterable[tuple], then: Iterable[tuple]) -> list[PipelineChange]:
    """(status, count) now and at the start of the quarter, for every status in pipeline order."""
    current, earlier = Counter(), Counter()
    for status, count in now:
        current[PipelineStatus(status)] += count
    for status, count in then:
        earlier[PipelineStatus(status)] += count
    return [PipelineChange(status, current[status], earlier[status]) for status in PipelineStatus]
