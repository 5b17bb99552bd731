"""A node a planner adds by hand: its parent's owner and org unit, and its place among its own kind."""

from ogsm_desktop.core.model import Kind


def kinds_in_order(plan, parent_id):
    return [(n.kind, n.code) for n in plan.nodes.children(parent_id)]


def test_a_new_node_takes_its_parents_owner_and_org_unit(plan, small):
    top, goal, s1, s2, m = small
    plan.nodes.update(top.id, owner="王磊")
    measure = plan.nodes.add_new(s1.id, Kind.MEASURE, title="新衡量")
    assert (measure.owner, measure.org_unit) == ("李娜", "")            # the strategy's owner; it has no unit
    plan.nodes.update(s1.id, org_unit="产品共创部")
    action = plan.nodes.add_new(s1.id, Kind.ACTION)
    assert (action.owner, action.org_unit) == ("李娜", "产品共创部")
    strategy = plan.nodes.add_new(top.id, Kind.STRATEGY)
    assert (strategy.owner, strategy.org_unit) == ("王磊", "公司")
    own = plan.nodes.add_new(s1.id, Kind.ACTION, owner="吴芳")           # what the caller says wins
    assert (own.owner, own.org_unit) == ("吴芳", "产品共创部")
    rows = plan.journal.rows(node_ids=[action.id])
    assert rows[0].action == "create" and rows[0].new["owner"] == "李娜"     # journaled with the node


def test_a_new_goal_goes_after_the_goals_not_after_the_strategies(plan, small):
    top, goal, s1, s2, m = small
    new_goal = plan.nodes.add_new(top.id, Kind.GOAL, title="新目标")
    assert kinds_in_order(plan, top.id) == [("goal", "C-G1"), ("goal", new_goal.code), ("strategy", "C-S1"),
                                            ("strategy", "C-S2")]
    new_strategy = plan.nodes.add_new(top.id, Kind.STRATEGY)
    assert kinds_in_order(plan, top.id)[-1] == ("strategy", new_strategy.code)
    action = plan.nodes.add_new(s1.id, Kind.ACTION)
    measure = plan.nodes.add_new(s1.id, Kind.MEASURE)                  # measures before actions
    assert kinds_in_order(plan, s1.id) == [("measure", "C-S1-M1"), ("measure", measure.code),
                                           ("action", action.code)]
    plan.nodes.delete(goal.id)
    plan.nodes.delete(new_goal.id)
    first = plan.nodes.add_new(top.id, Kind.GOAL)                      # no goal left: before the strategies
    assert kinds_in_order(plan, top.id)[0] == ("goal", first.code)
    at = plan.nodes.add_new(top.id, Kind.GOAL, index=3)                # a place asked for is kept
    assert kinds_in_order(plan, top.id)[3] == ("goal", at.code)


def test_a_new_top_objective_goes_last(plan, small):
    top = small[0]
    second = plan.nodes.add_new(None, Kind.OBJECTIVE, title="第二")
    assert [n.id for n in plan.nodes.children(None)] == [top.id, second.id]
    assert (second.owner, second.org_unit) == ("", "")
