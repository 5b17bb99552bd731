"""Excel's packages (.xlsx, .xlsm, .xlsb): checked and scanned before the reader library sees them.

The package is a zip; its parts are found through its relationships (the workbook part need not be
``xl/workbook.xml``). Refused before anything is loaded: a zip bomb, a shared-strings table that
declares far more strings than it holds (the reader would reserve room for all of them), a part that
does not unpack (a damaged member). Each sheet that is read is scanned first, as bytes: where its cells
really are (see limits.py), which formulas have no saved value, which cells show a per cent.
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ...i18n import _
from .limits import Extent
from .parts import SheetParts, parts_for
from .refs import element_prefix, last_cell, row_tags, whole
from .sheet import Between
from .unpack import CHUNK, PackageError, blocks, looked_at
from .unplaced import unplaced_cells

MAX_UNCOMPRESSED = 2 * 1024**3                     # 2 GiB of parts in all
MAX_RATIO = 100                                    # unpacked / packed, per part over 10 MB
MAX_UNSAVED = 100_000                              # formula cells without a value, remembered per sheet
MAX_ERRORS = 1_000                                 # cells showing an error remembered per column (to be named)
MOST_BESIDE = 16 * 1024**2                         # bytes of other parts a sheet loaded in parts may carry (parts.py)
TEXTS_SHARE = 20                                   # … and its table of texts at most this fraction of its size

# The texts a table of texts says it holds (``uniqueCount``); its ``count`` is how many cells use them, any
# number however many texts there are (one comment in 30,000 cells: 30,000 and 1).
_DECLARED = re.compile(rb'\buniqueCount\s*=\s*["\'](\d+)["\']')
# A formula cell with no value, or an empty one: Excel and LibreOffice save an empty text result as
# t="str" with <v></v> (an empty cell, as the planner sees it); anything else had its value never saved.
_FORMULA_NO_VALUE = re.compile(
    rb'<(?:\w+:)?c\s([^>]*)>\s*<(?:\w+:)?f\b[^>]*?(?:/>|>[^<]*</(?:\w+:)?f>)\s*'
    rb'(<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>')
# A cell typed as an error (t="e"), its attributes as group 1 and its content as group 2.
_ERROR_CELL = re.compile(rb'<(?:\w+:)?c\s([^>]*?\bt\s*=\s*["\']e["\'][^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)', re.S)
_ERROR_VALUE = re.compile(rb'<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>')
_HIDDEN_ROW = re.compile(rb'<(?:\w+:)?row\s([^>]*\bhidden\s*=\s*["\'](?:1|true)["\'][^>]*)>')
_ROW_REF = re.compile(rb'\br\s*=\s*["\'](\d+)["\']')
_HIDDEN_COLS = re.compile(rb'<(?:\w+:)?col\s([^>]*\bhidden\s*=\s*["\'](?:1|true)["\'][^>]*)/?>')
_COL_MIN = re.compile(rb'\bmin\s*=\s*["\'](\d+)["\']')
_COL_MAX = re.compile(rb'\bmax\s*=\s*["\'](\d+)["\']')
_TEXT_RESULT = re.compile(rb'\bt\s*=\s*["\']str["\']')
_REF = re.compile(rb'\br\s*=\s*["\']([A-Za-z]+)(\d+)["\']')
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass
class SheetScan:
    extent: Extent = field(default_factory=Extent)
    unsaved: set[tuple[int, int]] = field(default_factory=set)
    percent: set[tuple[int, int]] = field(default_factory=set)
    percent_capped: int = 0             # the most per-cent cells noted, when the sheet has more (.ods, .xls)
    # Cells that show an error (#N/A, #DIV/0!…), which the reader library gives as empty: what each shows (None
    # when the file does not say), the first MAX_ERRORS of each column, to be named; and how many each column has.
    errors: dict[tuple[int, int], str | None] = field(default_factory=dict)
    error_counts: dict[int, int] = field(default_factory=dict)
    # Rows and columns hidden in the workbook (.xlsx, .xls; .ods rows and columns): imported as the rest, and said
    # (the first MAX_ERRORS).
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)
    hidden: bool = False                # the sheet itself (an .xls's; an .xlsx's is its package's)
    # A cell to be read otherwise than the reader library gives it (a per cent, a formula without a saved value,
    # an error) written without its place (r="C2", optional in the format): the sheet is refused.
    unplaced: bool = False
    # A big sheet written in parts as it was scanned (parts.py), to be loaded side by side; None: loaded whole.
    parts: list[Path] | None = None

    def note_error(self, row: int, col: int, shown: str | None, times: int = 1) -> None:
        """Note the error cell at (row, col), and ``times - 1`` more below it (an .ods row repeated)."""
        count = self.error_counts.get(col, 0)
        for k in range(min(times, max(0, MAX_ERRORS - count))):
            self.errors[(row + k, col)] = shown or None
        self.error_counts[col] = count + times


class Package:
    """An opened Excel package: its sheets' parts by name, its shared strings and styles parts."""

    def __init__(self, archive: zipfile.ZipFile, workbook_part: str, binary: bool):
        self.archive = archive
        self.binary = binary
        self.workbook_part = workbook_part
        check_sizes(archive)
        rels = _relationships(archive, workbook_part)
        self.sheet_parts: dict[str, str] = {}
        self.shared_strings = next((t for t, kind in rels.values() if kind.endswith("/sharedStrings")), None)
        self.styles = next((t for t, kind in rels.values() if kind.endswith("/styles")), None)
        names = archive.namelist()
        if workbook_part not in names:
            raise PackageError(_("its workbook part {part} is missing (a damaged file)").format(part=workbook_part))
        self.hidden_sheets: set[str] = set()        # (an .xlsx's; an .xlsb's are not read)
        sheets = (_bin_sheets(archive.read(workbook_part)) if binary
                  else _xml_sheets(archive.read(workbook_part), self.hidden_sheets))
        for name, rel_id in sheets:
            target = rels.get(rel_id, ("", ""))[0]
            if target:
                self.sheet_parts[name] = target

    @property
    def standard(self) -> bool:
        """Whether the workbook part is where the reader library looks for it."""
        return self.workbook_part in ("xl/workbook.xml", "xl/workbook.bin")

    # ----------------------------------------------------------------- whole-package checks
    def check_shared_strings(self) -> None:
        part = self.shared_strings
        if part is None or part not in self.archive.namelist():
            return
        if self.binary:
            declared, held = _bin_string_counts(self.archive.read(part))
        else:
            declared, held = 0, 0
            for block in blocks(self.archive, part):
                if not declared:
                    found = [int(n) for n in _DECLARED.findall(block[:4096])]
                    declared = max(found, default=0)
                held += block.count(b"<si>") + block.count(b"<si ") + block.count(b":si>") // 2
        if declared > max(2 * held, held + 10_000):
            raise PackageError(_("its table of texts declares {declared:,} texts and holds {held:,} (a damaged or "
                                 "crafted file); refused").format(declared=declared, held=held))

    # ----------------------------------------------------------------- one sheet
    def scan(self, name: str, percent_styles: frozenset[int], in_parts: bool = False,
             between: Between = None) -> SheetScan | None:
        """Scan the sheet ``name`` (None when it has no part of its own the scan can read). ``in_parts``: a big
        sheet is also written in parts as it is scanned, to be loaded side by side (parts.py; ``scan.parts``).
        ``between``: called between two blocks (sheet.Between)."""
        part = self.sheet_parts.get(name)
        if part is None:
            return None
        names = self.archive.namelist()
        if part not in names:
            raise PackageError(_("sheet {name!r}: its part {part} is missing (a damaged file)").format(
                name=name, part=part))
        if part.endswith(".bin"):
            return _scan_bin(self.archive.read(part), percent_styles, between)
        size = self.archive.getinfo(part).file_size
        beside = self._beside(size) if in_parts and self.standard else None
        n = parts_for(size, beside[1]) if beside is not None else 1
        if n < 2:
            return _scan_xml(self.archive, part, percent_styles, between=between)
        written = SheetParts(self.archive, part, beside[0], n, name)
        try:
            scan = _scan_xml(self.archive, part, percent_styles, written.feed, between)
        except BaseException:
            written.discard()
            raise
        scan.parts = written.finish()
        return scan

    def _beside(self, size: int) -> tuple[list[str], int] | None:
        """The workbook's parts the parts of a sheet of ``size`` bytes carry beside it (parts.py), and their bytes:
        every one but its sheets' (the reader library finds some by their names, not the workbook's relationships).
        None when they are too big to be copied into each (MOST_BESIDE), or when each part's workbook would hold
        much again in memory (a table of texts bigger than a TEXTS_SHARE-th of the sheet): the sheet is then loaded
        whole."""
        sheets = set(self.sheet_parts.values())
        members = [m for m in self.archive.infolist() if m.filename not in sheets and not m.is_dir()]
        texts = max((m.file_size for m in members if m.filename in (self.shared_strings, "xl/sharedStrings.xml")),
                    default=0)
        total = sum(m.file_size for m in members)
        if total > MOST_BESIDE or texts * TEXTS_SHARE > size:
            return None
        return [m.filename for m in members], total

    def normalised(self) -> io.BytesIO:
        """The package with its workbook part moved where the reader library looks for it (a copy in
        memory, for the few programs that put it elsewhere)."""
        folder = posixpath.dirname(self.workbook_part)
        suffix = ".bin" if self.binary else ".xml"
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
            for info in self.archive.infolist():
                name = info.filename
                if name == self.workbook_part:
                    name = f"xl/workbook{suffix}"
                elif name == posixpath.join(folder, "_rels", posixpath.basename(self.workbook_part) + ".rels"):
                    name = f"xl/_rels/workbook{suffix}.rels"
                elif folder and name.startswith(folder + "/"):
                    name = "xl/" + name[len(folder) + 1:]
                data = self.archive.read(info.filename)
                if name == "_rels/.rels":
                    data = data.replace(self.workbook_part.encode(), f"xl/workbook{suffix}".encode())
                copy.writestr(name, data)
        out.seek(0)
        return out


