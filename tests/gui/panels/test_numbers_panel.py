"""The Numbers panel: type, paste and clear a measure's numbers; each one undoable change with the reason;
the plan file and the tree's status follow; an as-of date looks back."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit

from ogsm_desktop.core.storage import Plan
from ogsm_desktop.gui.models.numbers_model import COLUMNS
from tests.gui.helpers import batches, node_id


def go(view, index):
    """Move to a cell as a click does: it becomes the current cell and the only one selected."""
    from PySide6.QtCore import QItemSelectionModel

    view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def values(path, code):
    with Plan.open(path, readonly=True) as plan:
        return {a.period: (a.actual, a.target, a.comment) for a in plan.actuals.of(plan.nodes.by_code(code).id)}


def cell(window, period, column):
    model = window.numbers.model
    row = next(r for r, p in enumerate(model.rows) if p.period == period)
    return model.index(row, COLUMNS.index(column))


def status(window, code):
    model = window.session.model
    return model.index_of(node_id(window, code), 4).data()


def type_cell(qtbot, window, period, column, text, refused=False):
    """Type ``text`` in a cell and press Return; waits until the cell is closed, unless the value is ``refused``
    (the cell is then opened again, maybe before a wait could see it closed: the caller waits for the message)."""
    view = window.numbers.view
    index = cell(window, period, column)
    go(view, index)
    view.edit(index)
    editor = window.numbers.delegate.editor     # (not any line edit of the view's: a closed one lingers a moment)
    assert editor.isVisible()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # the delegate commits with a queued call, as Qt 6 does on Return
    if not refused:
        qtbot.waitUntil(lambda: view.state() != view.State.EditingState)


def test_the_panel_shows_every_month_of_the_plan_year(window):
    window.select_node(node_id(window, "C-S1-M2"))
    model = window.numbers.model
    assert [r.period for r in model.rows] == [f"2026-{m:02d}" for m in range(1, 13)]
    assert cell(window, "2026-10", "target").data() == "21,500"
    assert cell(window, "2026-10", "actual").data() == "17,600"
    assert cell(window, "2026-10", "status").data() == "off track"
    assert "试驾预约量" in window.numbers.heading.text() and "sum of the periods" in window.numbers.heading.text()
    window.select_node(node_id(window, "C-S1"))                  # a strategy has no numbers of its own
    assert window.numbers.model.rows == [] and not window.numbers.fill_button.isEnabled()


def test_typing_an_actual_writes_one_undoable_change_with_the_reason(window, qtbot, demo_path):
    window.reason_field.setText("11月经营数据")
    window.select_node(node_id(window, "C-S1-M2"))
    type_cell(qtbot, window, "2026-10", "actual", "22,100")
    assert values(demo_path, "C-S1-M2")["2026-10"] == (22100.0, 21500.0, "")        # the target stays
    assert batches(demo_path)[-1] == ("edit", "11月经营数据")
    assert status(window, "C-S1-M2") == "on track"                                   # the tree follows
    assert cell(window, "2026-10", "status").data() == "on track"
    window.undo_action.trigger()
    assert values(demo_path, "C-S1-M2")["2026-10"] == (17600.0, 21500.0, "")
    assert status(window, "C-S1-M2") == "off track"


def test_a_value_that_is_not_a_number_is_refused_and_nothing_written(window, qtbot, demo_path, messages):
    window.select_node(node_id(window, "C-S1-M2"))
    before = values(demo_path, "C-S1-M2")
    type_cell(qtbot, window, "2026-11", "actual", "lots")
    qtbot.waitUntil(lambda: any("2026-11: not a number" in t for t in messages.texts("warning")))
    assert values(demo_path, "C-S1-M2") == before
    assert "not a number" in window.statusBar().currentMessage()
    type_cell(qtbot, window, "2026-11", "actual", "77")                 # the next value, taken
    assert values(demo_path, "C-S1-M2")["2026-11"][0] == 77
    assert "not a number" not in window.statusBar().currentMessage()    # (found by a tester: it stayed)


def test_paste_a_block_copied_from_a_spreadsheet_then_clear_with_delete(window, qtbot, demo_path):
    window.select_node(node_id(window, "C-S1-M2"))
    view = window.numbers.view
    go(view, cell(window, "2026-11", "target"))
    QGuiApplication.clipboard().setText("22，000\t２２，８００\n22,500\t−\r\n")    # full-width digits, a blank minus
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    got = values(demo_path, "C-S1-M2")
    assert got["2026-11"] == (22800.0, 22000.0, "") and got["2026-12"] == (None, 22500.0, "")
    assert window.undo_action.text() == "&Undo Paste numbers (C-S1-M2)"
    view.selectionModel().clearSelection()
    for period in ("2026-11", "2026-12"):
        view.selectionModel().select(cell(window, period, "target"), view.selectionModel().SelectionFlag.Select)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    got = values(demo_path, "C-S1-M2")
    assert got["2026-11"] == (22800.0, None, "") and "2026-12" not in got       # nothing left: no empty row


def test_cells_with_line_breaks_pasted_from_a_spreadsheet_stay_whole(window, qtbot, demo_path):
    """Found by a tester: a comment with a line break (Alt+Enter in Excel, which quotes such a cell when it
    copies it) was split across three periods, its quotes kept; with an actual beside it the paste was
    refused as not fitting. The spreadsheet's text is read as the tab-separated values it is."""
    window.select_node(node_id(window, "C-S1-M2"))
    view = window.numbers.view
    go(view, cell(window, "2026-10", "comment"))
    QGuiApplication.clipboard().setText('"国庆假期影响\n已追加投放"\r\n双十一带动\r\n')
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    got = values(demo_path, "C-S1-M2")
    assert got["2026-10"][2] == "国庆假期影响\n已追加投放" and got["2026-11"][2] == "双十一带动"
    assert "2026-12" not in got
    go(view, cell(window, "2026-11", "target"))           # quotes inside a cell, doubled by Excel
    QGuiApplication.clipboard().setText('22500\t22800\r\n')
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    go(view, cell(window, "2026-11", "comment"))
    QGuiApplication.clipboard().setText('"第一行\n第二行 ""引用"""\r\n')
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    got = values(demo_path, "C-S1-M2")
    assert got["2026-11"] == (22800.0, 22500.0, '第一行\n第二行 "引用"')
    go(view, cell(window, "2026-11", "comment"))         # and copied as the spreadsheet reads it
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == '"第一行\n第二行 ""引用"""'


