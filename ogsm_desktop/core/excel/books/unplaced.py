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
from .refs import XML_DECLARATION
from .sheet import Between, column_number
from .unpack import blocks

# Each pattern is possessive (*+, ++): none needs to give back what it took, and Python's regular expressions
# otherwise keep a way back for every repetition (the run of tags between rows took 9 µs a tag, 1 µs so).
_NAME = rb"[A-Za-z_][\w.-]*+(?::[A-Za-z_][\w.-]*+)?"
# Attributes, each with a value in quotes that holds no "<" (after them, what spaces there are).
_ATTRS = rb'(?:\s++[A-Za-z_][\w.:-]*+\s*+=\s*+(?:"[^"<]*+"|\'[^\'<]*+\'))*+\s*+'
# A tag of a plain sheet: "/" when it ends an element, its name (a prefix allowed), its attributes, and "/" when
# it closes itself. Every "<" of the sheet must begin one (else: not a plain sheet).
_TAG = re.compile(rb"<(/?)(" + _NAME + rb")(" + _ATTRS + rb")(/?)>")
# A row of plain cells without a prefix, each holding plain values (<v>, <f>, <is><t>…</t></is>) or nothing: its
# attributes as group 1 and its cells as group 2.
_PLAIN_ROW = re.compile(
    rb"<row(" + _ATTRS + rb")>((?:<c" + _ATTRS + rb"(?:/>|>(?:<v>[^<]*+</v>|<f" + _ATTRS + rb"(?:/>|>[^<]*+</f>)|<is>"
    rb"(?:<t" + _ATTRS + rb">[^<]*+</t>)*+</is>)*+</c>))*+)</row>")
_ANY_PLACE = re.compile(rb"\sr\s*=")          # (in a value too: the row is then read a cell at a time)
_CELL_OPENED = re.compile(rb"<c(" + _ATTRS + rb")/?>")
_CELL_PLACED = re.compile(rb'<c(?:\s++[A-Za-z_][\w.:-]*+\s*+=\s*+(?:"[^"<]*+"|\'[^\'<]*+\'))*?\s++r\s*+=')
# A run of tags and text between the rows that the reader passes over: none named row, c or sheetData (any prefix).
_OTHERS = re.compile(rb"(?:[^<]++|<(?!/?(?:[A-Za-z_][\w.-]*:)?(?:row|c|sheetData)[\s/>])/?" + _NAME + _ATTRS
                     + rb"/?>)*+")
_ATTRIBUTE = re.compile(rb'([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"<]*)"|\'([^\'<]*)\')')
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


def unplaced_cells(archive: zipfile.ZipFile, part: str, between: Between = None) -> Landed:
    """Read the sheet ``part`` as the reader does and say where its cells without their place land (Unplain: a
    sheet this reading cannot follow for sure). ``between``: called between two blocks (sheet.Between): this reading
    is Python's, a crafted part of hundreds of MB would hold the thread and Python's lock for minutes."""
    reading = _Reading()
    carried = b""
    first = True
    for block in blocks(archive, part):
        if between is not None:
            between()
        text = carried + block
        if first:
            first = False
            declared = XML_DECLARATION.match(text)
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
        self.value: bytes | None = None      # inside a cell's value (<v>, <f>, <is>): its name
        self.inner: list[bytes] = []  # the elements open inside that value

    def read(self, text: bytes) -> bool:
        """Follow ``text`` (whole tags and text); False once the reader would stop (the end of the rows)."""
        find, tag, row, other = text.find, _TAG.match, _PLAIN_ROW.match, _OTHERS.match
        at = find(b"<")
        while at >= 0:
            if self.in_data and not self.cell:
                m = row(text, at)
                if m is not None:
                    self._plain_row(m.group(1), m.group(2))
                    at = find(b"<", m.end())
                    continue
                m = other(text, at)                     # tags the reader passes over between the rows, at once
                if m is not None and m.end() > at:
                    at = find(b"<", m.end())
                    continue
            m = tag(text, at)
            if m is None:                               # a "<" that begins no plain tag
                raise Unplain(_plain_message())
            if not self._tag(m.group(1) == b"/", m.group(2), m.group(3), m.group(4) == b"/"):
                return False
            at = find(b"<", m.end())
        return True

    def _plain_row(self, attributes: bytes, cells: bytes) -> None:
        """A row of plain cells read at once (a tag at a time took 3-6 µs a tag)."""
        number = _attribute(attributes, b"r")
        if number is not None:
            self.row = _number(number) - 1
        count = cells.count(b"<c")
        if _ANY_PLACE.search(cells) is None:            # as streaming writers write them: no cell names its place
            if count:
                self._land(count)
        elif len(_CELL_PLACED.findall(cells)) < count:  # some placed, some not: a cell at a time (all placed: none
            for m in _CELL_OPENED.finditer(cells):      # lands, and the row's end sets the column back)
                place = _attribute(m.group(1), b"r", last=True)
                if place is None:
                    self._land(1)
                else:
                    self.col = _place_column(place)
                self.col += 1
        self.row, self.col = self.row + 1, 0

    def _land(self, count: int) -> None:
        """``count`` cells without their place, from where the next one goes."""
        landed = self.landed
        landed.cells += count
        landed.last_row = max(landed.last_row, self.row)
        landed.last_col = max(landed.last_col, self.col + count - 1)
        self.col += count - 1

    def _tag(self, end: bool, name: bytes, attributes: bytes, empty: bool) -> bool:
        if end and (empty or attributes.strip()):
            raise Unplain(_plain_message())
        local = name.rpartition(b":")[2]
        if self.value is not None:                      # a cell's value, read to its own end
            self._in_value(end, name, local, empty)
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
                    self.value = name
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
                self.row = _number(number) - 1
            if empty:
                self.row, self.col = self.row + 1, 0
        elif local == b"c":
            place = _attribute(attributes, b"r", last=True)
            if place is None:
                self._land(1)
            else:
                self.col = _place_column(place)
            self.col += 1
            self.cell = not empty
        return True

    def _in_value(self, end: bool, name: bytes, local: bytes, empty: bool) -> None:
        """A tag inside a cell's value. The reader's ways of reading a value to its end differ by its kind and
        version (some count values inside values of the same name, some end at the first end tag of that name, an
        empty one included; a text run or a run's format is read to its own end, past the end of its text): they
        all end where a parser of well-nested XML ends it, so a value not well nested, or holding an element of
        its own name, is refused."""
        inner = self.inner
        if local == self.value.rpartition(b":")[2] and (inner or not end or name != self.value):
            raise Unplain(_plain_message())
        if end:
            if inner:
                if inner.pop() != name:
                    raise Unplain(_plain_message())
            elif name == self.value:
                self.value = None
            else:
                raise Unplain(_plain_message())
        elif not empty:
            if len(inner) >= 64:
                raise Unplain(_plain_message())
            inner.append(name)


def _number(text: bytes) -> int:
    """A row's number as the reader reads it (Unplain: one it refuses or reads its own way)."""
    digits = text.lstrip(b"0")
    if not text.isdigit() or not digits or len(digits) > 7:
        raise Unplain(_plain_message())
    return int(digits)


def _place_column(place: bytes) -> int:
    ref = _REFERENCE.match(place)
    if ref is None:
        raise Unplain(_plain_message())                 # (the reader refuses it, or reads it its own way)
    return column_number(ref.group(1))


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
