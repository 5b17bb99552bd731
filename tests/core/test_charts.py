"""What the Dashboard's charts are drawn from: the progress of the units below an objective, the statuses
of its goals and measures."""

import datetime as dt

from ogsm_desktop.core import charts, monitoring
from ogsm_desktop.core.model import Kind
from ogsm_desktop.core.plan_settings import MonitorSettings
from ogsm_desktop.core.status import roll_up
from ogsm_desktop.core.storage import Plan


def _judged(plan):
    tree, settings = plan.nodes.tree(), MonitorSettings.of(plan)
    return tree, roll_up(tree, monitoring.readings(plan, tree, dt.date(2026, 11, 22), settings), settings)


def test_unit_progress_lists_the_units_below_in_the_cascade_s_order_up_to_the_limit(demo_path):
    with Plan.open(demo_path, readonly=True) as plan:
        tree, standing = _judged(plan)
        company = plan.nodes.by_code("C").id
        units = [n for n, _ in tree.walk(company) if n.kind is Kind.OBJECTIVE]
        expected = [(n.org_unit or n.code, standing[n.id].progress) for n in units
                    if standing[n.id].progress is not None]
        assert len(expected) >= 3
        assert charts.unit_progress(tree, standing, company) == expected
        assert charts.unit_progress(tree, standing, company, limit=2) == expected[:2]
        d1 = plan.nodes.by_code("D1").id
        assert [label for label, _ in charts.unit_progress(tree, standing, d1)] == [
            label for label, _ in expected if label == (plan.nodes.by_code("P1").org_unit or "P1")]


def test_status_counts_count_the_goals_and_measures_below(demo_path):
    with Plan.open(demo_path, readonly=True) as plan:
        tree, standing = _judged(plan)
        company = plan.nodes.by_code("C").id
        counts = charts.status_counts(tree, standing, company)
        quantified = [n for n, _ in tree.walk(company) if n.kind in (Kind.GOAL, Kind.MEASURE)]
        assert sum(counts.values()) == len(quantified)
        assert counts.get("off_track") == 1                              # bookings, C-S1-M2


def test_a_measure_s_bands_are_the_limits_each_period_is_judged_by(demo_path):
    """Found by a tester: the chart of bookings (C-S1-M2, off track) drew no bands: only a measure's own
    absolute limits were drawn, not the plan's percentages of each period's target that judge it."""
    from ogsm_desktop.core import figures
    from ogsm_desktop.core.status import limits, measure_status

    with Plan.open(demo_path, readonly=True) as plan:
        settings = MonitorSettings.of(plan)
        bookings = plan.nodes.by_code("C-S1-M2")
        series = charts.measure_series(plan, bookings, as_of=dt.date(2026, 11, 22))
        values = plan.actuals.of(bookings.id)
        assert len(series.reds) == len(series.ambers) == len(series.periods) >= 10
        for a, target, amber, red in zip(values, series.targets, series.ambers, series.reds, strict=False):
            assert target == figures.period_target(bookings, a)
            assert (amber, red) == limits(bookings, target, settings)
            if a.actual is not None:                       # a point below the red limit is off track
                assert (a.actual < red) == (measure_status(bookings, a.actual, target, settings) == "off_track")
        assert series.reds[0] < series.reds[-1]           # the targets rise month by month: so do the limits
        own = plan.nodes.by_code("C-S1-M1")                 # its own absolute limits: the same every period
        series = charts.measure_series(plan, own)
        assert set(series.ambers) == {own.amber} and set(series.reds) == {own.red}
