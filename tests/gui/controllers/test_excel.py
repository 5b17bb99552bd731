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
        sheets = dialog.sheets.sheets
        seen["sheet"] = (sheets.item(0, 0).text(), sheets.cellWidget(0, 1).currentText(), sheets.item(0, 2).text())
        changes = dialog.view.model()
        seen["changes"] = [[changes.index(r, c).data() for c in range(changes.columnCount())]
                           for r in range(changes.rowCount())]
        dialog.reason.setText("11月试驾数据")
        dialog.import_button.click()

    answer_dialog(accept, ImportDialog)
    assert window.excel.import_excel(str(path))
    assert seen["summary"].startswith("1 new and 0 changed value(s), 0 unchanged")
    assert seen["sheet"] == ("实际值", "numbers per period", "one row per measure and period; header on row 1: "
                             "编码 (column A) → code, 期间 (column B) → period, 实际 (column C) → actual, "
                             "目标 (column D) → target")
    assert seen["changes"] == [["C-S1-M2", "试驾预约量", "2026-11", "new", "21,500", "20,000", ""]]
    status = code_index(window, "C-S1-M2").siblingAtColumn(4)
    assert status.data() == "on track"                     # 21,500 against 20,000 for November
    with Plan.open(demo_path, readonly=True) as plan:
        assert plan.journal.batches()[-1].reason == "11月试驾数据 (nov.xlsx)"
    window.undo_action.trigger()
    assert code_index(window, "C-S1-M2").siblingAtColumn(4).data() == "off track"     # October: 17,600 of 21,500


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
    assert seen["rows"] == [("sheet “Actuals”, row 2, column A", "unknown code “NOPE”: not in the plan, nor a new "
                                                                 "code in a Measures sheet"),
                            ("sheet “Actuals”, row 3, column C", "not a number: “many”")]
    assert seen["enabled"] is False
    assert len(Plan.open(demo_path, readonly=True).journal.batches()) == batches_before


def test_mapping_a_workbook_written_by_someone_else(window, demo_path, scorecard):
    seen = {}

    def map_and_import(dialog):
        dialog.mapping.map_sheet.setCurrentText("Operations")
        dialog.mapping.map_keys.setText("A,B")
        dialog.findChild(type(dialog.import_button), "mapFindKeys").click()
        table = dialog.mapping.key_table
        keys = [table.item(r, 0).text() for r in range(table.rowCount())]
        for key in ("No of Calls Act | AZ", "No of Calls Plan | AZ"):
            row = keys.index(key)
            combo = table.cellWidget(row, 1)
            combo.setCurrentIndex(combo.findData("C-S1-M2"))
        seen["goes_to"] = table.cellWidget(keys.index("No of Calls Plan | AZ"), 2).currentData()
        dialog.findChild(type(dialog.import_button), "mapCheck").click()
        seen["summary"] = dialog.summary.text()
        sheets = dialog.sheets.sheets
        seen["how"] = [sheets.item(r, 2).text() for r in range(sheets.rowCount()) if sheets.item(r, 2)]
        dialog.import_button.click()

    answer_dialog(map_and_import, ImportDialog)
    assert window.excel.import_excel(str(scorecard))
    assert seen["goes_to"] == "target"                       # "Plan" rows are targets
    how = next(text for text in seen["how"] if "mapping" in text)
    assert "→ key column 1" in how and "→ key column 2" in how and "key1" not in how, how   # (was "→ key1")
    assert seen["summary"].startswith("12 new and 0 changed value(s)")
    with Plan.open(demo_path, readonly=True) as plan:
        values = {a.period: a for a in plan.actuals.of(plan.nodes.by_code("C-S1-M2").id)}
    assert values["2022-01"].actual is not None and values["2022-01"].target is not None


