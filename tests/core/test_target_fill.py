"""Targets over a year: each way of spreading a year's target, for levels, sums and cumulative targets."""

import pytest

from ogsm_desktop.core.calendar import PlanCalendar
from ogsm_desktop.core.fields import ValueProblem
from ogsm_desktop.core.model import Kind, Node
from ogsm_desktop.core.target_fill import spread, year_before

MONTHS = PlanCalendar.calendar_year(2026).periods("monthly")


def node(**kw):
    return Node(1, Kind.MEASURE, "M", "m", **kw)


def test_equal_split_per_period_and_as_running_totals():
    assert set(spread(node(aggregation="sum"), MONTHS, "equal", 1200).values()) == {100.0}
    cumulative = spread(node(aggregation="sum", target_mode="cumulative"), MONTHS, "equal", 1200)
    assert cumulative["2026-01"] == 100.0 and cumulative["2026-12"] == 1200.0


def test_a_ramp_of_a_summed_measure_adds_up_to_the_year():
    rising = spread(node(aggregation="sum"), MONTHS, "ramp", 78000)
    assert sum(rising.values()) == pytest.approx(78000) and rising["2026-01"] == 1000.0 and rising["2026-12"] == 12000.0
    from_base = spread(node(aggregation="sum", baseline=15000), MONTHS, "ramp", 240000)
    assert from_base["2026-01"] == 15000.0 and sum(from_base.values()) == pytest.approx(240000)
    assert from_base["2026-12"] > from_base["2026-06"] > from_base["2026-01"]


def test_the_periods_of_a_summed_measure_add_up_to_the_year_exactly():
    """100,000 split into twelve months gave 8,333.3333 each: the months added up to 99,999.9996, the year's
    target shown so in the Numbers grid and the reports. The last period takes what the rounding left."""
    equal = spread(node(aggregation="sum"), MONTHS, "equal", 100000)
    assert round(sum(equal.values()), 4) == 100000
    assert equal["2026-01"] == 8333.3333 and equal["2026-12"] == 8333.3337
    ramp = spread(node(aggregation="sum"), MONTHS, "ramp", 100000)
    assert round(sum(ramp.values()), 4) == 100000
    from_base = spread(node(aggregation="sum", baseline=3.5), MONTHS, "ramp", 1000.7)
    assert round(sum(from_base.values()), 4) == 1000.7


def test_a_ramp_of_a_level_goes_from_the_baseline_to_the_target():
    level = spread(node(baseline=0, aggregation="last"), MONTHS, "ramp", 1200)
    assert level["2026-06"] == 600.0 and level["2026-12"] == 1200.0


def test_same_and_last_year():
    assert set(spread(node(), MONTHS, "same", 8.5).values()) == {8.5}
    copied = spread(node(), MONTHS, "last_year", None, {"2025-03": 7.0, "2025-04": 7.5})
    assert copied == {"2026-03": 7.0, "2026-04": 7.5}
    assert year_before("2026-W53") == "2025-W52" and year_before("2026-Q2") == "2025-Q2"
    with pytest.raises(ValueProblem, match="no targets for the year before"):
        spread(node(), MONTHS, "last_year", None, {})
    with pytest.raises(ValueProblem, match="give the year's target"):
        spread(node(), MONTHS, "equal", None)


def test_last_years_weeks_are_paired_in_order_across_week_53():
    """Found by a tester: the 2027 plan year starts with 2026-W53 (28 December to 3 January); looked up as
    2025-W52 it stayed empty, and 2026-W52's target was never used. Paired in order with the weeks of the
    plan year before, every week gets one."""
    from ogsm_desktop.core.calendar import PlanCalendar

    year = PlanCalendar("2027-01", "2027-12")
    keys, before = year.periods("weekly"), year.year_before().periods("weekly")
    assert keys[0] == "2026-W53" and before[0] == "2026-W01" and before[-1] == "2026-W52"
    last_year = {k: float(i + 1) for i, k in enumerate(before)}
    copied = spread(node(frequency="weekly"), keys, "last_year", None, last_year, before)
    assert len(copied) == len(keys) == 52 and copied["2026-W53"] == 1.0 and copied[keys[-1]] == 52.0