def test_a_value_refused_is_given_back_to_be_corrected(window, qtbot, demo_path, messages):
    """Found by a tester: "2.2万" typed in a cell was refused with a clear message, but the cell closed and what
    was typed was gone — typed again from the start. The cell opens again holding it, to be corrected."""
    window.select_node(node_id(window, "C-S1-M2"))
    view = window.numbers.view
    type_cell(qtbot, window, "2026-11", "actual", "22,1OO")            # letters O for zeros
    qtbot.waitUntil(lambda: view.state() == view.State.EditingState)
    editor = window.numbers.delegate.editor
    assert editor.text() == "22,1OO" and view.currentIndex() == cell(window, "2026-11", "actual")
    editor.setText("22,100")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: values(demo_path, "C-S1-M2").get("2026-11", (None,))[0] == 22100.0)


def test_a_block_that_does_not_fit_is_refused_whole(window, qtbot, demo_path, messages):
    window.select_node(node_id(window, "C-S1-M2"))
    before = values(demo_path, "C-S1-M2")
    view = window.numbers.view
    go(view, cell(window, "2026-12", "actual"))
    QGuiApplication.clipboard().setText("1\n2\n")                    # runs past December
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: any("does not fit" in t for t in messages.texts("warning")))
    assert values(demo_path, "C-S1-M2") == before


def test_fill_targets_ramps_from_the_baseline(window, qtbot, demo_path):
    from ogsm_desktop.gui.dialogs.fill_targets_dialog import FillTargetsDialog
    from tests.gui.conftest import answer_dialog

    window.select_node(node_id(window, "C-S2-M3"))                 # 0 → 1,000 partner stores
    seen = {}

    def ramp(dialog):
        dialog.method.setCurrentIndex(dialog.method.findData("ramp"))
        seen["preview"] = dialog.preview.count()
        dialog.accept()

    answer_dialog(ramp, FillTargetsDialog)
    window.numbers.fill_button.click()
    got = values(demo_path, "C-S2-M3")
    assert seen["preview"] == 12 and got["2026-06"][1] == 500.0 and got["2026-12"][1] == 1000.0
    assert window.undo_action.text() == "&Undo Fill targets (C-S2-M3)"


