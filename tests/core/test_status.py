"""Status and progress, direction-aware, and their roll-up through the cascade."""

import datetime as dt

import pytest

from ogsm_desktop.core.calendar import PlanCalendar
from ogsm_desktop.core.figures import reading
from ogsm_desktop.core.model import Actual, Kind, Node, Status, Tree
from ogsm_desktop.core.plan_settings import MonitorSettings
from ogsm_desktop.core.status import measure_status, progress, roll_up, standing_of

YEAR = PlanCalendar.calendar_year(2026)
AS_OF = dt.date(2026, 11, 22)


def read(node, rows):
    return reading(node, rows, AS_OF, YEAR)


def measure(**kw):
    return Node(1, Kind.MEASURE, "M", "m", **kw)


@pytest.mark.parametrize(
    ("value", "expected"),
    # by default amber below 95 % of the period's target, red below 90 %
    [(8.5, Status.ON_TRACK), (8.0, Status.ON_TRACK), (7.6, Status.ON_TRACK), (7.5, Status.AT_RISK),
     (7.2, Status.AT_RISK), (7.1, Status.OFF_TRACK)],
)
def test_higher_is_better_default_percentages_of_the_target(value, expected):
    assert measure_status(measure(), value, 8.0) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(100, Status.ON_TRACK), (104, Status.ON_TRACK), (106, Status.AT_RISK), (111, Status.OFF_TRACK)],
)
def test_lower_is_better_percentages_mirror(value, expected):
    assert measure_status(measure(direction="lower"), value, 100) is expected


def test_the_plan_sets_the_percentages():
    strict = MonitorSettings(amber_pct=99, red_pct=97)
    assert measure_status(measure(), 98, 100, strict) is Status.AT_RISK
    assert measure_status(measure(), 96, 100, strict) is Status.OFF_TRACK


def test_beating_the_period_target_is_never_amber_or_red_even_with_absolute_thresholds_above_it():
    # thresholds set for the year's level (amber 19,000 / red 17,000) while this month's target is lower
    node = measure(target=20000, amber=19000, red=17000)
    assert measure_status(node, 16500, 16000) is Status.ON_TRACK
    assert measure_status(node, 15000, 16000) is Status.OFF_TRACK


@pytest.mark.parametrize(
    ("value", "expected"),
    # target 800, amber 850, red 950: 820 misses the target but stays within amber
    [(700, Status.ON_TRACK), (820, Status.ON_TRACK), (900, Status.AT_RISK), (960, Status.OFF_TRACK)],
)
def test_lower_is_better_uses_its_own_thresholds(value, expected):
    node = measure(direction="lower", amber=850, red=950)
    assert measure_status(node, value, 800) is expected


def test_a_figure_without_a_target_has_no_target_and_zero_target_works():
    assert measure_status(measure(), 5, None) is Status.NO_TARGET
    assert measure_status(measure(direction="lower"), 0, 0) is Status.ON_TRACK
    assert measure_status(measure(direction="lower"), 3, 0) is Status.OFF_TRACK
    assert progress(measure(), 0, 0) == 1.0


def test_progress_from_baseline_and_clipped():
    assert progress(measure(baseline=100), 150, 200) == 0.5
    assert progress(measure(), 12, 8) == 1.0
    assert progress(measure(direction="lower"), 1000, 800) == 0.8


def test_latest_actual_with_a_gap_and_a_single_value():
    node = measure(target=10)
    actuals = [Actual(1, "2026-01", 9.0), Actual(1, "2026-03", 11.0), Actual(1, "2026-04", None)]
    assert read(node, actuals).period == "2026-03"
    assert standing_of(node, read(node, actuals)).status is Status.ON_TRACK
    assert standing_of(node, read(node, actuals[:1])).status is Status.AT_RISK
    assert standing_of(node, None).status is Status.NO_DATA


def test_progress_is_the_year_to_date_towards_the_measures_own_target():
    node = measure(target=120, baseline=0, aggregation="sum")      # 10 a month makes the year
    rows = [Actual(1, f"2026-{m:02d}", 10.0, 10.0) for m in range(1, 7)]
    standing = standing_of(node, read(node, rows))
    assert standing.status is Status.ON_TRACK and standing.progress == pytest.approx(0.5)


def test_roll_up_weights_and_worst_status():
    nodes = {
        1: Node(1, Kind.OBJECTIVE, "C", "o"),
        2: Node(2, Kind.STRATEGY, "C-S1", "s", parent_id=1),
        3: Node(3, Kind.MEASURE, "C-S1-M1", "a", parent_id=2, position=0, target=10, weight=3),
        4: Node(4, Kind.MEASURE, "C-S1-M2", "b", parent_id=2, position=1, target=10, weight=1),
        5: Node(5, Kind.GOAL, "C-G1", "g", parent_id=1, target=100),
    }
    readings = {3: read(nodes[3], [Actual(3, "2026-01", 10.0)]), 4: read(nodes[4], [Actual(4, "2026-01", 2.0)])}
    out = roll_up(Tree.build(nodes), readings)
    assert out[2].progress == pytest.approx((1.0 * 3 + 0.2 * 1) / 4)
    assert out[2].status is Status.OFF_TRACK
    # the objective has a goal without data, so it rolls up from its strategies
    assert out[1].progress == pytest.approx(out[2].progress)


