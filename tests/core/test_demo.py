"""The demo plan a new user sees first: the article's cascade, actuals, a slipping measure, two versions."""

from ogsm_desktop.core import demo
from ogsm_desktop.core.model import Kind
from ogsm_desktop.core.status import roll_up
from ogsm_desktop.core.storage import Plan


def test_demo_cascades_company_to_departments_to_people(demo_path):
    with Plan.open(demo_path, readonly=True) as plan:
        tree = plan.nodes.tree()
        top = tree.roots()
        assert [n.title for n in top] == ["成为新能源汽车消费的第一入口"]
        objectives = [n for n in tree.nodes.values() if n.kind is Kind.OBJECTIVE]
        depth = {n.code: tree.objective_depth(n.id) for n in objectives}
        assert sum(d == 1 for d in depth.values()) >= 2        # departments
        assert sum(d == 2 for d in depth.values()) >= 2        # individuals
        titles = {n.title for n in tree.nodes.values()}
        assert {"线上试驾转化率", "换电服务满意度", "收集10万份用户需求数据", "全年策划10场线上发布会"} <= titles


def test_demo_has_a_measure_below_target_two_periods_in_a_row(demo_path):
    with Plan.open(demo_path, readonly=True) as plan:
        m = plan.nodes.by_code("C-S1-M2")
        last_two = plan.actuals.of(m.id)[-2:]
        assert [a.period for a in last_two] == ["2026-09", "2026-10"]
        assert all(a.actual < a.target for a in last_two)
        standing = roll_up(plan.nodes.tree(), plan.actuals.latest())
        statuses = {str(s.status) for s in standing.values()}
        assert {"on_track", "at_risk"} <= statuses


def test_demo_has_two_named_versions_with_reasons(demo_path):
    with Plan.open(demo_path, readonly=True) as plan:
        assert [(v.name, v.reason) for v in plan.versions.all()] == [demo.V1, demo.V2]
