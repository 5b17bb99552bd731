"""Cells and rows written without their place: the scan must size where the reader puts them (never less), a
sheet written so by a streaming writer imports as any other, and one the scan cannot follow for sure is refused
with one line, nothing written."""

import random
import threading
import zipfile

import pytest

from ogsm_desktop.core.excel import importer
from ogsm_desktop.core.excel.books import WorkbookError, open_book, unpack, unplaced
from ogsm_desktop.core.excel.books.limits import ExtentError
from ogsm_desktop.core.excel.books.ooxml import _scan_xml
from ogsm_desktop.core.excel.books.refs import last_cell
from ogsm_desktop.core.excel.books.sheet import column_name
from tests.fixtures.hostile import minimal, package, sheet_xml
from tests.helpers import file_digest

PART = "xl/worksheets/sheet1.xml"


def _extent(path):
    with zipfile.ZipFile(path) as z:
        return _scan_xml(z, PART, frozenset()).extent


def _loaded_end(path):
    """The last row and column of what the reader loads (-1, -1: nothing)."""
    import python_calamine as pc

    sheet = pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Actuals")
    return sheet.end if sheet.end is not None else (-1, -1)


def _random_rows(rng: random.Random, prefix: str = "") -> str:
    """Rows and cells as writers and crafted files write them: numbered or not, placed or not, empty, closing
    themselves, row ends without a start, cells after a row's end; values, inline texts and formulas."""
    p = f"{prefix}:" if prefix else ""
    out, row = [], 0
    for _ in range(rng.randint(1, 25)):
        kind = rng.random()
        if kind < 0.08:
            out.append(f"<{p}x></{p}row>" * rng.randint(1, 6))      # ends without a start
            continue
        if kind < 0.14:
            out.append(f'<{p}row r="{rng.randint(1, 40)}"/>' if rng.random() < 0.6 else f"<{p}row/>")
            continue
        numbered = rng.random() < 0.6
        row = rng.randint(1, 40) if numbered else row + 1
        out.append(f'<{p}row r="{row}">' if numbered else f'<{p}row spans="1:3">')
        col = 0
        for _ in range(rng.randint(0, 8)):
            placed = rng.random() < 0.5
            col = rng.randint(0, 30) if placed else col + 1
            where = f' r="{column_name(col)}{row if rng.random() < 0.8 else rng.randint(1, 40)}"' if placed else ""
            if rng.random() < 0.2:
                where = f' s="1"{where}'                           # its place not first
            body = rng.choice([f"<{p}v>{rng.randint(0, 99)}</{p}v>", f"<{p}f>1+1</{p}f><{p}v>2</{p}v>", ""])
            if rng.random() < 0.15:
                out.append(f'<{p}c t="inlineStr"{where}><{p}is><{p}t>t</{p}t></{p}is></{p}c>')
            elif not body and rng.random() < 0.5:
                out.append(f"<{p}c{where}/>")
            else:
                out.append(f"<{p}c{where}>{body}</{p}c>")
        if rng.random() < 0.9:
            out.append(f"</{p}row>")
        if rng.random() < 0.1:
            out.append(f"<{p}c><{p}v>5</{p}v></{p}c>")                # a cell outside any row
    return "".join(out)


def _prefixed_sheet(rows: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/'
            f'spreadsheetml/2006/main"><x:sheetData>{rows}</x:sheetData></x:worksheet>').encode()


@pytest.mark.parametrize("prefix", ["", "x"])
def test_the_scan_never_sizes_less_than_the_reader_loads(tmp_path, prefix):
    rng = random.Random(7 if prefix else 3)
    for n in range(120):
        rows = _random_rows(rng, prefix)
        sheet = _prefixed_sheet(rows) if prefix else sheet_xml(rows)
        path = package(tmp_path / f"s{n}.xlsx", minimal(sheet))
        try:
            end = _loaded_end(path)
        except Exception:                   # the reader refuses it (a row's number it cannot read…): nothing held
            continue
        extent = _extent(path)
        assert (extent.last_row >= end[0] and extent.last_col >= end[1]), (n, rows, end, extent)


def test_a_sheet_whose_cells_leave_out_their_place_is_sized_exactly_and_imports(tmp_path, plan):
    """As a streaming writer may write it: each row numbered, its cells in order without r."""
    rows = ['<row r="1"><c t="inlineStr"><is><t>Code</t></is></c><c t="inlineStr"><is><t>Period</t></is></c>'
            '<c t="inlineStr"><is><t>Actual</t></is></c></row>']
    rows += [f'<row r="{r}"><c t="inlineStr"><is><t>C-S1-M2</t></is></c><c t="inlineStr"><is><t>2026-{r + 7:02d}'
             f'</t></is></c><c><v>{r * 100}</v></c></row>' for r in (2, 3)]
    path = package(tmp_path / "streamed.xlsx", minimal(sheet_xml("".join(rows))))
    extent = _extent(path)
    assert (extent.last_row, extent.last_col, extent.cells) == (2, 2, 9)
    preview = importer.analyse(plan, path)
    assert preview.ok, preview.problems
    assert sorted((r[1], r[3]) for r in preview.rows) == [("2026-09", 200.0), ("2026-10", 300.0)]


