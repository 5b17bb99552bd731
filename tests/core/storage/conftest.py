"""Fixtures of the storage tests: a new plan, and a small cascade written into it."""

import pytest

from ogsm_desktop.core.model import Kind
from ogsm_desktop.core.storage import Plan


@pytest.fixture
def plan(tmp_path):
    with Plan.create(tmp_path / "p.ogsm") as p:
        yield p


@pytest.fixture
def small(plan):
    """成为第一入口 (C) with a goal, two strategies and a measure under the first."""
    top = plan.nodes.add(None, Kind.OBJECTIVE, title="成为第一入口", org_unit="公司")
    goal = plan.nodes.add(top.id, Kind.GOAL, title="销量", target=100)
    s1 = plan.nodes.add(top.id, Kind.STRATEGY, title="策略一", owner="李娜")
    s2 = plan.nodes.add(top.id, Kind.STRATEGY, title="策略二")
    m = plan.nodes.add(s1.id, Kind.MEASURE, title="转化率", target=8)
    return top, goal, s1, s2, m


@pytest.fixture
def demo_plan(demo_path):
    with Plan.open(demo_path) as p:
        yield p
