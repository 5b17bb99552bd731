"""Excel 97–2003 workbooks (.xls): where each sheet's cells are, before the reader library loads them.

The workbook is a stream of BIFF8 records inside an OLE2 container (read with olefile, the library made
for that container). The scan reads the records' headers and the first bytes of the cell records only:
rows and columns of the cells that hold a value, the shared-strings table's declared size against the
room it really takes, a password (FILEPASS), and the cells whose number format shows a per cent.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

from ...i18n import _
from .limits import MAX_PERCENT
from .ooxml import ERROR_CODES, MAX_ERRORS, PackageError, SheetScan
from .sheet import Between
from .unpack import CHUNK

BOF, EOF, CONTINUE, FILEPASS, BOUNDSHEET, FORMAT, XF, SST = 0x0809, 0x000A, 0x003C, 0x002F, 0x0085, 0x041E, 0x00E0, 0x00FC
NUMBER, RK, LABELSST, LABEL, RSTRING, BOOLERR, FORMULA, MULRK = 0x0203, 0x027E, 0x00FD, 0x0204, 0x00D6, 0x0205, 0x0006, 0x00BD
SINGLE_CELLS = frozenset({NUMBER, RK, LABELSST, LABEL, RSTRING, BOOLERR, FORMULA})
ROW, COLINFO = 0x0208, 0x007D
BUILTIN_PERCENT = frozenset({9, 10})
_QUOTED = re.compile(r'"[^"]*"|\\.')


class Encrypted(PackageError):
    """The workbook has a password."""


def _records(data: bytes, at: int = 0):
    n = len(data)
    while at + 4 <= n:
        kind, size = struct.unpack_from("<HH", data, at)
        yield kind, at + 4, size
        at += 4 + size


def _workbook_stream(path: Path) -> bytes:
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            name = "Workbook" if ole.exists("Workbook") else "Book"
            return ole.openstream(name).read()
    except (OSError, ValueError, IndexError, struct.error) as exc:
        raise PackageError(_("its inner file system is damaged ({reason})").format(reason=exc)) from None


def _unicode(data: bytes, at: int, count: int) -> str:
    flags = data[at]
    if flags & 1:
        return data[at + 1:at + 1 + 2 * count].decode("utf-16-le", "replace")
    return data[at + 1:at + 1 + count].decode("latin-1")


def scan_xls(path: Path, between: Between = None) -> dict[str, SheetScan]:
    """Every worksheet's scan, by sheet name. ``between``: called between two blocks' worth of a sheet's records
    (sheet.Between)."""
    data = _workbook_stream(path)
    sheets: list[tuple[str, int]] = []
    hidden: set[str] = set()
    formats: dict[int, str] = {}
    xf_formats: list[int] = []
    declared = room = 0
    in_sst = False
    try:
        for kind, at, size in _records(data):
            if kind == FILEPASS:
                raise Encrypted(_("it is password-protected (encrypted); save it without a password and import "
                                  "that"))
            if kind == BOUNDSHEET:
                offset, state, sheet_type, count = struct.unpack_from("<IBBB", data, at)
                if sheet_type == 0:                          # a worksheet (not a chart or a macro sheet)
                    sheets.append((_unicode(data, at + 7, count), offset))
                    if state & 0x03:                         # hidden, or very hidden
                        hidden.add(sheets[-1][0])
            elif kind == FORMAT:
                ifmt, count = struct.unpack_from("<HH", data, at)
                formats[ifmt] = _unicode(data, at + 4, count)
            elif kind == XF:
                xf_formats.append(struct.unpack_from("<H", data, at + 2)[0])
            elif kind == SST:
                declared = struct.unpack_from("<ii", data, at)[1]       # cells using them, texts held
                room, in_sst = size - 8, True
                continue
            elif kind == CONTINUE and in_sst:
                room += size
                continue
            elif kind == EOF:
                break
            in_sst = False
    except (IndexError, struct.error):
        raise PackageError(_("its list of sheets is damaged")) from None
    if declared > max(10_000, room // 3 + 1):                # a text takes three bytes at the least
        raise PackageError(_("its table of texts declares {declared:,} texts and has room for {room:,} (a damaged "
                             "or crafted file); refused").format(declared=declared, room=room // 3))
    percent_formats = {i for i, code in formats.items() if "%" in _QUOTED.sub("", code)} | BUILTIN_PERCENT
    percent_xfs = frozenset(i for i, ifmt in enumerate(xf_formats) if ifmt in percent_formats)
    scans = {name: _scan_sheet(data, offset, percent_xfs, between) for name, offset in sheets}
    for name in hidden:
        scans[name].hidden = True
    return scans


def _scan_sheet(data: bytes, offset: int, percent_xfs: frozenset[int], between: Between = None) -> SheetScan:
    scan = SheetScan()
    extent = scan.extent
    asks_at = offset + CHUNK if between is not None else len(data) + 1
    try:
        for kind, at, size in _records(data, offset):
            if at >= asks_at:
                between()
                asks_at = at + CHUNK
            if kind in SINGLE_CELLS:
                row, col, xf = struct.unpack_from("<HHH", data, at)
                extent.take(row, col)
                extent.cells += 1
                if xf in percent_xfs and kind in (NUMBER, RK, FORMULA):
                    _note_percent(scan, row, col)
                if kind == FORMULA and data[at + 6] == 2 and data[at + 12:at + 14] == b"\xff\xff":
                    scan.note_error(row, col, ERROR_CODES.get(data[at + 8]))      # a formula whose result is an error
                elif kind == BOOLERR and data[at + 7] == 1:
                    scan.note_error(row, col, ERROR_CODES.get(data[at + 6]))
            elif kind == MULRK:
                row, first = struct.unpack_from("<HH", data, at)
                (last,) = struct.unpack_from("<H", data, at + size - 2)
                extent.take(row, last)
                extent.cells += max(0, last - first + 1)
                for i in range(max(0, last - first + 1)):
                    if struct.unpack_from("<H", data, at + 4 + 6 * i)[0] in percent_xfs:
                        _note_percent(scan, row, first + i)
            elif kind == ROW:                                # a row hidden (fDyZero)
                if struct.unpack_from("<H", data, at + 12)[0] & 0x20 and len(scan.hidden_rows) < MAX_ERRORS:
                    scan.hidden_rows.add(struct.unpack_from("<H", data, at)[0])
            elif kind == COLINFO:                            # columns hidden (fHidden)
                first, last = struct.unpack_from("<HH", data, at)
                if struct.unpack_from("<H", data, at + 8)[0] & 0x01:
                    scan.hidden_cols.update(range(first, min(last, first + MAX_ERRORS) + 1))
            elif kind == EOF:
                break
    except (IndexError, struct.error):
        raise PackageError(_("a sheet is damaged (it ends in the middle of a record)")) from None
    return scan


def _note_percent(scan: SheetScan, row: int, col: int) -> None:
    if len(scan.percent) < MAX_PERCENT:
        scan.percent.add((row, col))
    else:
        scan.percent_capped = MAX_PERCENT            # the sheet is refused when read (CalamineBook.check)