def test_huge_weights_roll_up_as_their_shares():
    """1e308 is a weight a field takes: summing such weights overflowed to inf / inf, a progress of NaN (the
    export then failed on it)."""
    nodes = {
        1: Node(1, Kind.OBJECTIVE, "C", "o"),
        2: Node(2, Kind.STRATEGY, "C-S1", "s", parent_id=1),
        3: Node(3, Kind.MEASURE, "C-S1-M1", "a", parent_id=2, position=0, target=10, weight=1e308),
        4: Node(4, Kind.MEASURE, "C-S1-M2", "b", parent_id=2, position=1, target=10, weight=1e308),
    }
    readings = {3: read(nodes[3], [Actual(3, "2026-01", 10.0)]), 4: read(nodes[4], [Actual(4, "2026-01", 2.0)])}
    out = roll_up(Tree.build(nodes), readings)
    assert out[2].progress == pytest.approx(0.6)
    assert out[1].progress == pytest.approx(0.6)


def test_a_negative_weight_is_refused_and_one_in_an_older_file_counts_for_nothing():
    """Found by a tester: a weight of -1 was taken without a word, and the strategy's progress read 105 %
    though none of its measures reached 100 %. A weight is a share: an edit or an import refuses a negative
    one; a file that already holds one (written before) still opens, and its roll-up leaves that part out."""
    from ogsm_desktop.core.fields import ValueProblem, clean_field, stored_problem
    from ogsm_desktop.core.storage import Plan

    with pytest.raises(ValueProblem, match="weight"):
        clean_field("weight", -1)
    assert clean_field("weight", 0) == 0 and stored_problem("weight", -1.0) is None
    plan = Plan.in_memory()
    top = plan.nodes.add(None, Kind.OBJECTIVE, title="增长")
    s = plan.nodes.add(top.id, Kind.STRATEGY, title="渠道", owner="李娜")
    m = plan.nodes.add(s.id, Kind.MEASURE, title="销量", target=10.0)
    with pytest.raises(ValueProblem):
        plan.nodes.update(m.id, weight=-1)
    nodes = {
        1: Node(1, Kind.OBJECTIVE, "C", "o"),
        2: Node(2, Kind.STRATEGY, "C-S1", "s", parent_id=1),
        3: Node(3, Kind.MEASURE, "C-S1-M1", "a", parent_id=2, position=0, target=10),
        4: Node(4, Kind.MEASURE, "C-S1-M2", "b", parent_id=2, position=1, target=10, weight=-1.0),
    }
    readings = {3: read(nodes[3], [Actual(3, "2026-01", 9.8)]), 4: read(nodes[4], [Actual(4, "2026-01", 8.0)])}
    out = roll_up(Tree.build(nodes), readings)
    assert out[2].progress == pytest.approx(0.98)


def test_a_negative_weight_from_an_older_file_is_copied_as_the_nothing_it_counts_for(demo_path, tmp_path):
    """Found in review: cascading, copying or handing out a node whose file holds a weight of -1 (taken
    before it was refused) failed on it, naming no node. A copy takes it as 0, what it counts for."""
    import sqlite3

    from ogsm_desktop.core import copy_paste, departments
    from ogsm_desktop.core.cascade import cascade
    from ogsm_desktop.core.storage import Plan

    conn = sqlite3.connect(demo_path)
    with conn:
        conn.execute("UPDATE nodes SET weight = -1 WHERE code IN ('C-S2-M2', 'D1-G1')")
    conn.close()
    with Plan.open(demo_path) as plan:
        assert plan.nodes.by_code("C-S2-M2").weight == -1          # as the file holds it: read, not changed
        objective = cascade(plan, plan.nodes.by_code("C-S2").id, "服务网络团队", owner="吴芳")
        goal = next(k for k in plan.nodes.children(objective.id) if k.title == "换电站建成数量")
        assert goal.weight == 0
        data = copy_paste.snapshot(plan.nodes.tree(), plan.nodes.by_code("C-S2").id, str(plan.path))
        top = copy_paste.paste(plan, plan.nodes.by_code("C").id, copy_paste.from_json(copy_paste.to_json(data)))
        pasted = next(n for n, _d in plan.nodes.tree().walk(top.id) if n.title == "换电站建成数量"
                      and n.kind is Kind.MEASURE)
        assert pasted.weight == 0
    departments.split(Plan.open(demo_path), "D1", tmp_path / "d1.ogsm")
    with Plan.open(tmp_path / "d1.ogsm", readonly=True) as dept:
        assert dept.nodes.by_code("D1-G1").weight in (-1, 0)


def test_a_sum_that_meets_its_target_exactly_meets_it():
    """Ten months of 8.1 add up to 81 — in binary floating point to 80.99999999999999, and three of 5.2 to
    15.600000000000001: a target of 81 (or, lower being better, 15.6) exactly met was judged missed, a hair
    short; with thresholds at the target, at risk. A figure within the rounding of its sum meets its target."""
    from ogsm_desktop.core import owed

    months, lower = sum([8.1] * 10), sum([5.2] * 3)
    assert (months, lower) == (80.99999999999999, 15.600000000000001)       # (what the sums are)
    strict = MonitorSettings(amber_pct=100.0)                               # at risk as soon as short of target
    assert measure_status(measure(), months, 81.0, strict) == Status.ON_TRACK
    assert measure_status(measure(direction="lower"), lower, 15.6, strict) == Status.ON_TRACK
    assert owed.verdict(measure(aggregation="sum"), months, 81.0, None) is True
    assert owed.verdict(measure(aggregation="sum", direction="lower"), lower, 15.6, None) is True
    assert measure_status(measure(), 80.9999, 81.0, strict) == Status.AT_RISK   # a real shortfall stays one
