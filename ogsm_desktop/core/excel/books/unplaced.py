"""Where the reader library puts the cells a sheet writes without their place, found before it loads them.

A cell may leave out its reference (``<c><v>1</v></c>``: ``r`` is optional in the format). The reader library
(python-calamine) then puts it in the row it counts and the column after the cell before it: the row is set
by a row's number (``<row r="5">``) and moved on by every row's end, the column set by a placed cell and moved
on by every cell, back to the first at every row's end. The references alone do not show where such cells
land: 3,000 row ends written without their start, then one such cell, or 16,384 such cells in one row above
a row numbered 60,000, make the reader hold a rectangle of a billion cells, and the process is killed.

The scan of a sheet (ooxml.py) counts, on every block, the cells not opened with their place first; only when
there are some is the sheet read again here, tag by tag, as the reader reads it, to find the last row and
column such a cell lands on. A sheet written so is rare (every spreadsheet program and library we know writes
each cell's place first), so this reading is plain Python. It knows the grammar the reader sees in a plain
sheet — elements, attributes in quotes, text — and refuses a sheet with cells without their place that is
written otherwise (comments, character data sections, processing instructions, a ``<`` in a value, an end
tag with more than its name): there, what the reader counts cannot be told for sure.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass

from ...i18n import _
from .limits import ExtentError
from .sheet import column_number
from .unpack import blocks

# A tag of a plain sheet: its name (a prefix allowed), its attributes each with a value in quotes that holds no
# "<", and "/" when it closes itself. Every "<" of the sheet must begin one (else: not a plain sheet).
_TAG = re.compile(rb'<(/?)([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|\'[^\'<]*\'))*)'
                  rb'\s*(/?)>')
# A row of plain cells without a prefix, each holding plain values (<v>, <f>, <is><t>…</t></is>) or nothing: its
# attributes as group 1 and its cells as group 2.
_ATTRS = rb'(?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|\'[^\'<]*\'))*\s*'
_PLAIN_ROW = re.compile(
    rb"<row(" + _ATTRS + rb")>((?:<c" + _ATTRS + rb"(?:/>|>(?:<v>[^<]*</v>|<f" + _ATTRS + rb"(?:/>|>[^<]*</f>)|<is>(?:<t"
    + _ATTRS + rb">[^<]*</t>)*</is>)*</c>))*)</row>")
_ANY_PLACE = re.compile(rb"\sr\s*=")          # (in a value too: the row is then read a tag at a time)
_ATTRIBUTE = re.compile(rb'([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"<]*)"|\'([^\'<]*)\')')
_DECLARATION = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<\?xml\s[^<>]*\?>")
_REFERENCE = re.compile(rb"([A-Za-z]+)\d+\Z")   # (how far: the scan's references have been checked already)
_VALUES = frozenset({b"v", b"f", b"is"})     # what a cell holds; the reader skips each to its end


class Unplain(ExtentError):
    """A sheet with cells without their place, written otherwise than as plain elements and attributes."""


@dataclass
class Landed:
    """The cells without their place: how many, and the last row and column the reader puts one in (-1: none)."""

    cells: int = 0
    last_row: int = -1
    last_col: int = -1


def unplaced_cells(archive: zipfile.ZipFile, part: str) -> Landed:
    """Read the sheet ``part`` as the reader does and say where its cells without their place land (Unplain: a
    sheet this reading cannot follow for sure)."""
    reading = _Reading()
    carried = b""
    first = True
    for block in blocks(archive, part):
        text = carried + block
        if first:
            first = False
            declared = _DECLARATION.match(text)
            if declared:
                text = text[declared.end():]
        cut = text.rfind(b"<")
        if cut >= 0 and text.find(b">", cut) < 0:       # a tag longer than a block: read with the next one
            text, carried = text[:cut], text[cut:]
        else:
            carried = b""
        if not reading.read(text):
            return reading.landed
    if carried:
        raise Unplain(_plain_message())
    return reading.landed


class _Reading:
    """The reader's state (python-calamine's cell reader over quick-xml, empty elements expanded), tag by tag."""

    def __init__(self):
        self.landed = Landed()
        self.in_data = False          # past <sheetData>
        self.row = 0                  # where the next cell without its place goes
        self.col = 0
        self.cell = False             # inside a cell (between <c> and </c>)
        self.skipping: bytes | None = None   # inside a cell's value: its name

    def read(self, text: bytes) -> bool:
        """Follow ``text`` (whole tags and text); False once the reader would stop (the end of the rows)."""
        find, tag, row = text.find, _TAG.match, _PLAIN_ROW.match
        at = find(b"<")
        while at >= 0:
            if self.in_data and not self.cell:
                m = row(text, at)
                if m is not None and self._plain_row(m.group(1), m.group(2)):
                    at = find(b"<", m.end())
                    continue
            m = tag(text, at)
            if m is None:                               # a "<" that begins no plain tag
                raise Unplain(_plain_message())
            if not self._tag(m.group(1) == b"/", m.group(2), m.group(3), m.group(4) == b"/"):
                return False
            at = find(b"<", m.end())
        return True

    def _plain_row(self, attributes: bytes, cells: bytes) -> bool:
        """A row of cells none of which names its place, as streaming writers write them, read at once (a tag at a
        time took 3 µs a tag); False: read it a tag at a time."""
        if _ANY_PLACE.search(cells):
            return False
        number = _attribute(attributes, b"r")
        if number is not None:
            if not number.isdigit() or int(number) < 1:
                return False
            self.row = int(number) - 1
        count = cells.count(b"<c")
        if count:
            landed = self.landed
            landed.cells += count
            landed.last_row = max(landed.last_row, self.row)
            landed.last_col = max(landed.last_col, self.col + count - 1)
        self.row, self.col = self.row + 1, 0
        return True

    def _tag(self, end: bool, name: bytes, attributes: bytes, empty: bool) -> bool:
        if end and (attributes or empty):
            raise Unplain(_plain_message())
        local = name.rpartition(b":")[2]
        if self.skipping is not None:                   # a cell's value, read to its own end
            if name == self.skipping and not empty:
                if not end:                             # one in another: the reader's versions end it unlike
                    raise Unplain(_plain_message())
                self.skipping = None
            return True
        if not self.in_data:
            if not end and local == b"sheetData":
                self.in_data = True
                return not empty                        # <sheetData/>: no rows
            return True
        if self.cell:
            if end:
                if local == b"c":
                    self.cell = False
            elif local in _VALUES:
                if not empty:
                    self.skipping = name
            else:                                       # (the reader refuses any other element in a cell)
                raise Unplain(_plain_message())
            return True
        if end:
            if local == b"row":
                self.row, self.col = self.row + 1, 0
            elif local == b"sheetData":
                return False                            # the reader stops here
            return True
        if local == b"row":
            number = _attribute(attributes, b"r")
            if number is not None:
                if not number.isdigit() or int(number) < 1:
                    raise Unplain(_plain_message())     # (the reader refuses it, or reads it its own way)
                self.row = int(number) - 1
            if empty:
                self.row, self.col = self.row + 1, 0
        elif local == b"c":
            place = _attribute(attributes, b"r", last=True)
            if place is None:
                landed = self.landed
                landed.cells += 1
                landed.last_row = max(landed.last_row, self.row)
                landed.last_col = max(landed.last_col, self.col)
            else:
                ref = _REFERENCE.match(place)
                if ref is None:
                    raise Unplain(_plain_message())     # (the reader refuses it, or reads it its own way)
                self.col = column_number(ref.group(1))
            self.col += 1
            self.cell = not empty
        return True


def _attribute(attributes: bytes, key: bytes, last: bool = False) -> bytes | None:
    """The value of the attribute ``key`` (the first written, or the last), as the reader compares names: whole."""
    found = None
    for m in _ATTRIBUTE.finditer(attributes):
        if m.group(1) == key:
            found = m.group(2) if m.group(2) is not None else m.group(3)
            if not last:
                break
    return found


def _plain_message() -> str:
    return _("some of its cells are written without their place (no r=\"A1\") in a way this program cannot check "
             "safely (a damaged or crafted file?); refused. Open it in Excel or LibreOffice, save it, and import that")
