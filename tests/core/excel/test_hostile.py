"""Hostile and broken workbooks: refused in seconds with one line that says what the file is, never a
traceback, never a killed process, memory proportional to the cells really there, the plan unchanged."""

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ogsm_desktop.core.excel import importer
from ogsm_desktop.core.excel.books import WorkbookError, unpack
from ogsm_desktop.core.excel.books.ooxml import _scan_xml
from tests.fixtures.hostile import WORKBOOK_RELS, build_hostile, minimal, ods_named_xlsx, package, sheet_xml
from tests.helpers import file_digest

ROOT = Path(__file__).resolve().parents[3]
PEAK_MB = 300

# Runs the command line in a process of its own and says how it ended and how much memory it took.
PROBE = """
import json, sys
from ogsm_desktop.cli import main
from ogsm_desktop.core.perf import peak_memory_mb
code = main(sys.argv[1:])
print(json.dumps({"code": code, "peak_mb": peak_memory_mb()}))
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return build_hostile(tmp_path_factory.mktemp("hostile"))


NAMES = ["far cell, declared", "far cell, undeclared", "far cell, lied about", "few cells far apart",
         "beyond the grid", "far cell, spaced attribute", "bad CRC", "missing sheet part", "four billion strings",
         "entity expansion", "57 KB of damage", "a Word document", "a web page saved as xls", "an empty file",
         "damaged OpenDocument", "a value repeated a billion times", "far cell in an .xlsb"]


@pytest.mark.parametrize("name", NAMES)
def test_a_hostile_workbook_is_refused_in_one_line_with_little_memory(hostile, name, demo_path, tmp_path):
    path, words = hostile[name]
    digest = file_digest(demo_path)
    done = subprocess.run([sys.executable, "-c", PROBE, "import", str(demo_path), str(path)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120, cwd=ROOT,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(tmp_path),
                               "OGSM_DESKTOP_DATA_DIR": str(tmp_path / "data")})
    assert done.returncode == 0, done.stderr[-2000:]          # the process lived to say how it went
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["code"] == 1
    assert done.stderr.count("\n") == 1 and len(done.stderr) < 400, done.stderr[:600]
    assert words in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert report["peak_mb"] < PEAK_MB, report
    assert file_digest(demo_path) == digest


def test_in_the_program_a_hostile_workbook_is_one_refusal(hostile, plan):
    for name in NAMES:
        path, words = hostile[name]
        with pytest.raises(WorkbookError, match=words.replace("(", r"\(")):
            preview = importer.analyse(plan, path)
            raise WorkbookError("; ".join(map(str, preview.problems)))


def test_an_opendocument_spreadsheet_named_xlsx_is_read_as_what_it_is(tmp_path, plan):
    path = ods_named_xlsx(tmp_path)
    if path is None:
        pytest.skip("LibreOffice (soffice) is not installed to write the OpenDocument file")
    preview = importer.analyse(plan, path)
    assert preview.ok, [str(p) for p in preview.problems]
    assert preview.counts()["values new"] == 1


def test_a_text_repeated_in_many_cells_is_not_taken_for_a_crafted_table(plan, tmp_path):
    """A table of texts says how many cells use its texts (``count``) and how many texts it holds
    (``uniqueCount``): a workbook with one comment in 30,000 cells says 30,000 and 1, as Excel writes it.
    That was refused as "declares 30,000 texts and holds …" — only ``uniqueCount`` says what it holds."""
    import xlsxwriter

    path = tmp_path / "repeated.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("Actuals")
    ws.write_row(0, 0, ["Code", "Period", "Actual", "Comment"])
    ws.write_row(1, 0, ["C-S1-M2", "2026-10", 17600, "同上"])
    notes = book.add_worksheet("Notes")
    for row in range(30_000):
        notes.write_string(row, 0, "同上")
    book.close()
    preview = importer.analyse(plan, path)
    assert preview.ok, preview.problems[:3]


def test_an_xls_with_one_text_in_many_cells_is_not_taken_for_a_crafted_table(plan, tmp_path):
    """The same for .xls (its SST record: cells using the texts, texts held), saved by LibreOffice: it was
    refused as "declares 30,007 texts and has room for 20" (found by a cold review)."""
    import shutil

    import xlsxwriter

    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice (soffice) is not installed: it writes the .xls")
    src = tmp_path / "repeated.xlsx"
    book = xlsxwriter.Workbook(str(src))
    book.add_worksheet("Actuals").write_row(0, 0, ["Code", "Period", "Actual", "Comment"])
    book.worksheets()[0].write_row(1, 0, ["C-S1-M2", "2026-10", 17600, "同上"])
    notes = book.add_worksheet("Notes")
    for row in range(30_000):
        notes.write_string(row, 0, "同上")
    book.close()
    subprocess.run([office, f"-env:UserInstallation={(tmp_path / 'lo').resolve().as_uri()}", "--headless",
                    "--convert-to", "xls", "--outdir", str(tmp_path), str(src)], capture_output=True, timeout=180,
                   check=False)
    assert (tmp_path / "repeated.xls").exists(), "LibreOffice did not write the .xls"
    preview = importer.analyse(plan, tmp_path / "repeated.xls")
    assert preview.ok, preview.problems[:3]


@pytest.mark.parametrize(("used", "held", "refused"), [(30_000, 1, False), (30_000, 1_000_000, True)])
def test_the_xls_table_of_texts_is_judged_by_the_texts_it_holds(tmp_path, monkeypatch, used, held, refused):
    """The .xls check itself, on a workbook stream written here (the LibreOffice test above needs soffice):
    its SST record says how many cells use the texts, then how many texts it holds; only the second counts."""
    import struct

    from ogsm_desktop.core.excel.books import xls

    def record(kind: int, body: bytes) -> bytes:
        return struct.pack("<HH", kind, len(body)) + body

    text = b"\x03\x00\x00abc"                  # one text: 3 characters, 1 byte each (XLUnicodeRichExtendedString)
    stream = (record(xls.BOF, struct.pack("<HHHHII", 0x0600, 0x0005, 0, 0, 0, 0))
              + record(xls.SST, struct.pack("<ii", used, held) + text) + record(xls.EOF, b""))
    monkeypatch.setattr(xls, "_workbook_stream", lambda _path: stream)
    if refused:
        with pytest.raises(xls.PackageError, match="declares 1,000,000 texts"):
            xls.scan_xls(tmp_path / "t.xls")
    else:
        assert xls.scan_xls(tmp_path / "t.xls") == {}


def test_an_xlsb_cell_pointing_past_its_texts_is_one_refusal(tmp_path):
    """python-calamine stops (a Rust panic, which ``except Exception`` lets through) on a cell that points
    past the table of texts: a full traceback on the command line (found by a cold review)."""
    import struct
    import zipfile

    from ogsm_desktop.core.storage import Plan
    from tests.fixtures.xlsb import record, wide, write_xlsb

    path = write_xlsb(tmp_path / "b.xlsb", {"Actuals": [["Code", "Period", "Actual"], [None, "2026-11", 5]]})
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/sharedStrings.bin"] = (record(159, struct.pack("<II", 1, 1)) + record(19, b"\x00" + wide("s0"))
                                     + record(160))
    parts["xl/_rels/workbook.bin.rels"] = parts["xl/_rels/workbook.bin.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.bin"/></Relationships>')
    sheet = parts["xl/worksheets/sheet1.bin"]
    marker = record(0, struct.pack("<IIHHBB", 1, 0, 300, 0, 0, 0) + struct.pack("<I", 0))
    at = sheet.index(marker) + len(marker)
    parts["xl/worksheets/sheet1.bin"] = sheet[:at] + record(7, struct.pack("<III", 0, 0, 5)) + sheet[at:]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    plan_path = tmp_path / "plan.ogsm"
    Plan.create(plan_path).close()
    for backtrace in ("0", "1"):                # Rust's own words on a panic are not said either
        done = subprocess.run([sys.executable, "-c", PROBE, "import", str(plan_path), str(path)],
                              capture_output=True, text=True, encoding="utf-8", timeout=120, cwd=ROOT,
                              env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(tmp_path),
                                   "OGSM_DESKTOP_DATA_DIR": str(tmp_path / "data"), "RUST_BACKTRACE": backtrace})
        assert done.returncode == 0, done.stderr[-2000:]
        assert json.loads(done.stdout.strip().splitlines()[-1])["code"] == 1
        assert done.stderr.count("\n") == 1 and "the reader stopped on something it does not handle" in done.stderr, (
            done.stderr)


def _saved_by_libreoffice(src, kind: str, tmp_path):
    """``src`` as LibreOffice saves it as a ``kind`` file (the test skips, saying so, without LibreOffice)."""
    import shutil

    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip(f"LibreOffice (soffice) is not installed: it writes the .{kind}")
    subprocess.run([office, f"-env:UserInstallation={(tmp_path / 'lo').resolve().as_uri()}", "--headless",
                    "--convert-to", kind, "--outdir", str(tmp_path / "out"), str(src)], capture_output=True,
                   timeout=180, check=False)
    path = tmp_path / "out" / f"{src.stem}.{kind}"
    assert path.exists(), f"LibreOffice did not write the .{kind}"
    return path


def _hidden_workbook(path):
    """Row 3 of Actuals hidden, column B (2026-09) of Wide hidden, and a hidden sheet of old figures."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Actuals"
    ws.append(["Code", "Period", "Actual"])
    ws.append(["C-S1-M2", "2026-11", 111])
    ws.append(["C-S1-M2", "2026-12", 222])
    ws.row_dimensions[3].hidden = True
    wide = wb.create_sheet("Wide")
    wide.append(["Code", "2026-09", "2026-10"])
    wide.append(["C-G1", 1, 2])
    wide.column_dimensions["B"].hidden = True
    old = wb.create_sheet("old")
    old.append(["Code", "Period", "Actual"])
    old.append(["C-G3", "2026-11", 999])
    old.sheet_state = "hidden"
    wb.save(path)
    return path


