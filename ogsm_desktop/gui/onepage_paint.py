"""Laying out and painting a one-page OGSM grid directly with QTextLayout, for the printed report.

Each item of a cell (a goal, a measure, …) is one QTextLayout, its lines broken by line separators and its
runs styled by format ranges; the grid's rows and borders are drawn around them. This is several times
cheaper than laying out the same grid as an HTML table, which matters for a report of thousands of
units, each laid out once to fit it and once more to paint it.

Sizes are in the document's pixels (as the rich-text sections of the report), the painter being scaled to
the device by the caller. Printed documents use no bold (see ``fonts.PRINTED_STYLE``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt, QTextBoundaryFinder
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPen,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)

from ..core.onepage import Block, Cell, Grid, plain

SMALL_SCALE = 0.8             # "small" print, as Qt's rich text scales it
HEADING_SCALE = 1.5           # a heading, as Qt's rich text scales <h2>
PAD = 4.0                     # inside each cell
HEADING_GAP = 6.0             # between the heading and the grid
HEADING_LINES = 3             # the most a page's heading takes
BORDER, HEAD_FILL, HEAD_TEXT = QColor("#90a4ae"), QColor("#37474f"), QColor("white")


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _utf16_length(text: str) -> int:
    return len(text) + len(_ASTRAL.findall(text))


def _cut(text: str, end: int) -> str:
    """``text`` up to ``end`` (in UTF-16 units, as Qt counts), moved back to the end of a character as a
    reader sees it: a flag, an emoji family or an accented letter is kept whole or left out whole."""
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Grapheme, text)
    finder.setPosition(max(end, 0))
    if not finder.isAtBoundary():
        finder.toPreviousBoundary()
    units = text.encode("utf-16-le")
    at = max(finder.position(), 0)
    if at and 0xDC00 <= int.from_bytes(units[2 * at:2 * at + 2], "little") <= 0xDFFF:
        at -= 1         # Qt has been seen to put a boundary inside a character beyond the BMP (with Thai text)
    return units[:2 * at].decode("utf-16-le")


def _in_utf16(text: str, spans):
    """``spans`` (in characters) in UTF-16 code units, as Qt counts: a character beyond the BMP is two."""
    def at(index: int) -> int:
        return index + len(_ASTRAL.findall(text, 0, index))
    return [(at(start), at(end), *rest) for start, end, *rest in spans]


@dataclass
class Laid:
    """A block laid out: its layout and the bottom of each of its lines (the last one is its height)."""

    layout: QTextLayout
    bottoms: list[float]

    @property
    def height(self) -> float:
        return self.bottoms[-1] if self.bottoms else 0.0


class Typeset:
    """The grid's type at one size: lays out blocks of runs at a width."""

    def __init__(self, font_at, points: float):
        self.points = points
        self.font: QFont = font_at(points)
        self.heading_font: QFont = font_at(points * HEADING_SCALE)
        self.gap = QFontMetricsF(self.font).lineSpacing()        # the blank line between a cell's items
        self._formats: dict[tuple[str, bool], QTextCharFormat] = {}
        self._headings: dict[tuple[str, float], Laid] = {}
        self._ranges: dict[tuple[int, int, str, bool], QTextLayout.FormatRange] = {}    # the same ones recur
        self.wrapping = QTextOption()
        self.wrapping.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.centred = QTextOption(self.wrapping)
        self.centred.setAlignment(Qt.AlignmentFlag.AlignHCenter)

    def _format(self, colour: str, small: bool) -> QTextCharFormat:
        found = self._formats.get((colour, small))
        if found is None:
            found = self._formats[(colour, small)] = QTextCharFormat()
            if colour:
                found.setForeground(QColor(colour))
            if small:
                found.setFontPointSize(self.points * SMALL_SCALE)
        return found

    def lay_out(self, block: Block, width: float) -> Laid:
        return self._laid(self._styled(block), width, self.wrapping)

    def height(self, block: Block, width: float) -> float:
        """The height of ``block`` laid out at ``width`` exactly as :meth:`lay_out` lays it out, colours
        included: a colour's edge can move where a word too long for its line is cut."""
        layout = self._styled(block)
        layout.setTextOption(self.wrapping)
        layout.beginLayout()
        height = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            height += line.height()
        layout.endLayout()
        return height

    def _styled(self, block: Block) -> QTextLayout:
        """The block in the type, its stretches' styles set. Qt counts the text in UTF-16 code units: the
        stretches are moved when the text has a character beyond them (an emoji)."""
        text, spans = block.text, block.spans
        if spans and _ASTRAL.search(text):
            spans = _in_utf16(text, spans)
        layout = QTextLayout(text, self.font)
        ranges = [self._range(start, end, colour, small) for start, end, colour, small, _bold in spans
                  if small or colour]
        if ranges:
            layout.setFormats(ranges)
        return layout

    def _range(self, start: int, end: int, colour: str, small: bool) -> QTextLayout.FormatRange:
        key = (start, end, colour, small)
        found = self._ranges.get(key)
        if found is None:
            found = self._ranges[key] = QTextLayout.FormatRange()
            found.start, found.length, found.format = start, end - start, self._format(colour, small)
        return found

    def heading(self, text: str, suffix: str, width: float) -> Laid:
        """A page's heading, ``text`` then ``suffix``, in large type: on at most :data:`HEADING_LINES` lines,
        the text cut short with "…" when longer (the grid below names it in full)."""
        text = plain(text)
        laid = self._laid(QTextLayout(text + suffix, self.heading_font), width, self.wrapping)
        while len(laid.bottoms) > HEADING_LINES and text:
            last = laid.layout.lineAt(HEADING_LINES - 1)
            end = min(last.textStart() + last.textLength(), _utf16_length(text)) - 1     # in UTF-16 units
            text = _cut(text, end).rstrip()
            laid = self._laid(QTextLayout(text + "…" + suffix, self.heading_font), width, self.wrapping)
        return laid

    def column_heading(self, text: str, width: float) -> Laid:
        """A column's heading, centred; the same on every page, so laid out once."""
        found = self._headings.get((text, width))
        if found is None:
            found = self._headings[(text, width)] = self._laid(QTextLayout(text, self.font), width, self.centred)
        return found

    @staticmethod
    def _laid(layout: QTextLayout, width: float, option: QTextOption) -> Laid:
        layout.setTextOption(option)
        layout.beginLayout()
        bottoms, y = [], 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0, y))
            y += line.height()
            bottoms.append(y)
        layout.endLayout()
        return Laid(layout, bottoms)

    def cell_height(self, laid: list[Laid]) -> float:
        """A cell's content: its blocks with a blank line between each two."""
        return sum(b.height for b in laid) + self.gap * max(0, len(laid) - 1)

    def content_height(self, cell: Cell, width: float) -> float:
        """As :meth:`cell_height` of the cell laid out at ``width``."""
        return sum(self.height(b, width) for b in cell) + self.gap * max(0, len(cell) - 1)


