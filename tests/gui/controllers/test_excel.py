"""Import and export in the window: preview, problems, mapping a foreign workbook, undo."""

import openpyxl

from ogsm_desktop.core.storage import Plan
from ogsm_desktop.gui.dialogs.import_dialog import ImportDialog
from tests.gui.conftest import answer_dialog
from tests.helpers import write_xlsx


def code_index(window, code):
    return window.session.model.index_of(window.session.plan.nodes.by_code(code).id)


def test_import_preview_then_accept_then_undo(window, tmp_path, demo_path):
    path = write_xlsx(tmp_path / "nov.xlsx", {"实际值": [["编码", "期间", "实际", "目标"],
                                                         ["C-S1-M2", "2026年11月", 21500, 20000]]})
    seen = {}

    def accept(dialog):
        seen["summary"] = dialog.summary.text()
        seen["found"] = dialog.found.toPlainText()
        dialog.reason.setText("11月试驾数据")
        dialog.import_button.click()

    answer_dialog(accept, ImportDialog)
    assert window.excel.import_excel(str(path))
    assert seen["summary"].startswith("1 new, 0 changed, 0 unchanged actual value(s)")
    assert "sheet '实际值': actuals-long, header row 1; code=A, period=B, actual=C, target=D" in seen["found"]
    status = code_index(window, "C-S1-M2").siblingAtColumn(4)
    assert status.data() == "on track"                     # 21,500 against 20,000 for November
    with Plan.open(demo_path, readonly=True) as plan:
        assert plan.journal.batches()[-1].reason == "11月试驾数据 (nov.xlsx)"
    window.undo_action.trigger()
    assert code_index(window, "C-S1-M2").siblingAtColumn(4).data() == "at risk"


def test_a_file_with_problems_cannot_be_imported(window, tmp_path, demo_path):
    path = write_xlsx(tmp_path / "bad.xlsx", {"Actuals": [["Code", "Period", "Actual"], ["NOPE", "2026-11", 1],
                                                          ["C-S1-M2", "2026-11", "many"]]})
    seen = {}

    def look(dialog):
        seen["rows"] = [(dialog.problems.item(r, 0).text(), dialog.problems.item(r, 1).text())
                        for r in range(dialog.problems.rowCount())]
        seen["enabled"] = dialog.import_button.isEnabled()
        dialog.reject()

    batches_before = len(Plan.open(demo_path, readonly=True).journal.batches())
    answer_dialog(look, ImportDialog)
    assert not window.excel.import_excel(str(path))
    assert seen["rows"] == [("sheet 'Actuals', row 2, column A", "unknown code 'NOPE': not in the plan, nor a new "
                                                                 "code in a Measures sheet"),
                            ("sheet 'Actuals', row 3, column C", "not a number: 'many'")]
    assert seen["enabled"] is False
    assert len(Plan.open(demo_path, readonly=True).journal.batches()) == batches_before


def test_mapping_a_workbook_written_by_someone_else(window, demo_path, scorecard):
    seen = {}

    def map_and_import(dialog):
        dialog.map_sheet.setCurrentText("Operations")
        dialog.map_keys.setText("A,B")
        dialog.findChild(type(dialog.import_button), "mapFindKeys").click()
        table = dialog.key_table
        keys = [table.item(r, 0).text() for r in range(table.rowCount())]
        for key in ("No of Calls Act | AZ", "No of Calls Plan | AZ"):
            row = keys.index(key)
            combo = table.cellWidget(row, 1)
            combo.setCurrentIndex(combo.findData("C-S1-M2"))
        seen["goes_to"] = table.cellWidget(keys.index("No of Calls Plan | AZ"), 2).currentData()
        dialog.findChild(type(dialog.import_button), "mapCheck").click()
        seen["summary"] = dialog.summary.text()
        dialog.import_button.click()

    answer_dialog(map_and_import, ImportDialog)
    assert window.excel.import_excel(str(scorecard))
    assert seen["goes_to"] == "target"                       # "Plan" rows are targets
    assert seen["summary"].startswith("12 new, 0 changed")
    with Plan.open(demo_path, readonly=True) as plan:
        values = {a.period: a for a in plan.actuals.of(plan.nodes.by_code("C-S1-M2").id)}
    assert values["2022-01"].actual is not None and values["2022-01"].target is not None


def test_export_from_the_window(window, tmp_path):
    out = tmp_path / "plan.xlsx"
    assert window.excel.export_excel(str(out))
    book = openpyxl.load_workbook(out, read_only=True)
    assert book.sheetnames == ["Cascade", "Measures", "Actuals"]
