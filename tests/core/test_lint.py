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


def test_thresholds_on_the_wrong_side_of_the_target_are_a_warning_and_the_import_says_it(demo_path, tmp_path):
    """Found by a tester: a Measures sheet flipped D1-S1-M1 to lower is better while its amber and red
    (9,000 and 8,000) stayed below its target (10,000): every figure over the target then read off track,
    and neither the preview nor the plan said a word."""
    from ogsm_desktop.core.excel import importer
    from ogsm_desktop.core.lint import threshold_problem
    from tests.helpers import write_xlsx

    with Plan.open(demo_path) as plan:
        m = plan.nodes.by_code("D1-S1-M1")
        plan.nodes.update(m.id, amber=9000.0, red=8000.0)
        assert threshold_problem(plan.nodes.get(m.id)) is None
        book = write_xlsx(tmp_path / "m.xlsx", {"Measures": [["Code", "Title", "Target", "Direction"],
                                                             ["D1-S1-M1", m.title, m.target, "越低"]]})
        preview = importer.analyse(plan, book)
        assert preview.ok
        said = [w for w in preview.warnings if w.startswith("D1-S1-M1")]
        assert len(said) == 1 and "lower is better" in said[0] and "9,000" in said[0], preview.warnings
        importer.apply(plan, preview)
        rules = {(w.node.code, w.rule) for w in check(plan.nodes.tree())}
    assert ("D1-S1-M1", "thresholds-side") in rules
