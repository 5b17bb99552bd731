"""Workbooks refused before anything is read from them, each with a message naming the file and the place."""

import zipfile

import pytest

from ogsm_desktop.core.excel import importer
from ogsm_desktop.core.excel.books import WorkbookError, limits
from ogsm_desktop.core.excel.books.sniff import OLE_MAGIC
from tests.helpers import write_xlsx


def _bad_file_cases(tmp_path):
    text = tmp_path / "notes.xlsx"
    text.write_text("not a workbook", encoding="utf-8")
    ole = tmp_path / "locked.xlsx"
    ole.write_bytes(OLE_MAGIC + b"\x00" * 1024)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (60 * 1024**2) + b"/>")
    return [(text, "a text file, not a spreadsheet"), (ole, "a damaged Office file"),
            (broken, "a damaged zip archive"), (bomb, "a zip bomb?")]


def test_bad_files_are_refused_with_a_clear_message(plan, tmp_path):
    for path, message in _bad_file_cases(tmp_path):
        with pytest.raises(WorkbookError, match=message.replace("(", r"\(").replace(")", r"\)").replace("?", r"\?")):
            importer.analyse(plan, path)


def test_formulas_without_saved_values_are_named_where_they_are_used(plan, tmp_path):
    path = write_xlsx(tmp_path / "formulas.xlsx", {"Actuals": [
        ["Code", "Period", "Actual"], ["C-S1-M2", "2026-11", "=1+1"], ["C-S1-M1", "2026-11", "=B3*2"]]})
    preview = importer.analyse(plan, path)
    assert [(p.row, p.column) for p in preview.problems] == [(2, 2), (3, 2)]
    assert all("formula without a saved value" in p.message for p in preview.problems)


def test_merged_header_cells_are_named(plan, tmp_path):
    path = write_xlsx(tmp_path / "merged.xlsx", {"Actuals": [
        ["Code", "Period", "Actual", ""], ["C-S1-M2", "2026-11", 1, None]]}, merge={"Actuals": "C1:D1"})
    preview = importer.analyse(plan, path)
    assert [str(p) for p in preview.problems] == [
        "sheet 'Actuals', row 1, column C: merged cells C1:D1 in the header row; unmerge them so that every "
        "column has its own header"]


def test_a_sheet_over_the_row_limit_is_refused(plan, tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ROWS", 100)
    path = write_xlsx(tmp_path / "big.xlsx", {"Actuals": [["Code", "Period", "Actual"]] +
                                              [["C-S1-M2", f"2020-{m:02d}", 1] for m in range(1, 13)] * 10})
    with pytest.raises(WorkbookError, match=r"sheet 'Actuals': 121 rows, more than the 100 one import takes"):
        importer.analyse(plan, path)


def test_what_a_sheet_declares_is_not_trusted_what_it_holds_is_read(plan, tmp_path):
    """The size check looks at the cells really there, not at the <dimension> the file declares."""
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
    preview = importer.analyse(plan, path)
    assert preview.ok and preview.counts()["values new"] + preview.counts()["values changed"] == 1
