"""What a cell's number format says that its value does not: a per cent.

Excel and LibreOffice store 7.6% as 0.076 with a percent format; the reader library gives the bare
0.076. For a measure in %, the import needs the 7.6 the planner sees, so it looks up which cells of a
sheet carry a percent format (xlsx: the styles part, then the cells' style numbers).
"""

from __future__ import annotations

import re
import zipfile

BUILTIN_PERCENT = frozenset({9, 10})                       # 0% and 0.00%
_CELL = re.compile(rb"<c\b([^>]*)>")
_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_STYLE = re.compile(rb'\bs="(\d+)"')
_QUOTED = re.compile(r'"[^"]*"|\\.')


def _is_percent(code: str) -> bool:
    return "%" in _QUOTED.sub("", code)


def percent_styles(archive: zipfile.ZipFile) -> frozenset[int]:
    """The cell-style numbers whose number format shows a per cent (none when the book has no styles)."""
    import defusedxml.ElementTree as ET

    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    try:
        root = ET.fromstring(archive.read("xl/styles.xml"))
    except (KeyError, ET.ParseError, ValueError):
        return frozenset()
    custom = {int(f.get("numFmtId", -1)) for f in root.findall("m:numFmts/m:numFmt", ns)
              if _is_percent(f.get("formatCode", ""))}
    percent = BUILTIN_PERCENT | custom
    return frozenset(i for i, xf in enumerate(root.findall("m:cellXfs/m:xf", ns))
                     if int(xf.get("numFmtId", 0) or 0) in percent)


def _column(letters: bytes) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ch - 64
    return number - 1


def percent_cells(archive: zipfile.ZipFile, member: str, styles: frozenset[int]) -> frozenset[tuple[int, int]]:
    """``(row, column)`` (0-based) of the cells of one sheet that show a per cent."""
    if not styles:
        return frozenset()
    found: set[tuple[int, int]] = set()
    tail = b""
    try:
        with archive.open(member) as fh:
            while chunk := fh.read(4 * 1024**2):
                block = tail + chunk
                cut = block.rfind(b"<c")                 # the last cell tag may be cut in two: read it next time
                block, tail = (block[:cut], block[cut:]) if cut > 0 else (block, b"")
                for m in _CELL.finditer(block):
                    attrs = m.group(1)
                    style = _STYLE.search(attrs)
                    if style is None or int(style.group(1)) not in styles:
                        continue
                    ref = _REF.search(attrs)
                    if ref is not None:
                        found.add((int(ref.group(2)) - 1, _column(ref.group(1))))
    except KeyError:
        return frozenset()
    return frozenset(found)
