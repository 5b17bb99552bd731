"""Excel for one unit in the window: File → Export unit to Excel… on the selected unit's objective, and
the import preview of a workbook exported before the plan changed: the plan's later changes are
conflicts with a choice per row (or for all); Import stays off until each has one; one undoable import."""


import openpyxl
from PySide6.QtWidgets import QFileDialog

from ogsm_desktop.core.departments import plan_identity
from ogsm_desktop.core.storage import Plan
from ogsm_desktop.gui.dialogs.import_dialog import ImportDialog
from tests.gui.conftest import answer_dialog
from tests.gui.helpers import node_id, select
from tests.helpers import file_digest


def _actual(window, code, period):
    plan = window.session.plan
    return next(a.actual for a in plan.actuals.of(plan.nodes.by_code(code).id) if a.period == period)


def _export_d1(window, monkeypatch, path):
    select(window, "D1")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    window.action("exportUnitExcel").trigger()
    assert path.exists()


def _edit_in_excel(path, code, period, value):
    wb = openpyxl.load_workbook(path)
    for row in wb["Actuals"].iter_rows(min_row=2):
        if row[0].value == code and row[1].value == period:
            row[2].value = value
    wb.save(path)


def _change_in_plan(window, value=11500.0):
    m1 = node_id(window, "D1-S1-M1")
    window.session.perform("March", lambda: window.session.plan.actuals.write([(m1, "2026-03", value, 10000.0, "")]))


def test_export_unit_is_offered_on_a_unit_objective_only(window, monkeypatch, tmp_path):
    for code, enabled in (("C", False), ("D1-S1", False), ("D1", True), ("P1", True)):
        select(window, code)
        assert window.action("exportUnitExcel").isEnabled() is enabled, code
    assert "exportUnitExcel" in [a.objectName() for a in window.menuBar().actions()[0].menu().actions()]
    out = tmp_path / "d1.xlsx"
    _export_d1(window, monkeypatch, out)
    codes = [r[0] for r in openpyxl.load_workbook(out, read_only=True)["Cascade"].iter_rows(min_row=2, values_only=True)]
    assert codes[0] == "D1" and "P1-S1-M1" in codes and "C-S1" not in codes
    assert plan_identity(window.session.plan) is not None      # given with the first export


def test_conflicts_in_the_preview_block_import_until_chosen_then_one_undoable_import(window, monkeypatch, tmp_path,
                                                                                    demo_path):
    book = tmp_path / "d1.xlsx"
    _export_d1(window, monkeypatch, book)
    _change_in_plan(window)
    _edit_in_excel(book, "D1-S1-M1", "2026-04", 12800)
    _edit_in_excel(book, "D1-S1-M1", "2026-03", 11200)
    seen = {}

    def choose(dialog):
        panel = dialog.conflicts
        seen["tab"] = dialog.tabs.tabText(dialog.tabs.currentIndex())
        seen["rows"] = [[panel.table.item(0, c).text() for c in range(6)]]
        seen["origin"] = dialog.origin.text()
        seen["enabled before"] = dialog.import_button.isEnabled()
        dialog.grab().save(str(tmp_path / "import-conflicts.png"))
        panel.keep_all.click()
        seen["enabled after"] = dialog.import_button.isEnabled()
        seen["left"] = panel.left.text()
        dialog.import_button.click()

    answer_dialog(choose, ImportDialog)
    assert window.excel.import_excel(str(book))
    assert seen["tab"] == "Conflicts (1)"
    assert seen["rows"] == [["D1-S1-M1", "问卷月回收量", "2026-03 actual", "11,000", "11,500", "11,200"]]
    assert seen["origin"].startswith("exported from this plan (D1) on ")
    assert seen["enabled before"] is False and seen["enabled after"] is True
    assert seen["left"] == "Every conflict has its choice."
    assert _actual(window, "D1-S1-M1", "2026-03") == 11500           # the plan's change kept
    assert _actual(window, "D1-S1-M1", "2026-04") == 12800           # the workbook's edit imported
    window.undo_action.trigger()                                        # the import is one command
    assert _actual(window, "D1-S1-M1", "2026-04") == 12000
    assert _actual(window, "D1-S1-M1", "2026-03") == 11500


def test_take_workbook_on_one_row(window, monkeypatch, tmp_path):
    book = tmp_path / "d1.xlsx"
    _export_d1(window, monkeypatch, book)
    _change_in_plan(window)
    _edit_in_excel(book, "D1-S1-M1", "2026-03", 11200)

    def take(dialog):
        dialog.conflicts.choose(0, "workbook")
        dialog.import_button.click()

    answer_dialog(take, ImportDialog)
    assert window.excel.import_excel(str(book))
    assert _actual(window, "D1-S1-M1", "2026-03") == 11200
    # short enough to be read beside the plan's path: what was written, the conflict settled
    assert window.statusBar().currentMessage() == \
        "Imported d1.xlsx: 0 new and 1 changed value(s), 0 new and 0 changed measure(s)."


