"""Fitting a unit's one-page OGSM onto one printed page.

The grid is laid out at the report's type size; when it runs over the page, the type shrinks step by step
down to a size still comfortable to read on paper, and at each size a few balances of the columns are
tried (a unit with many measures gives the last column more room). Only a unit too big for one page at
the smallest size continues on further pages, each with whole strategy rows and a heading that says
"(continued)"; a row is cut only when it is taller than a page by itself (it starts where the page is and
its cells continue on the next pages), and a goal or a measure only when it is, between its lines.

What is decided (the size, the columns, what goes on each page) is small and kept per unit, so counting
the report's pages and painting them lay each grid out only once more (:mod:`.onepage_paint`).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QSizeF
from PySide6.QtGui import QPainter

from ..core.model import Node
from ..core.onepage import WIDTHS, Grid, OnePage
from .onepage_paint import (
    HEADING_GAP,
    PAD,
    Laid,
    PagePlan,
    Piece,
    RowPart,
    Typeset,
    column_edges,
    inner_widths,
    paint_grid_page,
    piece_height,
)

LARGEST_POINTS = 8.0
SMALLEST_POINTS = 7.0        # its small print (owners, dates, statuses) is ~5.6 pt: the least that reads well
STEP_POINTS = 0.5
BALANCES = (WIDTHS, (17, 22, 24, 37), (15, 20, 23, 42))


@dataclass(frozen=True)
class Fit:
    points: float
    widths: tuple[int, int, int, int]
    pages: tuple[PagePlan, ...]


@dataclass
class _Measured:
    """A grid laid out at one size and balance: the height above the cells on a first and on a continued
    page, and every block of every cell."""

    above_first: float
    above_more: float
    objective: list[Laid]
    goals: list[Laid]
    rows: list[tuple[list[Laid], list[Laid]]]
    again: list[Laid]


class OnePageFitter:
    """Decides how each unit's grid goes onto pages of ``body`` (in the document's pixels)."""

    def __init__(self, page: OnePage, body: QSizeF, font_at):
        self.page, self.body, self.font_at = page, body, font_at
        self._fits: dict[int, Fit] = {}
        self._typesets: dict[float, Typeset] = {}

    def typeset(self, points: float) -> Typeset:
        found = self._typesets.get(points)
        if found is None:
            found = self._typesets[points] = Typeset(self.font_at, points)
        return found

    def heading(self, unit: Node, continued: bool) -> tuple[str, str]:
        """The heading of the unit's page: its name, and what follows it even when the name is cut short."""
        more = " " + QCoreApplication.translate("Report", "(continued)") if continued else ""
        return f"{unit.org_unit or unit.code} — {unit.title}", more

    def fit(self, unit: Node) -> Fit:
        found = self._fits.get(unit.id)
        if found is None:
            found = self._fits[unit.id] = self._fit(unit, self.page.grid(unit.id))
        return found

    def pages(self, unit: Node) -> list[GridPage]:
        """The unit's pages, to paint in turn."""
        return [GridPage(self, unit, number) for number in range(len(self.fit(unit).pages))]

    # ----------------------------------------------------------------- deciding
    def _fit(self, unit: Node, grid: Grid) -> Fit:
        height = self.body.height()
        points = LARGEST_POINTS
        while points >= SMALLEST_POINTS:
            for widths in BALANCES:
                if self._fits_one(unit, grid, self.typeset(points), widths, height):
                    whole = PagePlan(_whole(grid.objective), _whole(grid.goals),
                                     tuple(RowPart(r, _whole(strategy), _whole(below))
                                           for r, (strategy, below) in enumerate(grid.rows)))
                    return Fit(points, widths, (whole,))
            points -= STEP_POINTS
        typeset, widths = self.typeset(SMALLEST_POINTS), BALANCES[-1]
        return Fit(SMALLEST_POINTS, widths, self._paginate(self._measure(unit, grid, typeset, widths), typeset))

    def _above(self, unit: Node, grid: Grid, typeset: Typeset, inner: list[float], continued: bool) -> float:
        """The heading and the column headings: how far down the page the cells start."""
        title = typeset.heading(*self.heading(unit, continued), self.body.width())
        headers = max(typeset.column_heading(text, inner[i]).height for i, text in enumerate(grid.headers))
        return title.height + HEADING_GAP + headers + 2 * PAD

    def _fits_one(self, unit: Node, grid: Grid, typeset: Typeset, widths, height: float) -> bool:
        inner = inner_widths(column_edges(self.body.width(), widths))
        room = height - self._above(unit, grid, typeset, inner, False) - 2 * PAD
        for column, cell in enumerate((grid.objective, grid.goals)):
            if typeset.content_height(cell, inner[column]) > room:
                return False
        used = -2 * PAD
        for strategy, below in grid.rows:               # stops at the first row that runs over
            used += 2 * PAD + max(typeset.content_height(strategy, inner[2]), typeset.content_height(below, inner[3]))
            if used > room:
                return False
        return True

    def _measure(self, unit: Node, grid: Grid, typeset: Typeset, widths) -> _Measured:
        inner = inner_widths(column_edges(self.body.width(), widths))
        return _Measured(
            self._above(unit, grid, typeset, inner, False), self._above(unit, grid, typeset, inner, True),
            [typeset.lay_out(b, inner[0]) for b in grid.objective], [typeset.lay_out(b, inner[1]) for b in grid.goals],
            [([typeset.lay_out(b, inner[2]) for b in strategy], [typeset.lay_out(b, inner[3]) for b in below])
             for strategy, below in grid.rows],
            [typeset.lay_out(b, inner[0]) for b in grid.objective_again])

    def _paginate(self, m: _Measured, typeset: Typeset) -> tuple[PagePlan, ...]:
        first = max(1.0, self.body.height() - m.above_first - 2 * PAD)      # at least some room: each page
        more = max(1.0, self.body.height() - m.above_more - 2 * PAD)        # takes something
        objective = _pack(m.objective, typeset.gap, first, more)
        goals = _pack(m.goals, typeset.gap, first, more)
        rows = _pack_rows(m.rows, typeset, first, more)
        again = _pack(m.again, typeset.gap, more, more)[0]     # the objective's name: what fits of it
        count = max(len(objective), len(goals), len(rows))
        return tuple(PagePlan(objective[number] if number < len(objective) else None,
                              goals[number] if number < len(goals) else (),
                              rows[number] if number < len(rows) else (), again) for number in range(count))


