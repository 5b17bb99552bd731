"""Cut, Copy and Paste of nodes in the tree (with their subtree, one undoable step each), refused where
the grammar does not allow it: Copy and Paste make a copy placed like a new node, Cut and Paste move the
node itself (its id, code and numbers kept); text fields keep their own Ctrl+C; Select all in a list."""

import threading

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QStyleOptionViewItem

from ogsm_desktop.core import copy_paste
from ogsm_desktop.core.storage import Plan
from ogsm_desktop.gui.controllers import clipboard
from ogsm_desktop.gui.controllers.clipboard import NODES_MIME
from tests.gui.helpers import node_id, select, type_into, visible_codes

CTRL = Qt.KeyboardModifier.ControlModifier


def press(qtbot, window, key, modifier=CTRL):
    window.tree_view.setFocus()
    qtbot.keyClick(window.tree_view, key, modifier)


def shown_cut(window, code):
    """The node's title is drawn greyed in the tree, as a cut item is."""
    index = window.proxy.mapFromSource(window.session.model.index_of(node_id(window, code)))
    option = QStyleOptionViewItem()
    window.title_editor.initStyleOption(option, index)
    return option.palette.color(QPalette.ColorRole.Text) == window.tree_view.palette().color(
        QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)


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
    assert "in an OGSM plan it goes under: objective" in warning
    assert len(window.session.model.tree.nodes) == count and window.session.stack.count() == 0
    select(window, "D2")                                            # under an objective it goes
    press(qtbot, window, Qt.Key.Key_V)
    assert window.current_node().code == "D2-G4"


def test_cut_and_paste_moves_the_node_with_its_id_code_and_numbers_in_one_undoable_step(window, qtbot, messages,
                                                                                       demo_path):
    moved = node_id(window, "C-S1-M1")
    values = [(a.period, a.actual) for a in window.session.plan.actuals.of(moved)]
    assert values                                                  # a measure with months of actuals
    select(window, "C-S1-M1")
    press(qtbot, window, Qt.Key.Key_X)
    assert not messages.texts("question")                          # a move keeps the numbers: nothing to ask
    assert "C-S1-M1" in visible_codes(window) and window.session.stack.count() == 0     # nothing deleted
    assert window.statusBar().currentMessage() == ("Cut C-S1-M1 “线上试驾转化率”: select where it goes and paste "
                                                   "(Esc cancels)")
    assert shown_cut(window, "C-S1-M1") and not shown_cut(window, "C-S1-M2")
    last_batch = window.session.plan.journal.last_batch_id()
    select(window, "C-S2")
    press(qtbot, window, Qt.Key.Key_V)
    node = window.current_node()
    assert (node.id, node.code, node.parent_id) == (moved, "C-S1-M1", node_id(window, "C-S2"))
    codes = visible_codes(window)
    assert codes.index("C-S2-M3") + 1 == codes.index("C-S1-M1") == codes.index("C-S2-A1") - 1   # with the measures
    assert window.statusBar().currentMessage() == "Moved C-S1-M1 “线上试驾转化率” to C-S2"
    assert not shown_cut(window, "C-S1-M1")
    assert not window.action("paste").isEnabled()                 # pasted once, as a cut is
    with Plan.open(demo_path, readonly=True) as plan:              # the file: the same node, under C-S2, its numbers
        stored = plan.nodes.by_code("C-S1-M1")
        assert (stored.id, stored.parent_id) == (moved, node_id(window, "C-S2"))
        assert [(a.period, a.actual) for a in plan.actuals.of(moved)] == values
        batches = [b for b in plan.journal.batches_page(None, 10) if b.id > last_batch]
        assert len(batches) == 1
        assert {r.action for r in plan.journal.batch_rows(batches[0].id)} == {"move"}
    assert window.session.stack.count() == 1 and window.undo_action.text() == "&Undo Cut and paste C-S1-M1"
    window.undo_action.trigger()                                   # back where it was, in one step
    codes = visible_codes(window)
    assert codes.index("C-S1") < codes.index("C-S1-M1") < codes.index("C-S1-M2")
    assert window.session.model.tree.nodes[moved].parent_id == node_id(window, "C-S1")