def test_export_from_the_window(window, tmp_path):
    out = tmp_path / "plan.xlsx"
    assert window.excel.export_excel(str(out))
    book = openpyxl.load_workbook(out, read_only=True)
    assert book.sheetnames == ["Cascade", "Measures", "Actuals"]


def test_the_preview_lets_the_user_say_what_a_sheet_and_a_column_are(window, tmp_path, demo_path):
    path = write_xlsx(tmp_path / "report.xlsx", {"Sheet1": [["编号", "统计月份", "实际达成值", "数据来源"],
                                                            ["C-S1-M2", "2026-11", 19000, "回升"],
                                                            ["C-S1-M1", "2026-11", 8.8, "门店"]]})
    seen = {}

    def choose(dialog):
        columns = dialog.sheets.columns
        seen["unused"] = [columns.item(r, 1).text() for r in range(columns.rowCount())]
        combo = columns.cellWidget(0, 2)
        combo.setCurrentIndex(combo.findData("comment"))            # 数据来源 holds the comment
        dialog.findChild(type(dialog.import_button), "importReadAgain").click()
        dialog.find.setText("M1")
        model = dialog.view.model()
        seen["filtered"] = [model.index(r, 0).data() for r in range(model.rowCount())]
        seen["which"] = [dialog.which.itemText(i) for i in range(dialog.which.count())]
        dialog.import_button.click()

    answer_dialog(choose, ImportDialog)
    assert window.excel.import_excel(str(path))
    assert seen["unused"] == ["数据来源 (column D)"]
    assert seen["filtered"] == ["C-S1-M1"]
    assert seen["which"] == ["All (2)", "New (2)", "Changed (0)"]
    with Plan.open(demo_path, readonly=True) as plan:
        m1 = {a.period: a for a in plan.actuals.of(plan.nodes.by_code("C-S1-M1").id)}
    assert (m1["2026-11"].actual, m1["2026-11"].comment) == (8.8, "门店")


def test_the_window_survives_every_hostile_workbook(window, tmp_path, demo_path, messages, qtbot):
    """Each is one message in the window; the plan is unchanged and the window goes on working."""
    from tests.fixtures.hostile import build_hostile
    from tests.helpers import file_digest

    digest = file_digest(demo_path)
    hostile = build_hostile(tmp_path)
    for name, (path, words) in hostile.items():
        assert not window.excel.import_excel(str(path)), name
        qtbot.waitUntil(lambda: bool(messages.texts()))
        shown = messages.texts()[-1]
        assert words in shown and "\n" not in shown.strip() and len(shown) < 500, (name, shown)
        messages.shown.clear()
    assert window.isVisible() and file_digest(demo_path) == digest
    window.session.perform("edit", lambda: window.session.plan.nodes.update(
        window.session.plan.nodes.by_code("C-S1").id, owner="仍可编辑"))
    assert window.session.plan.nodes.by_code("C-S1").owner == "仍可编辑"


def test_mapping_a_long_sheet_in_the_window(window, tmp_path, demo_path):
    from tests.core.excel.test_mapping_long import ROWS

    path = write_xlsx(tmp_path / "long.xlsx", {"月报": ROWS})
    seen = {}

    def map_and_import(dialog):
        dialog.mapping.map_sheet.setCurrentText("月报")
        dialog.mapping.map_keys.setText("A,B")
        dialog.mapping.map_period.setText("C")
        dialog.mapping.map_value.setText("D")
        dialog.findChild(type(dialog.import_button), "mapFindKeys").click()
        table = dialog.mapping.key_table
        keys = [table.item(r, 0).text() for r in range(table.rowCount())]
        seen["keys"] = keys
        combo = table.cellWidget(keys.index("市场部 | 试驾预约量"), 1)
        combo.setCurrentIndex(combo.findData("C-S1-M2"))
        dialog.findChild(type(dialog.import_button), "mapCheck").click()
        seen["summary"] = dialog.summary.text()
        dialog.import_button.click()

    answer_dialog(map_and_import, ImportDialog)
    assert window.excel.import_excel(str(path))
    assert seen["keys"] == ["市场部 | 试驾预约量", "市场部 | 试驾预约量目标", "服务部 | 满意度"]
    assert seen["summary"].startswith("2 new and 0 changed value(s)")
    with Plan.open(demo_path, readonly=True) as plan:
        from tests.helpers import values_of

        assert values_of(plan, "C-S1-M2")["2026-12"][0] == 19800.0


