"""Department plan files in the window: hand a unit out (File → Export department plan…), bring it back
(File → Merge department plan…: the preview, a choice per conflict, one undoable command), refused
files, and a department file opened: the banner, and the company's context locked."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog

from ogsm_desktop.core import departments
from ogsm_desktop.core.model import Kind
from ogsm_desktop.core.storage import Plan
from ogsm_desktop.gui.dialogs.merge_dialog import MergeDialog
from ogsm_desktop.gui.models.plan_model import COLUMNS, MIME_TYPE, STATUS_ROLE
from tests.gui.conftest import answer_dialog
from tests.gui.helpers import batches, node_id, select, type_into

CTRL = Qt.KeyboardModifier.ControlModifier
PLAN_NAME = "京东新能源汽车 OGSM 2026"


def save_to(monkeypatch, path, asked=None):
    def dialog(_parent, caption, start, _filter, *args, **kwargs):
        if asked is not None:
            asked.update(caption=caption, start=start)
        return str(path), ""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)


def open_from(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def export(window, monkeypatch, code, path):
    select(window, code)
    save_to(monkeypatch, path)
    window.action("exportDepartment").trigger()
    assert path.exists()


def company_state(path):
    """What a user would compare: every node's fields and every current actual value."""
    with Plan.open(path, readonly=True) as plan:
        tree = plan.nodes.tree()
        nodes = {n.code: (n.kind, n.title, n.owner, n.target, tree.nodes[n.parent_id].code if n.parent_id else None)
                 for n in tree.nodes.values()}
        values = {(tree.nodes[nid].code, a.period): (a.actual, a.target)
                  for nid in tree.nodes for a in plan.actuals.of(nid)}
    return nodes, values


def plan_bytes(path):
    return {p.name: p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists()}


# ----------------------------------------------------------------------------- export
def test_export_a_department_plan_from_the_window(window, monkeypatch, tmp_path, demo_path):
    window.settings.remember_folder(str(tmp_path / "earlier.xlsx"))         # the folder used last
    for code in ("C", "C-S1", "C-G1", "C-S1-M1"):
        select(window, code)
        assert not window.action("exportDepartment").isEnabled(), code
    select(window, "D1")
    assert window.action("exportDepartment").isEnabled()
    d1_part = {n.code for n in window.session.model.tree.descendants(node_id(window, "D1"))} | {"D1"}
    asked, out = {}, tmp_path / "d1.ogsm"
    save_to(monkeypatch, out, asked)
    window.action("exportDepartment").trigger()

    assert asked["start"] == str(tmp_path / f"{PLAN_NAME} - D1 用户洞察团队.ogsm")
    assert window.statusBar().currentMessage().startswith(
        f"Wrote the department plan of D1 to {out}: {len(d1_part)} node(s) to work on, the company's 2 above them")
    with Plan.open(out, readonly=True) as dept:
        origin = departments.origin_of(dept)
        tree = dept.nodes.tree()
        assert origin.unit_code == "D1" and origin.plan_name == PLAN_NAME
        assert {n.code for n in tree.nodes.values()} == d1_part | {"C", "C-S1"}
        assert {tree.nodes[i].code for i in dept.nodes.locked} == {"C", "C-S1"}
    # The company plan got its identity as one journaled batch, which the window took in (not undoable).
    assert batches(demo_path)[-1] == ("edit", "the plan's identity, for its department files")
    assert window.session.stack.count() == 0 and not window.undo_action.isEnabled()
    before = len(batches(demo_path))
    export(window, monkeypatch, "D2", tmp_path / "d2.ogsm")                  # a second one: nothing new here
    assert len(batches(demo_path)) == before


