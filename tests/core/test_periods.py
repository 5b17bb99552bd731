"""Canonical period keys: which strings are periods, and the days they span."""

import datetime as dt

import pytest

from ogsm_desktop.core import periods


@pytest.mark.parametrize(("key", "first", "last"), [
    ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
    ("2026-Q4", dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
    ("2026-W53", dt.date(2026, 12, 28), dt.date(2027, 1, 3)),        # 2026 has 53 ISO weeks
    ("2026-W01", dt.date(2025, 12, 29), dt.date(2026, 1, 4)),
    ("2026", dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
    # the last month and quarter a date can hold: their end was worked out from the month after (year 10000)
    ("9999-12", dt.date(9999, 12, 1), dt.date(9999, 12, 31)),
    ("9999-Q4", dt.date(9999, 10, 1), dt.date(9999, 12, 31)),
])
def test_the_days_of_a_period(key, first, last):
    assert periods.is_period(key)
    assert periods.period_bounds(key) == (first, last)
    assert periods.period_end(key) == last.isoformat()


@pytest.mark.parametrize("key", [
    "2026-03\n",          # a key ending in a line break was taken for 2026-03
    "٢٠٢٦-03",            # other scripts' digits were taken for 2026
    "2025-W53",           # 2025 has 52 ISO weeks: "Invalid week: 53"
    "0000",               # "year 0 is out of range"
    "9999-W52",           # ends in the year 10000: OverflowError
    "2026-13", "2026-Q5", "2026-W00", "26-03", "",
])
def test_what_is_not_a_period_is_refused_in_one_message(key):
    assert not periods.is_period(key)
    with pytest.raises(ValueError, match="not a period"):
        periods.period_bounds(key)
    with pytest.raises(ValueError, match="not a period"):
        periods.period_end(key)