@pytest.mark.parametrize("kind", ["xlsx", "ods", "xls"])
def test_cells_that_show_an_error_are_named_not_read_as_empty_without_a_word(plan, tmp_path, kind):
    """Found by a tester: a formula whose result is an error (#DIV/0!, #N/A) was read as an empty cell — the
    plan kept its value, and the only trace was the count of cells left empty. The preview says which cells show
    an error, and that the plan's values stay there. (The .xlsx as openpyxl writes it; the .ods and .xls as
    LibreOffice saves the formulas' errors.)"""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Actuals"
    ws.append(["Code", "Period", "Actual", "Target"])
    ws.append(["C-S1-M2", "2026-10", "=1/0", "=NA()"])
    ws.append(["C-S1-M2", "2026-11", 7, 5])
    src = tmp_path / "errors.xlsx"
    if kind == "xlsx":
        ws["C2"], ws["D2"] = "#DIV/0!", "#N/A"            # as Excel saves the formulas' cached errors
        ws["C2"].data_type = ws["D2"].data_type = "e"
        wb.save(src)
        path = src
    else:
        wb.save(src)
        path = _saved_by_libreoffice(src, kind, tmp_path)
    preview = importer.analyse(plan, path)
    said = " ".join(preview.warnings)
    assert "C2" in said and "D2" in said and "error" in said, preview.warnings


