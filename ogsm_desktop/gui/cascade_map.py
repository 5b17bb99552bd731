"""Drawing the cascade map (laid out by :mod:`ogsm_desktop.core.cascade_map`) on any paint device: the
window's map view, a PNG, an SVG, the pages of a PDF or of the report. One painter routine for all, so
what is exported is what is seen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetrics,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
)

from ..core.cascade_map import Box, MapPage
from ..core.errors import CancelledError
from ..core.model import Status
from ..core.pdf_subsets import subset_names
from ..core.status import STATUS_COLOURS
from .fonts import document_font
from .labels import status_labels
from .text import fill

TITLE_H = 26.0                    # the page's heading, above the map
MAX_ZOOM = 1.6                    # a small map fills its page up to this
LINE_COLOUR = QColor("#78909c")
INK = QColor("#212121")
SOFT = QColor("#616161")


def page_title(page: MapPage, metrics: QFontMetricsF | QFontMetrics | None = None, width: float = 0.0, tail: str = "") -> str:
    """The page's heading: the unit's code and title, "(continued)" on its later pages, and ``tail``; with
    ``metrics``, cut to ``width`` in the title only — what says which page it is stays whole."""
    title = fill(QCoreApplication.translate("CascadeMap", "Cascade map — %1 %2"), page.unit.code, page.unit.title)
    if page.continued:
        tail = " " + QCoreApplication.translate("CascadeMap", "(continued)") + tail
    if metrics is None:
        return title + tail
    room = max(0.0, width - metrics.horizontalAdvance(tail))
    return metrics.elidedText(title, Qt.TextElideMode.ElideRight, room) + tail


def paint_page(painter: QPainter, page: MapPage, width: float, *, title: bool = True,
               fill_height: float | None = None) -> None:
    """Draw ``page`` with the painter's origin at the top left of a drawing area ``width`` points wide
    (the painter's scale turns points into the device's units); with ``fill_height``, a small map is
    enlarged (up to MAX_ZOOM) to fill that height and the width."""
    painter.save()
    # Geometry is in points and the painter's scale maps it to the device; a font's points the device turns
    # into its own units as well, so they are given in points of the device's resolution, not twice.
    fs = 72.0 / max(1, painter.device().logicalDpiY())
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    if title:
        painter.setFont(document_font(11 * fs))
        painter.setPen(INK)
        metrics = QFontMetricsF(painter.font(), painter.device())
        painter.drawText(QRectF(0, 0, width, TITLE_H), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                         page_title(page, metrics, width))
        painter.translate(0, TITLE_H)
    if fill_height:
        left, right = page.extent()
        zoom = max(1.0, min(MAX_ZOOM, width / max(1.0, right - left), fill_height / max(1.0, page.height)))
        painter.translate(width / 2, 0)
        painter.scale(zoom, zoom)
        painter.translate(-(left + right) / 2, 0)
    painter.setPen(QPen(LINE_COLOUR, 1.0))
    for line in page.lines:
        path = QPainterPath(QPointF(*line.points[0]))
        for point in line.points[1:]:
            path.lineTo(QPointF(*point))
        painter.drawPath(path)
    words = status_labels()
    for chip in page.chips:
        _chip(painter, chip, fs)
    _unit(painter, page.top, words, fs)
    for box in page.boxes:
        _unit(painter, box, words, fs)
    painter.restore()


def _status_key(box: Box) -> str:
    return str(box.standing.status) if box.standing is not None else str(Status.NO_DATA)


def _chip(painter: QPainter, chip: Box, fs: float) -> None:
    rect = QRectF(chip.x, chip.y, chip.width, chip.height)
    painter.setPen(QPen(QColor("#90a4ae"), 0.8))
    painter.setBrush(QBrush(QColor("#eceff1")))
    painter.drawRoundedRect(rect, 4, 4)
    painter.setFont(document_font(7.5 * fs))
    painter.setPen(INK)
    inner = rect.adjusted(6, 3, -6, -3)
    text = f"{chip.node.code}  {chip.node.title}"
    if chip.units_below:                       # a strategy whose units go on from the group before
        text += " " + QCoreApplication.translate("CascadeMap", "(continued)")
    metrics = QFontMetricsF(painter.font(), painter.device())
    lines = _wrap(metrics, text, inner.width(), 2)
    painter.drawText(inner, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, "\n".join(lines))


def _unit(painter: QPainter, box: Box, words: dict[str, str], fs: float) -> None:
    rect = QRectF(box.x, box.y, box.width, box.height)
    key = _status_key(box)
    colour = QColor(STATUS_COLOURS.get(key, "#9e9e9e"))
    painter.setPen(QPen(colour, 1.2))
    painter.setBrush(QBrush(QColor("#ffffff")))
    painter.drawRoundedRect(rect, 5, 5)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(colour))
    painter.drawRoundedRect(QRectF(rect.x(), rect.y(), 5, rect.height()), 2, 2)
    inner = rect.adjusted(10, 4, -6, -4)
    painter.setPen(INK)
    painter.setFont(document_font(8 * fs))
    metrics = QFontMetricsF(painter.font(), painter.device())
    head = box.node.code + (f" · {box.node.owner}" if box.node.owner else "")
    painter.drawText(QRectF(inner.x(), inner.y(), inner.width(), metrics.height()), Qt.AlignmentFlag.AlignLeft,
                     metrics.elidedText(head, Qt.TextElideMode.ElideRight, inner.width()))
    y = inner.y() + metrics.height() + 1
    small = QFontMetricsF(document_font(6.5 * fs), painter.device())
    bottom = inner.bottom() - small.height() - 4                  # where the status line starts
    painter.setFont(document_font(7.5 * fs))
    metrics = QFontMetricsF(painter.font(), painter.device())
    room = max(1, int((bottom - y) // metrics.height()))          # the title's lines: as many as the box has
    for line in _wrap(metrics, box.node.title, inner.width(), room):
        painter.drawText(QRectF(inner.x(), y, inner.width(), metrics.height()), Qt.AlignmentFlag.AlignLeft, line)
        y += metrics.height()
    painter.setFont(document_font(6.5 * fs))
    metrics = small
    progress = box.standing.progress if box.standing is not None else None
    below = fill(QCoreApplication.translate("CascadeMap", "units below: %1"), box.units_below)
    judged = QCoreApplication.translate("CascadeMap", "judged in the company's plan") if box.context else \
        words.get(key, key)
    parts = [judged, _percent(progress), below if box.units_below else ""]
    status = " · ".join(p for p in parts if p)
    painter.setPen(colour)
    painter.drawText(QRectF(inner.x(), bottom, inner.width(), metrics.height()), Qt.AlignmentFlag.AlignLeft,
                     metrics.elidedText(status, Qt.TextElideMode.ElideRight, inner.width()))
    bar = QRectF(inner.x(), inner.bottom() - 2.5, inner.width(), 2.5)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(QColor("#e0e0e0")))
    painter.drawRect(bar)
    if progress is not None:
        painter.setBrush(QBrush(colour))
        painter.drawRect(QRectF(bar.x(), bar.y(), bar.width() * max(0.0, min(1.0, progress)), bar.height()))


def _percent(progress: float | None) -> str:
    return "" if progress is None else str(round(progress * 100)) + "%"


def _wrap(metrics: QFontMetricsF, text: str, width: float, most: int) -> list[str]:
    """``text`` broken into at most ``most`` lines of ``width`` (by character: Chinese has no spaces), the
    last elided."""
    lines, current = [], ""
    for ch in text:
        if metrics.horizontalAdvance(current + ch) > width and current:
            lines.append(current)
            current = ch.lstrip()
            if len(lines) == most:
                break
        else:
            current += ch
    else:
        if current:
            lines.append(current)
        return lines[:most]
    rest = lines[-1] + text[len("".join(lines)):]
    lines[-1] = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)
    return lines


# ----------------------------------------------------------------------------- files
PDF_MARGIN_MM = 10.0


def pdf_layout() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                       QMarginsF(PDF_MARGIN_MM, PDF_MARGIN_MM, PDF_MARGIN_MM, PDF_MARGIN_MM),
                       QPageLayout.Unit.Millimeter)


def area_points(layout: QPageLayout | None = None) -> QSizeF:
    """The drawing area of a page in points, the heading taken off: what :func:`core.cascade_map.pages`
    lays out."""
    rect = (layout or pdf_layout()).paintRect(QPageLayout.Unit.Point)
    return QSizeF(rect.width(), rect.height() - TITLE_H)


class MapCancelled(CancelledError):
    """The user stopped writing the map; the partial file was removed."""


def write_pdf(pages: list[MapPage], path: str | Path, title: str = "", progress=None) -> int:
    """Every page into a PDF, A4 landscape; the number of pages written. ``progress(what, done, total)``
    returning False stops (MapCancelled, no file left)."""
    writer = QPdfWriter(str(path))
    writer.setPageLayout(pdf_layout())
    writer.setTitle(title)
    writer.setCreator("OGSM Desktop")
    painter = QPainter(writer)
    if not painter.isActive():                   # Qt says nothing else of a file it cannot write
        raise OSError(str(path))
    try:
        scale = writer.resolution() / 72.0
        area = area_points()
        for i, page in enumerate(pages):
            if progress is not None and not progress(page.unit.code, i, len(pages)):
                raise MapCancelled(QCoreApplication.translate("CascadeMap", "Writing the cascade map was cancelled: "
                                                                            "no file was written"))
            if i:
                writer.newPage()
            painter.save()
            painter.scale(scale, scale)
            paint_page(painter, page, area.width(), fill_height=area.height())
            painter.restore()
    except MapCancelled:
        painter.end()
        Path(path).unlink(missing_ok=True)
        raise
    painter.end()
    update = subset_names(Path(path).read_bytes())       # the fonts' names say they are subsets (pdf_subsets)
    if update:
        with open(path, "ab") as fh:
            fh.write(update)
    return len(pages)


IMAGE_MARGIN = 12.0         # points of white round the map in a PNG or an SVG (a page's margins are the paper's)


def _size(page: MapPage, width: float) -> QSizeF:
    return QSizeF(width, TITLE_H + page.height + 2)


def write_png(page: MapPage, path: str | Path, width: float, scale: float = 2.0) -> None:
    size = _size(page, width)
    image = QImage(QSize(int((size.width() + 2 * IMAGE_MARGIN) * scale) + 1,
                         int((size.height() + 2 * IMAGE_MARGIN) * scale) + 1), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.scale(scale, scale)
    painter.translate(IMAGE_MARGIN, IMAGE_MARGIN)
    paint_page(painter, page, width)
    painter.end()
    if not image.save(str(path), "PNG"):
        raise OSError(str(path))


def write_svg(page: MapPage, path: str | Path, width: float, title: str = "") -> None:
    from PySide6.QtSvg import QSvgGenerator  # only when asked for: off the start-up path

    size = _size(page, width)
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(int(size.width() + 2 * IMAGE_MARGIN) + 1, int(size.height() + 2 * IMAGE_MARGIN) + 1))
    generator.setViewBox(QRectF(-IMAGE_MARGIN, -IMAGE_MARGIN, size.width() + 2 * IMAGE_MARGIN,
                                size.height() + 2 * IMAGE_MARGIN))
    generator.setResolution(72)
    generator.setTitle(title or page_title(page))
    painter = QPainter(generator)
    if not painter.isActive():
        raise OSError(str(path))
    paint_page(painter, page, width)
    painter.end()