def test_a_cancelled_preview_with_conflicts_writes_nothing(window, monkeypatch, tmp_path, demo_path):
    book = tmp_path / "d1.xlsx"
    _export_d1(window, monkeypatch, book)
    _change_in_plan(window)
    _edit_in_excel(book, "D1-S1-M1", "2026-03", 11200)
    window.session.plan.checkpoint()
    digest = file_digest(demo_path)
    batches = len(Plan.open(demo_path, readonly=True).journal.batches())
    answer_dialog(lambda dialog: dialog.reject(), ImportDialog)
    assert not window.excel.import_excel(str(book))
    assert file_digest(demo_path) == digest
    assert len(Plan.open(demo_path, readonly=True).journal.batches()) == batches


def test_the_values_that_change_follow_the_conflicts_choices(window, monkeypatch, tmp_path):
    """Keep plan on a conflict: the value leaves the list of values that change (and the count); take
    workbook: it is back, old → new. What is listed is what Import writes."""
    book = tmp_path / "d1.xlsx"
    _export_d1(window, monkeypatch, book)
    _change_in_plan(window)
    _edit_in_excel(book, "D1-S1-M1", "2026-03", 11200)
    seen = {}

    def listed(dialog):
        model = dialog.changes
        return [(model.index(r, 0).data(), model.index(r, 2).data()) for r in range(model.rowCount())]

    def choose(dialog):
        seen["open"] = listed(dialog)
        dialog.conflicts.choose(0, "plan")
        seen["plan"] = (listed(dialog), dialog.tabs.tabText(0), dialog.summary.text())
        dialog.conflicts.choose(0, "workbook")
        seen["workbook"] = listed(dialog)
        dialog.reject()

    answer_dialog(choose, ImportDialog)
    assert not window.excel.import_excel(str(book))
    assert ("D1-S1-M1", "2026-03") in seen["open"]
    values, tab, summary = seen["plan"]
    assert ("D1-S1-M1", "2026-03") not in values and tab == f"Values that change ({len(values)})"
    assert "0 new and 0 changed value(s)" in summary
    assert seen["workbook"] == seen["open"]


def test_keep_plan_for_all_redoes_the_preview_once_and_says_nothing_was_imported(window, monkeypatch, tmp_path):
    """Found in review: "Keep plan for all" worked out the preview again once per conflict (minutes on a
    big workbook, the window frozen), and after an import that kept every plan value (no batch written)
    the status bar still said "1 changed"."""
    import ogsm_desktop.gui.dialogs.import_dialog as import_dialog

    book = tmp_path / "d1.xlsx"
    _export_d1(window, monkeypatch, book)
    m1 = node_id(window, "D1-S1-M1")
    window.session.perform("spring", lambda: window.session.plan.actuals.write(
        [(m1, "2026-03", 11500.0, 10000.0, ""), (m1, "2026-04", 12500.0, 10000.0, "")]))
    _edit_in_excel(book, "D1-S1-M1", "2026-03", 11200)
    _edit_in_excel(book, "D1-S1-M1", "2026-04", 12200)
    calls, seen = [], {}
    real = import_dialog.chosen
    monkeypatch.setattr(import_dialog, "chosen", lambda *a, **k: calls.append(1) or real(*a, **k))

    def keep_all(dialog):
        assert len(dialog.conflicts.conflicts) == 2
        calls.clear()
        dialog.conflicts.keep_all.click()
        seen["calls"] = len(calls)
        seen["summary"] = dialog.summary.text()
        dialog.import_button.click()

    answer_dialog(keep_all, ImportDialog)
    batches = window.session.plan.journal.last_batch_id()
    assert window.excel.import_excel(str(book))
    assert seen["calls"] == 1
    assert "choose on the Conflicts tab" not in seen["summary"] and "each with its choice" in seen["summary"]
    assert window.session.plan.journal.last_batch_id() == batches                  # nothing written
    assert window.statusBar().currentMessage() == "Nothing imported from d1.xlsx: the plan keeps its own values."


def test_the_chinese_preview_joins_its_sentences_without_a_space(qapp, settings, demo_path, qtbot, messages,
                                                                 tmp_path):
    """Found by a tester: "…变更 2 个衡量。 3 个冲突…" — an English space after a Chinese full stop."""
    from ogsm_desktop.core.excel.exporter import export
    from ogsm_desktop.core.excel.origin import identify
    from ogsm_desktop.gui.i18n import install
    from ogsm_desktop.gui.main_window import MainWindow

    book = tmp_path / "d1.xlsx"
    with Plan.open(demo_path) as plan:                  # an English workbook, exported before
        identify(plan)
        export(plan, book, unit="D1")
    _edit_in_excel(book, "D1-S1-M1", "2026-03", 11200)
    install(qapp, "zh_CN")
    try:
        window = MainWindow(settings)
        qtbot.addWidget(window)
        window.show()
        assert window.open_plan(demo_path)
        _change_in_plan(window)
        seen = {}

        def look(dialog):
            seen["summary"] = dialog.summary.text()
            dialog.reject()

        answer_dialog(look, ImportDialog)
        window.excel.import_excel(str(book))
        window.close()
    finally:
        install(qapp, "en")
    assert "冲突" in seen["summary"] and "。 " not in seen["summary"], seen["summary"]
