"""The numbers table, as a cold reviewer probed the changes of stop 15 (each failed on the code it reviewed):
where a paste lands after a write, with cells picked with Ctrl, on a computed column; a copy from another
measure; a dash refused; the selection not carried to another measure; the unit question."""
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from tests.gui.helpers import node_id, select, type_into
from tests.gui.panels.test_numbers_panel import _click, _keys, _paste, cell, go, type_cell, values


def test_a_block_pasted_after_a_write_starts_at_the_top_of_the_selection_kept(window, qtbot, demo_path):
    """Shift-select Apr..Jun actual, paste 9 (fills three). Then paste 1/2/3 onto the same (still shown) selection."""
    window.select_node(node_id(window, "C-S1-M2"))
    before = values(demo_path, "C-S1-M2")
    window.numbers.view.setFocus()
    _click(qtbot, window, "2026-04", "actual")
    _click(qtbot, window, "2026-06", "actual", Qt.KeyboardModifier.ShiftModifier)
    _paste(qtbot, window, "9\r\n")
    got = values(demo_path, "C-S1-M2")
    assert [got[p][0] for p in ("2026-04", "2026-05", "2026-06")] == [9.0, 9.0, 9.0]
    _paste(qtbot, window, "1\r\n2\r\n3\r\n")
    got = values(demo_path, "C-S1-M2")
    assert got.get("2026-07") == before.get("2026-07") and got.get("2026-08") == before.get("2026-08")
    assert [got[p][0] for p in ("2026-04", "2026-05", "2026-06")] == [1.0, 2.0, 3.0]


def test_one_value_pasted_after_a_write_fills_the_selection_kept(window, qtbot, demo_path):
    window.select_node(node_id(window, "C-S1-M2"))
    window.numbers.view.setFocus()
    _click(qtbot, window, "2026-04", "actual")
    _click(qtbot, window, "2026-06", "actual", Qt.KeyboardModifier.ShiftModifier)
    _paste(qtbot, window, "9\r\n")
    _paste(qtbot, window, "5\r\n")                           # a second value onto the same selection
    got = values(demo_path, "C-S1-M2")
    assert [got[p][0] for p in ("2026-04", "2026-05", "2026-06")] == [5.0, 5.0, 5.0]


def test_a_block_pasted_onto_cells_picked_with_ctrl_starts_at_their_top(window, qtbot, demo_path):
    window.select_node(node_id(window, "C-S1-M2"))
    before = values(demo_path, "C-S1-M2")
    window.numbers.view.setFocus()
    _click(qtbot, window, "2026-04", "actual")
    _click(qtbot, window, "2026-05", "actual", Qt.KeyboardModifier.ControlModifier)
    _click(qtbot, window, "2026-06", "actual", Qt.KeyboardModifier.ControlModifier)
    _paste(qtbot, window, "1\r\n2\r\n3\r\n")
    got = values(demo_path, "C-S1-M2")
    assert got.get("2026-07") == before.get("2026-07") and got.get("2026-08") == before.get("2026-08")


def test_one_value_pasted_onto_a_status_cell_is_refused_not_moved_into_the_comment(window, qtbot, demo_path, messages):
    window.select_node(node_id(window, "C-S1-M2"))
    before = values(demo_path, "C-S1-M2")
    window.numbers.view.setFocus()
    _click(qtbot, window, "2026-10", "status")
    _paste(qtbot, window, "22000\r\n")
    got = values(demo_path, "C-S1-M2")
    assert got["2026-10"] == before["2026-10"]


def test_a_value_copied_from_another_measure_or_column_does_not_follow_the_target(window, qtbot, demo_path):
    """An 8 copied from M2's actual column, pasted into M1's November target (M1's measure target 8)."""
    window.select_node(node_id(window, "C-S1-M2"))
    type_cell(qtbot, window, "2026-12", "actual", "8")
    go(window.numbers.view, cell(window, "2026-12", "actual"))
    window.numbers.copy()
    assert QGuiApplication.clipboard().text() == "8"
    window.select_node(node_id(window, "C-S1-M1"))
    go(window.numbers.view, cell(window, "2026-11", "target"))
    window.numbers.paste()
    assert values(demo_path, "C-S1-M1").get("2026-11", (None, None, ""))[1] == 8.0


def test_a_dash_refused_names_the_measure(window, qtbot, demo_path, messages):
    window.select_node(node_id(window, "C-S3-M2"))
    window.numbers.view.setFocus()
    _click(qtbot, window, "2026-10", "actual")
    _keys(qtbot, "-")
    tree = window.tree_view
    index = window.proxy.mapFromSource(window.session.model.index_of(node_id(window, "C-S1-M2"), 0))
    tree.scrollTo(index)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center())
    qtbot.wait(100)
    assert any("C-S3-M2" in t and "dash" in t for t in messages.texts()), messages.texts()


def test_a_dash_refused_shows_the_number_there_as_written(window, qtbot, demo_path, messages):
    window.select_node(node_id(window, "C-S1-M2"))
    type_cell(qtbot, window, "2026-12", "actual", "1234567")
    window.numbers.view.setFocus()
    _click(qtbot, window, "2026-12", "actual")
    _paste(qtbot, window, " -   \r\n")
    assert any("1234567" in t or "1,234,567" in t for t in messages.texts()), messages.texts()


def test_the_selection_is_not_carried_to_another_measure(window, qtbot, demo_path):
    """Type in C-S3-M2, go to C-S1-M2, select Nov target, Ctrl+Z from the table (undoes C-S3-M2's change)."""
    window.select_node(node_id(window, "C-S1-M2"))
    window.numbers.view.setFocus()
    _click(qtbot, window, "2026-03", "target")
    window.select_node(node_id(window, "C-S3-M2"))
    sel = [(i.row(), i.column()) for i in window.numbers.view.selectionModel().selectedIndexes()]
    assert sel == []


def test_undo_showing_another_measure_carries_no_selection_to_it(window, qtbot, demo_path):
    window.select_node(node_id(window, "C-S3-M2"))
    type_cell(qtbot, window, "2026-10", "comment", "x")
    window.select_node(node_id(window, "C-S1-M2"))
    window.numbers.view.setFocus()
    _click(qtbot, window, "2026-10", "actual")
    before = values(demo_path, "C-S3-M2")
    qtbot.keyClick(window.numbers.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(100)
    from PySide6.QtWidgets import QApplication
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Delete)
    qtbot.wait(100)
    assert values(demo_path, "C-S3-M2").get("2026-10", (None,))[0] == before["2026-10"][0]


def test_changing_the_unit_of_a_measure_with_only_its_own_target_asks_too(window, qtbot, demo_path, messages):
    select(window, "C-S2-M3")
    plan = window.session.plan
    nid = node_id(window, "C-S2-M3")
    (period,) = plan.actuals.values(nid)
    assert window.numbers.write({period: {"actual": "", "target": "", "comment": ""}}, "t")
    assert plan.actuals.values(nid) == {}
    type_into(qtbot, window.detail.widgets["unit"], "万家")
    qtbot.wait(50)
    assert messages.texts("question"), "1000 家 target became 1000 万家 without a word"
