"""The detail editor: typed values, the reason they carry, refusals explained, alert settings."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ogsm_desktop.core.storage import Plan
from tests.gui.helpers import batches, node_id, select, type_into, wait_for_alerts


def test_edit_carries_the_reason(window, qtbot, demo_path):
    type_into(qtbot, window.reason_field, "季度复盘：目标上调")
    select(window, "C-G1")
    type_into(qtbot, window.detail.widgets["target"], "120000")
    assert batches(demo_path)[-1] == ("edit", "季度复盘：目标上调")


def test_a_refused_value_is_explained_and_the_stored_value_shown(window, qtbot, messages):
    select(window, "C-S1-M1")
    type_into(qtbot, window.detail.widgets["code"], "C-S1-M2")
    qtbot.waitUntil(lambda: any("already used by 试驾预约量" in t for t in messages.texts("warning")))
    assert window.detail.widgets["code"].text() == "C-S1-M1"
    type_into(qtbot, window.detail.widgets["target"], "lots")
    assert any("must be a number" in t for t in messages.texts("warning"))


def test_alert_settings_in_the_detail_editor(window, qtbot):
    wait_for_alerts(qtbot, window)
    m2 = node_id(window, "C-S1-M2")
    window.select_node(m2)
    type_into(qtbot, window.detail.widgets["streak"], "3")
    assert window.session.model.tree.nodes[m2].streak == 3
    assert "below_target" not in [a.rule for a in window.session.model.alerts.get(m2, [])]   # two in a row no longer do


def test_the_editor_reads_numbers_as_the_import_does(window, qtbot, messages):
    """The editor refused "−5" (a Unicode minus) that the import took: both read through core.fields now."""
    select(window, "C-S3-M2")
    # ("7.5%" for 单车获客成本, in 元, is refused: test_a_per_cent_typed_as_the_target_of_a_count_is_refused)
    for text, number in (("−5", -5.0), ("１２，３４５", 12345.0), ("7.5", 7.5)):
        type_into(qtbot, window.detail.widgets["baseline"], text)
        assert window.session.model.tree.nodes[node_id(window, "C-S3-M2")].baseline == number
    type_into(qtbot, window.detail.widgets["streak"], "2.5")
    qtbot.waitUntil(lambda: bool(messages.texts("warning")))
    assert "must be a whole number" in messages.texts("warning")[0]
    assert window.detail.widgets["streak"].text() == ""                    # the stored value is shown again


def test_a_pending_value_never_lands_on_the_next_node(window, qtbot, demo_path, messages):
    """Deleting the selected measure with a field still being typed wrote that value onto the next node."""
    select(window, "C-S1-M2")
    field = window.detail.widgets["amber"]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "15000")                              # typed, not yet committed
    action_id = node_id(window, "C-S1-A1")
    window.action("deleteNode").trigger()                        # the next node shown is an action
    assert window.current_node().code == "C-S1-A1"
    qtbot.wait(10)
    with Plan.open(demo_path, readonly=True) as plan:
        action = plan.nodes.get(action_id)
        assert action.amber is None and action.red is None
        assert [r for r in plan.journal.rows(node_ids=[action_id]) if r.action == "update"] == []


def test_a_pending_value_goes_to_its_node_when_the_selection_moves(window, qtbot, demo_path):
    select(window, "C-S1")
    field = window.detail.widgets["owner"]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "Wu Fang")                            # typed, not committed
    window.select_node(node_id(window, "C-S2"))                  # chosen elsewhere (an alert, the tree)
    qtbot.wait(10)
    assert window.current_node().code == "C-S2"
    with Plan.open(demo_path, readonly=True) as plan:
        assert plan.nodes.by_code("C-S1").owner == "Wu Fang"     # where it was typed
        assert plan.nodes.by_code("C-S2").owner == "张伟"         # untouched
    assert window.detail.widgets["owner"].text() == "张伟"


def test_the_editor_follows_the_plan_that_is_open(window, qtbot, tmp_path, monkeypatch, messages):
    """After File → New the editor kept the old plan's node; editing it failed with "no node with id 57"."""
    from PySide6.QtWidgets import QFileDialog

    select(window, "C-S1")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "empty.ogsm"), ""))
    window.action("newPlan").trigger()
    assert window.session.plan.path.name == "empty.ogsm"
    assert window.detail.node is None and not window.detail.widget().isEnabled()
    assert window.detail.kind_label.text() == "(nothing selected)"
    assert messages.texts() == []