def test_rows_without_their_number_whose_cells_have_their_place_are_not_counted_twice(tmp_path):
    """Their cells name their place, so where the reader counts the rows does not matter (the scan added each
    such row below the last before)."""
    rows = "".join(f'<row spans="1:2"><c r="A{r}"><v>1</v></c><c r="B{r}"><v>2</v></c></row>' for r in range(1, 301))
    extent = _extent(package(tmp_path / "rows.xlsx", minimal(sheet_xml(rows))))
    assert (extent.last_row, extent.last_col) == (299, 1)


@pytest.mark.parametrize("odd", [
    "<!-- </row></row> -->", "<![CDATA[</row>]]>", "<?pi </row>?>", '<x a="<"/>', "</row x>",
], ids=["comment", "cdata", "instruction", "lt-in-a-value", "end-tag-with-more"])
def test_cells_without_their_place_in_a_sheet_written_otherwise_are_refused(tmp_path, plan, odd):
    body = f'<row r="1"><c r="A1"><v>1</v></c></row>{odd}<row r="2"><c><v>2</v></c></row>'
    path = package(tmp_path / "odd.xlsx", minimal(sheet_xml(body)))
    before = file_digest(plan.path)
    with pytest.raises(WorkbookError, match="without their place") as refused:
        preview = importer.analyse(plan, path)
        raise WorkbookError("; ".join(map(str, preview.problems)))
    assert "odd.xlsx" in str(refused.value) and "Actuals" in str(refused.value)    # the file and the sheet named
    assert file_digest(plan.path) == before


def test_a_comment_among_cells_that_have_their_place_is_read_as_before(tmp_path):
    body = '<row r="1"><c r="A1"><v>1</v></c></row><!-- a note --><row r="2"><c r="B2"><v>2</v></c></row>'
    extent = _extent(package(tmp_path / "noted.xlsx", minimal(sheet_xml(body))))
    assert (extent.last_row, extent.last_col, extent.cells) == (1, 1, 2)


@pytest.mark.parametrize(("block", "opened", "placed"), [
    (b'<row r="1"><c r="A1"><v>1</v></c><c r="B1"/><c><v>2</v></c><c\ts="1" r="C1"/></row>', 4, 2),
    (b'<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><x:c/></x:row><x:cols><x:col min="1"/></x:cols>', 2, 1),
    (b'<row r="1"><c r="A1"><v>1</v></c></row><t>a:c b</t>', 1, 1),           # ":c " in text: no cell
])
def test_the_cells_a_block_opens_and_those_opened_with_their_place_are_counted(block, opened, placed):
    refs = last_cell(block * 2)
    assert (refs.cells_opened, refs.cells_placed) == (2 * opened, 2 * placed)


def test_rows_read_at_once_land_where_rows_read_a_tag_at_a_time_do(tmp_path):
    """Plain rows of cells without their place are read a row at a time; written so that each must be read a tag
    at a time (a value with an attribute), the same cells land in the same places."""
    rng = random.Random(11)
    rows, slow = [], []
    for _ in range(399):
        numbered = rng.random() < 0.7
        attrs = f' r="{rng.randint(1, 900)}"' if numbered else ""
        cells = "".join(rng.choice(["<c><v>1</v></c>", "<c/>", '<c t="inlineStr"><is><t>x</t></is></c>',
                                    "<c><f>1+1</f><v>2</v></c>"]) for _ in range(rng.randint(0, 30)))
        ends = "<x></row>" * rng.randint(0, 2)
        rows.append(f"<row{attrs}>{cells}</row>{ends}")
        kept = cells.replace("<v>", '<v xml:space="preserve">')
        slow.append(f"<row{attrs}>{kept}</row>{ends}")
    fast_extent = _extent(package(tmp_path / "fast.xlsx", minimal(sheet_xml("".join(rows)))))
    slow_path = package(tmp_path / "slow.xlsx", minimal(sheet_xml("".join(slow))))
    slow_extent = _extent(slow_path)
    assert fast_extent == slow_extent
    end = _loaded_end(slow_path)
    assert slow_extent.last_row >= end[0] and slow_extent.last_col >= end[1]


