"""Opening a workbook safely before anything is read from it.

Refused, each with a message naming the file (and the sheet and cells where there are any): not an
xlsx, an old .xls, a password-protected (encrypted) workbook, a damaged zip, a zip bomb, a sheet too
big to import, formulas without saved values. Cells are read with python-calamine (fast, in Rust);
the sheet XML is only scanned, as bytes, for what calamine does not report.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..errors import PlanError
from ..inputs import check_input
from .styles import percent_cells, percent_styles

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"     # old .xls, and every encrypted Office file
MAX_UNCOMPRESSED = 2 * 1024**3                     # 2 GiB of XML in all
MAX_RATIO = 200                                    # uncompressed / compressed, per member over 10 MB
MAX_ROWS = 3_000_000
MAX_FORMULA_REPORTS = 20

_FORMULA_NO_VALUE = re.compile(rb'<c r="([A-Z]+\d+)"[^>]*>\s*<f[^>]*?(?:/>|>[^<]*</f>)\s*(?:<v>\s*</v>\s*|<v\s*/>\s*)?</c>')
_SHEET_ENTRY = re.compile(r"^xl/worksheets/sheet\d+\.xml$")


class WorkbookError(PlanError):
    """The workbook cannot be imported; nothing was read into the plan."""


class Sheet:
    """One sheet's cells as python-calamine gives them, row index = Excel row - 1, column 0 = A.

    The first rows are kept for finding the header; the rest streams by once through
    :meth:`iter_rows` (a big sheet never sits in memory as Python lists), or is all read by :attr:`rows`.
    """

    HEAD = 30

    def __init__(self, name: str, rows, merged: list[tuple[int, int, int, int]], height: int,
                 percent_cells: frozenset[tuple[int, int]] = frozenset()):
        self.name = name
        self.merged = merged                   # (first row, first col, last row, last col), 0-based
        self.height = height
        self.percent_cells = percent_cells     # (row, col) of cells formatted as a per cent
        self._rest = iter(rows)
        self.head: list[list] = [row for _, row in zip(range(self.HEAD), self._rest, strict=False)]
        self._rows: list[list] | None = None

    def iter_rows(self, start: int = 0):
        """``(row index, cells)`` from ``start`` on; once only for rows past the head."""
        for r in range(start, len(self.head)):
            yield r, self.head[r]
        r = max(start, len(self.head))
        for row in self._rest:
            if r >= start:
                yield r, row
            r += 1

    @property
    def rows(self) -> list[list]:
        if self._rows is None:
            self._rows = self.head + list(self._rest)
        return self._rows


def cell_name(row: int, col: int) -> str:
    """A1-style name of a 0-based (row, col)."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"


def column_name(col: int) -> str:
    return cell_name(0, col)[:-1]


def _check_container(path: Path) -> zipfile.ZipFile:
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise WorkbookError(f"{path}: cannot be read ({exc.strerror})") from None
    if head.startswith(OLE_MAGIC):
        raise WorkbookError(f"{path}: password-protected (encrypted) workbook, or an old .xls file; "
                            "save it as .xlsx without a password and import that")
    if not head.startswith(b"PK"):
        raise WorkbookError(f"{path}: not an Excel workbook (.xlsx)")
    try:
        archive = zipfile.ZipFile(path)
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise WorkbookError(f"{path}: damaged workbook ({exc})") from None
    if "xl/workbook.xml" not in archive.namelist():
        archive.close()
        raise WorkbookError(f"{path}: not an Excel workbook (.xlsx): it has no xl/workbook.xml")
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED:
        archive.close()
        raise WorkbookError(f"{path}: unpacks to {total / 1024**3:.1f} GB, more than the "
                            f"{MAX_UNCOMPRESSED / 1024**3:.0f} GB this program reads (a zip bomb?)")
    for m in members:
        if m.file_size > 10 * 1024**2 and m.file_size > MAX_RATIO * max(1, m.compress_size):
            archive.close()
            raise WorkbookError(f"{path}: {m.filename} unpacks {m.file_size // max(1, m.compress_size)} times its "
                                "packed size (a zip bomb?); refused")
    return archive


def _sheet_entries(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its XML member, from the workbook's own relationships."""
    import defusedxml.ElementTree as ET

    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
          "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
          "p": "http://schemas.openxmlformats.org/package/2006/relationships"}
    try:
        book = ET.fromstring(archive.read("xl/workbook.xml"))
        rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ET.ParseError):
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in rels.findall("p:Relationship", ns)}
    out = {}
    for sheet in book.findall("m:sheets/m:sheet", ns):
        target = targets.get(sheet.get(f"{{{ns['r']}}}id"), "")
        target = target.lstrip("/")
        out[sheet.get("name")] = target if target.startswith("xl/") else f"xl/{target}"
    return out


