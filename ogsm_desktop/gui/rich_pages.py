"""Rich text (the review, the alerts, the changes, the overview) cut into printed pages where a reader
expects the page to turn.

Qt's own pagination of a QTextDocument turns the page after any line that fits: a table row with a
three-line title leaves its first line at the foot of one page and the rest at the top of the next, and a
unit's heading can end a page whose table starts on the next. Here the document is laid out once as one
long page, and the page breaks are chosen among the places a printed report breaks:

- between two rows of a table, never inside a row; the page a table continues on starts with the table's
  header rows again, under the heading right above the table (whose rows they are);
- before a paragraph or a table, but never right after a heading (it stays with what follows), nor right
  after a table row spanning the whole width (a group's label stays with its first row), nor between a
  table's header and its first row;
- a row that fits a page but not under the repeated header starts a page without it; a heading, a group's
  label or a header is parted from what follows only when together they do not fit a page; a cell spanning
  rows is never cut between them;
- only what is taller than a page by itself is cut inside: after a line of its text, or, when not even a
  line fits, at the foot of the page; what is left below the last line (a border) makes no page of its own.

Each page is a band of the long page (and the header band above it); painting clips to the band, so every
line is painted on exactly one page.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QTextCursor, QTextDocument, QTextTable

EPSILON = 0.5
TOUCH = 0.02                # how far inside its band a page's clip is (see _inside)


@dataclass(frozen=True)
class Band:
    """A horizontal band of the long page, ``top`` to ``bottom`` (in the document's pixels)."""

    top: float
    bottom: float
    rows: Band | None = None        # a repeated header under its heading: the header rows alone

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class PageBand:
    """A printed page: the band of the long page it shows, under the header rows of the table it
    continues (``header``), if any."""

    band: Band
    header: Band | None = None

    @property
    def height(self) -> float:
        return self.band.height + (self.header.height if self.header else 0.0)


@dataclass(frozen=True)
class _Break:
    end: float                  # where the page before it ends
    start: float                # where the page after it starts (a table's border line may be on both)
    allowed: bool
    header: Band | None         # the header rows the page after it starts with


@dataclass
class _Table:
    header_rows: int
    tops: dict[int, float]
    bottoms: dict[int, float]
    group_rows: set[int]
    spanned: set[int]                           # rows a cell of the row above reaches into


SMALLEST_PAGE = 20.0        # pixels: a page less tall than that (a tiny paper chosen) is taken as this tall


def paginate(doc: QTextDocument, height: float) -> list[PageBand]:
    """The pages of ``doc`` (laid out with a text width and no page height) on pages ``height`` tall."""
    breaks, lines, tables = _breaks(doc)
    height = max(height, SMALLEST_PAGE)
    total = doc.size().height()
    last_text = max((top for top, _foot in lines), default=0.0)
    feet = sorted(foot for _top, foot in lines)
    ends = [b.end for b in breaks]
    pages: list[PageBand] = []
    top, header = 0.0, None
    while True:
        if header is not None and header.height > height / 3:   # too tall to repeat: the rows alone, or nothing
            header = header.rows if header.rows is not None and header.rows.height <= height / 3 else None
        room = height - (header.height if header else 0.0)
        if total - top <= room + EPSILON:
            pages.append(PageBand(Band(top, total), header))
            return pages
        chosen = _last_break(breaks, ends, top, top + room, allowed=True)
        if chosen is not None and chosen.end - top < height / 2 and \
                _next_break(breaks, chosen.start, total) - chosen.start > height:
            chosen = None                       # what follows is cut anyway: begun here, not after a near-empty page
        elif chosen is None:
            if header is not None:              # what fits a page but not under the header: without it
                chosen = _last_break(breaks, ends, top, top + height, allowed=True)
                if chosen is not None:
                    header = None
            if chosen is None:                  # a group's label or a header with its row: apart
                chosen = _last_break(breaks, ends, top, top + room, allowed=False)
        if chosen is None:                      # something taller than a page: cut after a line, or anywhere
            at = bisect.bisect_right(feet, top + room) - 1
            cut = feet[at] if at >= 0 and feet[at] > top + EPSILON else top + room
            chosen = _Break(cut, cut, True, _header_at(tables, cut))
        pages.append(PageBand(Band(top, chosen.end), header))
        top, header = chosen.start, chosen.header
        if last_text < top - EPSILON:           # nothing but a border and some padding left: no page of it
            return pages


def _next_break(breaks: list[_Break], start: float, total: float) -> float:
    """Where the first break after ``start`` — any: a heading, a label or a header may be parted from what
    follows before a row is cut — ends the page before it (the text's end if none)."""
    return next((b.end for b in breaks if b.start > start + EPSILON), total)


def _last_break(breaks: list[_Break], ends: list[float], top: float, limit: float, allowed: bool) -> _Break | None:
    """The last break after ``top`` whose page before it ends by ``limit`` (an allowed one, or any)."""
    for i in range(bisect.bisect_right(ends, limit) - 1, -1, -1):
        candidate = breaks[i]
        if candidate.start <= top + EPSILON:
            return None
        if candidate.allowed or not allowed:
            return candidate
    return None


def _header_at(tables: list[tuple[Band, Band | None]], y: float) -> Band | None:
    """The header rows of the table whose body ``y`` is in, if any."""
    for extent, header in tables:
        if header is not None and header.bottom <= y < extent.bottom:
            return header
    return None


def _breaks(doc: QTextDocument) -> tuple[list[_Break], list[tuple[float, float]], list[tuple[Band, Band | None]]]:
    """Where the page may turn (in order down the page), every line's top and foot, and each table's extent
    with its header rows."""
    layout = doc.documentLayout()
    items: list[tuple[str, object]] = []        # ("block", (top, bottom, heading)) or ("table", _Table)
    tables: dict[int, _Table] = {}
    lines: list[tuple[float, float]] = []
    block = doc.begin()
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        text_layout = block.layout()
        for n in range(text_layout.lineCount()):
            line = text_layout.lineAt(n)
            lines.append((rect.top() + line.y(), rect.top() + line.y() + line.height()))
        table = _outer_table(block)
        if table is None:
            if block.text():                    # (Qt's empty block before a table overlaps the table's top)
                items.append(("block", (rect.top(), rect.bottom(), block.blockFormat().headingLevel() > 0)))
        else:
            found = tables.get(table.firstPosition())
            if found is None:
                found = tables[table.firstPosition()] = _Table(table.format().headerRowCount(), {}, {}, set(), set())
                items.append(("table", found))
            cell = table.cellAt(block.position())
            last = cell.row() + cell.rowSpan() - 1
            found.tops[cell.row()] = min(found.tops.get(cell.row(), rect.top()), rect.top())
            found.bottoms[last] = max(found.bottoms.get(last, rect.bottom()), rect.bottom())
            found.spanned.update(range(cell.row() + 1, last + 1))        # no break inside a cell of rows
            if cell.columnSpan() == table.columns() and table.columns() > 1:
                found.group_rows.add(cell.row())
        block = block.next()
    breaks: list[_Break] = []
    extents: list[tuple[Band, Band | None]] = []
    flow, keep = 0.0, True                      # how far down the text has gone; no break before what is next
    heading_top: float | None = None            # the top of the heading right above what is next
    for kind, item in items:
        if kind == "block":
            top, bottom, heading = item
            if top < flow - EPSILON:            # an empty block Qt places beside a table's end: not in the flow
                continue
            if top > EPSILON:
                breaks.append(_Break(top, top, not keep, None))
            flow, keep = max(flow, bottom), heading
            heading_top = top if heading else None
            continue
        table: _Table = item
        rows = sorted(set(table.tops) & set(table.bottoms))
        if not rows:
            continue
        edges = {r: (table.bottoms[p] + table.tops[r]) / 2 for p, r in zip(rows, rows[1:], strict=False)}
        gap = min((table.tops[r] - table.bottoms[p] for p, r in zip(rows, rows[1:], strict=False)), default=2.0)
        over = max(0.0, min(1.0, gap / 4))      # a border line between two rows belongs to both pages
        top = max(flow, table.tops[rows[0]] - gap / 2 - over)
        bottom = table.bottoms[rows[-1]] + gap / 2 + over
        body = [r for r in rows if r >= table.header_rows]
        # the rows repeated on each page it continues on: its header, under the heading right above it (whose)
        header = None
        if table.header_rows and body and body[0] in edges:
            rows_only = Band(top, edges[body[0]] + over)
            header = rows_only if heading_top is None else Band(heading_top, rows_only.bottom, rows_only)
        if top > EPSILON:
            breaks.append(_Break(top, top, not keep, None))
        for row in body[1:]:
            breaks.append(_Break(edges[row] + over, edges[row] - over,
                                 row - 1 not in table.group_rows and (row - 1) in table.bottoms
                                 and row not in table.spanned, header))
        extents.append((Band(top, bottom), header))
        flow, keep, heading_top = bottom, False, None
    return breaks, lines, extents


def _outer_table(block) -> QTextTable | None:
    """The table a block is in (the outermost, for a table in a table's cell), or None."""
    table = QTextCursor(block).currentTable()
    while table is not None:
        parent = table.parentFrame()
        if parent is None or parent.parentFrame() is None:
            return table
        table = parent if isinstance(parent, QTextTable) else None
    return None


class RichPage:
    """A printed page of a rich-text document: its band, under the header rows it repeats."""

    def __init__(self, doc: QTextDocument, page: PageBand):
        self.doc, self.page = doc, page

    def paint(self, painter: QPainter, body) -> None:
        width = body.width()
        header, band = self.page.header, self.page.band
        if header is not None:
            painter.save()
            painter.translate(0, -header.top)
            self.doc.drawContents(painter, _inside(header, width))
            painter.restore()
            painter.translate(0, header.height)
        painter.translate(0, -band.top)
        self.doc.drawContents(painter, _inside(band, width))


def _inside(band: Band, width: float) -> QRectF:
    """The band as a clip a hair inside its edges: Qt draws a line or a paragraph that only touches the clip
    (clipped out of sight, but its text is in the PDF: found twice by a search)."""
    return QRectF(0, band.top + TOUCH, width, max(0.0, band.height - 2 * TOUCH))