def test_an_export_that_cannot_be_written_says_why_and_changes_nothing(window, monkeypatch, tmp_path, demo_path,
                                                                       messages):
    before = batches(demo_path)
    select(window, "D1")
    save_to(monkeypatch, tmp_path / "no such folder" / "d1.ogsm")
    window.action("exportDepartment").trigger()
    assert "the folder does not exist" in messages.texts("warning")[-1]
    assert batches(demo_path) == before                                   # not even the identity
    save_to(monkeypatch, demo_path)                                       # the plan open in the window
    window.action("exportDepartment").trigger()
    assert "is the plan open in this window" in messages.texts("warning")[-1]
    assert batches(demo_path) == before


# ----------------------------------------------------------------------------- merge
def _prepare_round(window, qtbot, monkeypatch, tmp_path):
    """D1 handed out; the department edits three goals, enters a number and adds a measure; meanwhile the
    company edits the same field as the department in two of those goals: two conflicts."""
    d1 = tmp_path / "d1.ogsm"
    export(window, monkeypatch, "D1", d1)
    with Plan.open(d1) as dept:
        g1, g2, g3 = (dept.nodes.by_code(c) for c in ("D1-G1", "D1-G2", "D1-G3"))
        dept.nodes.update(g1.id, title="部门的标题")
        dept.nodes.update(g2.id, title="部门改的目标")
        dept.nodes.update(g3.id, owner="部门指定")
        dept.nodes.add_new(dept.nodes.by_code("D1-S1").id, Kind.MEASURE, title="部门新增衡量")
        dept.actuals.write([(dept.nodes.by_code("D1-S1-M1").id, "2026-11", 9100, None, "")])
    select(window, "D1-G1")
    type_into(qtbot, window.detail.widgets["title"], "公司的标题")
    select(window, "D1-G3")
    type_into(qtbot, window.detail.widgets["owner"], "公司指定")
    return d1


def test_merge_with_a_choice_per_conflict_then_undo_and_redo(window, qtbot, monkeypatch, tmp_path, demo_path,
                                                             messages):
    d1 = _prepare_round(window, qtbot, monkeypatch, tmp_path)
    before = company_state(demo_path)
    seen = {}

    def choose_and_merge(dialog):
        seen["summary"] = dialog.summary.text()
        seen["reason"] = dialog.reason.text()
        table = dialog.conflicts
        seen["rows"] = [tuple(table.item(r, c).text() for c in range(5)) for r in range(table.rowCount())]
        changes = dialog.changes
        seen["changes"] = [(changes.topLevelItem(i).text(0), changes.topLevelItem(i).text(1))
                           for i in range(changes.topLevelItemCount())]
        seen["enabled"] = [dialog.merge_button.isEnabled()]
        rows = {table.item(r, 0).text(): r for r in range(table.rowCount())}
        dialog.choice_boxes[rows["D1-G1"]].setCurrentIndex(2)                # Take department
        seen["enabled"].append(dialog.merge_button.isEnabled())
        dialog.choice_boxes[rows["D1-G3"]].setCurrentIndex(1)                # Keep company
        seen["enabled"].append(dialog.merge_button.isEnabled())
        dialog.merge_button.click()

    open_from(monkeypatch, d1)
    assert window.action("mergeDepartment").isEnabled()
    answer_dialog(choose_and_merge, MergeDialog)
    window.action("mergeDepartment").trigger()

    assert seen["summary"] == "1 added, 0 removed, 1 edited, 0 moved, 1 number(s), 2 conflict(s)"
    assert seen["reason"] == "merge d1.ogsm (D1)"
    assert sorted(seen["rows"]) == [("D1-G1", "部门的标题", "title", "公司的标题", "部门的标题"),
                                    ("D1-G3", "需求数据覆盖100个城市", "owner", "公司指定", "部门指定")]
    assert sorted(seen["changes"]) == [("added", "D1-S1-M2"), ("edited", "D1-G2"), ("numbers", "D1-S1-M1")]
    assert seen["enabled"] == [False, False, True]                         # Merge waits for every choice
    nodes = window.session.model.tree.nodes
    by_code = {n.code: n for n in nodes.values()}
    assert by_code["D1-G1"].title == "部门的标题"                           # taken from the department
    assert by_code["D1-G3"].owner == "公司指定"                             # kept from the company
    assert by_code["D1-G2"].title == "部门改的目标"
    assert by_code["D1-S1-M2"].title == "部门新增衡量"
    assert batches(demo_path)[-1] == ("merge", "merge d1.ogsm (D1)")
    assert window.statusBar().currentMessage().endswith(        # which side each conflict kept (tester)
        "2 conflict(s) — conflicts: the company's side kept in 1, the department's in 1")
    merged = company_state(demo_path)
    assert merged[1][("D1-S1-M1", "2026-11")][0] == 9100
    assert window.undo_action.text() == "&Undo Merge d1.ogsm"

    window.activateWindow()                                               # back from the dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.tree_view.setFocus()
    qtbot.keyClick(window.tree_view, Qt.Key.Key_Z, CTRL)                  # the merge, undone as one step
    assert company_state(demo_path) == before
    assert "D1-S1-M2" not in {n.code for n in window.session.model.tree.nodes.values()}
    qtbot.keyClick(window.tree_view, Qt.Key.Key_Y, CTRL)                  # and done again
    assert company_state(demo_path) == merged
    assert {n.code: n.title for n in window.session.model.tree.nodes.values()}["D1-G1"] == "部门的标题"

    shown = len(messages.texts("information"))
    window.action("mergeDepartment").trigger()                            # the same file again
    assert messages.texts("information")[shown:] == [
        "d1.ogsm (D1) brings nothing new since it was last merged: nothing was changed."]
    assert company_state(demo_path) == merged