def _whole(cell) -> tuple[Piece, ...]:
    return tuple(Piece(i) for i in range(len(cell)))


def _pack(blocks: list[Laid], gap: float, first: float, more: float) -> list[tuple[Piece, ...]]:
    """The blocks of a cell on as many pages as they take (``first`` and ``more``: the room on the first
    page and on each next one). A block goes whole on the next page when it does not fit on this one; one
    taller than a page is cut between its lines, starting where the page is."""
    pages: list[list[Piece]] = [[]]
    used, room = 0.0, first

    def next_page():
        nonlocal used, room
        pages.append([])
        used, room = 0.0, more

    for number, block in enumerate(blocks):
        lead = gap if pages[-1] else 0.0
        if used + lead + block.height <= room:
            pages[-1].append(Piece(number))
            used += lead + block.height
            continue
        if block.height <= more:
            next_page()
            pages[-1].append(Piece(number))
            used = block.height
            continue
        top = 0.0
        while top < block.height:
            lead = gap if pages[-1] else 0.0
            cut = max((y for y in block.bottoms if top < y <= top + room - used - lead), default=None)
            if cut is None:
                if pages[-1] or room < more:                         # not even a line fits here
                    next_page()
                    continue
                cut = min(y for y in block.bottoms if y > top)      # a line taller than a page: cut after it
            pages[-1].append(Piece(number, top, None if cut >= block.height else cut))
            used += lead + cut - top
            top = cut
            if top < block.height:
                next_page()
    return [tuple(page) for page in pages]


def _pieces_height(typeset: Typeset, laid: list[Laid], pieces) -> float:
    return sum(piece_height(laid[p.block], p) for p in pieces) + typeset.gap * max(0, len(pieces) - 1)


def _pack_rows(rows, typeset: Typeset, first: float, more: float) -> list[tuple[RowPart, ...]]:
    """The strategies' rows on as many pages as they take, whole; a row taller than a page starts where
    the page is and its two cells continue on the next pages."""
    pages: list[list[RowPart]] = [[]]
    used, room = 0.0, first
    for number, (strategy, below) in enumerate(rows):
        height = max(typeset.cell_height(strategy), typeset.cell_height(below))
        lead = 2 * PAD if pages[-1] else 0.0
        if used + lead + height <= room:
            pages[-1].append(RowPart(number, _whole(strategy), _whole(below)))
            used += lead + height
            continue
        if height <= more:
            pages.append([])
            pages[-1].append(RowPart(number, _whole(strategy), _whole(below)))
            used, room = height, more
            continue
        free = room - used - lead
        own, measures = _pack(strategy, typeset.gap, free, more), _pack(below, typeset.gap, free, more)
        if not own[0] and not measures[0]:               # nothing of it fits here: it starts on the next page
            pages.append([])
            used, room, lead = 0.0, more, 0.0
            own, measures = _pack(strategy, typeset.gap, more, more), _pack(below, typeset.gap, more, more)
        for part in range(max(len(own), len(measures))):
            if part:
                pages.append([])
                used, room, lead = 0.0, more, 0.0
            mine = own[part] if part < len(own) else ()
            theirs = measures[part] if part < len(measures) else ()
            pages[-1].append(RowPart(number, mine, theirs))
            used += lead + max(_pieces_height(typeset, strategy, mine), _pieces_height(typeset, below, theirs))
    return [tuple(page) for page in pages]


class GridPage:
    """One printed page of a unit's one-page OGSM, laid out again when it is painted."""

    def __init__(self, fitter: OnePageFitter, unit: Node, number: int):
        self.fitter, self.unit, self.number = fitter, unit, number

    def paint(self, painter: QPainter, body: QSizeF) -> None:
        fit = self.fitter.fit(self.unit)
        paint_grid_page(painter, self.fitter.typeset(fit.points), self.fitter.heading(self.unit, self.number > 0),
                        self.fitter.page.grid(self.unit.id), fit.pages[self.number], fit.widths,
                        body.width(), body.height())
