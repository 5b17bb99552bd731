"""The review of a period counts the periods owed a number: a period that ended (and whose grace days have
passed) without an actual is not left out of the target the figure is judged against."""

import datetime as dt

import pytest

from ogsm_desktop.core.model import Kind
from ogsm_desktop.core.review import review
from ogsm_desktop.core.storage import Plan

BOTH_WAYS = pytest.mark.parametrize("row_by_row", [False, True], ids=["sums", "row by row"])


def _row(plan, code, period, as_of, row_by_row):
    return next(r for r in review(plan, period, None, as_of, row_by_row=row_by_row).rows if r.node.code == code)


@BOTH_WAYS
def test_a_finished_year_without_its_last_months_is_not_achieved(demo_path, row_by_row):
    """Found by a tester: the review of 2026 as of 15 January 2027, November and December without a number,
    showed C-G1 achieved (84,200 against October's 83,333) and the board pack counted it so."""
    with Plan.open(demo_path, readonly=True) as plan:
        row = _row(plan, "C-G1", "2026", dt.date(2027, 1, 15), row_by_row)
        assert (row.actual, row.target, row.achieved) == (84200, 100000, False)
        assert row.owed == ("2026-11", "2026-12", 2)
        early = _row(plan, "C-G1", "2026", dt.date(2027, 1, 5), row_by_row)    # December's grace days run
        assert early.owed == ("2026-11", "2026-11", 1)
        assert (early.target, early.achieved) == (100000, False)
        running = _row(plan, "C-G1", "2026", dt.date(2026, 11, 5), row_by_row)   # nothing owed yet
        assert (running.owed, running.target, running.achieved) == (None, 83333, True)


@pytest.fixture
def sales(tmp_path):
    path = tmp_path / "p.ogsm"
    with Plan.create(path) as plan:
        top = plan.nodes.add(None, Kind.OBJECTIVE, title="增长")
        s = plan.nodes.add(top.id, Kind.STRATEGY, title="渠道", owner="李娜")
        m = plan.nodes.add(s.id, Kind.MEASURE, title="月销量", target=1200.0, frequency="monthly", aggregation="sum", code="M")
        plan.actuals.write([(m.id, f"2026-{k:02d}", None if k in (6, 11, 12) else 110.0, 100.0, "")
                            for k in range(1, 13)])
    return path


@BOTH_WAYS
def test_a_month_missing_inside_the_period_counts_with_its_target_once_due(sales, row_by_row):
    with Plan.open(sales, readonly=True) as plan:
        q2 = _row(plan, "M", "2026Q2", dt.date(2026, 7, 20), row_by_row)
        assert (q2.actual, q2.target, q2.achieved, q2.owed) == (220, 300, False, ("2026-06", "2026-06", 1))
        within_grace = _row(plan, "M", "2026Q2", dt.date(2026, 7, 3), row_by_row)
        assert (within_grace.actual, within_grace.target, within_grace.achieved, within_grace.owed) == \
            (220, 200, True, None)
        year = _row(plan, "M", "2026", dt.date(2027, 2, 1), row_by_row)
        assert (year.actual, year.target, year.achieved) == (990, 1200, False)
        assert year.owed == ("2026-06", "2026-12", 3)


@BOTH_WAYS
def test_periods_before_a_measures_first_are_not_owed(demo_path, row_by_row):
    """D1-S3-M1 (averaged, a level target of 2,000) has numbers from August on: January to July are not
    owed, November and December are; the average target stays the level."""
    with Plan.open(demo_path, readonly=True) as plan:
        row = _row(plan, "D1-S3-M1", "2026", dt.date(2027, 1, 15), row_by_row)
        assert (row.target, row.owed) == (2000, ("2026-11", "2026-12", 2))
        assert row.actual == pytest.approx((900 + 1700 + 2300) / 3)


@BOTH_WAYS
def test_a_period_owed_without_a_target_of_a_summed_measure_adds_nothing(tmp_path, row_by_row):
    path = tmp_path / "p.ogsm"
    with Plan.create(path) as plan:
        top = plan.nodes.add(None, Kind.OBJECTIVE, title="增长")
        s = plan.nodes.add(top.id, Kind.STRATEGY, title="渠道", owner="李娜")
        m = plan.nodes.add(s.id, Kind.MEASURE, title="月销量", target=1200.0, frequency="monthly", aggregation="sum", code="M")
        plan.actuals.write([(m.id, f"2026-{k:02d}", 110.0, 100.0, "") for k in range(1, 11)])
    with Plan.open(path, readonly=True) as plan:
        row = _row(plan, "M", "2026", dt.date(2027, 1, 15), row_by_row)
        assert (row.actual, row.target, row.achieved, row.owed) == (1100, 1000, True, None)