def test_the_preview_says_the_code_a_new_node_gets_when_the_company_gave_its_code(window, qtbot, monkeypatch,
                                                                                  tmp_path, demo_path):
    """Found by a tester: both sides added a measure under D1-S1; the preview listed the department's as
    "added D1-S1-M2" and the merge made it D1-S1-M3."""
    d1 = _prepare_round(window, qtbot, monkeypatch, tmp_path)             # the department added D1-S1-M2
    select(window, "D1-S1")
    window.action("addChild").trigger()                                   # and so does the company
    assert window.current_node().code == "D1-S1-M2"
    seen = {}

    def look(dialog):
        changes = dialog.changes
        rows = [[changes.topLevelItem(i).text(c) for c in range(6)] for i in range(changes.topLevelItemCount())]
        seen["added"] = [r for r in rows if r[0] == "added"]
        dialog.reject()

    open_from(monkeypatch, d1)
    answer_dialog(look, MergeDialog)
    window.action("mergeDepartment").trigger()
    assert seen["added"] == [["added", "D1-S1-M2 → D1-S1-M3", "部门新增衡量", "", "",
                              "new measure under D1-S1: D1-S1-M2 is taken here, so it becomes D1-S1-M3"]]


def test_the_preview_says_a_rename_the_company_cannot_take(window, qtbot, monkeypatch, tmp_path, demo_path):
    """Raised by a reviewer: the department renamed D1-S1-M1 to a code the company gave meanwhile; the
    merge kept the company's code without a word."""
    d1 = tmp_path / "d1.ogsm"
    export(window, monkeypatch, "D1", d1)
    with Plan.open(d1) as dept:
        dept.nodes.update(dept.nodes.by_code("D1-S1-M1").id, code="D1-S1-M2")
    select(window, "D1-S1")
    window.action("addChild").trigger()                                   # the company's D1-S1-M2
    seen = {}

    def look(dialog):
        changes = dialog.changes
        edited = next(changes.topLevelItem(i) for i in range(changes.topLevelItemCount())
                      if changes.topLevelItem(i).text(1) == "D1-S1-M1")
        seen["rows"] = [[edited.child(k).text(c) for c in range(3, 6)] for k in range(edited.childCount())]
        dialog.reject()

    open_from(monkeypatch, d1)
    answer_dialog(look, MergeDialog)
    window.action("mergeDepartment").trigger()
    assert seen["rows"] == [["code", "D1-S1-M1", "D1-S1-M2 is taken here by another node: it stays D1-S1-M1"]]


