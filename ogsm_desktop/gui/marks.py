"""Marks drawn with QPainter for the tree and the editor: a node's status dot with its alert mark beside
it (a warning triangle, or an arrow when the alert is below it), and the clear-a-field mark.

Drawn, never typed: pictographic characters (a bell, a warning sign) turn into empty boxes on a machine
without an emoji font. Pixmaps are made at the screen's pixel ratio, so they stay sharp on HiDPI screens.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

MARK = 16                    # one mark's side, in device-independent pixels (a tree row's small icon)
ALERT_COLOUR = "#c62828"     # this goal or measure has an alert
BELOW_COLOUR = "#ef8f00"     # something below this node has one


def _ratio() -> float:
    app = QGuiApplication.instance()
    return app.devicePixelRatio() if app is not None else 1.0


def _canvas(width: int, height: int, ratio: float) -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(round(width * ratio), round(height * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


def _dot(painter: QPainter, x: float, colour: str) -> None:
    painter.setPen(QPen(QColor(colour).darker(130), 0.8))
    painter.setBrush(QColor(colour))
    painter.drawEllipse(QRectF(x + 3, 3, MARK - 6, MARK - 6))


def _triangle(painter: QPainter, x: float, colour: str) -> None:
    """A warning triangle with an exclamation mark (lines, no font glyph)."""
    painter.setPen(QPen(QColor(colour).darker(140), 1.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                        Qt.PenJoinStyle.RoundJoin))
    painter.setBrush(QColor(colour))
    painter.drawPolygon(QPolygonF([QPointF(x + MARK / 2, 1.5), QPointF(x + MARK - 1, MARK - 2),
                                   QPointF(x + 1, MARK - 2)]))
    painter.setPen(QPen(QColor("white"), 1.8, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(QPointF(x + MARK / 2, 6), QPointF(x + MARK / 2, 9.5))
    painter.drawPoint(QPointF(x + MARK / 2, 12))


def _below(painter: QPainter, x: float, colour: str) -> None:
    """An arrow pointing down: something below this node has an alert."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    path = QPainterPath()
    path.addPolygon(QPolygonF([QPointF(x + 6, 2), QPointF(x + 10, 2), QPointF(x + 10, 8), QPointF(x + 13, 8),
                               QPointF(x + 8, 14), QPointF(x + 3, 8), QPointF(x + 6, 8)]))
    painter.drawPath(path)


@cache
def _status_marks(colour: str | None, alert: str | None, ratio: float) -> QPixmap:
    pixmap, painter = _canvas(2 * MARK, MARK, ratio)
    if colour:
        _dot(painter, 0, colour)
    if alert == "alert":
        _triangle(painter, MARK, ALERT_COLOUR)
    elif alert == "below":
        _below(painter, MARK, BELOW_COLOUR)
    painter.end()
    return pixmap


def status_marks(colour: str | None, alert: str | None) -> QPixmap | None:
    """Two marks side by side: the status as a dot in ``colour`` (None: no status), then ``alert``:
    "alert" (a red warning triangle), "below" (an orange arrow down) or None (nothing).

    A pixmap, not an icon: item views draw a pixmap at its own size, so both marks fit in one cell
    (an icon would be shrunk into the view's square icon size). None when there is nothing to show."""
    if not colour and not alert:
        return None
    return _status_marks(colour, alert, _ratio())


@cache
def clear_icon() -> QIcon:
    """A grey disc with a white cross: empty this field."""
    icon = QIcon()
    for ratio in (1.0, 2.0):
        pixmap, painter = _canvas(MARK, MARK, ratio)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#8a8a8a"))
        painter.drawEllipse(QRectF(1.5, 1.5, MARK - 3, MARK - 3))
        painter.setPen(QPen(QColor("white"), 1.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(QPointF(5.5, 5.5), QPointF(10.5, 10.5))
        painter.drawLine(QPointF(10.5, 5.5), QPointF(5.5, 10.5))
        painter.end()
        icon.addPixmap(pixmap)
    return icon
