"""A big sheet loaded in parts side by side (books/parts.py) gives what the whole sheet gives, row for row, or is
loaded whole: never other rows, never a part file left on the disk.

The workbooks here are small; the parts are made small to match (a part of a few hundred bytes, blocks of a few
KB, up to four parts), so that every cut falls between rows the way a million rows' would."""

import threading
import time
from pathlib import Path

import pytest

from ogsm_desktop.core.excel import importer
from ogsm_desktop.core.excel.books import WorkbookError, calamine_book, open_book, parts, unpack
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


def test_rows_written_with_the_sheet_s_prefix_are_cut_as_well(small_parts, tmp_path, monkeypatch):
    """Rows with the sheet's own prefix (as some generators write them) are counted exactly: cut in parts. A row
    with another prefix (the reader knows a row by its local name) makes the count uncertain: loaded whole."""
    whole, _temp = small_parts
    xml = ('<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/'
           f'spreadsheetml/2006/main"><x:sheetData>{_rows(1, 200, prefix="x:")}</x:sheetData></x:worksheet>')
    path = package(tmp_path / "prefixed.xlsx", minimal(xml.encode()))
    got = _read(path, "Actuals")
    assert whole == []
    assert got == _whole(path, "Actuals", monkeypatch) and len(got[0]) == 200
    whole.clear()
    other = xml.replace('<x:row r="150">', '<y:row r="150">').replace("</x:c></x:row><x:row r=\"151\">",
                                                                       "</x:c></y:row><x:row r=\"151\">")
    path = package(tmp_path / "mixed.xlsx", minimal(other.encode()))
    got = _read(path, "Actuals")
    assert whole == ["Actuals"] and got == _whole(path, "Actuals", monkeypatch) and len(got[0]) == 200


@pytest.mark.parametrize("odd", ["rows without their number", "a comment among the rows", "CDATA",
                                 "a cell numbered outside its run", "a cell without its place", "no room on the disk"])
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
    elif odd == "a cell without its place":       # (a review: where it lands follows every row before it)
        rows = rows.replace('<row r="40">', "<x></row>" * 200 + '<c><v>9</v></c><row r="40">')
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
    """Parts take the sheet's size again on the disk, and the workbook's other parts once each: not where less than
    twice that and ROOM_LEFT is free, nor for a small sheet, nor on one core."""
    from collections import namedtuple

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(parts, "cores", lambda: 2)
    size = 100 * 1024**2
    need = 2 * (size + 2 * 1000) + parts.ROOM_LEFT
    monkeypatch.setattr(parts.shutil, "disk_usage", lambda _path: usage(0, 0, need))
    assert parts.parts_for(size, 1000) == 2
    monkeypatch.setattr(parts.shutil, "disk_usage", lambda _path: usage(0, 0, need - 1))
    assert parts.parts_for(size, 1000) == 1
    monkeypatch.setattr(parts.shutil, "disk_usage", lambda _path: usage(0, 0, 10**15))
    assert parts.parts_for(2 * parts.MIN_PART - 1, 0) == 1
    monkeypatch.setattr(parts, "cores", lambda: 1)
    assert parts.parts_for(size, 0) == 1


def test_a_sheet_whose_table_of_texts_is_big_is_loaded_whole(small_parts, tmp_path, monkeypatch):
    """Each part's workbook holds the table of texts again: one bigger than a TEXTS_SHARE-th of the sheet would
    take that much memory again per part, so the sheet is loaded whole (its texts here: xlsxwriter's shared ones)."""
    import xlsxwriter

    from ogsm_desktop.core.excel.books import ooxml

    whole, _temp = small_parts
    path = tmp_path / "texts.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Texts")
    for r in range(400):
        sheet.write_row(r, 0, [f"code {r}", f"a text of row {r}", r])
    book.close()
    got = _read(path, "Texts")
    assert whole == ["Texts"] and got[0][399] == ["code 399", "a text of row 399", 399.0]
    whole.clear()
    monkeypatch.setattr(ooxml, "TEXTS_SHARE", 1)        # a table of texts no bigger than the sheet
    assert _read(path, "Texts") == got and whole == []