def test_keep_company_for_all(window, qtbot, monkeypatch, tmp_path, demo_path):
    d1 = _prepare_round(window, qtbot, monkeypatch, tmp_path)

    def keep_all(dialog):
        dialog.keep_all.click()
        assert dialog.left.text() == "Every conflict has its choice."
        dialog.reason.setText("第一轮部门回收")
        dialog.merge_button.click()

    open_from(monkeypatch, d1)
    answer_dialog(keep_all, MergeDialog)
    window.action("mergeDepartment").trigger()
    by_code = {n.code: n for n in window.session.model.tree.nodes.values()}
    assert (by_code["D1-G1"].title, by_code["D1-G3"].owner) == ("公司的标题", "公司指定")
    assert by_code["D1-G2"].title == "部门改的目标"
    assert batches(demo_path)[-1] == ("merge", "第一轮部门回收")


def test_cancelling_the_merge_writes_nothing(window, qtbot, monkeypatch, tmp_path, demo_path):
    d1 = _prepare_round(window, qtbot, monkeypatch, tmp_path)
    before = plan_bytes(demo_path)
    open_from(monkeypatch, d1)
    answer_dialog(lambda dialog: dialog.reject(), MergeDialog)
    window.action("mergeDepartment").trigger()
    assert plan_bytes(demo_path) == before


