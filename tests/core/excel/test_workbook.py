"""Workbooks refused before anything is read from them, each with a message naming the file and the place."""

import zipfile

import pytest

from ogsm_desktop.core.excel import importer
from ogsm_desktop.core.excel.books import WorkbookError, limits
from ogsm_desktop.core.excel.books.sniff import OLE_MAGIC
from tests.helpers import open_on, write_xlsx


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
        "sheet “Actuals”, row 1, column C: merged cells C1:D1 in the header row; unmerge them so that every "
        "column has its own header"]


def test_a_sheet_over_the_row_limit_is_refused(plan, tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ROWS", 100)
    path = write_xlsx(tmp_path / "big.xlsx", {"Actuals": [["Code", "Period", "Actual"]] +
                                              [["C-S1-M2", f"2020-{m:02d}", 1] for m in range(1, 13)] * 10})
    with pytest.raises(WorkbookError, match=r"sheet “Actuals”: 121 rows, more than the 100 one import takes"):
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


def _sheet_threads() -> list[str]:
    import threading

    return [t.name for t in threading.enumerate() if t.name.startswith("ogsm-sheet")]


def _join_sheet_threads() -> None:
    """A loading thread ends right after its one load: give it the moment it takes."""
    import threading

    for t in threading.enumerate():
        if t.name.startswith("ogsm-sheet"):
            t.join(5)


def test_the_first_sheet_is_loaded_while_the_plan_is_read(plan, tmp_path, monkeypatch):
    """The reader library loads a sheet without holding Python's lock: the import starts checking the first
    sheet, then, once it is checked (a scan that needs the lock, as the plan's read does), loads it while
    the plan is read, side by side. Each side here waits for the other to have started, so a load that came
    only after the plan's read would fail the test (not hang it)."""
    import threading

    from ogsm_desktop.core.excel import reader as reader_module
    from ogsm_desktop.core.excel.books.calamine_book import CalamineBook

    path = write_xlsx(tmp_path / "actuals.xlsx", {"Actuals": [
        ["Code", "Period", "Actual"], ["C-S1-M1", "2026-11", 5.0]]})
    checked, loading, reading = threading.Event(), threading.Event(), threading.Event()
    check, load, read = CalamineBook.check, CalamineBook.load, reader_module.Reader.__init__

    def checking(self, name, between=None):
        found = check(self, name, between)
        assert not reading.is_set(), "the plan was read while the sheet was being scanned"
        checked.set()
        return found

    def sheet(self, name, scan):
        loading.set()
        assert reading.wait(10), "the plan was not read while the sheet loaded"
        return load(self, name, scan)

    def reader_init(self, *args, **kwargs):
        assert checked.is_set(), "the plan was read before the sheet was checked"
        reading.set()
        assert loading.wait(10), "the sheet was not loading while the plan was read"
        read(self, *args, **kwargs)

    monkeypatch.setattr(CalamineBook, "check", checking)
    monkeypatch.setattr(CalamineBook, "load", sheet)
    monkeypatch.setattr(reader_module.Reader, "__init__", reader_init)
    preview = importer.analyse(plan, path)
    assert not preview.problems
    assert [(r[1], r[3]) for r in preview.rows] == [("2026-11", 5.0)]


@pytest.mark.parametrize("stop", ["the plan's read fails", "cancelled", "Ctrl+C"])
def test_what_stops_the_import_while_the_sheet_loads_is_said_at_once_and_the_file_closes_after(
        plan, tmp_path, monkeypatch, stop):
    """The first sheet is still loading (the library cannot stop half-way) when the plan's read fails, the
    user cancels, or presses Ctrl+C: that is said at once, as it is, not after the load; the loading thread
    then closes the file when its load ends, never under the library, and nothing is left running or open."""
    import concurrent.futures
    import threading

    from ogsm_desktop.core.excel import reader as reader_module
    from ogsm_desktop.core.excel.books.calamine_book import CalamineBook
    from ogsm_desktop.core.excel.preview import ImportCancelled

    path = write_xlsx(tmp_path / "actuals.xlsx", {"Actuals": [
        ["Code", "Period", "Actual"], ["C-S1-M1", "2026-11", 5.0]]})
    release, finished = threading.Event(), []
    load = CalamineBook.load

    def sheet(self, name, scan):
        release.wait(10)
        out = load(self, name, scan)
        finished.append(name)
        return out

    monkeypatch.setattr(CalamineBook, "load", sheet)
    progress, expected = (lambda *_args: True), None
    if stop == "the plan's read fails":
        def reader_init(self, *args, **kwargs):
            raise OSError("the plan cannot be read")

        monkeypatch.setattr(reader_module.Reader, "__init__", reader_init)
        expected = OSError
    elif stop == "cancelled":
        progress, expected = (lambda *_args: False), ImportCancelled
    else:
        result = concurrent.futures.Future.result

        def interrupted(self, timeout=None):        # (Python hands Ctrl+C to the main thread alone: the scan's
            if threading.current_thread() is threading.main_thread():     # threads wait for theirs as ever)
                raise KeyboardInterrupt
            return result(self, timeout)

        monkeypatch.setattr(concurrent.futures.Future, "result", interrupted)
        expected = KeyboardInterrupt
    try:
        with pytest.raises(expected):
            importer.analyse(plan, path, progress=progress)
        assert finished == []                      # said while the sheet was still loading
    finally:
        release.set()
    _join_sheet_threads()
    assert finished == ["Actuals"]
    assert _sheet_threads() == []
    assert open_on(path) in ([], None)


def test_an_import_cancelled_while_its_sheet_is_checked_never_loads_the_sheet(plan, tmp_path, monkeypatch):
    """The user cancels while the first sheet's bytes are still being checked (a scan of a big sheet takes a
    second): the load that would have followed (seconds more, and the sheet's size in memory) is not started;
    the file closes as the check ends."""
    import threading

    from ogsm_desktop.core.excel.books.calamine_book import CalamineBook
    from ogsm_desktop.core.excel.preview import ImportCancelled

    path = write_xlsx(tmp_path / "actuals.xlsx", {"Actuals": [
        ["Code", "Period", "Actual"], ["C-S1-M1", "2026-11", 5.0]]})
    release, loaded = threading.Event(), []
    check, load = CalamineBook.check, CalamineBook.load

    def slow_check(self, name, between=None):
        release.wait(10)
        return check(self, name, between)

    def recorded_load(self, name, scan):
        loaded.append(name)
        return load(self, name, scan)

    monkeypatch.setattr(CalamineBook, "check", slow_check)
    monkeypatch.setattr(CalamineBook, "load", recorded_load)
    try:
        with pytest.raises(ImportCancelled):
            importer.analyse(plan, path, progress=lambda *_args: False)
    finally:
        release.set()
    _join_sheet_threads()
    assert loaded == []
    assert _sheet_threads() == []
    assert open_on(path) in ([], None)


def test_a_refused_first_sheet_is_said_as_before_while_loaded_on_its_own_thread(plan, tmp_path):
    """The first sheet is checked on the loading thread: its refusal is still one WorkbookError naming the
    file and the sheet, and nothing is left running."""
    path = tmp_path / "far.xlsx"
    write_xlsx(path, {"Actuals": [["Code", "Period", "Actual"], ["C-S1-M1", "2026-11", 5.0]]})
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    far = parts["xl/worksheets/sheet1.xml"].replace(b"</sheetData>", b'<row r="1000000"><c r="XFD1000000"><v>1'
                                                                      b'</v></c></row></sheetData>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, far if n == "xl/worksheets/sheet1.xml" else data)
    with pytest.raises(WorkbookError, match="sheet “Actuals”.*lie far apart"):
        importer.analyse(plan, path)
    _join_sheet_threads()
    assert _sheet_threads() == []


@pytest.mark.parametrize("start", [0, 1, 29, 30, 31, 45, 60, 70])
def test_a_sheets_rows_are_numbered_from_where_they_are_asked_for(start):
    """The rows past the header stream by once: asked for from any row (in the first rows kept for finding
    the header, at their end, past it, past the last row), each comes with its own number, none twice."""
    from ogsm_desktop.core.excel.books import Sheet

    rows = [[f"r{r}", r] for r in range(60)]
    sheet = Sheet("Actuals", iter(rows), [], len(rows))
    assert len(sheet.head) == Sheet.HEAD
    assert list(sheet.iter_rows(start)) == [(r, rows[r]) for r in range(start, len(rows))]


def test_the_scan_finds_every_percent_cell_as_any_program_writes_its_tag(tmp_path, monkeypatch):
    """The scan reads the cells of a percent style with one pattern over the sheet's bytes (no longer every
    cell's tag taken apart): prefixed elements, spaces and single quotes around the style, a style whose
    number begins like a percent one's (13 beside 3), across the blocks the sheet is unpacked in."""
    from ogsm_desktop.core.excel.books import ooxml, unpack

    rows = []
    for r in range(1, 3001):
        rows.append(f'<x:row r="{r}"><x:c r="A{r}" s="3"><x:v>0.5</x:v></x:c><x:c r="B{r}" s = \'3\' t="n">'
                    f'<x:v>1</x:v></x:c><x:c r="C{r}" s="13"><x:v>2</x:v></x:c><x:c s="1" r="D{r}"/></x:row>')
    xml = ('<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           f'<x:sheetData>{"".join(rows)}</x:sheetData></x:worksheet>')
    path = tmp_path / "p.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", xml)
    monkeypatch.setattr(unpack, "CHUNK", 4096)               # many blocks, cut anywhere
    with zipfile.ZipFile(path) as z:
        scan = ooxml._scan_xml(z, "xl/worksheets/sheet1.xml", frozenset({3}))
    assert scan.percent == {(r, c) for r in range(3000) for c in (0, 1)}
    assert (scan.extent.last_row, scan.extent.last_col, scan.extent.cells) == (2999, 3, 12000)


@pytest.mark.parametrize("bom, encoding", [(b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")])
def test_excels_unicode_text_is_read_as_the_tab_separated_text_it_is(plan, tmp_path, bom, encoding):
    """Found by a tester: Excel's "Unicode Text (*.txt)" — how it saves Chinese as text: tab-separated UTF-16
    with a byte-order mark — was refused as "not a spreadsheet (a file of another kind)" for its NUL bytes,
    before the text reader (which decodes UTF-16) was asked."""
    path = tmp_path / "11月实际.txt"
    text = "编号\t期间\t实际值\r\nC-S1-M2\t2026-11\t21500\r\n"
    path.write_bytes(bom + text.encode(encoding))
    preview = importer.analyse(plan, path)
    assert preview.ok, preview.problems
    assert [(r[1], r[3]) for r in preview.rows] == [("2026-11", 21500.0)]
