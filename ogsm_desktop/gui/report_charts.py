"""The report's pages of measure charts, drawn as vector graphics sized to the page.

A chart is drawn by matplotlib into SVG with its words kept as text (``svg.fonttype: none``) and painted
by Qt's SVG renderer into its cell of the page: lines stay sharp at any zoom, the words are the report's
own font (subset, extractable: a reader can search a chart's title), and a page of four charts weighs a
few kilobytes instead of the ~75 KB a JPEG of each cost. Each figure is made at its cell's size and
proportions, with matplotlib's constrained layout keeping tick labels and the legend inside it, so
nothing is clipped at the page's edge. A measure without numbers gets its title and "No numbers yet"
instead of empty axes.
"""

from __future__ import annotations

import io
import re
from html import escape

from PySide6.QtCore import QByteArray, QCoreApplication, QRectF, QSizeF
from PySide6.QtGui import QPainter, QTextDocument
from PySide6.QtSvg import QSvgRenderer

from ..core.charts import MeasureSeries
from .fonts import CJK_FAMILY, PRINTED_STYLE
from .labels import chart_title

CHARTS_PER_PAGE = 4
COLUMNS = 2
GAP_PX = 14                     # between two charts, in the document's pixels
INCH_PX = 96                    # the document's pixels per inch (matplotlib's figure size is in inches)

_FAMILY = re.compile(rb"font-family:[^;\"]+")
_PATH = re.compile(rb"<path\b[^>]*/>", re.S)
_MOVE_ONLY = re.compile(rb'\bd="\s*M\s*[-\d.e]+\s+[-\d.e]+\s*"')


def _clean_svg(data: bytes, family: str) -> bytes:
    """The SVG as Qt's renderer reads it: one font family (it does not take a list of them), and no path
    without a line to draw (a series of one point; Qt would warn "Invalid path data")."""
    data = _FAMILY.sub(b"font-family: '" + family.encode() + b"'", data)

    def keep(match: re.Match) -> bytes:
        element = match.group(0)
        if b' d="' not in element or _MOVE_ONLY.search(element):
            return b""
        return element

    return _PATH.sub(keep, data)


def chart_svg(series: MeasureSeries, labels: dict[str, str], width_px: float, height_px: float) -> bytes:
    """``series`` drawn as the dashboard draws it, as SVG of ``width_px`` × ``height_px`` document pixels."""
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    from .panels.dashboard_charts import configure_matplotlib, draw_measure

    configure_matplotlib()
    figure = Figure(figsize=(width_px / INCH_PX, height_px / INCH_PX), dpi=INCH_PX, layout="constrained")
    draw_measure(figure.add_subplot(), series, labels)
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "ogsm-report"}):
        FigureCanvasSVG(figure).print_svg(buffer, metadata={"Date": None})
    return _clean_svg(buffer.getvalue(), CJK_FAMILY)


class ChartPage:
    """One page of up to four charts under a heading, painted into the page's body."""

    def __init__(self, heading: str, series: list[MeasureSeries], labels: dict[str, str], font):
        self.heading, self.series, self.labels, self.font = heading, series, labels, font

    def _text(self, html: str, width: float) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultStyleSheet(PRINTED_STYLE)
        doc.setDefaultFont(self.font)
        doc.setDocumentMargin(0)
        doc.setTextWidth(width)
        doc.setHtml(html)
        return doc

    def paint(self, painter: QPainter, body: QSizeF) -> None:
        head = self._text(f"<h2>{escape(self.heading)}</h2>", body.width())
        head.drawContents(painter)
        top = head.size().height() + 4
        rows = max(1, -(-CHARTS_PER_PAGE // COLUMNS))
        width = (body.width() - GAP_PX * (COLUMNS - 1)) / COLUMNS
        height = (body.height() - top - GAP_PX * (rows - 1)) / rows
        for i, series in enumerate(self.series):
            cell = QRectF((i % COLUMNS) * (width + GAP_PX), top + (i // COLUMNS) * (height + GAP_PX), width, height)
            if series.has_numbers:
                QSvgRenderer(QByteArray(chart_svg(series, self.labels, width, height))).render(painter, cell)
            else:
                self._no_numbers(painter, cell, series)

    def _no_numbers(self, painter: QPainter, cell: QRectF, series: MeasureSeries) -> None:
        node = series.node
        title = chart_title(node, self.labels)
        message = QCoreApplication.translate("Dashboard", "No numbers yet")
        doc = self._text(f'<p align="center"><b>{escape(title)}</b></p><p align="center" style="color:#546e7a">'
                         f"{escape(message)}</p>", cell.width())
        painter.save()
        painter.translate(cell.left(), cell.top() + max(0.0, (cell.height() - doc.size().height()) / 2))
        doc.drawContents(painter)
        painter.restore()