def test_tree_shortcuts_act_on_the_tree_only(window, qtbot):
    """Ctrl+Up with the cursor in the description box moved the strategy."""
    select(window, "C-S3")
    order = list(window.session.model.tree.children[node_id(window, "C")])
    window.detail.more.setChecked(True)                     # the description is under "More"
    description = window.detail.widgets["description"]
    description.setFocus()
    assert QApplication.focusWidget() is description
    qtbot.keyClick(description, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(description, Qt.Key.Key_Delete)
    assert window.session.model.tree.children[node_id(window, "C")] == order
    assert window.session.stack.count() == 0
    window.tree_view.setFocus()
    qtbot.keyClick(window.tree_view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert window.session.model.tree.children[node_id(window, "C")] != order          # in the tree it moves


def test_a_measure_shows_the_status_its_numbers_give_not_a_settable_one(window, qtbot):
    from PySide6.QtWidgets import QComboBox

    m2 = node_id(window, "C-S1-M2")
    window.select_node(m2)
    editor = window.detail
    assert editor.widgets["status"].isHidden()
    assert editor.judged.text().startswith("off track — 2026-10: 17,600 against 21,500 (as of ")
    combo: QComboBox = editor.widgets["aggregation"]
    combo.setCurrentIndex(combo.findData("average"))
    combo.activated.emit(combo.currentIndex())
    assert window.session.model.tree.nodes[m2].aggregation == "average"
    window.select_node(node_id(window, "C-S1-A1"))               # an action keeps its settable status
    assert not editor.widgets["status"].isHidden() and editor.judged.isHidden()


def test_a_strategy_shows_the_status_rolled_up_from_below_beside_the_one_set(window):
    """Found by a tester: a strategy's pane said only "Status (set): not started" while the tree said
    "off track 88 %" — two answers, one unexplained. The pane now says where the tree's comes from."""
    window.select_node(node_id(window, "C-S1"))
    editor = window.detail
    tree_status = window.session.model.index_of(node_id(window, "C-S1"), 4).data()
    assert not editor.widgets["status"].isHidden() and not editor.judged.isHidden()
    assert editor.judged.text().startswith(f"{tree_status} 88% — rolled up from the goals and measures below (as of ")
    # and the one set says when it counts (found by a tester: "not started" beside "on track 85%", unsaid)
    assert "the one set here counts while none has" in editor.widgets["status"].toolTip()
    window.select_node(node_id(window, "C-S1-A1"))               # an action: only the status a person sets
    assert editor.judged.isHidden()


def test_a_goal_shows_the_measure_it_serves_and_a_change_above_until_seen(window, qtbot):
    goal, above = node_id(window, "D2-G2"), node_id(window, "C-S3-M1")
    window.select_node(goal)
    serves = window.detail.serves
    assert serves.isVisible() and serves.choice.currentText() == "C-S3-M1 线上发布会观看人数"
    assert serves.note.text() == "" and serves.seen.isHidden()
    window.select_node(above)
    type_into(qtbot, window.detail.widgets["target"], "60")            # the company raises the target
    window.select_node(goal)
    assert "C-S3-M1, changed since this goal was set (target 50 → 60)" in serves.note.text()
    tree_tip = window.session.model.index_of(goal).data(Qt.ItemDataRole.ToolTipRole)
    assert "changed since this goal was set" in tree_tip                  # the tree flags it too
    serves.seen.click()
    assert serves.note.text() == "" and window.session.model.tree.nodes[goal].serves_target == 60.0
    assert window.undo_action.text() == "&Undo Take in the change above D2-G2"
    window.undo_action.trigger()
    window.select_node(goal)
    assert "target 50 → 60" in serves.note.text()


def test_the_room_asked_for_the_common_fields_follows_the_font(window, qtbot):
    """The height the editor asks for is kept once measured (the layout asks for it over a hundred times
    as the window first shows); a bigger font is measured again, so the common fields still fit."""
    editor = window.detail
    before = editor.sizeHint().height()
    assert editor.sizeHint().height() == before
    font = editor.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    editor.setFont(font)
    bigger = editor.sizeHint().height()
    assert bigger > before * 1.3
    assert bigger == editor._measured_height()


def test_undo_asked_while_a_field_is_typed_takes_the_typing_first(window, qtbot, demo_path, messages):
    """Found by a tester: "zz" typed in the Title field, then Undo from the toolbar twice: the field kept
    "Namedzz" after the first, and the second (the add undone) ended in "no node with id 54", the "zz" lost.
    The typing is an edit of its own, undone first, and done again by Redo."""
    select(window, "D1-S2")
    window.action("addChild").trigger()
    added = window.current_node().id
    field = window.detail.widgets["title"]
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, "Named")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.keyClicks(field, "zz")                                 # typed, not confirmed
    window.undo_action.trigger()                                 # as from the toolbar: the field keeps the focus
    assert window.session.model.tree.nodes[added].title == "Named"
    assert field.text() == "Named"
    window.redo_action.trigger()
    assert window.session.model.tree.nodes[added].title == "Namedzz"
    assert field.text() == "Namedzz"
    for _ in range(3):                                           # "zz", "Named", the add
        window.undo_action.trigger()
    qtbot.wait(10)
    assert added not in window.session.model.tree.nodes
    assert messages.texts() == []
    with Plan.open(demo_path, readonly=True) as plan:
        assert not plan.nodes.exists(added)


def test_a_node_removed_under_a_field_being_typed_takes_the_typing_quietly(window, qtbot, demo_path, messages):
    """The plan changed under the field (the stack undone other than by the window's action): the field
    was committed as the node's row went, inside the undo, and refused with "no node with id 54"."""
    select(window, "D1-S2")
    window.action("addChild").trigger()
    added = window.current_node().id
    field = window.detail.widgets["title"]
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, "zz")                                 # typed, not confirmed
    window.session.stack.undo()                                  # the add undone: the node goes
    qtbot.wait(10)
    assert added not in window.session.model.tree.nodes
    assert messages.texts() == []
    assert window.session.stack.count() == 1 and window.session.stack.index() == 0   # redo still there
    assert window.current_node().code == "D1-S2" and field.text() == window.current_node().title