def test_the_preview_says_values_left_empty_keep_the_plan_s(window, tmp_path, demo_path):
    """Found by a tester: an actual deleted in the workbook was counted as unchanged, without a word; the
    window's preview now says it as the command line does."""
    path = write_xlsx(tmp_path / "oct.xlsx", {"Actuals": [["Code", "Period", "Actual", "Target"],
                                                          ["C-S1-M2", "2026-10", None, 21000]]})
    seen = {}

    def look(dialog):
        seen["summary"] = dialog.summary.text()
        dialog.reject()

    answer_dialog(look, ImportDialog)
    assert not window.excel.import_excel(str(path))
    assert seen["summary"] == ("0 new and 1 changed value(s), 0 unchanged; 0 new and 0 changed measure(s). 1 value "
                               "left empty in the workbook keeps the plan's value: an import clears no value.")


def test_the_preview_shows_each_definition_that_changes(window, tmp_path, demo_path):
    """A target changed by a Measures sheet was counted but not shown: the user saw "1 changed measure" and
    could not see which number."""
    path = write_xlsx(tmp_path / "defs.xlsx", {"Measures": [
        ["Code", "Parent", "Title", "Target", "Direction"], ["C-S1-M2", "C-S1", "试驾预约量", 230000, "lower"],
        ["C-S1-M9", "C-S1", "到店试驾", 1200, None]]})
    seen = {}

    def look(dialog):
        table = dialog.measures
        seen["tab"] = dialog.tabs.tabText(dialog.tabs.indexOf(table))
        seen["rows"] = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
        dialog.reject()

    answer_dialog(look, ImportDialog)
    assert not window.excel.import_excel(str(path))
    assert seen["tab"] == "Measures that change (2)"
    assert ["C-S1-M2", "试驾预约量", "changed", "target", "232,500", "230,000"] in seen["rows"]
    assert ["C-S1-M2", "试驾预约量", "changed", "direction", "higher is better", "lower is better"] in seen["rows"]
    assert ["C-S1-M9", "到店试驾", "new", "target", "", "1,200"] in seen["rows"]
    assert ["C-S1-M9", "到店试驾", "new", "parent", "", "C-S1"] in seen["rows"]


def test_a_preview_with_cells_showing_errors_says_they_were_not_read(window, tmp_path, demo_path):
    """Found by the window's tester: cells showing #DIV/0! and #N/A, for periods the plan holds no value of, were
    said in the band above the summary, but the summary under it read "The plan already holds everything in this
    file": it holds every value read, and says so."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Actuals"
    for row in (["Code", "Period", "Actual"], ["C-S1-M2", "2026-11", "#DIV/0!"], ["C-S1-M1", "2026-11", "#N/A"]):
        sheet.append(row)                          # (openpyxl writes these as error cells)
    path = tmp_path / "errors.xlsx"
    book.save(path)
    seen = {}

    def look(dialog):
        seen["summary"], seen["band"] = dialog.summary.text(), dialog.origin.text()
        seen["shown"], seen["import"] = dialog.origin.isVisibleTo(dialog), dialog.import_button.isEnabled()
        dialog.reject()

    answer_dialog(look, ImportDialog)
    assert not window.excel.import_excel(str(path))
    assert seen["summary"] == "The plan already holds every value read from this file: nothing would change."
    assert seen["shown"] and "2 cells show an error (C2 (#DIV/0!), C3 (#N/A))" in seen["band"]
    assert not seen["import"]