def test_the_as_of_date_looks_back(window, qtbot):
    m2 = node_id(window, "C-S1-M2")
    window.select_node(m2)
    window.set_as_of(dt.date(2026, 8, 31))                          # August: 20,500 met its target
    assert status(window, "C-S1-M2") == "on track"
    assert "as of 2026-08-31" in window.numbers.heading.text()
    assert window.detail.judged.text().startswith("on track — 2026-08")
    qtbot.waitUntil(lambda: "below_target" not in [a.rule for a in window.session.model.alerts.get(m2, [])])
    window.as_of_bar.today.click()
    assert status(window, "C-S1-M2") == "off track"


def test_opening_a_cell_and_leaving_it_changes_nothing_not_even_a_decimal(window, qtbot, demo_path):
    m1 = node_id(window, "C-S1-M1")
    window.session.perform("precise", lambda: window.session.plan.actuals.write([(m1, "2026-10", 8.123456789, 8.0, "")]))
    window.select_node(m1)
    before = batches(demo_path)
    view = window.numbers.view
    index = cell(window, "2026-10", "actual")
    go(view, index)
    view.edit(index)
    editor = view.findChild(QLineEdit)
    assert editor.text() == "8.123456789"                    # every digit, no separators
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)
    assert values(demo_path, "C-S1-M1")["2026-10"][0] == 8.123456789 and batches(demo_path) == before
    assert cell(window, "2026-10", "actual").data() == "8.1235"      # shown rounded, kept exact


def test_periods_after_the_as_of_date_are_not_judged(window):
    window.select_node(node_id(window, "C-S1-M2"))
    window.set_as_of(dt.date(2026, 6, 30))
    assert cell(window, "2026-06", "status").data() == "on track"
    assert cell(window, "2026-09", "actual").data() == "18,200" and cell(window, "2026-09", "status").data() == "not due"


def test_a_change_elsewhere_does_not_wipe_what_is_being_typed(window, qtbot, demo_path):
    m2, other = node_id(window, "C-S1-M2"), node_id(window, "C-S1-M1")
    window.select_node(m2)
    view = window.numbers.view
    index = cell(window, "2026-11", "actual")
    go(view, index)
    view.edit(index)
    editor = view.findChild(QLineEdit)
    qtbot.keyClicks(editor, "22")
    window.session.perform("elsewhere", lambda: window.session.plan.actuals.write([(other, "2026-11", 9.0, None, "")]))
    window.session.model.rejudge()                       # the worker's years to date arrive meanwhile
    assert view.state() == view.State.EditingState and editor.text() == "22"
    qtbot.keyClicks(editor, "800")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)
    assert values(demo_path, "C-S1-M2")["2026-11"][0] == 22800.0
    assert cell(window, "2026-11", "actual").data() == "22,800"         # the panel caught up afterwards


def test_text_not_quoted_as_a_spreadsheet_quotes_is_split_as_it_stands():
    """Found by a review of 9a87154: a stray quote swallowed the rest of the block into one cell, quotes of
    an unquoted cell were lost, a cell past the csv module's limit raised, a last empty row was dropped."""
    from ogsm_desktop.gui.panels.numbers_panel import _cells

    assert _cells('"quoted\t1\n2\t3') == [['"quoted', "1"], ["2", "3"]]
    assert _cells('"Big" launch\tok') == [['"Big" launch', "ok"]]
    assert _cells("1\t2\n\t\n") == [["1", "2"], ["", ""]]
    assert _cells('"' + "x" * 200_000 + '\t1') == [['"' + "x" * 200_000, "1"]]
    assert _cells('"a\nb"\t1\r\n') == [["a\nb", "1"]]


def test_an_actual_without_a_target_is_said_to_have_no_target_not_no_data(window, qtbot, demo_path):
    """Found by a tester: a month with an actual and no target said "no data", as if the number there were
    not: what is missing is the target it would be judged by (bookings are summed over the year: a month
    without a target of its own has none)."""
    window.select_node(node_id(window, "C-S1-M2"))
    go(window.numbers.view, cell(window, "2026-10", "target"))
    window.numbers.view.setFocus()
    qtbot.keyClick(window.numbers.view, Qt.Key.Key_Delete)
    assert values(demo_path, "C-S1-M2")["2026-10"] == (17600.0, None, "")
    assert cell(window, "2026-10", "status").data() == "no target"
    assert status(window, "C-S1-M2") == "off track"        # the tree judges the year to date, which has targets