@dataclass(frozen=True)
class Piece:
    """A block of a cell on a page, or its lines from ``top`` to ``bottom`` when the block is taller than a
    page (``bottom`` None: to its end)."""

    block: int
    top: float = 0.0
    bottom: float | None = None


@dataclass(frozen=True)
class RowPart:
    """A strategy's row on a page: pieces of its own cell and of its measures and actions (all of both,
    unless the row is taller than a page)."""

    row: int
    strategy: tuple[Piece, ...]
    below: tuple[Piece, ...]


@dataclass(frozen=True)
class PagePlan:
    """What one page of a unit shows. ``objective`` None: the objective's name again (a continued page),
    ``again`` the pieces of it that fit."""

    objective: tuple[Piece, ...] | None
    goals: tuple[Piece, ...]
    rows: tuple[RowPart, ...]
    again: tuple[Piece, ...] = ()


def column_edges(width: float, widths) -> list[float]:
    edges, total = [0.0], 0
    for share in widths:
        total += share
        edges.append(width * total / 100)
    return edges


def inner_widths(edges: list[float]) -> list[float]:
    """The width of each column's text (inside its padding)."""
    return [edges[i + 1] - edges[i] - 2 * PAD for i in range(4)]


def piece_height(laid: Laid, piece: Piece) -> float:
    return (laid.height if piece.bottom is None else piece.bottom) - piece.top


