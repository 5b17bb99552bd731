"""What a cell's number format says that its value does not: a per cent.

Excel and LibreOffice store 7.6% as 0.076 with a percent format; the reader library gives the bare
0.076. For a measure in %, the import needs the 7.6 the planner sees, so it looks up which cells of a
sheet carry a percent format: here, which cell styles of an xlsx show a per cent; the sheet scan
(books/ooxml.py) then notes the cells of those styles.
"""

from __future__ import annotations

import re
import zipfile

BUILTIN_PERCENT = frozenset({9, 10})                       # 0% and 0.00%
_QUOTED = re.compile(r'"[^"]*"|\\.')


def is_percent(code: str) -> bool:
    """Whether a number format shows a per cent (a % not in quotes nor escaped)."""
    return "%" in _QUOTED.sub("", code)


def percent_styles(archive: zipfile.ZipFile, part: str | None = "xl/styles.xml") -> frozenset[int]:
    """The cell-style numbers whose number format shows a per cent (none when the book has no styles)."""
    import defusedxml.ElementTree as ET

    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    if part is None:
        return frozenset()
    try:
        root = ET.fromstring(archive.read(part))
    except (KeyError, ET.ParseError, ValueError):
        return frozenset()
    custom = {int(f.get("numFmtId", -1)) for f in root.findall("m:numFmts/m:numFmt", ns)
              if is_percent(f.get("formatCode", ""))}
    percent = BUILTIN_PERCENT | custom
    return frozenset(i for i, xf in enumerate(root.findall("m:cellXfs/m:xf", ns))
                     if int(xf.get("numFmtId", 0) or 0) in percent)
