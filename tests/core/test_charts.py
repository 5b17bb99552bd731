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