@pytest.mark.parametrize("which", ["not a department file", "another plan's", "unit deleted here"])
def test_a_refused_file_is_explained_and_changes_nothing(window, qtbot, monkeypatch, tmp_path, demo_path,
                                                         demo_template, messages, which):
    if which == "not a department file":
        path = tmp_path / "plain.ogsm"
        path.write_bytes(demo_template.read_bytes())
        expected = "is not a department plan file"
    elif which == "another plan's":
        other = tmp_path / "other.ogsm"
        other.write_bytes(demo_template.read_bytes())
        path = tmp_path / "other-d1.ogsm"
        with Plan.open(other) as plan:
            departments.split(plan, "D1", path)
        export(window, monkeypatch, "D2", tmp_path / "d2.ogsm")          # this plan has its own identity
        expected = "is a department file of another plan"
    else:
        path = tmp_path / "d2.ogsm"
        export(window, monkeypatch, "D2", path)
        select(window, "D2")
        window.action("deleteNode").trigger()                          # answered Yes
        assert "D2" not in {n.code for n in window.session.model.tree.nodes.values()}
        expected = "no longer exists in this plan"
    before, stack = plan_bytes(demo_path), window.session.stack.count()
    open_from(monkeypatch, path)
    shown, asked = [], []
    monkeypatch.setattr(MergeDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    monkeypatch.setattr(QInputDialog, "getItem", lambda _w, _title, text, *a: asked.append(text) or ("", False))
    window.action("mergeDepartment").trigger()
    if which == "unit deleted here":                                    # offered back as a new unit: cancelled
        assert expected in asked[0] and "as a new unit" in asked[0]
    else:
        assert expected in messages.texts("warning")[-1] and not asked
    assert plan_bytes(demo_path) == before and window.session.stack.count() == stack
    assert shown == []                                                  # no merge preview to accept


# ----------------------------------------------------------------------------- a department file opened
def test_a_department_file_opens_on_the_departments_own_part(window, qtbot, monkeypatch, tmp_path):
    """Found by a tester: a department file opened with the company's locked rows chosen and collapsed — the
    department's own part hidden below them, the Numbers dock asking to choose a goal. It opens on the
    department's objective now, its goals and strategies in view."""
    d1 = tmp_path / "d1.ogsm"
    export(window, monkeypatch, "D1", d1)
    assert window.open_plan(d1)
    assert window.current_node().code == "D1"
    view, unit = window.tree_view, window.proxy.mapFromSource(window.session.model.index_of(node_id(window, "D1")))
    assert all(view.isExpanded(i) for i in (unit, unit.parent(), unit.parent().parent()))


def test_a_department_file_shows_where_it_came_from_and_locks_the_context(window, qtbot, monkeypatch, tmp_path):
    d1 = tmp_path / "d1.ogsm"
    export(window, monkeypatch, "D1", d1)
    assert not window.departments.banner.isVisible()
    assert window.open_plan(d1)
    banner = window.departments.banner
    assert banner.isVisible()
    assert banner.text() == (f"Department plan of D1 from “{PLAN_NAME}”; the company's part above is shown for "
                             "context and locked.")
    assert not window.action("exportDepartment").isEnabled() and not window.action("mergeDepartment").isEnabled()
    model = window.session.model
    for code in ("C", "C-S1"):                                          # greyed, italic, a lock in the tooltip
        index = model.index_of(node_id(window, code))
        assert index.data(Qt.ItemDataRole.FontRole).italic()
        tip = index.data(Qt.ItemDataRole.ToolTipRole)
        assert "Locked: the company's part of the plan" in tip and "judged in the company's plan" in tip
        status = model.index(index.row(), COLUMNS.index("status"), index.parent())     # not from D1's part alone
        progress = model.index(index.row(), COLUMNS.index("progress"), index.parent())
        assert (status.data(), progress.data(), status.data(STATUS_ROLE)) == ("", "", "")
        assert not model.flags(index) & Qt.ItemFlag.ItemIsDragEnabled
    assert not model.index_of(node_id(window, "D1")).data(Qt.ItemDataRole.FontRole).italic()

    select(window, "C-S1")
    window.tree_view.setFocus()
    for name in ("rename", "addChild", "addSibling", "deleteNode", "moveUp", "indent", "cascade"):
        assert not window.action(name).isEnabled(), name
    title = window.detail.widgets["title"]
    assert title.isReadOnly() and window.detail.locked_note.isVisible()
    assert not window.detail.widgets["status"].isEnabled()
    before = batches(d1)
    type_into(qtbot, title, "changed in the department")
    qtbot.keyClick(window.tree_view, Qt.Key.Key_Delete)
    assert title.text() == "联合车企推出定制车型" and batches(d1) == before
    mime = model.mimeData([model.index_of(node_id(window, "D1-S1"))])
    assert not model.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, model.index_of(node_id(window, "C")))
    assert mime.hasFormat(MIME_TYPE)

    select(window, "D1")                                                # the department's own objective
    assert window.action("addChild").isEnabled() and not window.action("deleteNode").isEnabled()
    assert not window.detail.widgets["title"].isReadOnly() and not window.detail.locked_note.isVisible()
    select(window, "D1-G1")                                             # and its part: edited as ever
    assert window.action("deleteNode").isEnabled()
    type_into(qtbot, window.detail.widgets["title"], "部门改的")
    assert len(batches(d1)) == len(before) + 1
    assert {n.code: n.title for n in window.session.model.tree.nodes.values()}["D1-G1"] == "部门改的"


