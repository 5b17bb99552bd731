from ogsm_desktop.core.lint import check
from ogsm_desktop.core.model import Kind
from ogsm_desktop.core.storage import Plan


def test_method_checks_name_the_node_and_the_rule():
    plan = Plan.in_memory()
    top = plan.nodes.add(None, Kind.OBJECTIVE, title="2026年销量10万辆")
    plan.nodes.add(top.id, Kind.GOAL, title="销量")
    plan.nodes.add(top.id, Kind.STRATEGY, title="没有负责人")
    rules = {(w.node.code, w.rule) for w in check(plan.nodes.tree())}
    assert rules == {
        ("C", "objective-words"), ("C", "goals-count"), ("C", "strategies-count"),
        ("C-S1", "strategy-owner"), ("C-S1", "strategy-measure"), ("C-S1", "strategy-action"),
        ("C-G1", "goal-target"), ("C-G1", "goal-due"),
    }


def test_a_plan_that_follows_the_method_has_no_warnings():
    plan = Plan.in_memory()
    top = plan.nodes.add(None, Kind.OBJECTIVE, title="成为第一入口")
    for i in range(3):
        plan.nodes.add(top.id, Kind.GOAL, title=f"目标{i}", target=1, due_date="2026-12-31")
        s = plan.nodes.add(top.id, Kind.STRATEGY, title=f"策略{i}", owner="李娜")
        plan.nodes.add(s.id, Kind.MEASURE, title="指标", target=1)
        plan.nodes.add(s.id, Kind.ACTION, title="行动")
    assert check(plan.nodes.tree()) == []