# ----------------------------------------------------------------- found by a review (each failed before its fix)
def test_a_comment_or_instruction_before_the_rows_naming_them_loads_the_sheet_whole(small_parts, tmp_path,
                                                                                    monkeypatch):
    """A comment or processing instruction in the head holding "<sheetData>" (and closed after the rows): the
    parts cut at the first one lost 221 rows of 300, without a word."""
    whole, _temp = small_parts
    for opening, closing in ((b"<!-- <sheetData> -->", b"-->"), (b"<?pi <sheetData>?>", b"?>")):
        xml = (sheet_xml(_rows(1, 300)).replace(b"<sheetData>", opening + b"<sheetData>")
               .replace(b"</sheetData>", b"</sheetData>" + closing))
        path = package(tmp_path / "head.xlsx", minimal(xml))
        got = _read(path, "Actuals")
        assert whole == ["Actuals"]
        assert got == _whole(path, "Actuals", monkeypatch)
        whole.clear()


def test_styles_the_workbook_does_not_name_are_read_in_parts_as_whole(small_parts, tmp_path, monkeypatch):
    """python-calamine reads xl/styles.xml by its name, whatever the workbook's relationships say: parts without it
    read dates as plain numbers (45001.0 for 2023-03-16)."""
    whole, _temp = small_parts
    styles = (b'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/'
              b'spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" '
              b'applyNumberFormat="1"/></cellXfs></styleSheet>')
    body = "".join(f'<row r="{r}"><c r="A{r}" s="1"><v>{45000 + r}</v></c><c r="B{r}"><v>{r}</v></c></row>'
                   for r in range(1, 301))
    path = package(tmp_path / "styles.xlsx", minimal(sheet_xml(body), **{"xl/styles.xml": styles}))
    got = _read(path, "Actuals")
    assert whole == [] and got == _whole(path, "Actuals", monkeypatch)
    assert str(got[0][0][0]) == "2023-03-16"


def test_cells_without_their_place_after_a_cell_outside_a_row_load_the_sheet_whole(small_parts, tmp_path,
                                                                                   monkeypatch):
    """python-calamine places a cell without r after the cell before it, even one outside a row: a part beginning
    at such a row moved its values three columns."""
    whole, _temp = small_parts
    body = "".join(f'<row r="{r}"><c><v>{r}</v></c><c><v>{r}.5</v></c></row><c r="D{r}"><v>9</v></c>'
                   for r in range(1, 301))
    path = package(tmp_path / "outside.xlsx", minimal(sheet_xml(body)))
    got = _read(path, "Actuals")
    assert whole == ["Actuals"] and got == _whole(path, "Actuals", monkeypatch)


def test_merged_cells_written_among_the_rows_load_the_sheet_whole(small_parts, tmp_path, monkeypatch):
    """Merged cells written among the rows are in one part only; taken from the first they were lost (merged header
    cells are refused, so the sheet would have been imported)."""
    whole, _temp = small_parts
    rows = _rows(1, 300).replace('<row r="250">', '<mergeCells count="1"><mergeCell ref="A2:B3"/></mergeCells>'
                                                  '<row r="250">')
    path = package(tmp_path / "merged.xlsx", minimal(sheet_xml(rows)))
    got = _read(path, "Actuals")
    assert whole == ["Actuals"] and got == _whole(path, "Actuals", monkeypatch) and got[2] == [(1, 0, 2, 1)]


def test_parts_whose_rows_overlap_are_never_loaded(small_parts, tmp_path, monkeypatch):
    """Every row holding cells of the first and the last row as well: each part's rectangle would be the whole
    sheet's, all allocated at once (four times what the scan sized) before the parts were found not to line up.
    The scan's rows of each part say so first: no part is loaded."""
    whole, _temp = small_parts
    loads = []
    monkeypatch.setattr(calamine_book, "load_parts", lambda paths, load: loads.append(paths))
    body = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="L1"><v>7</v></c><c r="L300"><v>8</v></c></row>'
                   for r in range(1, 301))
    path = package(tmp_path / "rectangle.xlsx", minimal(sheet_xml(body)))
    got = _read(path, "Actuals")
    assert loads == [] and whole == ["Actuals"] and got == _whole(path, "Actuals", monkeypatch)


