"""The review of a period and the periods owed a number: a period that ended (and whose grace days have
passed) without an actual keeps a goal or measure from being judged achieved or not on the others, unless
the numbers owed cannot change it; such a row is counted without a number, and the periods are named."""

import datetime as dt

import pytest

from ogsm_desktop.core.model import Kind
from ogsm_desktop.core.review import owed_notes, review
from ogsm_desktop.core.storage import Plan

BOTH_WAYS = pytest.mark.parametrize("row_by_row", [False, True], ids=["sums", "row by row"])


def _review(plan, period, as_of, row_by_row):
    return review(plan, period, None, as_of, row_by_row=row_by_row)


def _row(plan, code, period, as_of, row_by_row):
    return next(r for r in _review(plan, period, as_of, row_by_row).rows if r.node.code == code)


def _measure(tmp_path, values, *, direction="higher", frequency="monthly", aggregation="sum", target=1200.0):
    """A plan with one measure M; ``values``: ``{period: (actual, target)}``."""
    path = tmp_path / "p.ogsm"
    with Plan.create(path) as plan:
        top = plan.nodes.add(None, Kind.OBJECTIVE, title="增长")
        s = plan.nodes.add(top.id, Kind.STRATEGY, title="渠道", owner="李娜")
        m = plan.nodes.add(s.id, Kind.MEASURE, title="指标", code="M", target=target, frequency=frequency,
                           aggregation=aggregation, direction=direction)
        plan.actuals.write([(m.id, p, a, t, "") for p, (a, t) in values.items()])
    return path


@BOTH_WAYS
def test_a_finished_year_without_its_last_months_is_not_judged_on_the_others(demo_path, row_by_row):
    """Found by a tester: the review of 2026 as of 15 January 2027, November and December never entered,
    showed C-G1 achieved (84,200 against October's 83,333) and the board pack counted it so. The figure and
    its target stay those of the months with a number (the tree and the one-page judge them so); "achieved"
    waits for the months owed, and the row counts without a number."""
    with Plan.open(demo_path, readonly=True) as plan:
        year = _review(plan, "2026", dt.date(2027, 1, 15), row_by_row)
        row = next(r for r in year.rows if r.node.code == "C-G1")
        assert (row.actual, row.target, row.achieved, row.owed) == (84200, 83333, None, ("2026-11", "2026-12"))
        company = next(counts for unit, *counts in year.counts().values() if unit.code == "C")
        assert company == [0, 0, 10, 0]
        early = _row(plan, "C-G1", "2026", dt.date(2027, 1, 5), row_by_row)     # December's grace days run
        assert early.owed == ("2026-11",) and early.achieved is None
        running = _row(plan, "C-G1", "2026", dt.date(2026, 11, 5), row_by_row)  # nothing owed yet
        assert (running.owed, running.target, running.achieved) == (None, 83333, True)


@BOTH_WAYS
def test_a_cost_left_unreported_is_not_kept_under_its_budget(tmp_path, row_by_row):
    """Found by a tester and a reviewer: a budget of 100 a month, 110 spent a month, June not entered: the
    owed June's budget added to the target made the quarter "achieved" (220 ≤ 300). Not judged until June
    is in; once beyond every month's budget, owed ones too, it is not achieved whatever June brings."""
    path = _measure(tmp_path, {f"2026-{k:02d}": (None if k == 6 else 110.0, 100.0) for k in range(1, 13)},
                    direction="lower")
    with Plan.open(path, readonly=True) as plan:
        within_grace = _row(plan, "M", "2026Q2", dt.date(2026, 7, 3), row_by_row)
        assert (within_grace.actual, within_grace.target, within_grace.achieved, within_grace.owed) == \
            (220, 200, False, None)
        q2 = _row(plan, "M", "2026Q2", dt.date(2026, 7, 20), row_by_row)
        assert (q2.actual, q2.target, q2.achieved, q2.owed) == (220, 200, None, ("2026-06",))
        year = _row(plan, "M", "2026", dt.date(2027, 2, 1), row_by_row)      # 1,210 spent, 1,200 for all twelve
        assert (year.actual, year.target, year.achieved, year.owed) == (1210, 1100, False, ("2026-06",))