def test_a_negative_weight_typed_is_refused_and_said(window, qtbot, demo_path, messages):
    """Found by a tester: a weight of -1 was taken without a word, and C-S1's progress read 105 %."""
    before = window.session.model.index_of(node_id(window, "C-S1"), 5).data()
    select(window, "C-S1-M2")
    type_into(qtbot, window.detail.widgets["weight"], "-1")
    qtbot.waitUntil(lambda: any("weight" in t.lower() for t in messages.texts("warning")))
    model = window.session.model
    assert model.tree.nodes[node_id(window, "C-S1-M2")].weight != -1
    assert model.index_of(node_id(window, "C-S1"), 5).data() == before
    with Plan.open(demo_path, readonly=True) as plan:
        assert plan.nodes.by_code("C-S1-M2").weight != -1


def test_a_big_or_precise_number_is_shown_whole_and_kept_when_the_field_is_left(window, qtbot, demo_path):
    """A revenue target of 12,345,678 was shown as "1.23457e+07" (six significant digits); a key pressed in
    the field and taken back (End, a digit, Backspace, Enter) then wrote 12,345,700 — a number changed
    by merely visiting its field."""
    m1 = node_id(window, "C-S1-M2")
    window.session.perform("set", lambda: window.session.plan.nodes.update(m1, target=12345678.0, baseline=0.1234567891))
    select(window, "C-S1-M2")
    field = window.detail.widgets["target"]
    assert field.text() == "12345678"
    assert window.detail.widgets["baseline"].text() == "0.1234567891"
    for name in ("target", "baseline"):
        field = window.detail.widgets[name]
        field.setFocus()
        qtbot.keyClick(field, Qt.Key.Key_End)
        qtbot.keyClicks(field, "5")
        qtbot.keyClick(field, Qt.Key.Key_Backspace)
        qtbot.keyClick(field, Qt.Key.Key_Return)
    with Plan.open(demo_path, readonly=True) as plan:
        node = plan.nodes.get(m1)
        assert (node.target, node.baseline) == (12345678.0, 0.1234567891)