def test_targets_copied_are_the_numbers_the_cells_show(window, qtbot, demo_path):
    """Found by a tester: a measure's periods without targets of their own show the measure's ("(1,000)");
    copying them put blanks on the clipboard, and pasting those cleared another measure's targets."""
    from PySide6.QtCore import QItemSelectionModel

    window.select_node(node_id(window, "C-S2-M3"))
    periods = ("2026-01", "2026-02", "2026-03")
    assert [cell(window, p, "target").data() for p in periods] == ["(1,000)"] * 3
    selection = window.numbers.view.selectionModel()
    selection.clearSelection()
    for p in periods:
        selection.select(cell(window, p, "target"), QItemSelectionModel.SelectionFlag.Select)
    window.numbers.copy()
    assert QGuiApplication.clipboard().text() == "1000\n1000\n1000"
    window.select_node(node_id(window, "C-S1-M2"))
    go(window.numbers.view, cell(window, "2026-01", "target"))
    window.numbers.paste()
    with Plan.open(demo_path, readonly=True) as plan:
        targets = {a.period: a.target for a in plan.actuals.of(plan.nodes.by_code("C-S1-M2").id)}
    assert [targets[p] for p in periods] == [1000.0] * 3


def test_targets_copied_and_pasted_back_in_place_change_nothing(window, qtbot, demo_path):
    """Found by a tester: C-S1-M1's November and December follow the measure's target ("(8)"); the Target column
    copied and pasted back where it was gave them targets of their own (8) — raising the measure's target to 9
    then left them at 8. A period following the measure's target keeps following it when what is pasted there
    is the target it shows; a number of its own pasted there is its own."""
    from PySide6.QtCore import QItemSelectionModel

    window.select_node(node_id(window, "C-S1-M1"))
    months = [f"2026-{m:02d}" for m in range(1, 13)]
    shown = [cell(window, p, "target").data() for p in months]
    assert shown[-2:] == ["(8)", "(8)"]
    before, count = values(demo_path, "C-S1-M1"), len(batches(demo_path))
    selection = window.numbers.view.selectionModel()
    selection.clearSelection()
    for p in months:
        selection.select(cell(window, p, "target"), QItemSelectionModel.SelectionFlag.Select)
    window.numbers.copy()
    go(window.numbers.view, cell(window, "2026-01", "target"))
    window.numbers.paste()
    assert values(demo_path, "C-S1-M1") == before and len(batches(demo_path)) == count
    assert [cell(window, p, "target").data() for p in months] == shown
    QGuiApplication.clipboard().setText("9")                        # a number of its own: taken as such
    go(window.numbers.view, cell(window, "2026-12", "target"))
    window.numbers.paste()
    assert values(demo_path, "C-S1-M1")["2026-12"][1] == 9.0


def test_a_per_cent_typed_for_a_count_is_refused_not_stored_as_the_number(window, qtbot, demo_path, messages):
    """Found by a tester: "12%" typed as 试驾预约量's actual (counted in 次) was stored as 12, its per cent sign
    dropped. Refused, saying why; the cell opens again holding what was typed."""
    window.select_node(node_id(window, "C-S1-M2"))
    before = values(demo_path, "C-S1-M2")
    type_cell(qtbot, window, "2026-11", "actual", "12%", refused=True)
    qtbot.waitUntil(lambda: any("2026-11: “12%” is a per cent, but C-S1-M2 is measured in 次" in t
                                for t in messages.texts("warning")))
    assert values(demo_path, "C-S1-M2") == before
    view = window.numbers.view
    qtbot.waitUntil(lambda: view.state() == view.State.EditingState)
    editor = window.numbers.delegate.editor
    assert editor.text() == "12%"
    editor.setText("12")                                        # as the message says: the number alone
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: values(demo_path, "C-S1-M2").get("2026-11", (None,))[0] == 12.0)
    window.select_node(node_id(window, "C-S1-M1"))              # in %: "12%" is 12
    type_cell(qtbot, window, "2026-11", "actual", "12%")
    assert values(demo_path, "C-S1-M1")["2026-11"][0] == 12.0


# ----------------------------------------------------------------- found by the window's tester (stop 15)
def _click(qtbot, window, period, column, modifier=Qt.KeyboardModifier.NoModifier):
    view = window.numbers.view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier,
                     pos=view.visualRect(cell(window, period, column)).center())


def _keys(qtbot, text):
    from PySide6.QtWidgets import QApplication

    for ch in text:                       # each key to whatever has the focus, as a keyboard sends it
        qtbot.keyClicks(QApplication.focusWidget(), ch)


