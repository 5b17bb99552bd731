"""Workbooks refused before anything is read from them, each with a message naming the file and the place."""

import zipfile

import pytest

from ogsm_desktop.core.excel import importer, workbook
from ogsm_desktop.core.excel.workbook import WorkbookError
from tests.helpers import write_xlsx


def _bad_file_cases(tmp_path):
    text = tmp_path / "notes.xlsx"
    text.write_text("not a workbook", encoding="utf-8")
    ole = tmp_path / "locked.xlsx"
    ole.write_bytes(workbook.OLE_MAGIC + b"\x00" * 1024)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (60 * 1024**2) + b"/>")
    return [(text, "not an Excel workbook"), (ole, "password-protected (encrypted) workbook, or an old .xls"),
            (broken, "damaged workbook"), (bomb, "a zip bomb?")]


def test_bad_files_are_refused_with_a_clear_message(plan, tmp_path):
    for path, message in _bad_file_cases(tmp_path):
        with pytest.raises(WorkbookError, match=message.replace("(", r"\(").replace(")", r"\)").replace("?", r"\?")):
            importer.analyse(plan, path)


def test_formulas_without_saved_values_are_refused(plan, tmp_path):
    path = write_xlsx(tmp_path / "formulas.xlsx", {"Actuals": [
        ["Code", "Period", "Actual"], ["C-S1-M2", "2026-11", "=1+1"], ["C-S1-M1", "2026-11", "=B3*2"]]})
    with pytest.raises(WorkbookError, match=r"sheet 'Actuals': formulas without saved values in C2, C3"):
        importer.analyse(plan, path)


def test_merged_header_cells_are_named(plan, tmp_path):
    path = write_xlsx(tmp_path / "merged.xlsx", {"Actuals": [
        ["Code", "Period", "Actual", ""], ["C-S1-M2", "2026-11", 1, None]]}, merge={"Actuals": "C1:D1"})
    preview = importer.analyse(plan, path)
    assert [str(p) for p in preview.problems] == [
        "sheet 'Actuals', row 1, column C: merged cells C1:D1 in the header row; unmerge them so that every "
        "column has its own header"]


def test_a_sheet_over_the_row_limit_is_refused(plan, tmp_path, monkeypatch):
    monkeypatch.setattr(workbook, "MAX_ROWS", 100)
    path = write_xlsx(tmp_path / "big.xlsx", {"Actuals": [["Code", "Period", "Actual"]] +
                                              [["C-S1-M2", f"2020-{m:02d}", 1] for m in range(1, 13)] * 10})
    with pytest.raises(WorkbookError, match=r"sheet 'Actuals': 121 rows, more than the 100 one import takes"):
        importer.analyse(plan, path)


def test_a_sheet_declaring_ten_million_rows_is_refused_before_it_is_read(plan, tmp_path):
    path = tmp_path / "huge.xlsx"
    write_xlsx(path, {"Actuals": [["Code", "Period", "Actual"], ["C-S1-M2", "2026-11", 1]]})
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n) for n in z.namelist()}
    sheet = next(n for n in members if n.startswith("xl/worksheets/"))
    members[sheet] = members[sheet].replace(b'<dimension ref="A1:C2" />', b'<dimension ref="A1:C10000000" />')
    assert b"A1:C10000000" in members[sheet]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    with pytest.raises(WorkbookError, match=r"sheet 'Actuals': 10,000,000 rows, more than the 3,000,000 one import takes"):
        importer.analyse(plan, path)
