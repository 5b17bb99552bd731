"""A big sheet loaded in parts side by side (books/parts.py) gives what the whole sheet gives, row for row, or is
loaded whole: never other rows, never a part file left on the disk.

The workbooks here are small; the parts are made small to match (a part of a few hundred bytes, blocks of a few
KB, up to four parts), so that every cut falls between rows the way a million rows' would."""

import threading
import time
from pathlib import Path

import pytest

from ogsm_desktop.core.excel import importer
from ogsm_desktop.core.excel.books import WorkbookError, open_book, parts, unpack
from ogsm_desktop.core.excel.books.calamine_book import CalamineBook
from tests.fixtures.hostile import minimal, package, sheet_xml
from tests.helpers import file_digest


@pytest.fixture
def small_parts(monkeypatch, tmp_path):
    """Parts of 256 bytes and more, up to four of them, blocks of 1 KB, written in a folder of the test's own;
    counts how often a sheet was loaded whole."""
    monkeypatch.setattr(parts, "MIN_PART", 256)
    monkeypatch.setattr(parts, "cores", lambda: 4)
    monkeypatch.setattr(unpack, "CHUNK", 1024)
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(parts.tempfile, "tempdir", str(temp))
    whole = []
    load_whole = CalamineBook._load_whole

    def counted(self, name, scan):
        whole.append(name)
        return load_whole(self, name, scan)

    monkeypatch.setattr(CalamineBook, "_load_whole", counted)
    return whole, temp


def _read(path: Path, name: str) -> tuple:
    with open_book(path) as book:
        sheet = book.sheet(name)
        return [list(row) for _r, row in sheet.iter_rows()], sheet.height, sorted(sheet.merged)


def _whole(path: Path, name: str, monkeypatch) -> tuple:
    with monkeypatch.context() as m:
        m.setattr(parts, "MIN_PART", 10**12)
        return _read(path, name)