def test_no_part_is_left_when_interrupted_while_the_parts_are_closed(small_parts, tmp_path, monkeypatch):
    import zipfile

    _whole_loads, temp = small_parts
    close, hit = zipfile.ZipFile.close, []

    def interrupted(self):
        close(self)
        if self.mode == "w" and not hit:
            hit.append(1)
            raise KeyboardInterrupt

    path = package(tmp_path / "interrupted.xlsx", minimal(sheet_xml(_rows(1, 300))))
    monkeypatch.setattr(zipfile.ZipFile, "close", interrupted)
    with pytest.raises(KeyboardInterrupt), open_book(path) as book:
        book.sheet("Actuals")
    assert hit and list(temp.iterdir()) == []


def test_a_mark_opening_a_block_counts_as_a_comment():
    """A block that could not be cut before a tag may end in "<", the next one beginning "![CDATA[…"."""
    assert parts._marked_up(b'![CDATA[<row r="9">]]></t>', 0)
    assert parts._marked_up(b'?pi <row r="9">?>', 0)
    assert not parts._marked_up(b'<row r="9"><c r="A9" t="inlineStr"><is><t>Why? Now!</t></is></c></row>', 0)


@pytest.mark.parametrize("interruptions", ["once", "again and again"])
def test_an_interruption_while_the_parts_load_waits_for_them_before_their_files_go(monkeypatch, interruptions):
    """Ctrl+C while the parts load: the loads cannot be stopped half-way, and their files are removed after; so
    the interruption is raised once every load has ended, not while they still read the files — also when it
    comes again while they are waited for (a second review: the files went under the running loads)."""
    import concurrent.futures

    real_wait, ended, asked = concurrent.futures.wait, [], []

    def interrupted(futures, *args, **kwargs):
        asked.append(1)
        if interruptions == "again and again" or len(asked) == 1:
            raise KeyboardInterrupt
        return real_wait(futures, *args, **kwargs)

    monkeypatch.setattr(parts, "wait", interrupted)

    def load(path):
        time.sleep(0.3)
        ended.append(path)

    with pytest.raises(KeyboardInterrupt):
        parts.load_parts([Path("a"), Path("b")], load)
    assert sorted(ended) == [Path("a"), Path("b")]


def test_parts_a_killed_import_left_are_removed_when_parts_are_next_written(small_parts, tmp_path, monkeypatch):
    """A killed import (the system out of memory, a crash) leaves its parts: those older than STALE go when parts
    are next written; a newer folder (another import running) stays."""
    import os

    _whole_loads, temp = small_parts
    old, new = temp / f"{parts.FOLDER_PREFIX}old", temp / f"{parts.FOLDER_PREFIX}new"
    for folder in (old, new):
        folder.mkdir()
        (folder / "part0.xlsx").write_bytes(b"PK")
    then = time.time() - parts.STALE - 60
    os.utime(old, (then, then))
    path = package(tmp_path / "sound.xlsx", minimal(sheet_xml(_rows(1, 300))))
    _read(path, "Actuals")
    assert sorted(p.name for p in temp.iterdir()) == [new.name]


# ----------------------------------------------------------------- found by a second review (each failed first)
def _spy(monkeypatch):
    loads = []
    real = calamine_book.load_parts

    def spy(paths, load):
        got = real(paths, load)
        loads.append([(s.start, s.end) for s in got])
        return got

    monkeypatch.setattr(calamine_book, "load_parts", spy)
    return loads


@pytest.mark.parametrize("inner", ["<sheetData/>", "</sheetData><sheetData>"])
def test_rows_after_an_inner_end_of_sheetdata_are_not_read_in_parts(small_parts, tmp_path, monkeypatch, inner):
    """calamine stops at the first End(sheetData) (an empty <sheetData/> is expanded to one); the parts cut after it
    and each part's own <sheetData> makes the reader read rows the whole sheet never gives."""
    xml = sheet_xml(_rows(1, 150) + inner + _rows(1000, 1300))
    path = package(tmp_path / "inner.xlsx", minimal(xml))
    assert _read(path, "Actuals") == _whole(path, "Actuals", monkeypatch)      # parts: 1300 rows; whole: 150


