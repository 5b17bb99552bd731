"""Reading periods as people write them in spreadsheets, English and Chinese."""

import datetime as dt

import pytest

from ogsm_desktop.core.excel.values import parse_period
from ogsm_desktop.core.fields import ValueProblem


@pytest.mark.parametrize(("value", "frequency", "expected"), [
    (dt.date(2026, 3, 15), "monthly", "2026-03"), (dt.datetime(2026, 3, 15, 8), "weekly", "2026-W11"),
    (dt.date(2026, 3, 15), "quarterly", "2026-Q1"), (46096, "monthly", "2026-03"), ("2026-03-15", "monthly", "2026-03"),
    ("2026-03", "monthly", "2026-03"), ("2026/3", "monthly", "2026-03"), ("202603", "monthly", "2026-03"),
    ("2026年3月", "monthly", "2026-03"), ("2026-W05", "weekly", "2026-W05"), ("2026w5", "weekly", "2026-W05"),
    ("2026年第5周", "weekly", "2026-W05"), ("2026Q1", "quarterly", "2026-Q1"), ("Q1 2026", "quarterly", "2026-Q1"),
    ("2026年第一季度", "quarterly", "2026-Q1"), ("２０２６年３月", "monthly", "2026-03"), (2026, "monthly", "2026"),
    (202611, "monthly", "2026-11"), (202611.0, "monthly", "2026-11"), ("11-2026", "monthly", "2026-11"),
    ("11/2026", "monthly", "2026-11"), ("Nov 2026", "monthly", "2026-11"), ("November 2026", "monthly", "2026-11"),
    ("2026 Nov", "monthly", "2026-11"), ("nov-26", "monthly", "2026-11"), ("2026年11月", "monthly", "2026-11"),
    ("2026年10月31日", "monthly", "2026-10"), ("2026年10月31号", "quarterly", "2026-Q4"),   # found by a tester
    ("2026年12月31日", "weekly", "2026-W53"),
])
def test_periods_in_every_form(value, frequency, expected):
    assert parse_period(value, frequency) == expected


@pytest.mark.parametrize("value", ["March", "2026-13", "1850-01", "2026-W60", True, "", 12.5, 202613, "13/2026"])
def test_not_periods(value):
    with pytest.raises(ValueProblem):
        parse_period(value)