@pytest.mark.parametrize("body", [
    '<row r="1"><c r="B1"><v>1</v></c><c><v><v/></c></row>' + "<x></row>" * 40 + "<c><is><t>a</t></is></c></v>",
    '<row r="1"><c r="B1"><v>1</v></c><c t="str"><v>1<v/></c></row>' + "<x></row>" * 40 + "<c><v>2</v></c></v>",
    "<y><y>" + "<x></row>" * 40 + '<c r="A1"><is><t>a</is></c><row r="1"/></t></is></c><c><v>7</v></c>',
], ids=["empty-value-in-a-value", "empty-value-in-a-text-value", "text-run-past-its-inline-text"])
def test_a_value_the_reader_ends_elsewhere_is_refused(tmp_path, body):
    """A second review: the reader ends a value at an empty element of its name inside it, and reads a text run
    to its own end past the end of its inline text; the scan skipped to another end and missed 40 row ends (a
    million in a 19 KB file)."""
    path = package(tmp_path / "value.xlsx", minimal(sheet_xml(body)))
    assert _loaded_end(path)[0] >= 40                       # what the reader would hold
    with pytest.raises(ExtentError, match="without their place"):
        _extent(path)


def test_a_reference_in_a_tag_longer_than_a_block_is_seen(tmp_path):
    """A second review: a tag over a block long is cut at a space, and the space in r = "C30" parted the name from
    its value: the reference went unseen (XFD1048576: 17 billion cells from a 3.6 KB file)."""
    head = sheet_xml('<row r="1"><c r="A1"><v>1</v></c><c s="0" a="')
    head = head[:head.index(b"</sheetData>")]
    pad = 2 * unpack.CHUNK - len(head) - len(b'" r = "') - 2
    xml = head + b"X" * pad + b'" r = "C30"><v>1</v></c></row></sheetData></worksheet>'
    extent = _extent(package(tmp_path / "long.xlsx", minimal(xml)))
    assert (extent.last_row, extent.last_col) == (29, 2)


def test_a_prefixed_cell_name_in_a_block_without_tags_is_counted(tmp_path, monkeypatch):
    """A second review: ":c " in a block holding no "<" or ">" (a long text) crashed the count (IndexError)."""
    monkeypatch.setattr(unpack, "CHUNK", 1024)
    body = '<row r="1"><c r="A1" t="inlineStr"><is><t>' + "see note:c and more " * 300 + "</t></is></c></row>"
    extent = _extent(package(tmp_path / "text.xlsx", minimal(sheet_xml(body))))
    assert (extent.last_row, extent.last_col) == (0, 0)


def test_a_row_number_of_thousands_of_digits_is_read(tmp_path):
    """A second review: 5,000 leading zeros are more digits than int() reads (ValueError, not a refusal)."""
    zeros = "0" * 5000
    body = f'<row r="{zeros}1"><c r="A{zeros}1"><v>1</v></c><c><v>2</v></c></row>'
    extent = _extent(package(tmp_path / "zeros.xlsx", minimal(sheet_xml(body))))
    assert (extent.last_row, extent.last_col) == (0, 1)


def _streamed(tmp_path, rows: int):
    """A sheet of ``rows`` rows whose cells leave out their place, several blocks long (read twice: unplaced.py)."""
    rng = random.Random(5)              # (values of their own: rows all alike would pack like a zip bomb)
    body = "".join(f"<row><c><v>{rng.randrange(10**6)}</v></c><c><v>{rng.randrange(10**6)}</v></c></row>"
                   for _ in range(rows))
    return package(tmp_path / "streamed-big.xlsx", minimal(sheet_xml(body)))


def _counting(monkeypatch) -> list[int]:
    """How many times the second reading read a block."""
    read, counted = unplaced._Reading.read, []

    def counting(self, text):
        counted.append(1)
        return read(self, text)
    monkeypatch.setattr(unplaced._Reading, "read", counting)
    return counted


def test_the_second_reading_stops_between_two_blocks_when_asked(tmp_path, monkeypatch):
    """A crafted part of hundreds of MB would hold Python's lock for minutes: the check asks between two blocks
    whether to go on, in the second reading too."""
    path = _streamed(tmp_path, 150_000)
    with zipfile.ZipFile(path) as z:
        total = sum(1 for _block in unpack.blocks(z, PART))
    assert total >= 4
    counted = _counting(monkeypatch)

    class Enough(Exception):
        pass
    asked = []

    def between():
        asked.append(1)
        if len(asked) == total + 2:             # the first scan asks at each block, then the second reading
            raise Enough
    with zipfile.ZipFile(path) as z, pytest.raises(Enough):
        _scan_xml(z, PART, frozenset(), between=between)
    assert len(counted) == 1                    # one block read again, then asked and stopped


