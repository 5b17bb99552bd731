"""The editor, driven as a planner drives it: select, add, type, undo, cascade, drag, versions."""

import sqlite3

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialogButtonBox

from ogsm_desktop.core.store import Plan
from ogsm_desktop.gui.main_window import MainWindow
from ogsm_desktop.gui.plan_model import COLUMNS, NODE_ID_ROLE
from tests.gui.conftest import answer_dialog


def node_id(window, code):
    return next(n.id for n in window.session.model.tree.nodes.values() if n.code == code)


def select(window, code):
    window.select_node(node_id(window, code))
    assert window._current_node().code == code


def visible_codes(window, parent=None):
    parent = parent if parent is not None else QModelIndex()
    view_model = window.tree_view.model()
    out = []
    for row in range(view_model.rowCount(parent)):
        index = view_model.index(row, 0, parent)
        out.append(view_model.index(row, COLUMNS.index("code"), parent).data())
        out += visible_codes(window, index)
    return out


def type_into(qtbot, widget, text):
    """Type into a line edit and press Enter. Chinese comes through an input method, which QTest
    cannot play, so non-ASCII text is inserted as an input method commits it."""
    widget.setFocus()
    widget.selectAll()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        widget.insert(text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def batches(path):
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT kind, reason FROM batches ORDER BY id").fetchall()
    conn.close()
    return rows


def test_add_type_undo_redo(window, qtbot, demo_path):
    select(window, "C-S1")
    window.add_child_action.trigger()
    new = window._current_node()
    assert new.kind == "measure" and new.code == "C-S1-M3" and new.title == "New measure"
    type_into(qtbot, window.detail.widgets["title"], "试驾满意度")
    type_into(qtbot, window.detail.widgets["target"], "４,５00")         # full-width digits and a separator
    model = window.session.model
    assert model.index_of(new.id).data() == "试驾满意度"
    assert model.tree.nodes[new.id].target == 4500.0
    window.undo_action.trigger()                                            # target
    window.undo_action.trigger()                                            # title
    assert model.index_of(new.id).data() == "New measure"
    window.undo_action.trigger()                                            # the node itself
    assert new.id not in model.tree.nodes
    for _ in range(3):
        window.redo_action.trigger()
    assert model.index_of(new.id).data() == "试驾满意度" and model.tree.nodes[new.id].code == "C-S1-M3"
    assert [k for k, _ in batches(demo_path)[-9:]] == ["edit"] * 3 + ["undo"] * 3 + ["redo"] * 3
    with Plan.open(demo_path, readonly=True) as plan:
        assert plan.node(new.id).title == "试驾满意度"


def test_edit_carries_the_reason(window, qtbot, demo_path):
    type_into(qtbot, window.reason_field, "季度复盘：目标上调")
    select(window, "C-G1")
    type_into(qtbot, window.detail.widgets["target"], "120000")
    assert batches(demo_path)[-1] == ("edit", "季度复盘：目标上调")


def test_a_refused_value_is_explained_and_the_stored_value_shown(window, qtbot, messages):
    select(window, "C-S1-M1")
    type_into(qtbot, window.detail.widgets["code"], "C-S1-M2")
    assert any("already used by 试驾预约量" in t for t in messages.texts("warning"))
    assert window.detail.widgets["code"].text() == "C-S1-M1"
    type_into(qtbot, window.detail.widgets["target"], "lots")
    assert any("must be a number" in t for t in messages.texts("warning"))


def test_delete_lists_what_goes_with_it_and_undo_brings_it_back(window, messages):
    select(window, "D1")
    window.delete_action.trigger()
    question = messages.texts("question")[0]
    assert "让用户需求直接定义定制车型" in question and "D1-G1" in question and "P1" in question
    assert "D1" not in visible_codes(window)
    window.undo_action.trigger()
    assert {"D1", "D1-S1", "P1", "P1-S1-M1"} <= set(visible_codes(window))
    assert window._current_node().code == "D1"                              # undo restores the selection


def test_move_indent_outdent_refused_with_reason(window, messages):
    select(window, "C-S3")
    window.up_action.trigger()
    top = window.session.model.tree.children[node_id(window, "C")]
    assert [window.session.model.tree.nodes[i].code for i in top][-2:] == ["C-S3", "C-S2"]
    select(window, "C-G2")
    window.indent_action.trigger()                                          # under the goal above: refused
    assert any("a goal holds nothing below it" in t for t in messages.texts("warning"))
    select(window, "D1-S1-M1")
    window.outdent_action.trigger()                                         # a measure under an objective
    assert any("a measure cannot sit under a objective" in t for t in messages.texts("warning"))


def test_drag_and_drop_moves_and_refuses(window, messages):
    model = window.session.model
    d2 = model.index_of(node_id(window, "D2"))
    s1 = model.index_of(node_id(window, "C-S1"))
    assert not model.dropMimeData(model.mimeData([d2]), Qt.DropAction.MoveAction, -1, 0, s1)
    assert model.tree.nodes[node_id(window, "D2")].parent_id == node_id(window, "C-S1")
    measure = model.index_of(node_id(window, "C-S1-M1"))
    goal = model.index_of(node_id(window, "C-G1"))
    model.dropMimeData(model.mimeData([measure]), Qt.DropAction.MoveAction, -1, 0, goal)
    assert any("a goal holds nothing below it" in t for t in messages.texts("warning"))
    assert model.tree.nodes[node_id(window, "C-S1-M1")].parent_id == node_id(window, "C-S1")
    d1 = model.index_of(node_id(window, "D1"))
    model.dropMimeData(model.mimeData([s1]), Qt.DropAction.MoveAction, -1, 0, d1)
    assert any("cannot move into its own subtree" in t for t in messages.texts("warning"))


def test_cascade_to_a_lower_unit(window):
    select(window, "C-S2")

    def fill(dialog):
        dialog.org_unit.setCurrentText("服务网络团队")
        dialog.owner.setText("吴芳")
        dialog.accept()

    answer_dialog(fill)
    window.cascade_action.trigger()
    objective = window._current_node()
    assert objective.kind == "objective" and objective.org_unit == "服务网络团队" and objective.code == "D3"
    kids = [window.session.model.tree.nodes[i] for i in window.session.model.tree.children[objective.id]]
    assert [k.kind for k in kids].count("goal") == 3 and [k.kind for k in kids].count("strategy") == 3
    assert "服务网络团队" in window.onepage.toPlainText()
    window.undo_action.trigger()
    assert objective.id not in window.session.model.tree.nodes


def test_find_and_filter_keep_ancestors(window, qtbot):
    window.filter_bar.find.insert("问卷")
    qtbot.waitUntil(lambda: window.proxy.active)
    codes = visible_codes(window)
    assert {"D1-S1-M1", "P1-G1", "P1-S1-A1"} <= set(codes)
    assert {"C", "C-S1", "D1"} <= set(codes)                       # ancestors stay to show the place
    assert "C-S2" not in codes and "C-G1" not in codes
    window.filter_bar.find.clear()
    window.filter_bar.status.setCurrentIndex(window.filter_bar.status.findData("off_track"))
    assert set(visible_codes(window)) <= {n.code for n in window.session.model.tree.nodes.values()}


def test_save_version_compare_restore(window, qtbot, demo_path):
    select(window, "C-S3-M2")
    type_into(qtbot, window.detail.widgets["target"], "750")

    def save(dialog):
        assert "C-S3-M2" in dialog.summary.text() or dialog.diff.topLevelItemCount() >= 1
        button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        assert not button.isEnabled()                                       # the reason is required
        dialog.name.setText("Q4 复盘")
        dialog.reason.setPlainText("获客成本目标下调")
        assert button.isEnabled()
        button.click()

    answer_dialog(save)
    window.save_version_action.trigger()
    with Plan.open(demo_path, readonly=True) as plan:
        assert [v.name for v in plan.versions()][-1] == "Q4 复盘"

    seen = {}

    def compare(dialog):
        dialog.combo_a.setCurrentIndex(dialog.combo_a.findData("2026年度计划"))
        dialog.combo_b.setCurrentIndex(dialog.combo_b.findData("Q4 复盘"))
        items = [dialog.diff.topLevelItem(i) for i in range(dialog.diff.topLevelItemCount())]
        seen["rows"] = {(it.text(0), it.text(1)) for it in items}
        seen["summary"] = dialog.summary.text()
        m2 = next(it for it in items if it.text(1) == "C-S2-M2")
        seen["m2"] = (m2.child(0).text(3), m2.child(0).text(4), m2.child(0).text(5), m2.text(6))
        dialog.reject()

    answer_dialog(compare)
    window.compare_action.trigger()
    assert {("added", "C-S2-M3"), ("changed", "C-S3-M2")} <= seen["rows"]
    assert seen["m2"] == ("target", "400", "200", "rolls up into C-S2 → C")
    assert seen["summary"].startswith("2 added, 0 removed, 0 moved, 4 changed")

    def restore(dialog):
        dialog.version.setCurrentIndex(dialog.version.findData("2026年度计划"))
        dialog.reason.setText("回到年初计划")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    answer_dialog(restore)
    window.restore_action.trigger()
    assert "C-S2-M3" not in visible_codes(window)
    assert batches(demo_path)[-1] == ("restore", "回到年初计划 (restored version '2026年度计划')")
    window.undo_action.trigger()
    assert "C-S2-M3" in visible_codes(window)


def test_history_panel_lists_plan_and_node_changes(window, qtbot):
    select(window, "C-S2-M2")
    window.history.only_node.setChecked(True)
    rows = window.history.model.rows
    assert any(r[3] == "target" and r[4] == "400" and r[5] == "200" and "换电站建设进度滞后" in r[6] for r in rows)
    assert any(r[3] == "actual 2026-10" for r in rows)
    window.history.only_node.setChecked(False)
    kinds = [r[2] for r in window.history.model.rows]
    assert kinds[:3] == ["import", "version", "edit"]


def test_one_page_view_follows_the_selection(window):
    select(window, "D1-S1-M1")
    text = window.onepage.toPlainText()
    assert "让用户需求直接定义定制车型" in text and "在京东APP上线定制共创问卷与投票" in text
    assert "成为新能源汽车消费的第一入口" not in text
    select(window, "C-G1")
    assert "成为新能源汽车消费的第一入口" in window.onepage.toPlainText()


def test_method_warnings_show_on_their_nodes(window, qtbot):
    model = window.session.model
    assert [w.rule for w in model.warnings(node_id(window, "P1"))] == ["goals-count", "strategies-count"]
    assert model.warnings(node_id(window, "D1")) == []
    tip = model.index_of(node_id(window, "P1")).data(Qt.ItemDataRole.ToolTipRole)
    assert "the method advises 3–5" in tip
    assert model.index_of(node_id(window, "P1"), COLUMNS.index("code")).data(Qt.ItemDataRole.DecorationRole)


def test_reopen_finds_everything(window, qtbot, settings, demo_path):
    select(window, "C")
    type_into(qtbot, window.detail.widgets["title"], "成为新能源汽车消费的首选入口")
    window.close()
    again = MainWindow(settings)
    qtbot.addWidget(again)
    assert again.open_plan(demo_path)
    index = again.session.model.index(0, 0)
    assert index.data() == "成为新能源汽车消费的首选入口" and index.data(NODE_ID_ROLE)
    again.close()


def test_a_plan_open_in_another_window_is_refused(window, qtbot, settings, demo_path, messages):
    other = MainWindow(settings)
    qtbot.addWidget(other)
    assert not other.open_plan(demo_path)
    assert "already open for editing elsewhere" in messages.texts("critical")[0]
    assert other.session is None


def test_a_deleted_plan_file_is_noticed_and_can_be_saved_elsewhere(window, qtbot, demo_path, messages, tmp_path,
                                                                    monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    select(window, "C-S1")
    demo_path.unlink()
    messages.answer = QMessageBox.StandardButton.Save
    rescued = tmp_path / "rescued.ogsm"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(rescued), ""))
    type_into(qtbot, window.detail.widgets["title"], "改过的策略")
    assert "deleted or replaced while open" in messages.texts("warning")[0]
    assert window.session.plan.path == rescued
    select(window, "C-S1")
    assert window.detail.widgets["title"].text() == "联合车企推出定制车型"     # the refused edit was not made
    type_into(qtbot, window.detail.widgets["title"], "改过的策略")
    with Plan.open(rescued, readonly=True) as plan:
        assert plan.node_by_code("C-S1").title == "改过的策略"