_DIMENSION = re.compile(rb'<dimension ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"')
MAX_SHEET_XML = 1024**3            # 1 GiB of sheet XML: far more than MAX_ROWS rows of plan data


def declared_rows(archive: zipfile.ZipFile, member: str) -> int | None:
    """The rows a sheet says it spans (its <dimension>), read from the first bytes of its XML only."""
    try:
        with archive.open(member) as fh:
            head = fh.read(4096)
    except KeyError:
        return None
    m = _DIMENSION.search(head)
    if m is None:
        return None
    return int(m.group(1)) if m.group(1) else 1


def formulas_without_values(archive: zipfile.ZipFile, member: str) -> list[str]:
    """Cells of a sheet that hold a formula whose value Excel never saved."""
    found: list[str] = []
    tail = b""
    try:
        with archive.open(member) as fh:
            while chunk := fh.read(4 * 1024**2):
                block = tail + chunk
                tail = block[-4096:]
                if b"<f" not in block:           # most sheets hold no formula at all: skip the regex
                    continue
                for m in _FORMULA_NO_VALUE.finditer(block):
                    found.append(m.group(1).decode())
                    if len(found) >= MAX_FORMULA_REPORTS:
                        return found
    except KeyError:
        return []
    return list(dict.fromkeys(found))


class Workbook:
    """An xlsx opened for import, checked first. Sheets are read on demand."""

    def __init__(self, path: str | Path):
        self.path = check_input(path)
        self._archive = _check_container(self.path)
        self._entries = _sheet_entries(self._archive)
        self._percent_styles = percent_styles(self._archive)
        import python_calamine as pc

        try:
            self._book = pc.CalamineWorkbook.from_path(str(self.path))
        except pc.PasswordError:
            raise WorkbookError(f"{self.path}: password-protected workbook; remove the password first") from None
        except (pc.CalamineError, pc.XmlError, pc.ZipError, ValueError, OSError) as exc:
            raise WorkbookError(f"{self.path}: damaged or unreadable workbook ({exc})") from None
        self.sheet_names: list[str] = list(self._book.sheet_names)

    def close(self) -> None:
        self._archive.close()
        self._book.close()

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def sheet(self, name: str) -> Sheet:
        """All rows of one sheet; refuses formulas without saved values and sheets that are too big."""
        import python_calamine as pc

        member = self._entries.get(name)
        if member is not None:
            # Too big? Decided from the sheet's own header and size, before anything is loaded.
            rows = declared_rows(self._archive, member)
            if rows is not None and rows > MAX_ROWS:
                raise WorkbookError(f"{self.path}, sheet {name!r}: {rows:,} rows, more than the {MAX_ROWS:,} "
                                    "one import takes; split the file")
            size = self._archive.getinfo(member).file_size
            if size > MAX_SHEET_XML:
                raise WorkbookError(f"{self.path}, sheet {name!r}: {size / 1024**2:,.0f} MB of cells, more than one "
                                    "import takes; split the file")
            missing = formulas_without_values(self._archive, member)
            if missing:
                more = " …" if len(missing) >= MAX_FORMULA_REPORTS else ""
                raise WorkbookError(
                    f"{self.path}, sheet {name!r}: formulas without saved values in {', '.join(missing)}{more}; "
                    "open the file in Excel or LibreOffice and save it so the values are stored")
        try:
            sheet = self._book.get_sheet_by_name(name)
        except (pc.CalamineError, pc.XmlError, pc.ZipError, ValueError) as exc:
            raise WorkbookError(f"{self.path}, sheet {name!r}: cannot be read ({exc})") from None
        height = sheet.end[0] + 1 if sheet.end else 0
        if height > MAX_ROWS:
            raise WorkbookError(f"{self.path}, sheet {name!r}: {height:,} rows, more than the "
                                f"{MAX_ROWS:,} one import takes; split the file")
        merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])]
        offset = sheet.start[1] if sheet.start else 0
        rows = sheet.iter_rows()
        if offset:      # iter_rows starts at the first used column: put the cells back under their letters
            rows = ([""] * offset + row for row in rows)
        percent = percent_cells(self._archive, member, self._percent_styles) if member else frozenset()
        return Sheet(name, rows, merged, height, percent)