def test_escape_or_a_new_copy_cancels_the_cut(window, qtbot):
    select(window, "C-S1-A2")
    press(qtbot, window, Qt.Key.Key_X)
    assert shown_cut(window, "C-S1-A2")
    press(qtbot, window, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
    assert window.statusBar().currentMessage() == "Cut cancelled"
    assert not shown_cut(window, "C-S1-A2") and not window.action("paste").isEnabled()
    press(qtbot, window, Qt.Key.Key_X)                             # cut again, then copy another node
    select(window, "C-S2-A1")
    press(qtbot, window, Qt.Key.Key_C)
    assert not shown_cut(window, "C-S1-A2")
    select(window, "C-S3")
    press(qtbot, window, Qt.Key.Key_V)
    assert window.current_node().code == "C-S3-A1"                 # a copy of C-S2-A1
    assert window.session.model.tree.nodes[node_id(window, "C-S1-A2")].parent_id == node_id(window, "C-S1")


def test_a_cut_node_goes_only_where_the_grammar_allows_it(window, qtbot, messages):
    select(window, "C-S1-A2")
    press(qtbot, window, Qt.Key.Key_X)
    select(window, "C")                                            # an action never goes under an objective
    press(qtbot, window, Qt.Key.Key_V)
    warning = messages.texts("warning")[-1]
    assert warning.startswith("The cut action “上线“定制共创”平台，开放用户投票” cannot be pasted into C “成为新能源")
    assert "in an OGSM plan it goes under: strategy" in warning               # (not "a action")
    select(window, "D1")                                           # an objective cut, pasted into its own subtree
    press(qtbot, window, Qt.Key.Key_X)
    select(window, "P1-S1")
    press(qtbot, window, Qt.Key.Key_V)
    assert messages.texts("warning")[-1] == ("The cut objective “让用户需求直接定义定制车型” cannot be pasted into "
                                             "P1-S1 “按城市分层投放问卷，覆盖三四线城市”: it is inside what was "
                                             "cut.\n\nSelect a place outside it and paste again.")
    assert window.session.stack.count() == 0
    assert window.session.model.tree.nodes[node_id(window, "D1")].parent_id == node_id(window, "C-S1")
    select(window, "C-S2")                                         # refused, the cut still holds
    press(qtbot, window, Qt.Key.Key_V)
    assert window.current_node().code == "D1" and window.session.stack.count() == 1


def test_a_cut_pasted_into_another_plan_is_a_copy_and_the_window_says_so(window, qtbot, demo_path, tmp_path):
    other = tmp_path / "other.ogsm"
    other.write_bytes(demo_path.read_bytes())
    select(window, "C-S1-A2")
    press(qtbot, window, Qt.Key.Key_X)
    assert window.open_plan(other)
    window.tree_view.expandAll()
    select(window, "C-S2")
    press(qtbot, window, Qt.Key.Key_V)
    assert window.current_node().code == "C-S2-A4"
    assert window.statusBar().currentMessage() == ("C-S1-A2 was cut in another plan, which keeps it: pasted a copy "
                                                   "of it as C-S2-A4")
    with Plan.open(demo_path, readonly=True) as plan:
        assert plan.nodes.by_code("C-S1-A2").parent_id == plan.nodes.by_code("C-S1").id


def test_a_cut_node_deleted_before_the_paste_is_pasted_as_a_copy(window, qtbot, messages):
    select(window, "C-S1-A2")
    press(qtbot, window, Qt.Key.Key_X)
    press(qtbot, window, Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier)
    assert "C-S1-A2" not in visible_codes(window)
    select(window, "C-S2")
    press(qtbot, window, Qt.Key.Key_V)
    assert window.current_node().code == "C-S2-A4"
    assert window.current_node().title == "上线“定制共创”平台，开放用户投票"
    assert window.statusBar().currentMessage() == ("C-S1-A2 was deleted after it was cut: pasted a copy of it as "
                                                   "C-S2-A4")


def test_a_pasted_copy_goes_after_the_last_sibling_of_its_kind(window, qtbot):
    select(window, "C-S1-M2")
    press(qtbot, window, Qt.Key.Key_C)
    select(window, "C-S2")
    press(qtbot, window, Qt.Key.Key_V)
    assert window.current_node().code == "C-S2-M4"
    codes = visible_codes(window)
    assert codes.index("C-S2-M3") + 1 == codes.index("C-S2-M4") == codes.index("C-S2-A1") - 1


def test_a_code_holding_a_placeholder_is_shown_as_it_is(window, qtbot):
    select(window, "C-S1-A2")
    type_into(qtbot, window.detail.widgets["code"], "S%2X")
    assert window.current_node().code == "S%2X"
    press(qtbot, window, Qt.Key.Key_C)
    assert window.statusBar().currentMessage() == "Copied S%2X “上线“定制共创”平台，开放用户投票”"
    select(window, "C-S2")
    press(qtbot, window, Qt.Key.Key_V)
    assert window.statusBar().currentMessage() == "Pasted a copy of S%2X as C-S2-A4"


def test_a_big_paste_runs_once_off_the_window_thread_as_one_undoable_step(window, qtbot, monkeypatch):
    """Above the threshold (500 nodes; 5 here, so the model checks stay quick) the paste is written once,
    on a worker thread behind a progress dialog, while the window goes on; no trial run first."""
    monkeypatch.setattr(clipboard, "BIG_PASTE", 5)
    plan = window.session.plan
    with plan.batch("edit", "a big strategy") as changes:
        big = plan.nodes.add(node_id(window, "C"), "strategy", code="BIG", title="Big strategy")
        for i in range(3):
            objective = plan.nodes.add(big.id, "objective", code=f"BIG-O{i}", title=f"Unit {i}")
            plan.nodes.add(objective.id, "goal", code=f"BIG-O{i}-G", title="A goal")
    window.session.take(changes)
    copied = 1 + len(window.session.model.tree.descendants(big.id))
    select(window, "BIG")
    press(qtbot, window, Qt.Key.Key_C)
    select(window, "D1")
    count = len(window.session.model.tree.nodes)
    runs = []
    real_paste = copy_paste.paste
    monkeypatch.setattr(copy_paste, "paste", lambda *a, **k: runs.append(threading.current_thread()) or
                        real_paste(*a, **k))
    press(qtbot, window, Qt.Key.Key_V)
    assert len(runs) == 1 and runs[0] is not threading.main_thread()    # once, and not on the window's thread
    pasted = window.current_node()
    assert pasted.code == "D1-S4" and pasted.parent_id == node_id(window, "D1")
    assert len(window.session.model.tree.nodes) == count + copied
    assert window.statusBar().currentMessage() == f"Pasted a copy of BIG as D1-S4, with {copied - 1} node(s) below it"
    assert window.session.stack.count() == 1 and window.undo_action.text() == "&Undo Paste a copy of BIG"
    window.undo_action.trigger()
    assert len(window.session.model.tree.nodes) == count and window.current_node().code == "D1"
    window.redo_action.trigger()
    assert len(window.session.model.tree.nodes) == count + copied and window.current_node().code == "D1-S4"


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


def test_a_copy_of_a_measure_with_numbers_says_its_numbers_stay_behind(window, qtbot, demo_path):
    """Found by the window's tester: C-S1-M2 copied under C-S1 became C-S1-M3 without its ten monthly targets, and
    the status bar said only "Pasted a copy of C-S1-M2 as C-S1-M3"."""
    window.select_node(node_id(window, "C-S1-M2"))
    window.tree_view.setFocus()
    window.action("copy").trigger()
    window.select_node(node_id(window, "C-S1"))
    window.tree_view.setFocus()
    window.action("paste").trigger()
    qtbot.wait(100)
    assert window.statusBar().currentMessage() == ("Pasted a copy of C-S1-M2 as C-S1-M3 — without its numbers: "
                                                   "actuals and period targets stay with C-S1-M2")