def _paste(qtbot, window, text):
    QGuiApplication.clipboard().setText(text)
    qtbot.keyClick(window.numbers.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(50)


def test_the_cursor_stays_in_the_table_after_a_number_so_the_next_one_typed_is_kept(window, qtbot, demo_path):
    """After each number written the table was filled anew and lost its current cell: the next number typed
    became a keyboard search (jumping to January) and was stored nowhere; Delete after a paste did nothing."""
    from PySide6.QtWidgets import QApplication

    window.select_node(node_id(window, "C-S1-M2"))
    window.numbers.view.setFocus()
    _click(qtbot, window, "2026-11", "actual")
    _keys(qtbot, "100")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.wait(50)
    current = window.numbers.view.currentIndex()
    assert current.isValid() and COLUMNS[current.column()] == "actual"
    _keys(qtbot, "200")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.wait(50)
    got = values(demo_path, "C-S1-M2")
    assert 200.0 in (got["2026-11"][0], got.get("2026-12", (None,))[0])
    _click(qtbot, window, "2026-01", "comment")
    _paste(qtbot, window, "wrong comment\r\n")
    qtbot.keyClick(window.numbers.view, Qt.Key.Key_Delete)          # taken back out at once
    qtbot.wait(50)
    assert values(demo_path, "C-S1-M2")["2026-01"][2] == ""


def test_a_block_pasted_onto_a_selection_starts_at_its_top_and_one_value_fills_it(window, qtbot, demo_path):
    """April to June selected (click April, Shift+click June), three numbers pasted: they went into June, July and
    August — from the cell clicked last — overwriting two cells outside the selection without a word; one value
    pasted onto the selection went into the last cell only."""
    window.select_node(node_id(window, "C-S1-M2"))
    before = values(demo_path, "C-S1-M2")
    window.numbers.view.setFocus()
    _click(qtbot, window, "2026-04", "actual")
    _click(qtbot, window, "2026-06", "actual", Qt.KeyboardModifier.ShiftModifier)
    _paste(qtbot, window, "1\r\n2\r\n3\r\n")
    got = values(demo_path, "C-S1-M2")
    assert got["2026-07"] == before["2026-07"] and got["2026-08"] == before["2026-08"]
    assert [got[p][0] for p in ("2026-04", "2026-05", "2026-06")] == [1.0, 2.0, 3.0]
    _click(qtbot, window, "2026-04", "actual")
    _click(qtbot, window, "2026-06", "actual", Qt.KeyboardModifier.ShiftModifier)
    _paste(qtbot, window, "9\r\n")
    got = values(demo_path, "C-S1-M2")
    assert [got[p][0] for p in ("2026-04", "2026-05", "2026-06")] == [9.0, 9.0, 9.0]
    assert got["2026-07"] == before["2026-07"]


def test_the_window_closes_without_a_number_that_can_never_be_written_when_the_user_says_so(window, qtbot,
                                                                                         demo_path, messages,
                                                                                         tmp_path):
    """Found by the window's tester: the plan file moved away, a number typed was refused (rightly) and given
    back in its cell; closing the window took that number again, was refused again, and kept the window open —
    on every attempt. Closing now asks: stay to correct it, or close and leave it out."""
    import os

    from PySide6.QtWidgets import QMessageBox

    window.select_node(node_id(window, "C-S1-M2"))
    os.rename(demo_path, tmp_path / "moved.ogsm")
    type_cell(qtbot, window, "2026-11", "actual", "123")
    qtbot.wait(50)
    messages.answer = QMessageBox.StandardButton.No                  # stay, to correct it
    window.close()
    qtbot.wait(50)
    assert window.isVisible() and "Close the window and leave it out?" in messages.texts("question")[-1]
    messages.answer = QMessageBox.StandardButton.Yes                 # close, leaving it out
    window.close()
    qtbot.wait(50)
    assert not window.isVisible()


def test_excels_accounting_zero_pasted_is_refused_not_read_as_a_cleared_number(window, qtbot, demo_path, messages):
    """Found by the window's tester: Excel's Comma Style and Accounting formats show a zero as " -   " and copy it
    so; pasted onto an actual of 770 it cleared the actual (no number, no status) without a word. A dash alone
    is refused, saying how to give a zero or clear a cell."""
    window.select_node(node_id(window, "C-S3-M2"))
    before = values(demo_path, "C-S3-M2")["2026-10"]
    window.numbers.view.setFocus()
    _click(qtbot, window, "2026-10", "actual")
    _paste(qtbot, window, " -   \r\n")
    assert values(demo_path, "C-S3-M2")["2026-10"] == before
    assert any("C-S3-M2 2026-10" in t and "a dash is no number, and 770 is there" in t for t in messages.texts())


def test_a_number_refused_after_moving_to_another_measure_names_its_measure(window, qtbot, demo_path, messages):
    """Found by the window's tester: "43x21" typed for C-S1-M2, then C-S3-M2 clicked in the tree: the refusal said
    only "2026-11: not a number", with C-S3-M2 on screen."""
    window.select_node(node_id(window, "C-S1-M2"))
    window.numbers.view.setFocus()
    _click(qtbot, window, "2026-11", "actual")
    _keys(qtbot, "43x21")
    tree = window.tree_view
    index = window.proxy.mapFromSource(window.session.model.index_of(node_id(window, "C-S3-M2"), 0))
    tree.scrollTo(index)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center())
    qtbot.wait(100)
    assert window.current_node().code == "C-S3-M2"
    assert any("C-S1-M2" in t and "43x21" in t for t in messages.texts()), messages.texts()