def _text(ref: str, value: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def _rows(first: int, last: int, *, columns="ABC", gap_every: int = 0, prefix: str = "") -> str:
    out = []
    for r in range(first, last + 1):
        if gap_every and r % gap_every == 0:
            continue                              # a row not written: empty in the sheet
        cells = "".join(f'<{prefix}c r="{col}{r}"><{prefix}v>{r * 10 + i}</{prefix}v></{prefix}c>'
                        for i, col in enumerate(columns))
        out.append(f'<{prefix}row r="{r}">{cells}</{prefix}row>')
    return "".join(out)


def test_a_sheet_in_parts_gives_every_row_as_the_whole_sheet_does(small_parts, tmp_path, monkeypatch):
    """Rows from the fifth down and from column C on, rows missing here and there, a later run narrower than the
    first (its last column empty), merged cells after the rows: the parts' rows are the whole sheet's."""
    whole, temp = small_parts
    rows = ('<row r="5">' + _text("C5", "Code") + _text("D5", "Period") + _text("E5", "Actual") + "</row>"
            + _rows(6, 120, columns="CDE", gap_every=17) + _rows(121, 300, columns="CD", gap_every=23))
    xml = sheet_xml(rows).replace(b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="C2:D3"/>'
                                                   b"</mergeCells>")
    path = package(tmp_path / "offset.xlsx", minimal(xml))
    got = _read(path, "Actuals")
    assert whole == [], "loaded whole, not in parts"
    assert got == _whole(path, "Actuals", monkeypatch)
    assert got[0][4][2:] == ["Code", "Period", "Actual"] and got[0][299][2:] == [3000.0, 3001.0, ""]
    assert got[2] == [(1, 2, 2, 3)] and list(temp.iterdir()) == []


def test_rows_written_with_a_prefix_are_cut_as_well(small_parts, tmp_path, monkeypatch):
    whole, _temp = small_parts
    xml = ('<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/'
           f'spreadsheetml/2006/main"><x:sheetData>{_rows(1, 200, prefix="x:")}</x:sheetData></x:worksheet>')
    path = package(tmp_path / "prefixed.xlsx", minimal(xml.encode()))
    got = _read(path, "Actuals")
    assert whole == [], "loaded whole, not in parts"
    assert got == _whole(path, "Actuals", monkeypatch) and len(got[0]) == 200


@pytest.mark.parametrize("odd", ["rows without their number", "a comment among the rows", "CDATA",
                                 "a cell numbered outside its run", "no room on the disk"])
def test_a_sheet_that_cannot_be_cut_safely_is_loaded_whole(small_parts, tmp_path, monkeypatch, odd):
    """Where a part would begin at a row calamine numbers from its own start, where a comment or CDATA could hold
    a row's tag that is none, where a cell lies outside its part's run of rows (the parts would not line up), or
    where the parts cannot be written: the sheet is loaded whole — the same rows — and no part is left behind."""
    whole, temp = small_parts
    rows = _rows(1, 300)
    if odd == "rows without their number":
        rows = rows.replace('<row r="', '<row s="')
    elif odd == "a comment among the rows":
        rows = rows.replace('<row r="150">', '<!-- <row r="2"> --><row r="150">')
    elif odd == "CDATA":
        rows = rows.replace('<row r="150">', '<row r="150"><c r="D150" t="inlineStr"><is><t><![CDATA[<row r="9">]]>'
                                             "</t></is></c>")
    elif odd == "a cell numbered outside its run":
        rows = rows.replace('<c r="A290">', '<c r="F3"><v>1</v></c><c r="A290">')
    else:
        def full(*_args):
            raise OSError(28, "No space left on device")
        monkeypatch.setattr(parts.SheetParts, "_write", full)
    path = package(tmp_path / "odd.xlsx", minimal(sheet_xml(rows)))
    expected = _whole(path, "Actuals", monkeypatch)
    whole.clear()
    assert _read(path, "Actuals") == expected
    assert whole == ["Actuals"] and list(temp.iterdir()) == []


def test_no_part_is_left_on_the_disk_when_the_sheet_is_refused_or_never_loaded(small_parts, tmp_path, monkeypatch):
    """Refused after its scan (cells shown as a per cent written without their place), or the book closed while
    the sheet was being checked (a cancel): the parts written are removed."""
    _whole_loads, temp = small_parts
    styles = (b'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/'
              b'spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="10" applyNumberFormat="1"/>'
              b"</cellXfs></styleSheet>")
    rows = _rows(1, 300).replace('<c r="B150">', '<c s="1">')
    parts_ = minimal(sheet_xml(rows), **{"xl/styles.xml": styles})
    parts_["xl/_rels/workbook.xml.rels"] = parts_["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                             b'relationships/styles" Target="styles.xml"/></Relationships>')
    refused = package(tmp_path / "refused.xlsx", parts_)
    with open_book(refused) as book:
        with pytest.raises(WorkbookError, match="without their place"):
            book.sheet("Actuals")
        assert list(temp.iterdir()) == []        # at the refusal, not only once the book is closed

    sound = package(tmp_path / "sound.xlsx", minimal(sheet_xml(_rows(1, 300))))
    release = threading.Event()
    refuse = CalamineBook._refuse

    def checking(self, name, scan):                # the parts written, the check still going on
        assert release.wait(10)
        return refuse(self, name, scan)

    monkeypatch.setattr(CalamineBook, "_refuse", checking)
    book = open_book(sound)
    book.prepare("Actuals")
    assert _soon(lambda: list(temp.iterdir()))
    book.close()                                   # cancelled while the sheet is checked: it is never loaded
    release.set()
    assert _soon(lambda: not list(temp.iterdir()))


def _soon(condition) -> bool:
    for _ in range(200):
        if condition():
            return True
        time.sleep(0.05)
    return False


def _same_in_parts(path: Path, monkeypatch) -> None:
    with open_book(path) as book:
        names = book.sheet_names
    for name in names:
        try:
            expected = _whole(path, name, monkeypatch)
        except WorkbookError:
            continue
        assert _read(path, name) == expected, (path.name, name)


def test_every_workbook_of_the_corpus_reads_the_same_in_parts(small_parts, corpus, monkeypatch):
    """The corpus's workbooks, as openpyxl, xlsxwriter and LibreOffice write them: shared texts, styles, dates,
    per cents, formulas with their values."""
    cases, _why = corpus
    paths = [c.path for c in cases if c.path.suffix.lower() in (".xlsx", ".xlsm")]
    assert len(paths) > 20
    for path in paths:
        _same_in_parts(path, monkeypatch)


def test_the_scorecard_reads_the_same_in_parts(small_parts, scorecard, monkeypatch):
    """The balanced-scorecard workbook, generated, and the real one written by another program when it is there."""
    _same_in_parts(scorecard, monkeypatch)


def test_an_import_in_parts_is_the_import_whole(small_parts, plan, tmp_path, monkeypatch):
    """What the preview says and would write, from a long sheet of the program's own export read in parts."""
    from ogsm_desktop.core.excel.exporter import export

    whole, temp = small_parts
    path = tmp_path / "actuals.xlsx"
    export(plan, path, sheets=("Actuals",))
    digest = file_digest(plan.path)
    in_parts = importer.analyse(plan, path)
    assert whole == []
    with monkeypatch.context() as m:
        m.setattr(parts, "MIN_PART", 10**12)
        at_once = importer.analyse(plan, path)
    assert in_parts.rows == at_once.rows and len(in_parts.rows) > 100
    assert [str(p) for p in in_parts.problems] == [str(p) for p in at_once.problems]
    assert file_digest(plan.path) == digest and list(temp.iterdir()) == []


def test_a_sheet_is_loaded_whole_where_its_parts_would_leave_the_disk_short(monkeypatch):
    """Parts take the sheet's size again on the disk: not where less than twice that and ROOM_LEFT is free, nor
    for a small sheet, nor on one core."""
    from collections import namedtuple

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(parts, "cores", lambda: 2)
    size = 100 * 1024**2
    monkeypatch.setattr(parts.shutil, "disk_usage", lambda _path: usage(0, 0, 2 * size + parts.ROOM_LEFT))
    assert parts.parts_for(size) == 2
    monkeypatch.setattr(parts.shutil, "disk_usage", lambda _path: usage(0, 0, 2 * size + parts.ROOM_LEFT - 1))
    assert parts.parts_for(size) == 1
    monkeypatch.setattr(parts.shutil, "disk_usage", lambda _path: usage(0, 0, 10**15))
    assert parts.parts_for(2 * parts.MIN_PART - 1) == 1
    monkeypatch.setattr(parts, "cores", lambda: 1)
    assert parts.parts_for(size) == 1


def test_a_sheet_whose_table_of_texts_is_big_is_loaded_whole(small_parts, tmp_path, monkeypatch):
    """Each part's workbook holds the table of texts again: one bigger than MOST_STRINGS_IN_PARTS would take that
    much memory again per part, so the sheet is loaded whole (its texts here: xlsxwriter's shared ones)."""
    import xlsxwriter

    from ogsm_desktop.core.excel.books import ooxml

    whole, _temp = small_parts
    path = tmp_path / "texts.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Texts")
    for r in range(400):
        sheet.write_row(r, 0, [f"code {r}", f"a text of row {r}", r])
    book.close()
    _read(path, "Texts")
    assert whole == []                             # in parts, its table of texts being small enough
    monkeypatch.setattr(ooxml, "MOST_STRINGS_IN_PARTS", 1000)
    got = _read(path, "Texts")
    assert whole == ["Texts"] and got[0][399] == ["code 399", "a text of row 399", 399.0]