def check_sizes(archive: zipfile.ZipFile) -> None:
    members = archive.infolist()
    names = [m.filename for m in members]
    # Python's zip reader cuts a name at a NUL, the reader library does not: "sheet1.xml\0" would be scanned as one
    # part and loaded as the other
    if len(set(names)) != len(names):
        raise PackageError(_("two of its parts have the same name; refused (a damaged or crafted file)"))
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED:
        raise PackageError(_("unpacks to {size:.1f} GB, more than the {most:.0f} GB this program reads (a zip "
                             "bomb?); refused").format(size=total / 1024**3, most=MAX_UNCOMPRESSED / 1024**3))
    for m in members:
        if m.file_size > 10 * 1024**2 and m.file_size > MAX_RATIO * max(1, m.compress_size):
            raise PackageError(_("its part {part} unpacks to {ratio:,} times its packed size (a zip bomb?); "
                                 "refused").format(part=m.filename, ratio=m.file_size // max(1, m.compress_size)))


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (target part, type) of ``part``."""
    import defusedxml.ElementTree as ET

    folder, base = posixpath.split(part)
    try:
        root = ET.fromstring(archive.read(posixpath.join(folder, "_rels", base + ".rels")))
    except KeyError:
        return {}
    out = {}
    names = set(archive.namelist())
    for rel in root:
        target = str(rel.get("Target", ""))
        if rel.get("TargetMode") == "External":
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        # The reader library may take the name as written (worksheets/./sheet1.xml): where that names another part
        # than the one scanned, the scan would check one part and the reader load the other.
        for literal in (target.lstrip("/"), f"{folder}/{target}" if folder else target, "xl/" + target.lstrip("/")):
            if literal != path and literal in names:
                raise PackageError(_("the part {target} it names can be read as {one} or as {other}; refused (a "
                                     "damaged or crafted file)").format(target=target, one=path, other=literal))
        out[str(rel.get("Id", ""))] = (path, str(rel.get("Type", "")))
    return out


def _xml_sheets(data: bytes, hidden: set[str] | None = None) -> list[tuple[str, str]]:
    """``(name, relationship id)`` of each sheet; the names of the hidden ones added to ``hidden``."""
    import defusedxml.ElementTree as ET

    root = ET.fromstring(data)
    out = []
    for el in root.iter():
        if el.tag.rsplit("}", 1)[-1] == "sheet":
            out.append((str(el.get("name", "")), str(el.get(f"{{{_REL_NS}}}id", ""))))
            if hidden is not None and el.get("state") in ("hidden", "veryHidden"):
                hidden.add(out[-1][0])
    return out


def _records(data: bytes):
    """``(record type, payload offset, payload size)`` of an .xlsb part."""
    i, n = 0, len(data)
    while i < n:
        kind = data[i] & 0x7F
        if data[i] & 0x80:
            i += 1
            kind |= (data[i] & 0x7F) << 7
        i += 1
        size = shift = 0
        for _byte in range(4):
            byte = data[i]
            i += 1
            size |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                break
        yield kind, i, size
        i += size


def _wide_string(data: bytes, at: int) -> tuple[str, int]:
    (length,) = struct.unpack_from("<I", data, at)
    end = at + 4 + 2 * length
    return data[at + 4:end].decode("utf-16-le", "replace"), end


def _bin_sheets(data: bytes) -> list[tuple[str, str]]:
    out = []
    try:
        for kind, at, _size in _records(data):
            if kind == 156:                                    # BrtBundleSh: state, tab id, rel id, name
                rel_id, at2 = _wide_string(data, at + 8)
                name, _end = _wide_string(data, at2)
                out.append((name, rel_id))
    except (IndexError, struct.error):
        raise PackageError(_("its workbook part is damaged")) from None
    return out


def _bin_string_counts(data: bytes) -> tuple[int, int]:
    declared = held = 0
    for kind, at, _size in _records(data):
        if kind == 159:                                        # BrtBeginSst: cells using them, texts held
            declared = struct.unpack_from("<II", data, at)[1]
        elif kind == 19:                                       # BrtSSTItem
            held += 1
    return declared, held




class _CellCut:
    """Where to cut a block of sheet XML: before the last cell when that cell does not end in the block (an error
    cell or a formula cut in two would match in neither block), else before the last tag."""

    def __init__(self):
        self.prefix: bytes | None = None           # the elements' prefix (most files have none), from the first block

    def __call__(self, block: bytes) -> int:
        if self.prefix is None:
            self.prefix = element_prefix(block)
        opening, last = b"<" + self.prefix + b"c", block.rfind(b"<")
        at = block.rfind(opening)
        while at >= 0 and block[at + len(opening):at + len(opening) + 1] not in (b" ", b">", b"/", b"\t", b"\n", b"\r"):
            at = block.rfind(opening, 0, at)       # <col, <cfRule…: no cell
        if at < 0:
            return last
        end = block.find(b">", at)
        if end >= 0 and (block[end - 1:end] == b"/" or block.find(b"</" + self.prefix + b"c>", end) >= 0):
            return last                             # the last cell ends in the block
        return at


def _scan_xml(archive: zipfile.ZipFile, part: str, percent_styles: frozenset[int], copy=None,
              between: Between = None) -> SheetScan:
    """``copy``: given each block of the part's bytes, in order, with what was found in it (its references, how many
    rows it opens), as it is scanned. ``between``: called between two blocks (sheet.Between)."""
    scan = SheetScan()
    extent = scan.extent
    formula = None
    percent_cell = _percent_cells(percent_styles) if percent_styles else None
    cut = _CellCut()
    unplaced = 0
    for block, refs in looked_at(blocks(archive, part, cut), last_cell):
        if between is not None:
            between()
        if formula is None:
            formula = b"<" + (cut.prefix or b"") + b"f"
        extent.take(refs.row, refs.col)
        extent.cells += refs.cells                      # cells written (a styled empty one counts too)
        # Cells not opened with their place first: where the reader puts them is found once the scan is done
        unplaced += refs.cells_opened - refs.cells_placed
        if copy is not None:
            copy(block, refs, row_tags(block, cut.prefix or b"", refs))
        if b"f" in block and formula in block:          # (one byte first: "<" is everywhere, "f" rare)
            for m in _FORMULA_NO_VALUE.finditer(block):
                attrs, empty_value = m.group(1), m.group(2)
                if empty_value and _TEXT_RESULT.search(attrs):
                    continue
                ref = _REF.search(attrs)
                if ref is None:
                    scan.unplaced = True
                    continue
                if len(scan.unsaved) < MAX_UNSAVED:
                    scan.unsaved.add((whole(ref.group(2)) - 1, _column(ref.group(1))))
        if refs.hidden:                                 # rows or columns hidden in the workbook
            for m in _HIDDEN_ROW.finditer(block):
                ref = _ROW_REF.search(m.group(1))
                if ref is not None and len(scan.hidden_rows) < MAX_ERRORS:
                    scan.hidden_rows.add(whole(ref.group(1)) - 1)
            for m in _HIDDEN_COLS.finditer(block):
                low, high = _COL_MIN.search(m.group(1)), _COL_MAX.search(m.group(1))
                if low is not None and high is not None:
                    first, last = whole(low.group(1)) - 1, whole(high.group(1)) - 1
                    scan.hidden_cols.update(range(first, min(last, first + MAX_ERRORS) + 1))
        if refs.errors:                                 # (a cell typed as an error: rare)
            for m in _ERROR_CELL.finditer(block):
                ref = _REF.search(m.group(1))
                if ref is None:
                    scan.unplaced = True
                else:
                    value = _ERROR_VALUE.search(m.group(2) or b"")
                    scan.note_error(whole(ref.group(2)) - 1, _column(ref.group(1)),
                                    value.group(1).decode("utf-8", "replace").strip() if value else None)
        if percent_cell is not None:
            for m in percent_cell.finditer(block):
                ref = _REF.search(m.group(1))
                if ref is None:
                    scan.unplaced = True
                else:
                    scan.percent.add((whole(ref.group(2)) - 1, _column(ref.group(1))))
    if unplaced:
        # Rows and cells without their number or place: the reader numbers each row after the one before and puts
        # each cell after the one before (200 such rows after a cell in XFD1: 3 million cells the references alone
        # do not show). The sheet is read again as the reader reads it (unplaced.py), to find where they land.
        landed = unplaced_cells(archive, part, between)
        extent.take(landed.last_row, landed.last_col)
        extent.cells += landed.cells
    return scan


def _percent_cells(styles: frozenset[int]) -> re.Pattern:
    """The cells whose style is one of ``styles`` (an attribute list of the cell's tag as group 1): one
    pattern over the block, not every cell's tag taken apart (about half the time)."""
    numbers = b"|".join(str(n).encode() for n in sorted(styles))
    return re.compile(rb'<(?:\w+:)?c\s([^>]*?\bs\s*=\s*["\'](?:' + numbers + rb')["\'][^>]*)>')


def _column(letters: bytes) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + ch - 64
    return number - 1


_CELL_RECORDS = frozenset(range(2, 12)) | frozenset(range(13, 19))      # every cell record but the blanks
_NUMBER_RECORDS = frozenset({2, 5, 9, 13, 16})        # BrtCellRk, BrtCellReal, BrtFmlaNum, BrtShortRk, BrtShortReal
_ERROR_RECORDS = frozenset({3, 11, 14})               # BrtCellError, BrtFmlaError, BrtShortError
# What an error cell shows, by its code (the same in .xlsb and .xls)
ERROR_CODES = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!",
               0x2A: "#N/A", 0x2B: "#GETTING_DATA"}


def _scan_bin(data: bytes, percent_styles: frozenset[int] = frozenset(), between: Between = None) -> SheetScan:
    """An .xlsb sheet: rows from BrtRowHdr, columns from the cell records that hold a value; the number cells
    of a per-cent style, the cells that show an error and the hidden rows and columns noted, as in an .xlsx. A cell record: its column (4
    bytes, 2 in the short ones), its style (24 bits) and a byte of flags, then its value. ``between``: called
    between two blocks' worth of records (sheet.Between)."""
    scan = SheetScan()
    extent = scan.extent
    row = -1
    asks_at = CHUNK if between is not None else len(data) + 1
    try:
        for kind, at, size in _records(data):
            if at >= asks_at:
                between()
                asks_at = at + CHUNK
            if kind == 0:                                      # BrtRowHdr: its row; fDyZero (hidden) in byte 11
                (row,) = struct.unpack_from("<I", data, at)
                if size > 11 and data[at + 11] & 0x10 and len(scan.hidden_rows) < MAX_ERRORS:
                    scan.hidden_rows.add(row)
            elif kind == 60:                                   # BrtColInfo: first and last column; fHidden
                first, last = struct.unpack_from("<II", data, at)
                if size > 16 and data[at + 16] & 0x01:
                    scan.hidden_cols.update(range(first, min(last, first + MAX_ERRORS) + 1))
            elif kind in _CELL_RECORDS:
                short = kind > 11
                (col,) = struct.unpack_from("<H" if short else "<I", data, at)
                extent.take(row, col)
                extent.cells += 1
                style_at = at + (2 if short else 4)
                if kind in _NUMBER_RECORDS and percent_styles and \
                        int.from_bytes(data[style_at:style_at + 3], "little") in percent_styles:
                    scan.percent.add((row, col))
                elif kind in _ERROR_RECORDS:
                    scan.note_error(row, col, ERROR_CODES.get(data[style_at + 4]))
    except (IndexError, struct.error):
        raise PackageError(_("a sheet part is damaged (it ends in the middle of a record)")) from None
    return scan


def percent_styles_bin(archive: zipfile.ZipFile, part: str | None) -> frozenset[int]:
    """The cell-style numbers (cell XFs) of an .xlsb whose number format shows a per cent (none when the book
    has no styles part): its BrtFmt records (custom formats) and the BrtXF records between BrtBeginCellXFs and
    BrtEndCellXFs (each: its parent, then its number format)."""
    from .styles import BUILTIN_PERCENT, is_percent

    if part is None:
        return frozenset()
    try:
        data = archive.read(part)
    except KeyError:
        return frozenset()
    custom: set[int] = set()
    formats: list[int] = []
    in_cell_xfs = False
    try:
        for kind, at, _size in _records(data):
            if kind == 44:                                     # BrtFmt: its number, its code
                (number,) = struct.unpack_from("<H", data, at)
                if is_percent(_wide_string(data, at + 2)[0]):
                    custom.add(number)
            elif kind == 617:                                  # BrtBeginCellXFs
                in_cell_xfs = True
            elif kind == 618:                                  # BrtEndCellXFs
                in_cell_xfs = False
            elif kind == 47 and in_cell_xfs:                   # BrtXF
                formats.append(struct.unpack_from("<H", data, at + 2)[0])
    except (IndexError, struct.error):
        raise PackageError(_("the styles part is damaged (it ends in the middle of a record)")) from None
    percent = BUILTIN_PERCENT | custom
    return frozenset(i for i, number in enumerate(formats) if number in percent)