# ----------------------------------------------------------------------------- refresh
def test_a_department_takes_the_companys_later_changes_then_undoes_it(window, qtbot, monkeypatch, tmp_path,
                                                                       demo_template, messages):
    assert not window.action("refreshDepartment").isEnabled()           # the company plan: nothing to refresh
    company, d1 = tmp_path / "company.ogsm", tmp_path / "d1.ogsm"
    company.write_bytes(demo_template.read_bytes())
    with Plan.open(company) as plan:
        departments.split(plan, "D1", d1)
        for code, values in {"C-S1": {"title": "公司新说法"}, "D1-G2": {"title": "公司改的目标"},
                             "D1-G3": {"owner": "公司指定"}}.items():
            plan.nodes.update(plan.nodes.by_code(code).id, **values)
    with Plan.open(d1) as dept:
        dept.nodes.update(dept.nodes.by_code("D1-G3").id, owner="部门指定")
    assert window.open_plan(d1)
    assert window.action("refreshDepartment").isEnabled() and not window.action("mergeDepartment").isEnabled()
    before = batches(d1)
    seen = {}

    def keep_ours(dialog):
        table = dialog.conflicts
        seen["title"] = dialog.windowTitle()
        seen["rows"] = [tuple(table.item(r, c).text() for c in range(5)) for r in range(table.rowCount())]
        seen["changes"] = sorted(dialog.changes.topLevelItem(i).text(1)
                                 for i in range(dialog.changes.topLevelItemCount()))
        seen["buttons"] = (dialog.keep_all.text(), dialog.take_all.text(), dialog.merge_button.text())
        dialog.choice_boxes[0].setCurrentIndex(1)                           # Keep department
        dialog.merge_button.click()

    open_from(monkeypatch, company)
    answer_dialog(keep_ours, MergeDialog)
    window.action("refreshDepartment").trigger()
    assert seen["title"] == "Refresh from the company plan — company.ogsm"
    assert seen["rows"] == [("D1-G3", "需求数据覆盖100个城市", "owner", "公司指定", "部门指定")]
    assert seen["changes"] == ["C-S1", "D1-G2"]
    assert seen["buttons"] == ("Keep department for all", "Take company for all", "Refresh")
    by_code = {n.code: n for n in window.session.model.tree.nodes.values()}
    assert (by_code["C-S1"].title, by_code["D1-G2"].title, by_code["D1-G3"].owner) == \
        ("公司新说法", "公司改的目标", "部门指定")
    assert batches(d1)[-1] == ("refresh", "refresh from company.ogsm")
    select(window, "C-S1")                                               # still the company's, locked
    assert window.detail.widgets["title"].isReadOnly() and window.detail.widgets["title"].text() == "公司新说法"
    assert window.undo_action.text() == "&Undo Refresh from company.ogsm"

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.tree_view.setFocus()
    qtbot.keyClick(window.tree_view, Qt.Key.Key_Z, CTRL)
    by_code = {n.code: n for n in window.session.model.tree.nodes.values()}
    assert (by_code["C-S1"].title, by_code["D1-G2"].title) == ("联合车企推出定制车型", "形成3版用户需求模型并交付广汽")
    assert batches(d1)[:len(before)] == before and window.session.plan.nodes.locked

    shown = len(messages.texts("warning"))
    open_from(monkeypatch, tmp_path / "d1.ogsm")                         # not the company plan: refused
    window.action("refreshDepartment").trigger()
    assert len(messages.texts("warning")) == shown + 1


def test_a_unit_deleted_here_comes_back_under_the_strategy_the_user_chooses(window, monkeypatch, tmp_path, demo_path):
    path = tmp_path / "d2.ogsm"
    export(window, monkeypatch, "D2", path)
    select(window, "D2")
    window.action("deleteNode").trigger()                              # answered Yes
    open_from(monkeypatch, path)
    offered = []

    asked = []

    def choose(_w, _title, text, items, *a):
        offered.extend(items)
        asked.append(text)
        return next(i for i in items if i.startswith("C-S1 ")), True

    monkeypatch.setattr(QInputDialog, "getItem", choose)
    said = {}

    def look_then_merge(dialog):
        changes = dialog.changes
        for i in range(changes.topLevelItemCount()):
            said[changes.topLevelItem(i).text(1)] = changes.topLevelItem(i).text(5)
        dialog.merge_button.click()

    answer_dialog(look_then_merge, MergeDialog)
    window.action("mergeDepartment").trigger()
    assert [i.split()[0] for i in offered] == ["C-S1", "D1-S1", "P1-S1", "D1-S2", "D1-S3", "C-S2", "C-S3"]
    # (a tester: "D2 is taken here" though no node here has it, and no word of why D2-S1 changed)
    assert said["D2 → D3"] == ("new objective under C-S1: D2 was another node's here before (a code is never given "
                               "twice), so it becomes D3")
    assert said["D2-S1 → D3-S1"] == "new strategy under D3: its code follows D3's, so D2-S1 becomes D3-S1"
    assert asked[0].startswith("The department D2 of this file no longer exists in this plan: it was deleted here.")
    assert "nothing was changed" not in asked[0]                # (tester: said before a question)
    tree = window.session.model.tree
    back = [n for n in tree.kids(node_id(window, "C-S1")) if n.title == "让更多年轻用户在京东了解并选择新能源车"]
    assert len(back) == 1 and len(tree.descendants(back[0].id)) == 16         # D2 was deleted: D3 now
    assert batches(demo_path)[-1][0] == "merge"