@BOTH_WAYS
def test_a_sum_already_beyond_every_periods_target_is_achieved_whatever_is_owed(tmp_path, row_by_row):
    path = _measure(tmp_path, {f"2026-{k:02d}": (None if k in (6, 11, 12) else 150.0, 100.0) for k in range(1, 13)})
    with Plan.open(path, readonly=True) as plan:
        year = _row(plan, "M", "2026", dt.date(2027, 2, 1), row_by_row)       # 1,350 against 1,200 for the year
        assert (year.actual, year.target, year.achieved, year.owed) == (1350, 900, True, ("2026-06", "2026-11", "2026-12"))
        q2 = _row(plan, "M", "2026Q2", dt.date(2026, 7, 20), row_by_row)     # 300 against 300 for the quarter
        assert (q2.achieved, q2.owed) == (True, ("2026-06",))


@BOTH_WAYS
def test_a_sum_that_has_gone_down_is_not_called_achieved_while_periods_are_owed(tmp_path, row_by_row):
    """Net new stores: 100 a month planned, a month of closures (-40), November and December not entered.
    1,210 so far is beyond the 1,200 of the whole year, but a measure that has gone down once may go down in
    the months owed: not judged until they are in (a count that only adds up stays achieved, above)."""
    values = {f"2026-{k:02d}": (None if k in (11, 12) else (-40.0 if k == 3 else 139.0), 100.0) for k in range(1, 13)}
    path = _measure(tmp_path, values)
    with Plan.open(path, readonly=True) as plan:
        year = _row(plan, "M", "2026", dt.date(2027, 2, 1), row_by_row)
        assert (year.actual, year.target, year.owed) == (1211, 1000, ("2026-11", "2026-12"))
        assert year.achieved is None


@BOTH_WAYS
def test_periods_before_a_measures_first_are_not_owed(demo_path, row_by_row):
    """D1-S3-M1 (averaged) has numbers from August on: January to July are not owed, November and December
    are — and an average cannot be judged without them."""
    with Plan.open(demo_path, readonly=True) as plan:
        row = _row(plan, "D1-S3-M1", "2026", dt.date(2027, 1, 15), row_by_row)
        assert (row.target, row.owed, row.achieved) == (2000, ("2026-11", "2026-12"), None)
        assert row.actual == pytest.approx((900 + 1700 + 2300) / 3)


@BOTH_WAYS
def test_a_week_that_starts_before_the_span_and_ends_in_it_is_owed_there(tmp_path, row_by_row):
    """Found by a reviewer: the figure counts a week in the span it ends in (2026-W01, 29 December to
    4 January, is 2026's and January's), but only weeks that started in the span were owed: W01 was owed
    in no review, and March's W09 (23 February to 1 March) made the sums path miss March's W13."""
    weeks = {f"2026-W{w:02d}": (None if w in (1, 13) else 10.0, 10.0) for w in range(1, 16)}
    path = _measure(tmp_path, weeks, frequency="weekly", target=520.0)
    with Plan.open(path, readonly=True) as plan:
        january = _row(plan, "M", "2026-01", dt.date(2026, 3, 1), row_by_row)
        assert january.owed == ("2026-W01",)
        march = _row(plan, "M", "2026-03", dt.date(2026, 5, 1), row_by_row)
        assert (march.actual, march.owed) == (40, ("2026-W13",))


@BOTH_WAYS
def test_a_period_without_a_target_is_owed_a_number_too(tmp_path, row_by_row):
    """A summed measure with targets to October only: November and December still owe their numbers."""
    path = _measure(tmp_path, {f"2026-{k:02d}": (110.0, 100.0) for k in range(1, 11)})
    with Plan.open(path, readonly=True) as plan:
        row = _row(plan, "M", "2026", dt.date(2027, 1, 15), row_by_row)
        assert (row.actual, row.target, row.achieved, row.owed) == (1100, 1000, None, ("2026-11", "2026-12"))


def test_the_note_names_the_periods_owed_and_a_few_of_the_codes(demo_path):
    with Plan.open(demo_path, readonly=True) as plan:
        notes = owed_notes(review(plan, "2026", None, dt.date(2027, 1, 15)).rows)
    assert notes[0].startswith("periods due without a number: a goal or measure owing them counts as achieved")
    # (D1-G1 and P1-G1, due on 31 October, owe neither month)
    assert notes[1].startswith("2026-11, 2026-12: C-G1, C-G2, C-G3") and notes[1].endswith("and 11 more")
    assert "D1-G1" not in notes[1] and "P1-G1" not in notes[1]


