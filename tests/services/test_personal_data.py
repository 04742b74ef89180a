"""Helpers of the data-protection service that need no request."""
from datetime import datetime

from crm.services.personal_data import replace_names, years_before


def test_years_before_keeps_the_day_and_moves_29_february_to_the_28th():
    assert years_before(datetime(2026, 11, 25, 10), 3) == datetime(2023, 11, 25, 10)
    assert years_before(datetime(2028, 2, 29, 8), 3) == datetime(2025, 2, 28, 8)


def test_names_are_replaced_in_any_case_longest_first():
    text = "Met Wang Siguo (王思国); wang siguo will call."
    assert replace_names(text, ["Wang Siguo", "王思国"], "X") == "Met X (X); X will call."
    assert replace_names(None, ["Wang"], "X") is None