def test_a_refresh_shows_and_takes_the_companys_plan_settings(window, qtbot, monkeypatch, tmp_path, demo_template):
    """Found by a tester: a refresh said nothing and took nothing of the company's new plan year and
    percentages; the department then judged its numbers otherwise."""
    company, d1 = tmp_path / "company.ogsm", tmp_path / "d1.ogsm"
    company.write_bytes(demo_template.read_bytes())
    with Plan.open(company) as plan:
        departments.split(plan, "D1", d1)
        plan.meta.set("amber_pct", "97")
    assert window.open_plan(d1)
    seen = {}

    def refresh(dialog):
        top = [dialog.changes.topLevelItem(i) for i in range(dialog.changes.topLevelItemCount())]
        seen["settings"] = [(item.child(k).text(3), item.child(k).text(4), item.child(k).text(5))
                            for item in top if item.text(2) == "Plan settings" for k in range(item.childCount())]
        dialog.merge_button.click()

    open_from(monkeypatch, company)
    answer_dialog(refresh, MergeDialog)
    window.action("refreshDepartment").trigger()
    assert len(seen["settings"]) == 1 and seen["settings"][0][1:] != ("", "") and "97" in seen["settings"][0][2]
    assert window.session.plan.meta.get("amber_pct") == "97"
    assert window.session.model.settings.amber_pct == 97


def test_a_refresh_says_a_measure_the_company_moved_away_leaves_the_file(window, monkeypatch, tmp_path, demo_template):
    """Tester: the company moved D1-S3-M1 to D2-S1; the refresh listed it as "deleted, with what is below it"
    while it lives on in the company. It says where it went, and that it leaves this file."""
    company, d1 = tmp_path / "company.ogsm", tmp_path / "d1.ogsm"
    company.write_bytes(demo_template.read_bytes())
    with Plan.open(company) as plan:
        departments.split(plan, "D1", d1)
        plan.nodes.move(plan.nodes.by_code("D1-S3-M1").id, plan.nodes.by_code("D2-S1").id)
    assert window.open_plan(d1)
    seen = {}

    def refresh(dialog):
        top = [dialog.changes.topLevelItem(i) for i in range(dialog.changes.topLevelItemCount())]
        seen["rows"] = [(item.text(1), item.text(5)) for item in top]
        dialog.reject()

    open_from(monkeypatch, company)
    answer_dialog(refresh, MergeDialog)
    window.action("refreshDepartment").trigger()
    assert ("D1-S3-M1", "moved under D2-S1 in the company: it leaves this file, with what is below it") in seen["rows"]