def test_a_row_whose_attribute_value_holds_a_slash_and_gt_is_not_taken_for_an_empty_row(small_parts, tmp_path,
                                                                                          monkeypatch):
    body = "".join(f'<row r="{r}" x="/>"><c><v>{r}</v></c></row><c r="D{r}"><v>9</v></c>' for r in range(1, 301))
    path = package(tmp_path / "slash.xlsx", minimal(sheet_xml(body)))
    assert _read(path, "Actuals") == _whole(path, "Actuals", monkeypatch)      # rows 78, 153, 227: E -> A


def test_a_first_cell_written_with_another_prefix_is_checked_for_its_place(small_parts, tmp_path, monkeypatch):
    """calamine goes by local names: <y:c> is a cell; the parts' cell pattern knows only the sheetData's prefix."""
    body = "".join(f'<row r="{r}"><y:c><v>{r}</v></y:c><c r="B{r}"><v>1</v></c></row><c r="D{r}"><v>9</v></c>'
                   for r in range(1, 301))
    path = package(tmp_path / "prefix.xlsx", minimal(sheet_xml(body)))
    assert _read(path, "Actuals") == _whole(path, "Actuals", monkeypatch)      # rows 78, 153, 228: E -> A


@pytest.mark.parametrize("odd", ['<x r="0"/>', ""])
def test_overlapping_parts_are_still_never_loaded(small_parts, tmp_path, monkeypatch, odd):
    """The first review's overlap case (every row holding cells of rows 1 and 300) with an element calamine ignores
    carrying r="0", or with the reference to row 1 written L0000001: all four parts are loaded, each the whole
    sheet's rectangle."""
    loads = _spy(monkeypatch)
    one = "L1" if odd else "L0000001"
    body = "".join(f'<row r="{r}">{odd}<c r="A{r}"><v>{r}</v></c><c r="{one}"><v>7</v></c><c r="L300"><v>8</v></c>'
                   f"</row>" for r in range(1, 301))
    path = package(tmp_path / "rectangle.xlsx", minimal(sheet_xml(body)))
    _read(path, "Actuals")
    assert loads == []                                  # [[((0,0),(299,11))] * 4]


def test_parts_overlapping_through_rows_without_their_number_are_never_loaded(small_parts, tmp_path, monkeypatch):
    loads = _spy(monkeypatch)
    unnumbered = "<row>" + "<c><v>1</v></c>" * 12 + "</row>"
    body = "".join(f'<row r="{k + 1}"><c r="Z{k + 1}"><v>1</v></c></row>' + unnumbered * 60 for k in range(4))
    xml = sheet_xml(body)
    starts = [i for i in range(len(xml)) if xml.startswith(b"<row", i)]
    for c in (len(xml) * k // 4 for k in (1, 2, 3)):   # (each cut lands on a numbered row)
        assert xml[next(s for s in starts if s >= c):].startswith(b'<row r="')
    path = package(tmp_path / "unnumbered.xlsx", minimal(xml))
    _read(path, "Actuals")
    assert loads == []            # [((0,0),(60,25)), ((1,0),(61,25)), ((2,0),(62,25)), ((3,0),(63,25))]: 4x the whole


@pytest.mark.parametrize("end", [f"<a></{'p' * 80}:sheetData>", "<a></a=b:sheetData>", "<a></a b:sheetData>"])
def test_parts_stop_where_the_reader_stops(small_parts, tmp_path, monkeypatch, end):
    """Found by a third review: the reader stops at any closing tag whose name ends in sheetData, whatever comes
    before it; such an end among the rows loads the sheet whole (in parts: 600 rows where the whole gives 300)."""
    whole, _temp = small_parts
    path = package(tmp_path / "odd.xlsx", minimal(sheet_xml(_rows(1, 300) + end + _rows(301, 600))))
    got = _read(path, "Actuals")
    assert whole == ["Actuals"] and got == _whole(path, "Actuals", monkeypatch)
