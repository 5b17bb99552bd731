"""Adding nodes in the window: a new node takes its parent's owner and org unit, a new goal goes with the
goals, and undo takes it away again."""

from tests.gui.helpers import node_id, select, visible_codes


def children_codes(window, code):
    tree = window.session.model.tree
    return [tree.nodes[i].code for i in tree.children[node_id(window, code)]]


def test_a_new_node_takes_its_parents_owner_and_org_unit(window, qtbot):
    select(window, "D1-S1")                                        # 陈静 · 用户洞察团队
    window.action("addChild").trigger()
    new = window.current_node()
    assert new.kind == "measure" and new.parent_id == node_id(window, "D1-S1")
    assert window.detail.widgets["owner"].text() == "陈静"
    assert window.detail.widgets["org_unit"].text() == "用户洞察团队"
    assert window.detail.widgets["title"].hasFocus()                 # ready for its title
    select(window, "C-S1-A2")                                        # a sibling: the parent is C-S1 (李娜)
    window.action("addSibling").trigger()
    sibling = window.current_node()
    assert (sibling.owner, sibling.org_unit) == ("李娜", "产品共创部")
    assert children_codes(window, "C-S1").index(sibling.code) == children_codes(window, "C-S1").index("C-S1-A2") + 1
    window.undo_action.trigger()
    assert sibling.id not in window.session.model.tree.nodes


def test_a_new_goal_goes_after_the_last_goal(window, qtbot):
    select(window, "C")
    assert children_codes(window, "C")[:4] == ["C-G1", "C-G2", "C-G3", "C-S1"]
    window.editing.fill_add_menu()                                 # Plan → Add, as the menu fills itself
    add_goal = next(a for a in window.add_menu.actions() if a.text() == "goal (child)")
    add_goal.trigger()
    goal = window.current_node()
    assert goal.kind == "goal" and (goal.owner, goal.org_unit) == ("王磊", "京东汽车")
    assert children_codes(window, "C")[:5] == ["C-G1", "C-G2", "C-G3", goal.code, "C-S1"]
    codes = visible_codes(window)                                  # and so the tree shows it
    assert codes.index(goal.code) == codes.index("C-G3") + 1