@BOTH_WAYS
@pytest.mark.parametrize("direction, achieved", [("higher", True), ("lower", False)])
def test_a_last_value_measure_owing_an_earlier_month_is_judged_on_its_last(tmp_path, row_by_row, direction,
                                                                           achieved):
    """Found by a reviewer: headcount (the last value counts), 100 each month: January never entered,
    February and March 120. The quarter's figure is March's 120 against March's 100 whatever January
    brings, yet the row was left unjudged (counted so in the review's totals). Owing the newest month, it
    stays unjudged."""
    values = {"2026-01": (None, 100.0), "2026-02": (120.0, 100.0), "2026-03": (120.0, 100.0)}
    path = _measure(tmp_path, values, aggregation="last", target=100.0, direction=direction)
    with Plan.open(path, readonly=True) as plan:
        row = _row(plan, "M", "2026Q1", dt.date(2026, 4, 20), row_by_row)
    assert (row.actual, row.target, row.owed, row.achieved) == (120.0, 100.0, ("2026-01",), achieved)
    values = {"2026-01": (120.0, 100.0), "2026-02": (120.0, 100.0), "2026-03": (None, 100.0)}
    path.unlink()
    path = _measure(tmp_path, values, aggregation="last", target=100.0, direction=direction)
    with Plan.open(path, readonly=True) as plan:
        row = _row(plan, "M", "2026Q1", dt.date(2026, 4, 20), row_by_row)
    assert (row.actual, row.owed, row.achieved) == (120.0, ("2026-03",), None)


@BOTH_WAYS
def test_a_goal_due_before_the_periods_end_owes_no_month_after_its_due_date(tmp_path, row_by_row):
    """Found by a tester (the "no actual" alert): a goal due on 31 October, its numbers kept to October,
    was held in the year's review for November and December. Nothing is owed after it is due; the month
    its due date falls in still is."""
    path = _measure(tmp_path, {f"2026-{k:02d}": (100.0, 100.0) for k in range(1, 11)}, target=1000.0)
    with Plan.open(path) as plan:
        plan.nodes.update(plan.nodes.by_code("M").id, due_date="2026-10-31")
        row = _row(plan, "M", "2026", dt.date(2027, 1, 15), row_by_row)
        assert (row.actual, row.target, row.owed, row.achieved) == (1000, 1000, None, True)
        plan.actuals.write([(plan.nodes.by_code("M").id, "2026-10", None, 100.0, "")])
        row = _row(plan, "M", "2026", dt.date(2027, 1, 15), row_by_row)
        assert (row.owed, row.achieved) == (("2026-10",), None)


def test_the_cycle_collector_is_held_while_a_review_is_made_and_left_as_it_was(demo_path, monkeypatch):
    """The review of a big plan made some 640 collector passes, over whatever the process holds: with the
    Alerts panel's 60,000 alerts alive they took 0.5-0.6 s of its 2 s (without them 0.2-0.3 s). Its rows hold no
    cycles: the collector is held while it is made, and left as it was found (on in the command line)."""
    import gc

    from ogsm_desktop.core import review as review_module

    seen = []
    original = review_module.measure_status

    def watched(*args, **kwargs):
        seen.append(gc.isenabled())
        return original(*args, **kwargs)

    monkeypatch.setattr(review_module, "measure_status", watched)
    found = gc.isenabled()          # off once a window test made the application: restored after
    gc.enable()
    try:
        with Plan.open(demo_path, readonly=True) as plan:
            result = review(plan, "2026-Q3", None, dt.date(2026, 10, 20))
        assert result.rows and seen and not any(seen) and gc.isenabled()
    finally:
        if found:
            gc.enable()
        else:
            gc.disable()


def test_a_period_not_begun_by_the_as_of_date_is_refused_not_reviewed_empty(demo_path):
    """Found by a new user: "--review 2030" (a typo for 2026) printed a whole board pack of "no data", 22 without
    a number on its cover, without a word."""
    import datetime as dt

    import pytest

    from ogsm_desktop.core.errors import ValidationError
    from ogsm_desktop.core.review import review
    from ogsm_desktop.core.storage import Plan

    with Plan.open(demo_path, readonly=True) as plan:
        for period in ("2030", "2026-12", "2026-Q4"):
            if period == "2026-Q4":
                assert review(plan, period, None, dt.date(2026, 10, 1)).rows      # begun that day: reviewed
                continue
            with pytest.raises(ValidationError, match=period):
                review(plan, period, None, dt.date(2026, 11, 20))
