"""OpenDocument spreadsheets (.ods): where each sheet's cells are, before the reader library loads them.

A row or a cell may stand for many (``number-rows-repeated``, ``number-columns-repeated``): LibreOffice
writes the empty rest of a sheet that way, and a crafted file can repeat one value a billion times. The
scan follows the repetitions as numbers (never expanding them) and counts only cells that hold a value,
so an empty repeated tail costs nothing and a repeated value counts for every cell it stands for. Cells
with a percentage value are noted (the reader gives 0.076 for 7.6 %).
"""

from __future__ import annotations

import re
import zipfile

from ...i18n import _
from .limits import MAX_PERCENT, Extent
from .ooxml import MAX_ERRORS, SheetScan
from .sheet import Between
from .unpack import CHUNK, UNPACKING_ERRORS, PackageError, does_not_unpack, unpack_problem

TABLE_NS = b"urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE_NS = b"urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def _prefix(head: bytes, namespace: bytes, default: bytes) -> bytes:
    m = re.search(rb'xmlns:([\w.-]+)\s*=\s*["\']' + re.escape(namespace) + rb'["\']', head)
    return m.group(1) if m else default


def scan_ods(archive: zipfile.ZipFile, between: Between = None) -> dict[str, SheetScan]:
    """Every sheet's scan, by sheet name (content.xml is read once, as a stream of tags). ``between``: called
    between two blocks' worth of tags (sheet.Between)."""
    try:
        with archive.open("content.xml") as fh:
            data = fh.read()
    except KeyError:
        raise PackageError(_("it has no content part (content.xml): a damaged file")) from None
    except UNPACKING_ERRORS + (OSError,) as exc:
        if not does_not_unpack(exc):              # (the system refusing the file: said as such by open_book)
            raise
        raise PackageError(_("its content part does not unpack (a damaged file: {reason})").format(
            reason=unpack_problem(exc))) from None
    t = re.escape(_prefix(data[:8192], TABLE_NS, b"table"))
    o = re.escape(_prefix(data[:8192], OFFICE_NS, b"office"))
    tag = re.compile(rb"<(/?)" + t + rb":(table-row|table-cell|covered-table-cell|table-column|table)\b([^>]*?)(/?)>")
    hidden_attr = re.compile(t + rb""":visibility\s*=\s*["'](?:collapse|filter)["']""")
    name_attr = re.compile(t + rb""":name\s*=\s*["']([^"']*)["']""")
    rows_attr = re.compile(t + rb""":number-rows-repeated\s*=\s*["'](\d+)["']""")
    cols_attr = re.compile(t + rb""":number-columns-repeated\s*=\s*["'](\d+)["']""")
    type_attr = re.compile(o + rb""":value-type\s*=\s*["']([\w-]+)["']""")
    sheets: dict[str, SheetScan] = {}
    scan: SheetScan | None = None
    row = col = column = 0
    row_repeat = 1
    row_cells: list[tuple[int, int, bool]] = []        # (first column, how many, per cent) of the row's values
    open_cell: tuple[int, int, bool, bool] | None = None
    open_cell_end = 0
    asks_at = CHUNK if between is not None else len(data) + 1
    for m in tag.finditer(data):
        if m.start() >= asks_at:
            between()
            asks_at = m.start() + CHUNK
        closing, kind, attrs, empty = m.group(1), m.group(2), m.group(3), m.group(4)
        if kind == b"table":
            if closing:
                scan = None
            elif not empty:
                found = name_attr.search(attrs)
                name = found.group(1).decode("utf-8", "replace") if found else f"Sheet{len(sheets) + 1}"
                scan = sheets[_unescape(name)] = SheetScan()
                row = column = 0
            continue
        if scan is None:
            continue
        if kind == b"table-column":                  # (a column, perhaps repeated; hidden ones noted)
            if not closing:
                count = _number(cols_attr, attrs)
                if hidden_attr.search(attrs):
                    scan.hidden_cols.update(range(column, column + min(count, MAX_ERRORS)))
                column += count
            continue
        if kind == b"table-row":
            if not closing and hidden_attr.search(attrs) and len(scan.hidden_rows) < MAX_ERRORS:
                scan.hidden_rows.update(range(row, row + min(_number(rows_attr, attrs), MAX_ERRORS)))
            if empty:                                 # a row with nothing in it, perhaps repeated
                row += _number(rows_attr, attrs)
            elif closing:
                _end_row(scan, row, row_repeat, row_cells)
                row += row_repeat
                row_cells = []
            else:
                row_repeat, col, row_cells = _number(rows_attr, attrs), 0, []
            continue
        # a cell (or a cell covered by a merged one)
        if closing:
            if open_cell is not None:
                first, count, percent, valued, error = open_cell
                if m.start() > open_cell_end and not valued:
                    valued = True                     # it holds something (a paragraph of text)
                if valued:
                    row_cells.append((first, count, percent, error))
                open_cell = None
            continue
        count = _number(cols_attr, attrs)
        value_type = type_attr.search(attrs)
        valued = value_type is not None
        percent = valued and value_type.group(1) == b"percentage"
        error = b'value-type="error"' in attrs or b"value-type='error'" in attrs    # (LibreOffice's calcext:)
        if empty:
            if valued:
                row_cells.append((col, count, percent, error))
        else:
            open_cell = (col, count, percent, valued, error)
            open_cell_end = m.end()
        col += count
    return sheets


def _end_row(scan: SheetScan, row: int, repeat: int, cells: list[tuple[int, int, bool, bool]]) -> None:
    if not cells:
        return
    extent: Extent = scan.extent
    last_col = max(first + count - 1 for first, count, _p, _e in cells)
    extent.take(row + repeat - 1, last_col)
    extent.cells += repeat * sum(count for _f, count, _p, _e in cells)
    for first, count, percent, error in cells:
        if error:                                # (what it shows is in its paragraph, not read here)
            for c in range(first, first + min(count, MAX_ERRORS)):
                scan.note_error(row, c, None, repeat)
        if not percent:
            continue
        if len(scan.percent) + count * repeat > MAX_PERCENT:
            scan.percent_capped = MAX_PERCENT        # the sheet is refused when read (CalamineBook.check)
        else:
            scan.percent.update((r, c) for r in range(row, row + repeat) for c in range(first, first + count))


def _number(pattern: re.Pattern, attrs: bytes) -> int:
    found = pattern.search(attrs)
    return int(found.group(1)) if found else 1


def _unescape(name: str) -> str:
    return (name.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'")
            .replace("&amp;", "&"))