def test_a_target_pasted_from_a_spreadsheet_is_the_periods_own_even_when_it_equals_the_measures(window, qtbot,
                                                                                            demo_path):
    """Found by the window's tester: C-S1-M1 (target 8): 8 and 9 pasted from Excel into November's and December's
    targets — November kept following the measure's target (no number of its own), and when the measure's target
    became 10, so did November's. Typed, 8 was stored. Only cells this table copied, pasted back, keep following."""
    window.select_node(node_id(window, "C-S1-M1"))
    window.numbers.view.setFocus()
    _click(qtbot, window, "2026-11", "target")
    _paste(qtbot, window, "8\r\n9\r\n")
    assert values(demo_path, "C-S1-M1")["2026-11"][1] == 8.0


def test_a_target_actual_comment_block_goes_across_the_status_column(window, qtbot, demo_path, messages):
    """Found by testers (stops 12 and 15): a Target | Actual | Comment block copied from Excel was refused — the
    Status column sits between Actual and Comment; and rows copied from this very table (Target to Comment, the
    status with them) could not be pasted into another measure. Such blocks go into the Target, Actual and
    Comment columns, the status (computed) left out."""
    window.select_node(node_id(window, "C-S1-M2"))
    window.numbers.view.setFocus()
    _click(qtbot, window, "2026-11", "target")
    _paste(qtbot, window, "22000\t21000\t加投\r\n")
    assert values(demo_path, "C-S1-M2")["2026-11"] == (21000.0, 22000.0, "加投")
    _click(qtbot, window, "2026-11", "target")                     # the table's own row, its status in it
    _click(qtbot, window, "2026-11", "comment", Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(window.numbers.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    window.select_node(node_id(window, "C-S3-M2"))
    _click(qtbot, window, "2026-12", "target")
    qtbot.keyClick(window.numbers.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(50)
    assert values(demo_path, "C-S3-M2")["2026-12"] == (21000.0, 22000.0, "加投"), messages.texts()


@pytest.mark.parametrize("at, block", [
    ("actual", "18000\t22000\r\n19000\t22500\r\n"),          # actual then target, as a report lays them out
    ("target", "22000\t18000\t17500\r\n"),                      # a third column of numbers
], ids=["actual then target at Actual", "three numbers at Target"])
def test_numbers_are_never_pasted_into_the_comment_across_the_status_column(window, qtbot, demo_path, messages,
                                                                            at, block):
    """Found by the window's tester: a block of actuals and targets pasted at November's Actual stored the targets
    as November's and December's comments ("22000"), without a word: a block as wide as the columns left to edit
    went across the Status column, whatever it held. A block goes across it only when what would land in Comment
    reads as no number; else it does not fit, and is refused whole."""
    window.select_node(node_id(window, "C-S1-M2"))
    window.numbers.view.setFocus()
    before = values(demo_path, "C-S1-M2")
    _click(qtbot, window, "2026-11", at)
    _paste(qtbot, window, block)
    assert values(demo_path, "C-S1-M2") == before
    assert any("does not fit" in t for t in messages.texts()), messages.texts()
    _paste(qtbot, window, block.replace("22000\r", "ahead\r").replace("22500\r", "on plan\r")
           .replace("17500\r", "ahead\r"))                      # text in the last column: a comment, as before
    assert values(demo_path, "C-S1-M2")["2026-11"][2] == "ahead"


def test_numbers_cleared_by_empty_cells_of_a_pasted_block_are_said(window, qtbot, demo_path):
    """Found by the window's tester: a web report's row ends each cell with a tab — "22000\\t" pasted onto October's
    Target also cleared October's actual 17,600, without a word (as a spreadsheet does). It is said now."""
    window.select_node(node_id(window, "C-S1-M2"))
    assert values(demo_path, "C-S1-M2")["2026-10"][0] is not None
    window.numbers.view.setFocus()
    _click(qtbot, window, "2026-10", "target")
    _paste(qtbot, window, "22000\t\r\n")
    assert values(demo_path, "C-S1-M2")["2026-10"][:2] == (None, 22000.0)
    assert window.statusBar().currentMessage() == "1 number(s) cleared by empty cells of the block pasted"


@pytest.mark.parametrize("language, words", [
    ("en", ("off track", "On Track")),
    ("zh", ("偏离", "正常")),
    ("en", ("Red", "not due")),
], ids=["english", "chinese", "a report's own words"])
def test_a_status_column_pasted_with_the_numbers_is_left_out_not_stored_as_comments(window, qtbot, demo_path,
                                                                                    language, words):
    """Found by the window's tester (stop 18, left open then): a Target | Actual | Status block from another report,
    pasted at Target, stored the status words ("off track") as the periods' comments, without a word. The Status
    column is worked out from the numbers: pasted statuses land on it and are left out, and that is said."""
    from PySide6.QtWidgets import QApplication

    from ogsm_desktop.gui import i18n as gui_i18n

    gui_i18n.install(QApplication.instance(), language)          # (the window's own words: the message said)
    window.select_node(node_id(window, "C-S1-M2"))
    window.numbers.view.setFocus()
    before = values(demo_path, "C-S1-M2")
    _click(qtbot, window, "2026-11", "target")
    _paste(qtbot, window, f"22000\t18000\t{words[0]}\r\n23000\t19000\t{words[1]}\r\n")
    after = values(demo_path, "C-S1-M2")
    for period, actual, target in (("2026-11", 18000.0, 22000.0), ("2026-12", 19000.0, 23000.0)):
        assert after[period][:2] == (actual, target), after[period]
        assert (after[period][2] or "") == (before.get(period, (None, None, ""))[2] or ""), after[period]
    said = window.statusBar().currentMessage()
    assert said == {"en": "The Status column is worked out from the numbers: 2 pasted status(es) left out",
                    "zh": "状态列由数字计算得出：粘贴的 2 个状态未写入"}[language], said


def test_a_status_pasted_onto_the_status_cell_alone_is_said_to_be_left_out(window, qtbot, demo_path):
    window.select_node(node_id(window, "C-S1-M2"))
    window.numbers.view.setFocus()
    before = values(demo_path, "C-S1-M2")
    _click(qtbot, window, "2026-10", "status")
    _paste(qtbot, window, "on track")
    assert values(demo_path, "C-S1-M2") == before
    assert window.statusBar().currentMessage() == ("The Status column is worked out from the numbers: 1 pasted "
                                                   "status(es) left out")


def test_an_actual_and_comment_block_keeps_a_comment_that_reads_like_a_status(window, qtbot, demo_path):
    """A second review's case: an Actual | Comment block pasted at Actual, whose comments read "落后" and "完成", lost
    them (left out as statuses). Only a Target | Actual | Status block, or one reaching past the Status column, is
    read as giving statuses."""
    window.select_node(node_id(window, "C-S1-M2"))
    window.numbers.view.setFocus()
    _click(qtbot, window, "2026-11", "actual")
    _paste(qtbot, window, "18000\t落后\r\n19000\t完成\r\n")
    after = values(demo_path, "C-S1-M2")
    assert (after["2026-11"][0], after["2026-11"][2]) == (18000.0, "落后"), after["2026-11"]
    assert (after["2026-12"][0], after["2026-12"][2]) == (19000.0, "完成"), after["2026-12"]


def test_numbers_typed_one_under_the_other_with_the_down_arrow_are_all_kept(window, qtbot, demo_path):
    """Found by a tester on the big plan: 90 Enter Down 91 Enter Down 92 Enter typed quickly, and the third
    number was lost without a word. The Down arrow came while the cell before was still open (its keys queued
    while the number before was written: 0.2 s there), so the cell was written as the cursor moved, and the
    table, filled anew in the middle of that move, lost its current cell: the next number typed became a
    keyboard search. Typing a number and pressing Down, as in a spreadsheet, did the same on any plan."""
    from PySide6.QtWidgets import QAbstractItemView, QApplication

    window.select_node(node_id(window, "C-S1-M2"))
    view = window.numbers.view
    view.setFocus()
    go(view, cell(window, "2026-09", "actual"))
    for number in ("90", "91", "92"):
        _keys(qtbot, number)                                       # the first digit opens the cell
        assert view.state() == QAbstractItemView.State.EditingState
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)     # written as the cursor moves on
        qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
        current = view.currentIndex()
        assert current.isValid() and COLUMNS[current.column()] == "actual", number
    got = values(demo_path, "C-S1-M2")
    assert [got[p][0] for p in ("2026-09", "2026-10", "2026-11")] == [90.0, 91.0, 92.0]
    assert window.numbers.model.rows[view.currentIndex().row()].period == "2026-12"


def test_a_cell_left_with_return_then_down_before_the_window_caught_up_leaves_the_next_cell_open(window, qtbot,
                                                                                                demo_path):
    """The keys of a fast typist arrive together while a number is written: Return, Down, the next digit. Qt 6
    took the cell on Return with a queued call, which came after Down had taken and closed the cell already,
    and after the next digit had opened the next cell: it then ended that cell's editing (the view no longer
    editing with an editor open — a refresh meanwhile would write over what is typed in it)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QAbstractItemView, QApplication

    window.select_node(node_id(window, "C-S1-M2"))
    view = window.numbers.view
    view.setFocus()
    go(view, cell(window, "2026-09", "actual"))
    _keys(qtbot, "91")
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and view.state() == QAbstractItemView.State.EditingState

    def key(widget, code, text=""):
        QApplication.postEvent(widget, QKeyEvent(QEvent.Type.KeyPress, code, Qt.KeyboardModifier.NoModifier, text))
        QApplication.postEvent(widget, QKeyEvent(QEvent.Type.KeyRelease, code, Qt.KeyboardModifier.NoModifier, text))
    key(editor, Qt.Key.Key_Return, "\r")          # all three queued before any is handled
    key(editor, Qt.Key.Key_Down)
    key(view, Qt.Key.Key_9, "9")                  # (the cell closed, the keys go to the table)
    qtbot.wait(100)
    nxt = view.indexWidget(view.currentIndex())
    assert window.numbers.model.rows[view.currentIndex().row()].period == "2026-10"
    assert isinstance(nxt, QLineEdit) and nxt.text() == "9"
    assert view.state() == QAbstractItemView.State.EditingState
    qtbot.keyClicks(nxt, "2")
    qtbot.keyClick(nxt, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    got = values(demo_path, "C-S1-M2")
    assert (got["2026-09"][0], got["2026-10"][0]) == (91.0, 92.0)


def test_the_measure_chosen_again_while_a_number_is_typed_keeps_the_number(window, qtbot, demo_path):
    """The tree tells the panels its node again (its rows filtered or sorted anew): the measure's rows, read
    again under the cell being typed, wrote over what was typed (now they are told as changed, and Qt fills
    an open cell from the model)."""
    from PySide6.QtWidgets import QAbstractItemView, QApplication

    window.select_node(node_id(window, "C-S1-M2"))
    view = window.numbers.view
    view.setFocus()
    go(view, cell(window, "2026-11", "actual"))
    _keys(qtbot, "123")
    window.numbers.show_node(node_id(window, "C-S1-M2"))
    editor = QApplication.focusWidget()
    assert view.state() == QAbstractItemView.State.EditingState and editor.text() == "123"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    assert values(demo_path, "C-S1-M2")["2026-11"][0] == 123.0


def test_a_cell_given_back_is_typing_and_keeps_its_text(window, qtbot, demo_path, messages):
    """Found by a review: a refused number given back in its cell was not counted as typing (PySide's
    ``edit(index)`` answers None): Undo named the command before instead of the typing, and the rows told as
    changed wrote over the text given back."""
    window.select_node(node_id(window, "C-S1-M2"))
    view = window.numbers.view
    type_cell(qtbot, window, "2026-11", "actual", "22,1OO", refused=True)
    qtbot.waitUntil(lambda: view.state() == view.State.EditingState)
    editor = window.numbers.delegate.editor
    assert window.numbers.typing and window.numbers.delegate.given_back is not None
    assert window.undo_action.text() == "&Undo typing"
    window.numbers.model.set_rows(window.numbers.model.rows, again=True)     # (Qt fills an open cell again)
    assert editor.text() == "22,1OO"
