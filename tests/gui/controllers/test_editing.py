"""Editing the cascade: delete with what goes with it, move, indent, outdent, cascade."""

from tests.gui.conftest import answer_dialog
from tests.gui.helpers import node_id, select, visible_codes


def test_delete_lists_what_goes_with_it_and_undo_brings_it_back(window, messages):
    select(window, "D1")
    window.action("deleteNode").trigger()
    question = messages.texts("question")[0]
    assert "让用户需求直接定义定制车型" in question and "D1-G1" in question and "P1" in question
    assert "D1" not in visible_codes(window)
    window.undo_action.trigger()
    assert {"D1", "D1-S1", "P1", "P1-S1-M1"} <= set(visible_codes(window))
    assert window.current_node().code == "D1"                              # undo restores the selection


def test_delete_says_which_numbers_go_with_what_it_deletes(window, messages):
    """Found by a tester: the question always said "Their actual values are removed too" — for an action, which
    has none, and for one measure ("their"). It now says how many numbers go, and nothing of numbers when none."""
    from PySide6.QtWidgets import QMessageBox

    messages.answer = QMessageBox.StandardButton.No
    select(window, "C-S2-A1")
    window.action("deleteNode").trigger()
    select(window, "C-S1-M2")
    window.action("deleteNode").trigger()
    select(window, "D1")
    window.action("deleteNode").trigger()
    action, measure, unit = messages.texts("question")
    assert "numbers" not in action and action.endswith("You can undo this.")
    with_numbers = len(window.session.plan.actuals.values(node_id(window, "C-S1-M2")))
    assert f"The {with_numbers} numbers recorded for it are deleted too." in measure
    assert "node(s)" not in unit and "numbers recorded for them are deleted too." in unit


def test_a_move_past_the_first_or_last_place_says_why_nothing_moved(window):
    """Found by a tester: Move up on the first goal, Move down on the last strategy did nothing and said nothing
    (Indent at the top says why)."""
    select(window, "C-G1")
    window.action("moveUp").trigger()
    assert window.statusBar().currentMessage() == "C-G1 is the first under its parent already"
    select(window, "C-S3")
    window.action("moveDown").trigger()
    assert window.statusBar().currentMessage() == "C-S3 is the last under its parent already"


def test_move_indent_outdent_refused_with_reason(window, qtbot, messages):
    select(window, "C-S3")
    window.action("moveUp").trigger()
    top = window.session.model.tree.children[node_id(window, "C")]
    assert [window.session.model.tree.nodes[i].code for i in top][-2:] == ["C-S3", "C-S2"]
    select(window, "C-G2")
    window.action("indent").trigger()                                          # under the goal above: refused
    qtbot.waitUntil(lambda: any("a goal holds nothing below it" in t for t in messages.texts("warning")))
    select(window, "D1-S1-M1")
    window.action("outdent").trigger()                                         # a measure under an objective
    qtbot.waitUntil(lambda: any("a measure cannot sit under an objective" in t for t in messages.texts("warning")))


def test_cascade_to_a_lower_unit(window):
    select(window, "C-S2")

    def fill(dialog):
        dialog.org_unit.setCurrentText("服务网络团队")
        dialog.owner.setText("吴芳")
        dialog.accept()

    answer_dialog(fill)
    window.action("cascade").trigger()
    objective = window.current_node()
    assert objective.kind == "objective" and objective.org_unit == "服务网络团队" and objective.code == "D3"
    kids = [window.session.model.tree.nodes[i] for i in window.session.model.tree.children[objective.id]]
    assert [k.kind for k in kids].count("goal") == 3 and [k.kind for k in kids].count("strategy") == 3
    assert "服务网络团队" in window.onepage.toPlainText()
    window.undo_action.trigger()
    assert objective.id not in window.session.model.tree.nodes
