"""Fitting a unit's one-page OGSM onto one printed page.

The grid is laid out at the report's type size; when it runs over the page, the type shrinks step by step
down to a size still comfortable to read on paper, and at each size a few balances of the columns are
tried (a unit with many measures gives the last column more room). Only a unit too big for one page at
the smallest size continues on further pages, each with whole strategy rows and a heading that says
"(continued)"; no row is cut in two unless a single row is taller than a page.

What is decided (the size, the columns, where the pages break) is small and kept per unit, so counting
the report's pages and painting them lay each grid out only once more.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QCoreApplication, QSizeF
from PySide6.QtGui import QFont, QTextDocument

from ..core.model import Node
from ..core.onepage import WIDTHS, OnePage
from .fonts import PRINTED_STYLE

LARGEST_POINTS = 8.0
SMALLEST_POINTS = 7.0        # its small print (owners, dates, statuses) is ~5.8 pt: the least that reads well
STEP_POINTS = 0.5
BALANCES = (WIDTHS, (17, 22, 24, 37), (15, 20, 23, 42))


@dataclass(frozen=True)
class Fit:
    points: float
    widths: tuple[int, int, int, int]
    pages: tuple[tuple[int, int], ...]       # the strategies (first, end) on each page


class OnePageFitter:
    """Decides how each unit's grid goes onto pages of ``body`` (in the document's pixels)."""

    def __init__(self, page: OnePage, body: QSizeF, font_at):
        self.page, self.body, self.font_at = page, body, font_at
        self._fits: dict[int, Fit] = {}

    def heading(self, unit: Node, continued: bool) -> str:
        text = f"{unit.org_unit or unit.code} — {unit.title}"
        if continued:
            text += " " + QCoreApplication.translate("Report", "(continued)")
        return f"<h2>{escape(text)}</h2>"

    def html(self, unit: Node, rows: tuple[int, int], widths) -> str:
        return self.heading(unit, rows[0] > 0) + self.page.html(unit.id, rows=rows, widths=widths)

    def document(self, html: str, points: float) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultStyleSheet(PRINTED_STYLE)
        font: QFont = self.font_at(points)
        doc.setDefaultFont(font)
        doc.setDocumentMargin(0)
        doc.setPageSize(self.body)
        doc.setHtml(html)
        return doc

    def _pages(self, unit: Node, rows: tuple[int, int], widths, points: float) -> int:
        return self.document(self.html(unit, rows, widths), points).pageCount()

    def fit(self, unit: Node) -> Fit:
        found = self._fits.get(unit.id)
        if found is None:
            found = self._fits[unit.id] = self._fit(unit)
        return found

    def _fit(self, unit: Node) -> Fit:
        count = self.page.strategy_count(unit.id)
        whole = (0, count)
        points = LARGEST_POINTS
        while points >= SMALLEST_POINTS:
            for widths in BALANCES:
                if self._pages(unit, whole, widths, points) == 1:
                    return Fit(points, widths, (whole,))
            points -= STEP_POINTS
        widths = BALANCES[-1]
        pages, first = [], 0
        while first < count or not pages:
            end = first + 1
            while end < count and self._pages(unit, (first, end + 1), widths, SMALLEST_POINTS) == 1:
                end += 1
            pages.append((first, min(end, max(count, 1))))
            first = end
        return Fit(SMALLEST_POINTS, widths, tuple(pages))

    def parts(self, unit: Node) -> list[tuple[str, float]]:
        """The unit's pages as ``(html, points)``, each to start on a new page."""
        fit = self.fit(unit)
        return [(self.html(unit, rows, fit.widths), fit.points) for rows in fit.pages]