def paint_grid_page(painter: QPainter, typeset: Typeset, heading: tuple[str, str], grid: Grid, plan: PagePlan,
                    widths, body_width: float, body_height: float) -> None:
    """Paint one page of a unit's grid: its heading, the column headings, then what ``plan`` puts on it.
    Nothing is drawn outside the page's body."""
    painter.save()
    painter.setClipRect(QRectF(0, 0, body_width, body_height))
    painter.setPen(QPen(Qt.GlobalColor.black))
    title = typeset.heading(*heading, body_width)
    title.layout.draw(painter, QPointF(0, 0))
    edges = column_edges(body_width, widths)
    inner = inner_widths(edges)
    head_top = title.height + HEADING_GAP
    headers = [typeset.column_heading(text, inner[i]) for i, text in enumerate(grid.headers)]
    head_height = max(h.height for h in headers) + 2 * PAD
    painter.fillRect(QRectF(0, head_top, body_width, head_height), HEAD_FILL)
    painter.setPen(QPen(HEAD_TEXT))
    for i, laid in enumerate(headers):
        laid.layout.draw(painter, QPointF(edges[i] + PAD, head_top + PAD))
    painter.setPen(QPen(Qt.GlobalColor.black))
    top = head_top + head_height
    objective = ((grid.objective, plan.objective) if plan.objective is not None
                 else (grid.objective_again, plan.again))
    bottom = top
    for column, (cell, pieces) in enumerate((objective, (grid.goals, plan.goals))):
        if pieces:
            bottom = max(bottom, _draw_pieces(painter, typeset, cell, pieces, inner[column],
                                              edges[column] + PAD, top + PAD) + PAD)
    y, lines = top, []
    for part in plan.rows:
        strategy, below = grid.rows[part.row]
        end = _draw_pieces(painter, typeset, strategy, part.strategy, inner[2], edges[2] + PAD, y + PAD)
        y = max(end, _draw_pieces(painter, typeset, below, part.below, inner[3], edges[3] + PAD, y + PAD)) + PAD
        lines.append(y)
    bottom = max(bottom, y)
    painter.setPen(QPen(BORDER, 1))
    painter.drawRect(QRectF(0.5, head_top, body_width - 1, bottom - head_top))      # inside the clip
    for x in edges[1:4]:
        painter.drawLine(QPointF(x, head_top), QPointF(x, bottom))
    for y in lines[:-1]:
        painter.drawLine(QPointF(edges[2], y), QPointF(body_width, y))
    painter.restore()


def _draw_pieces(painter: QPainter, typeset: Typeset, cell: Cell, pieces, width: float, x: float, y: float) -> float:
    """Lay out and draw ``pieces`` of ``cell`` one under the other from ``y``; returns where they end."""
    for number, piece in enumerate(pieces):
        if number:
            y += typeset.gap
        block = typeset.lay_out(cell[piece.block], width)
        height = piece_height(block, piece)
        if piece.top or piece.bottom is not None:          # a part of a block taller than a page: its lines
            layout = block.layout                          # from top to bottom, nothing of the others
            for index in range(layout.lineCount()):
                line = layout.lineAt(index)
                if piece.top - 0.01 <= line.y() and line.y() + line.height() <= piece.top + height + 0.01:
                    line.draw(painter, QPointF(x, y - piece.top))
        else:
            block.layout.draw(painter, QPointF(x, y))
        y += height
    return y