def test_a_deleted_branch_conflict_says_what_comes_back(window, monkeypatch, tmp_path, demo_template):
    """Tester: the department moved D1-S3-M1 into D1-S2, the company deleted D1-S2; the conflict said only
    "edited: comes back, with what is below it" and the move was named nowhere. It names what comes back,
    the measure moved in said so."""
    company, d1 = tmp_path / "company.ogsm", tmp_path / "d1.ogsm"
    company.write_bytes(demo_template.read_bytes())
    with Plan.open(company) as plan:
        departments.split(plan, "D1", d1)
        plan.nodes.delete(plan.nodes.by_code("D1-S2").id)
    with Plan.open(d1) as dept:
        dept.nodes.move(dept.nodes.by_code("D1-S3-M1").id, dept.nodes.by_code("D1-S2").id)
    assert window.open_plan(company)
    seen = {}

    def look(dialog):
        table = dialog.conflicts
        seen["rows"] = [tuple(table.item(r, c).text() for c in range(5)) for r in range(table.rowCount())]
        dialog.reject()

    open_from(monkeypatch, d1)
    answer_dialog(look, MergeDialog)
    window.action("mergeDepartment").trigger()
    (row,) = seen["rows"]
    assert row[0] == "D1-S2" and row[3] == "deleted"
    assert row[4].startswith("edited: comes back, with D1-S2-M1") and row[4].endswith("D1-S3-M1 (moved in)")


def test_the_preview_shows_no_old_value_for_a_department_node_the_company_does_not_have(demo_path, qapp):
    """Found by a review: the merge preview's "old" numbers were read from the company node of the same id as
    the department's node, for a node no sync had paired and the file was not cut with — an unrelated company
    measure's values shown as what the merge would replace. A node is read here as the core reads it
    (MergePlan.same_node): paired, or cut with the file."""
    from ogsm_desktop.core.merge_plan import MergePlan
    from ogsm_desktop.gui.controllers.departments import _read

    with Plan.open(demo_path) as plan:
        measure = plan.nodes.by_code("C-S1-M2")            # has numbers in the company plan
        with plan.batch("edit", "a number"):
            plan.actuals.write([(measure.id, "2026-11", 18000.0, None, "")])
        origin = departments.Origin("fork", "plan", "", 1, "D1", 1, 1, ())

        def reader(_plan, _path):
            # a department node with the id of C-S1-M2 that is no copy of it (not cut with the file, not paired)
            return MergePlan(Path("d.ogsm"), origin, 1, numbers={(measure.id, "2026-11"): (1.0, None, "")},
                             cut=set())

        _preview, now = _read(plan, "d.ogsm", lambda *_a: True, reader)
        assert (measure.id, "2026-11") not in now

        def paired(_plan, _path):
            return MergePlan(Path("d.ogsm"), origin, 1, numbers={(999, "2026-11"): (1.0, None, "")},
                             ids={999: measure.id})

        _preview, now = _read(plan, "d.ogsm", lambda *_a: True, paired)
        assert now[(measure.id, "2026-11")] == (18000.0, None, "")


def test_the_preview_says_a_new_place_among_siblings_not_a_parent_unchanged(qtbot, tmp_path, demo_template):
    """Seen in the refresh's preview: a node put elsewhere among its siblings read "moved | parent | P1-S1 | P1-S1".
    It says its place then and after."""
    from ogsm_desktop.core import merge, refresh
    from tests.core.test_department_rounds import Round

    run = Round(demo_template, tmp_path, merge.DEPARTMENT)
    for step in [("move", "D", "D1-S1-M1", "P1-S1"), ("reorder", "C", "P1-S1-M1", 1), ("merge", merge.DEPARTMENT)]:
        run.do(step)
    with Plan.open(run.dept, readonly=True) as plan:
        dialog = MergeDialog(refresh.preview(plan, run.company), plan.nodes.tree())
    qtbot.addWidget(dialog)
    changes = dialog.changes
    rows = [[changes.topLevelItem(i).text(c) for c in range(6)] for i in range(changes.topLevelItemCount())]
    assert sorted(rows) == [["moved", "P1-S1-A1", "每周复盘问卷质量并剔除无效样本", "place", "2", "1"],
                            ["moved", "P1-S1-M1", "三四线城市问卷占比", "place", "1", "3"]], rows