def test_a_cancel_while_a_sheet_is_checked_stops_the_check(tmp_path, plan, monkeypatch):
    """The import is cancelled while its first sheet is checked on a thread of its own: the check stops at its next
    block, not once it has read the whole sheet; nothing is written."""
    path = _streamed(tmp_path, 300_000)
    with zipfile.ZipFile(path) as z:
        total = sum(1 for _block in unpack.blocks(z, PART))
    counted = _counting(monkeypatch)
    before = file_digest(plan.path)
    with pytest.raises(importer.ImportCancelled):
        importer.analyse(plan, path, progress=lambda *_args: False)
    for thread in threading.enumerate():
        if thread.name.startswith("ogsm-sheet"):
            thread.join(60)
    assert len(counted) < total - 1, (len(counted), total)
    assert file_digest(plan.path) == before


def test_a_sheet_checked_as_it_is_asked_for_stops_at_a_cancel(tmp_path, monkeypatch):
    """A sheet read after the first is checked on the importer's own thread: a cancel meanwhile stops the check."""
    path = _streamed(tmp_path, 300_000)
    counted = _counting(monkeypatch)
    asked = []

    def progress(*_args):
        asked.append(1)
        return False
    with open_book(path) as book, pytest.raises(importer.ImportCancelled):
        book.sheet("Actuals", importer._asking(progress, "reading", every=0))
    assert asked == [1] and counted == []      # asked at the first block, and stopped there


def test_the_importer_asks_whether_to_go_on_at_most_every_so_often(monkeypatch):
    clock = [100.0]
    monkeypatch.setattr(importer.time, "monotonic", lambda: clock[0])
    said = []
    between = importer._asking(lambda what, done, total: said.append((what, done, total)) or len(said) < 2,
                               "reading sheet X")
    for step in (0.05, 0.04, 0.02, 0.05, 0.03):
        clock[0] += step
        between()                               # asked at 100.11 (not before: 100.05, 100.09)
    assert said == [("reading sheet X", 0, 0)]           # (how far cannot be told: a busy bar)
    clock[0] += 0.1
    with pytest.raises(importer.ImportCancelled):
        between()


def test_the_check_of_an_xlsb_sheet_stops_between_two_blocks_when_asked(tmp_path):
    """Found by a review: an .xlsb sheet's records are walked in Python (a 100 MB part: 3.5 s after a cancel)."""
    from tests.fixtures.xlsb import write_xlsb

    rng = random.Random(9)
    path = write_xlsb(tmp_path / "big.xlsb", {"Actuals": [[rng.random(), rng.random()] for _ in range(100_000)]})
    asked = []

    def counting():
        asked.append(1)
    with open_book(path) as book:
        book._book.check("Actuals", counting)
    assert len(asked) >= 3                                  # a part of several MB: asked at each

    class Enough(Exception):
        pass

    def enough():
        raise Enough
    with open_book(path) as book, pytest.raises(Enough):
        book._book.check("Actuals", enough)


def _asked_and_stopped(scan) -> int:
    """How many times ``scan(between)`` asks between two blocks; and that it stops when asked."""
    asked = []
    scan(lambda: asked.append(1))

    class Enough(Exception):
        pass

    def enough():
        raise Enough
    with pytest.raises(Enough):
        scan(enough)
    return len(asked)


def test_the_scan_of_an_ods_as_it_opens_stops_between_two_blocks_when_asked(tmp_path):
    """An .ods is scanned whole as it is opened, tag by tag in Python: a cancel meanwhile stops it (found by a
    review: an import cancelled while it opened went on to the end)."""
    from tests.fixtures.hostile import ODS_REPEATED

    rng = random.Random(4)
    head, tail = ODS_REPEATED.split(b"<table:table-row ")[0], b"</table:table></office:spreadsheet></office:body>"
    rows = b"".join(b'<table:table-row><table:table-cell office:value-type="float" office:value="%d"><text:p>%d'
                    b"</text:p></table:table-cell></table:table-row>" % ((v := rng.randrange(10**6)), v)
                    for _ in range(40_000))
    path = package(tmp_path / "big.ods", {
        "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
        "META-INF/manifest.xml": b'<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                                 b'opendocument:xmlns:manifest:1.0"/>',
        "content.xml": head + rows + tail + b"</office:document-content>"})

    def opened(between):
        with open_book(path, between) as book:
            assert book.sheet_names == ["Actuals"]
    assert _asked_and_stopped(opened) >= 3


def test_the_scan_of_an_xls_sheet_stops_between_two_blocks_when_asked():
    """An .xls sheet's records, walked in Python as the book opens."""
    import struct

    from ogsm_desktop.core.excel.books import xls

    numbers = b"".join(struct.pack("<HHHHHd", xls.NUMBER, 14, row, 0, 15, row * 1.5) for row in range(65_535))
    data = numbers * 3 + struct.pack("<HH", xls.EOF, 0)           # some 3.5 MB of records
    assert _asked_and_stopped(lambda between: xls._scan_sheet(data, 0, frozenset(), between)) >= 3
