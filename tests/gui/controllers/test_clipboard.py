"""Cut, Copy and Paste of nodes in the tree (with their subtree, one undoable step each), refused where
the grammar does not allow it; text fields keep their own Ctrl+C; Select all in a list."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from ogsm_desktop.gui.controllers.clipboard import NODES_MIME
from tests.gui.helpers import node_id, select, visible_codes

CTRL = Qt.KeyboardModifier.ControlModifier


def press(qtbot, window, key, modifier=CTRL):
    window.tree_view.setFocus()
    qtbot.keyClick(window.tree_view, key, modifier)


def test_copy_puts_the_subtree_on_the_clipboard_with_an_outline_for_other_programs(window, qtbot):
    select(window, "P1")
    press(qtbot, window, Qt.Key.Key_C)
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasFormat(NODES_MIME)
    assert mime.text().splitlines()[:3] == ["P1  高质量完成用户需求调研", "  P1-G1  每月回收有效问卷1万份",
                                            "  P1-S1  按城市分层投放问卷，覆盖三四线城市"]
    assert window.statusBar().currentMessage() == "Copied P1 “高质量完成用户需求调研” and the 4 node(s) below it"
    assert window.session.stack.count() == 0                       # copying changes nothing


def test_paste_inserts_a_copy_under_the_selected_node_and_undo_takes_it_away_in_one_step(window, qtbot):
    select(window, "C-S3")
    press(qtbot, window, Qt.Key.Key_C)
    select(window, "D1")
    count = len(window.session.model.tree.nodes)
    press(qtbot, window, Qt.Key.Key_V)
    pasted = window.current_node()
    assert (pasted.code, pasted.title) == ("D1-S4", "线上线下一体化营销，打造“年轻人的第一辆换电车”")
    assert pasted.parent_id == node_id(window, "D1")
    codes = visible_codes(window)
    assert codes.index("D1-S4") < codes.index("D1-S4-M1") < codes.index("D1-S4-M2")     # in the tree, below D1
    added = len(window.session.model.tree.nodes) - count
    assert added == 1 + len(window.session.model.tree.descendants(node_id(window, "C-S3")))
    assert window.undo_action.text() == "&Undo Paste a copy of C-S3"
    assert window.session.stack.count() == 1
    window.undo_action.trigger()                                   # the whole copy goes, in one step
    assert "D1-S4" not in visible_codes(window) and len(window.session.model.tree.nodes) == count
    assert window.current_node().code == "D1"
    window.redo_action.trigger()
    assert window.current_node().code == "D1-S4" and "D1-S4-M2" in visible_codes(window)


def test_paste_where_the_grammar_does_not_allow_it_is_refused_with_a_message(window, qtbot, messages):
    select(window, "C-G1")
    press(qtbot, window, Qt.Key.Key_C)
    select(window, "C-S1")                                          # a goal never goes under a strategy
    count = len(window.session.model.tree.nodes)
    press(qtbot, window, Qt.Key.Key_V)
    warning = messages.texts("warning")[0]
    assert "The copied goal “2026年通过京东平台完成10万辆新能源车销售” cannot be pasted into C-S1" in warning
    assert "a goal goes under: objective" in warning
    assert len(window.session.model.tree.nodes) == count and window.session.stack.count() == 0
    select(window, "D2")                                            # under an objective it goes
    press(qtbot, window, Qt.Key.Key_V)
    assert window.current_node().code == "D2-G4"


def test_cut_removes_the_node_and_paste_puts_a_copy_elsewhere_each_undoable(window, qtbot, messages):
    select(window, "C-S1-A2")
    press(qtbot, window, Qt.Key.Key_X)
    assert "C-S1-A2" not in visible_codes(window)
    assert not messages.texts("question")                          # no numbers below it: nothing to ask
    assert QGuiApplication.clipboard().mimeData().text().startswith("C-S1-A2  上线“定制共创”平台")
    select(window, "C-S2")
    press(qtbot, window, Qt.Key.Key_V)
    assert window.current_node().code == "C-S2-A4" and window.current_node().title == "上线“定制共创”平台，开放用户投票"
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert "C-S1-A2" in visible_codes(window) and "C-S2-A4" not in visible_codes(window)


def test_cutting_measures_with_numbers_asks_first(window, qtbot, messages):
    messages.answer = QMessageBox.StandardButton.No
    select(window, "C-S1-M1")
    press(qtbot, window, Qt.Key.Key_X)
    assert "actual value(s)" in messages.texts("question")[0] and "drag it" in messages.texts("question")[0]
    assert "C-S1-M1" in visible_codes(window) and window.session.stack.count() == 0


def test_text_fields_keep_their_own_copy_and_paste(window, qtbot):
    QGuiApplication.clipboard().setText("")
    select(window, "C-S1")
    title = window.detail.widgets["title"]
    title.setFocus()
    title.selectAll()
    qtbot.keyClick(title, Qt.Key.Key_C, CTRL)
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.text() == "联合车企推出定制车型" and not mime.hasFormat(NODES_MIME)
    owner = window.detail.widgets["owner"]
    owner.setFocus()
    owner.selectAll()
    window.action("paste").trigger()                               # Edit → Paste goes to the field with the focus
    assert owner.text() == "联合车企推出定制车型"
    assert window.session.stack.count() == 0


def test_select_all_selects_every_row_of_the_list_with_the_focus(window, qtbot):
    window.history_dock.raise_()
    view = window.history.view
    view.setFocus()
    qtbot.waitUntil(lambda: view.model().rowCount() > 1)
    assert window.action("selectAll").isEnabled()
    window.action("selectAll").trigger()
    assert len(view.selectionModel().selectedRows()) == view.model().rowCount()
    window.tree_view.setFocus()                                    # one node at a time in the tree
    assert not window.action("selectAll").isEnabled()
