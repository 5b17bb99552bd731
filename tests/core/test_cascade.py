"""The cascade: a strategy becomes a lower unit's objective in one undoable step."""

import pytest

from ogsm_desktop.core.cascade import cascade
from ogsm_desktop.core.errors import GrammarError, ValidationError
from ogsm_desktop.core.model import Kind
from ogsm_desktop.core.storage import Plan


@pytest.fixture
def plan(demo_path):
    with Plan.open(demo_path) as p:
        yield p


def test_cascade_turns_a_strategy_into_a_lower_objective(plan):
    s2 = plan.nodes.by_code("C-S2")
    objective = cascade(plan, s2.id, "服务网络团队", owner="吴芳", reason="把服务闭环交给服务网络团队")
    assert objective.code == "D3" and objective.title == s2.title and objective.org_unit == "服务网络团队"
    kids = plan.nodes.children(objective.id)
    goals = [k for k in kids if k.kind is Kind.GOAL]
    strategies = [k for k in kids if k.kind is Kind.STRATEGY]
    assert [g.title for g in goals] == ["换电服务满意度", "换电站建成数量", "可提供换电+保养的合作门店数"]
    assert goals[1].target == 200 and goals[1].unit == "座"
    assert [s.title for s in strategies][0] == "按宁德时代实际进度接入已建成换电站（200座）"
    batch = plan.journal.batch(plan.journal.last_batch_id())
    assert batch.kind == "cascade" and batch.reason == "把服务闭环交给服务网络团队"
    assert {r.node_id for r in plan.journal.batch_rows(batch.id) if r.action == "create"} == \
        {objective.id} | {k.id for k in kids}
    # one step: one undo
    plan.revert_batch(batch.id, "undo cascade")
    assert all(c.kind is not Kind.OBJECTIVE for c in plan.nodes.children(s2.id))


def test_cascade_refuses_what_is_not_a_strategy(plan):
    with pytest.raises(GrammarError, match="only a strategy cascades"):
        cascade(plan, plan.nodes.by_code("C-G1").id, "部门")
    with pytest.raises(ValidationError, match="needs the org unit"):
        cascade(plan, plan.nodes.by_code("C-S1").id, " ")


def test_a_cascaded_goal_serves_the_measure_it_came_from_and_is_flagged_when_that_changes(plan):
    from ogsm_desktop.core.cascade import serving
    from ogsm_desktop.core.lint import check_node

    s2 = plan.nodes.by_code("C-S2")
    objective = cascade(plan, s2.id, "服务网络团队")
    stations = plan.nodes.by_code("C-S2-M2")
    goal = next(g for g in plan.nodes.children(objective.id) if g.title == "换电站建成数量")
    assert (goal.serves_id, goal.serves_title, goal.serves_target) == (stations.id, "换电站建成数量", 200.0)

    def flags():
        tree = plan.nodes.tree()
        return [w.message for w in check_node(tree, tree.nodes[goal.id]) if w.rule == "serves-changed"]

    assert flags() == []
    plan.nodes.update(stations.id, title="换电站接入数量", target=180)
    assert flags() == ["the measure above, C-S2-M2, changed since this goal was set (title “换电站建成数量” → "
                       "“换电站接入数量”; target 200 → 180): check it"]
    plan.nodes.update(goal.id, **serving(plan.nodes.get(stations.id)))          # seen
    assert flags() == []
    plan.nodes.delete(stations.id)
    assert flags() and "was deleted" in flags()[0]


def test_a_department_page_names_the_strategy_it_serves_and_its_goals_the_measure(plan):
    from ogsm_desktop.core.onepage import LINE, OnePage

    tree = plan.nodes.tree()
    d2 = plan.nodes.by_code("D2")
    grid = OnePage(tree, {}).grid(d2.id)
    above = tree.nodes[d2.parent_id]
    assert f"serves C-S3 {above.title}" in grid.objective[0].text.split(LINE)     # the company strategy above
    goal = next(block for block in grid.goals if block.text.startswith("D2-G2 "))
    assert "serves C-S3-M1" in goal.text                                           # it serves 线上发布会观看人数
    html = OnePage(tree, {}).html(d2.id)                                           # the window shows the same
    assert "serves C-S3-M1" in html and f"{above.title}</span>" in html


def test_a_cascade_refuses_an_org_unit_or_owner_longer_than_a_cell_holds(plan):
    """Found by a review: the org unit and owner are typed in the cascade dialog, yet went in with the titles the
    cascade carries from the strategy, unchecked; the export then refused the whole plan over them."""
    from ogsm_desktop.core.fields import ValueProblem

    strategy = plan.nodes.by_code("C-S1")
    before = len(plan.nodes.tree().nodes)
    for unit, owner in (("U" * 32_768, "王"), ("销售部", "O" * 32_768)):
        with pytest.raises(ValueProblem, match="32,768 characters long"):
            cascade(plan, strategy.id, unit, owner)
    assert len(plan.nodes.tree().nodes) == before
    assert cascade(plan, strategy.id, "U" * 32_767, "O" * 32_767).org_unit == "U" * 32_767
