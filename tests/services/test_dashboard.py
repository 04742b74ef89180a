"""The dashboard's chart arithmetic, without a database."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

from crm.charts import Series
from crm.models import PipelineStatus
from crm.services.dashboard import (
    PipelineChange,
    months_back,
    per_month_by_office,
    pipeline_changes,
    quarter_start,
    timeliness_by_month,
)

BERLIN = ZoneInfo("Europe/Berlin")


def test_months_back_cross_the_new_year_oldest_first():
    assert months_back(date(2026, 2, 17), 4) == [date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1),
                                                 date(2026, 2, 1)]


def test_twenty_four_months_end_with_this_month():
    months = months_back(date(2026, 11, 25), 24)
    assert (len(months), months[0], months[-1]) == (24, date(2024, 12, 1), date(2026, 11, 1))


def test_quarter_start():
    assert [quarter_start(date(2026, m, 15)) for m in (1, 3, 4, 11, 12)] == [
        date(2026, 1, 1), date(2026, 1, 1), date(2026, 4, 1), date(2026, 10, 1), date(2026, 10, 1)]


def test_every_office_gets_a_series_with_zeros_where_it_logged_nothing():
    months = [date(2026, 10, 1), date(2026, 11, 1)]
    rows = [("Dresden", 2026, 11, 4), ("Jinan", 2026, 10, 2), ("Jinan", 2025, 1, 9)]
    assert per_month_by_office(rows, months, ["Dresden", "Jinan", "Vantaa"]) == [
        Series("Dresden", [0, 4]), Series("Jinan", [2, 0]), Series("Vantaa", [0, 0])]


def test_a_follow_up_done_by_the_end_of_its_due_day_in_the_office_clock_is_on_time():
    months = [date(2026, 11, 1)]
    rows = [
        (date(2026, 11, 10), datetime(2026, 11, 10, 22, 30)),  # 23:30 in Dresden: on time
        (date(2026, 11, 10), datetime(2026, 11, 10, 23, 30)),  # 00:30 the next day: late
        (date(2026, 11, 3), None),  # still open after its day
        (date(2026, 11, 25), None),  # due today: not late yet
    ]
    result = timeliness_by_month(rows, months, date(2026, 11, 25), BERLIN)
    assert (result.on_time, result.late, result.open_overdue) == ([1], [1], [1])


def test_follow_ups_due_outside_the_months_are_left_out():
    result = timeliness_by_month([(date(2025, 1, 3), None)], [date(2026, 11, 1)], date(2026, 11, 25), BERLIN)
    assert (result.on_time, result.late, result.open_overdue) == ([0], [0], [0])


def test_pipeline_changes_cover_every_status_in_order():
    changes = pipeline_changes([("new", 3), (PipelineStatus.PARTNER, 1)], [("new", 1), ("declined", 2)])
    assert [c.status for c in changes] == list(PipelineStatus)
    assert changes[0] == PipelineChange(PipelineStatus.NEW, 3, 1)


def test_a_change_is_written_with_its_sign():
    assert [PipelineChange(PipelineStatus.NEW, now, then).change for now, then in ((3, 1), (1, 3), (2, 2))] == [
        "+2", "−2", "±0"]