def test_a_per_cent_typed_as_the_target_of_a_count_is_refused(window, qtbot, demo_path, messages):
    """Found by a tester: "12%" typed as the target of 试驾预约量 (counted in 次) was stored as 12."""
    select(window, "C-S1-M2")
    before = window.session.model.tree.nodes[node_id(window, "C-S1-M2")].target
    type_into(qtbot, window.detail.widgets["target"], "12%")
    qtbot.waitUntil(lambda: any("“12%” is a per cent, but C-S1-M2 is measured in 次" in t
                                for t in messages.texts("warning")))
    with Plan.open(demo_path, readonly=True) as plan:
        assert plan.nodes.by_code("C-S1-M2").target == before
    select(window, "C-S1-M1")                                   # in %: "12%" is 12
    type_into(qtbot, window.detail.widgets["target"], "12%")
    with Plan.open(demo_path, readonly=True) as plan:
        assert plan.nodes.by_code("C-S1-M1").target == 12.0


def test_changing_the_unit_of_a_measure_with_numbers_asks_first(window, qtbot, demo_path, messages):
    """Found by the window's tester: C-S3-M2 went from 元 to 万元 without a word — 770 元 now read 770 万元 (a
    change of frequency, in the same case, is refused and explained). Its numbers stay as they are: asked."""
    from PySide6.QtWidgets import QMessageBox

    select(window, "C-S3-M2")
    unit = window.current_node().unit
    messages.answer = QMessageBox.StandardButton.No
    type_into(qtbot, window.detail.widgets["unit"], "万元")
    qtbot.wait(50)
    assert window.current_node().unit == unit and window.detail.widgets["unit"].text() == unit
    assert "nothing is converted" in messages.texts("question")[-1] and "C-S3-M2" in messages.texts("question")[-1]
    messages.answer = QMessageBox.StandardButton.Yes
    type_into(qtbot, window.detail.widgets["unit"], "万元")
    qtbot.wait(50)
    assert window.current_node().unit == "万元"


def test_closing_after_a_refused_field_gone_back_to_its_value_asks_nothing(window, qtbot, messages):
    """A reviewer's: a refused field is shown again with its stored value, so there is nothing to leave out —
    yet closing asked whether to close and leave out what was typed. The window stays (the refusal is said), and
    closes the next time, unasked."""
    from PySide6.QtCore import Qt

    select(window, "C-G1")
    field = window.detail.widgets["target"]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "12y")
    window.close()
    assert window.isVisible() and any("12y" in t for t in messages.texts()) and not messages.texts("question")
    qtbot.keyClick(window.tree_view, Qt.Key.Key_Escape)
    window.close()
    assert not window.isVisible() and not messages.texts("question")


def test_a_description_longer_than_a_cell_holds_is_refused_when_left(window, qtbot, demo_path, messages):
    """A description pasted in the window was kept whatever its length; the export then refused the whole plan
    over it (a workbook's cell holds 32,767 characters). Refused where it is typed now, as the import refuses it."""
    select(window, "C-S1-M2")
    window.detail.more.setChecked(True)
    description = window.detail.widgets["description"]
    description.setFocus()
    description.selectAll()
    description.insertPlainText("长" * 32_768)                  # pasted
    window.tree_view.setFocus()                                 # leaving the field commits it
    qtbot.waitUntil(lambda: any("32,768 characters" in t for t in messages.texts("warning")))
    with Plan.open(demo_path, readonly=True) as plan:
        assert len(plan.nodes.by_code("C-S1-M2").description) < 32_768
    assert len(description.toPlainText()) < 32_768              # the stored description shown again
    description.setFocus()
    description.selectAll()
    description.insertPlainText("长" * 32_767)                  # as much as a cell holds is taken
    window.tree_view.setFocus()
    qtbot.waitUntil(lambda: window.session.model.tree.nodes[node_id(window, "C-S1-M2")].description == "长" * 32_767)