def test_cells_written_without_their_place_that_must_be_read_as_shown_refuse_the_sheet(plan, tmp_path):
    """Found by a tester: an .xlsx whose cells carry no r="C2" (optional in the format; some streaming writers
    leave it out) had its per-cent cells read as the bare fraction (12.3% stored as 0.123) and its formulas
    without a saved value read as empty: the scan that notes them finds a cell by its r. Such a sheet is refused,
    saying why and what to do, rather than read otherwise than it shows."""
    import re
    import zipfile

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Actuals"
    ws.append(["Code", "Period", "Actual"])
    ws.append(["C-S1-M1", "2026-11", 0.123])
    ws["C2"].number_format = "0.0%"
    wb.save(tmp_path / "src.xlsx")
    with zipfile.ZipFile(tmp_path / "src.xlsx") as zin, zipfile.ZipFile(tmp_path / "unplaced.xlsx", "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'(<c) r="[A-Z]+\d+"', rb"\1", data)
            zout.writestr(item, data)
    before = file_digest(plan.path)
    with pytest.raises(WorkbookError, match="without their place"):
        preview = importer.analyse(plan, tmp_path / "unplaced.xlsx")
        raise WorkbookError("; ".join(map(str, preview.problems)))
    assert file_digest(plan.path) == before


def test_xlsb_cells_that_show_an_error_are_named(plan, tmp_path):
    from tests.fixtures.xlsb import write_xlsb

    path = write_xlsb(tmp_path / "errors.xlsb", {"Actuals": [["Code", "Period", "Actual"],
                                                             ["C-S1-M2", "2026-10", ("error", 0x07)],
                                                             ["C-S1-M2", "2026-11", 7]]})
    preview = importer.analyse(plan, path)
    assert any("C2 (#DIV/0!)" in w for w in preview.warnings), preview.warnings


def test_hidden_rows_columns_and_sheets_that_are_imported_are_said(plan, tmp_path):
    """Found by a tester: a hidden row, a hidden period column and a hidden sheet of old figures were imported
    like the rest, without a word — the planner, who sees only what is shown, would not know. They are imported
    (the workbook's figures are what it holds), and the preview says so, naming them."""
    _hidden_workbook(tmp_path / "hidden.xlsx")
    preview = importer.analyse(plan, tmp_path / "hidden.xlsx")
    said = "\n".join(preview.warnings)
    assert len(preview.warnings) == 3, said
    assert "Actuals" in said and "row 3 " in said and "Wide" in said and "column B " in said and "old" in said, said
    assert preview.ok


def test_an_error_in_a_column_read_is_named_however_many_an_unread_column_has(plan, tmp_path):
    """A reviewer's: the error cells noted were the sheet's first thousand, in any column — with #DIV/0! in an unread
    Ratio column on 1,011 rows, the #N/A in the actual column at C1012 was not named (the plan kept its value
    without a word). They are noted per column."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Actuals"
    ws.append(["Code", "Period", "Actual", "Ratio"])
    for i in range(1011):
        ws.append(["C-S1-M2", f"{2020 + i // 12:04d}-{i % 12 + 1:02d}" if i < 84 else "2026-11", None, "#DIV/0!"])
        ws.cell(row=i + 2, column=4).data_type = "e"
    ws.cell(row=1012, column=3).value = "#N/A"
    ws.cell(row=1012, column=3).data_type = "e"
    wb.save(tmp_path / "many.xlsx")
    preview = importer.analyse(plan, tmp_path / "many.xlsx")
    said = " ".join(preview.warnings)
    assert "C1012 (#N/A)" in said and "1 cell" in said and "D2" not in said, said


@pytest.mark.parametrize("kind", ["xls", "ods"])
def test_hidden_rows_columns_and_sheets_of_xls_and_ods_are_said(plan, tmp_path, kind):
    """As for an .xlsx (above), in the .xls and .ods LibreOffice saves: the hidden rows and columns the import reads
    are named, and the hidden sheet (an .ods's, in the sheet's style, was not looked up before stop 16)."""
    path = _saved_by_libreoffice(_hidden_workbook(tmp_path / "hidden.xlsx"), kind, tmp_path)
    said = "\n".join(importer.analyse(plan, path).warnings)
    assert "row 3 " in said and "column B " in said, said
    assert "“old” is hidden" in said, said


def test_the_hidden_sheets_rows_and_columns_of_an_xlsb_are_said(plan, tmp_path):
    from tests.fixtures.xlsb import write_xlsb

    path = write_xlsb(tmp_path / "hidden.xlsb", {"Actuals": [["Code", "Period", "Actual"], ["C-S1-M2", "2026-10", 7],
                                                             ["C-S1-M2", "2026-11", 8]],
                                                 "old": [["Code", "Period", "Actual"], ["C-S1-M2", "2025-10", 5]]},
                      hidden=frozenset({"old"}))
    said = "\n".join(importer.analyse(plan, path).warnings)
    assert "“old” is hidden" in said and "Actuals" not in said, said
    path = write_xlsb(tmp_path / "rows.xlsb", {"Actuals": [["Code", "Period", "Actual"], ["C-S1-M2", "2026-10", 7],
                                                           ["C-S1-M2", "2026-11", 8]]},
                      hidden_rows=frozenset({2}), hidden_cols=frozenset({1}))
    said = "\n".join(importer.analyse(plan, path).warnings)
    assert "row 3 " in said and "column B " in said and "row 2 " not in said, said


_SHEET = (b'<?xml version="1.0"?><{p}worksheet xmlns{colon}="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          b'<{p}cols><{p}col min="3" max="3" {hidden}/></{p}cols><{p}sheetData>{filler}'
          b'<{p}row r="7" {hidden}><{p}c r="B7" {error}><{p}v>#N/A</{p}v></{p}c></{p}row></{p}sheetData></{p}worksheet>')


@pytest.mark.parametrize("quote", ['"', "'"])
@pytest.mark.parametrize("prefix", [b"", b"x:"])
@pytest.mark.parametrize("spaced", [False, True])
@pytest.mark.parametrize("far", [False, True])
def test_the_scan_finds_error_cells_and_hidden_rows_and_columns_however_written(tmp_path, quote, prefix, spaced, far):
    """The scan looks for error cells and hidden rows and columns only in the blocks whose attributes may hold
    them: with either quote, an element prefix, spaces around "=", and in a block after the first."""
    import zipfile

    from ogsm_desktop.core.excel.books import ooxml

    q = quote.encode()
    eq = b" = " if spaced else b"="
    filler = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (r, r, r) for r in range(1, 7)) * (
        60_000 if far else 1)      # some 8 MB before the cells sought: they are in a later block
    xml = _SHEET.replace(b"{p}", prefix).replace(b"{colon}", b":" + prefix[:-1] if prefix else b"").replace(
        b"{filler}", filler.replace(b"<row", b"<" + prefix + b"row").replace(b"<c ", b"<" + prefix + b"c ")
        .replace(b"<v>", b"<" + prefix + b"v>").replace(b"</v></c></row>", b"</" + prefix + b"v></" + prefix
                                                                               + b"c></" + prefix + b"row>"))
    xml = xml.replace(b"{hidden}", b"hidden" + eq + q + b"1" + q).replace(b"{error}", b"t" + eq + q + b"e" + q)
    with zipfile.ZipFile(tmp_path / "s.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("sheet.xml", xml)
    with zipfile.ZipFile(tmp_path / "s.zip") as z:
        scan = ooxml._scan_xml(z, "sheet.xml", frozenset())
    assert scan.errors == {(6, 1): "#N/A"}
    assert scan.hidden_rows == {6} and scan.hidden_cols == {2}
    assert (scan.extent.last_row, scan.extent.last_col) == (6, 1)


@pytest.mark.parametrize("split", [5, 20, 30, 35, 60])
def test_a_cell_across_the_scans_blocks_is_read_whole(tmp_path, split):
    """A reviewer's: the scan reads a sheet 8 MB at a time, cut before a tag; an error cell or a formula without a saved
    value whose element was cut (its start tag in one block, its value in the next) was never noted — the plan kept
    its value without a word, or the formula's cell read as empty."""
    import zipfile

    from ogsm_desktop.core.excel.books import ooxml, unpack

    head = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    cells = b'<row r="7"><c r="B7" t="e"><v>#N/A</v></c><c r="C7"><f>SUM(A1:A6)</f></c></row>'
    filler = b"<!--" + b"x" * (unpack.CHUNK - len(head) - split - 7) + b"-->"
    with zipfile.ZipFile(tmp_path / "s.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("s.xml", head + filler + cells + b"</sheetData></worksheet>")
    with zipfile.ZipFile(tmp_path / "s.zip") as z:
        scan = ooxml._scan_xml(z, "s.xml", frozenset())
    assert scan.errors == {(6, 1): "#N/A"} and scan.unsaved == {(6, 2)}


@pytest.mark.parametrize("written", ["NaN", "nan", "inf", "-inf", "Infinity", "1e999", "-1E400"])
@pytest.mark.parametrize("column", ["C", "D"])
def test_a_number_cell_that_is_no_finite_number_is_refused_not_stored(plan, tmp_path, written, column):
    """A cell of type number whose value reads as NaN or infinity (a program writing Python's floats as text, or a
    number beyond the largest a double holds) was taken as the float the reader library gave: NaN went into the plan
    as an empty value (SQLite stores NaN as NULL), infinity as a number no status or chart can show. The same cell
    typed in the window is refused as "not a finite number"; so it is here, at its cell, and nothing is written."""
    from ogsm_desktop.core.errors import PlanError
    from tests.fixtures.hostile import minimal, package, sheet_xml

    def text(ref: str, value: str) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'

    header = ('<row r="1">' + text("A1", "Code") + text("B1", "Period") + text("C1", "Actual")
              + text("D1", "Target") + "</row>")
    odd = f'<c r="{column}2"><v>{written}</v></c>'
    other = f'<c r="{"D" if column == "C" else "C"}2"><v>7</v></c>'
    cells = sorted([odd, other])
    rows = (header + '<row r="2">' + text("A2", "C-S1-M1") + text("B2", "2026-01") + "".join(cells) + "</row>"
            + '<row r="3">' + text("A3", "C-S1-M1") + text("B3", "2026-02") + '<c r="C3"><v>12.5</v></c></row>')
    path = package(tmp_path / "odd-number.xlsx", minimal(sheet_xml(rows)))
    before = file_digest(plan.path)
    preview = importer.analyse(plan, path)
    where = [(p.sheet, p.row, p.column) for p in preview.problems]
    assert where == [("Actuals", 2, "CD".index(column) + 2)], preview.problems
    assert preview.rows == []
    with pytest.raises(PlanError):
        importer.apply(plan, preview)
    assert file_digest(plan.path) == before


# ----------------------------------------------------------------- the scan against the reader (a review's finds)
def _scanned_and_loaded(path, part="xl/worksheets/sheet1.xml"):
    import python_calamine as pc

    with zipfile.ZipFile(path) as z:
        extent = _scan_xml(z, part, frozenset()).extent
    sheet = pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Actuals")
    return extent, (sheet.end[0] + 1) * (sheet.end[1] + 1)


def test_leading_zeros_hide_the_last_row_from_the_scan(tmp_path):
    path = package(tmp_path / "lz.xlsx", minimal(sheet_xml(
        '<row r="1"><c r="A0000001"><v>1</v></c><c r="XFD200"><v>7</v></c></row>')))
    extent, area = _scanned_and_loaded(path)
    assert extent.area >= area                          # 16,384 against 3,276,800 (XFD20000: 327M cells passes)


def test_rows_without_their_number_are_sized_by_the_scan(tmp_path):
    body = '<row r="1"><c r="XFD1"><v>1</v></c></row>' + "<row><c><v>1</v></c></row>" * 200
    extent, area = _scanned_and_loaded(package(tmp_path / "unnumbered.xlsx", minimal(sheet_xml(body))))
    assert extent.area >= area                          # 16,384 against 3,293,184


def test_a_tag_longer_than_two_blocks_does_not_hide_its_reference(tmp_path):
    """With the real CHUNK (1 MB): the long cell's block is given whole (cut at 0), the next begins with r="..."
    and the vector search wants a space before it. A 4.6 KB file."""
    n = next(n for n in range(3 * unpack.CHUNK - 200, 3 * unpack.CHUNK + 1200)
             if (sheet_xml(f'<row r="1"><c r="A1"><v>1</v></c><c t="n" x="{"x" * n}" r="XFD400"><v>2</v></c></row>')
                 .find(b' r="XFD400"') + 1) % unpack.CHUNK == 0)
    xml = sheet_xml(f'<row r="1"><c r="A1"><v>1</v></c><c t="n" x="{"x" * n}" r="XFD400"><v>2</v></c></row>')
    extent, area = _scanned_and_loaded(package(tmp_path / "long.xlsx", minimal(xml)))
    assert extent.area >= area                          # 1 against 6,553,600


def test_a_part_named_two_ways_is_refused(plan, tmp_path):
    """The workbook names its sheet worksheets/./sheet1.xml: the scan read xl/worksheets/sheet1.xml (one cell), the
    reader loaded the entry named as written (300 rows, unscanned). Such a package is refused, the plan unchanged."""
    rels = WORKBOOK_RELS.replace(b'Target="worksheets/sheet1.xml"', b'Target="worksheets/./sheet1.xml"')
    benign = sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>')
    other = sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row><row r="300"><c r="Z300"><v>2</v></c></row>')
    path = package(tmp_path / "dot.xlsx", minimal(benign, **{"xl/_rels/workbook.xml.rels": rels,
                                                             "xl/worksheets/./sheet1.xml": other}))
    before = file_digest(plan.path)
    with pytest.raises(WorkbookError, match="can be read as"):
        importer.analyse(plan, path)
    assert file_digest(plan.path) == before


def test_rows_without_their_number_after_a_far_cell_are_refused_in_little_memory(plan, tmp_path):
    """A few KB: a cell in XFD1, then 60,000 rows without their number, which the reader numbers one after the
    other — a rectangle of a billion cells the numbers written did not show. Refused as cells far apart."""
    body = '<row r="1"><c r="XFD1"><v>1</v></c></row>' + "<row><c><v>1</v></c></row>" * 60_000
    path = package(tmp_path / "unnumbered.xlsx", minimal(sheet_xml(body)))
    with pytest.raises(WorkbookError, match="far apart"):
        importer.analyse(plan, path)


def test_two_parts_of_one_name_are_refused(plan, tmp_path):
    """Found by a third review: Python's zip reader cuts a name at a NUL, the reader library does not, so
    "sheet1.xml\\0" was scanned as one part (1 cell) and loaded as the other (49 million). Refused, plan unchanged."""
    hostile = sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row><row r="3000"><c r="XFD3000"><v>1</v></c></row>')
    path = tmp_path / "nul.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in minimal(hostile).items():
            z.writestr(name, data)
        z.writestr("xl/worksheets/sheet1.xmlQ", sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>'))
    path.write_bytes(path.read_bytes().replace(b"sheet1.xmlQ", b"sheet1.xml\0"))
    before = file_digest(plan.path)
    with pytest.raises(WorkbookError, match="same name"):
        importer.analyse(plan, path)
    assert file_digest(plan.path) == before


def test_rows_written_over_several_lines_are_sized_exactly(tmp_path):
    """A third review: rows whose number follows line breaks and spaces (<row\\n   r="5">, pretty-printed XML) were
    all counted as rows without their number, doubling the sheet's size (a sparse one then refused)."""
    rows = "".join(f'<row\n   r="{r}"><c r="A{r}"><v>{r}</v></c><c r="E{r}"><v>1</v></c></row>' for r in range(1, 3001))
    path = package(tmp_path / "pretty.xlsx", minimal(sheet_xml(rows)))
    with zipfile.ZipFile(path) as z:
        extent = _scan_xml(z, "xl/worksheets/sheet1.xml", frozenset()).extent
    assert (extent.last_row, extent.last_col) == (2999, 4)


@pytest.mark.parametrize("cells", [
    '<row r="1"><c r="XFD1"><v>1</v></c></row>' + "<x></row>" * 3000 + "<c><v>1</v></c>",
    '<row r="1">' + "<c><v>1</v></c>" * 3000 + '</row><row r="3000"><c r="A3000"><v>1</v></c></row>',
], ids=["row-ends-without-a-start", "cells-without-their-place"])
def test_the_scan_sizes_what_the_reader_allocates_for_unnumbered_rows_and_cells(tmp_path, cells):
    """A third review: the reader moves to the next row at any row's end tag, even one without its start, and puts
    a cell without its place after the one before it; the scan sized neither (a 2-5 KB file made the reader
    allocate a rectangle of billions of cells). Now read as the reader reads it (unplaced.py)."""
    path = package(tmp_path / "h.xlsx", minimal(sheet_xml(cells)))
    with zipfile.ZipFile(path) as z:
        area = _scan_xml(z, "xl/worksheets/sheet1.xml", frozenset()).extent.area
    assert area >= _scanned_and_loaded(path)[1]          # 16,384 against 49 million; 3,000 against 9 million
