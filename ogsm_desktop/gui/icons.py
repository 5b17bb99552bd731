"""Small icons drawn at run time: one per node kind, status dots, the method-warning mark.

Drawn rather than shipped so they scale with the screen and need no resource files.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap, QPolygonF

from ..core.model import Kind

KIND_STYLE = {
    Kind.OBJECTIVE: ("O", "#37474f"),
    Kind.GOAL: ("G", "#6a1b9a"),
    Kind.STRATEGY: ("S", "#1565c0"),
    Kind.MEASURE: ("M", "#00838f"),
    Kind.ACTION: ("A", "#6d4c41"),
}


def _canvas(size: int = 32) -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


@cache
def kind_icon(kind: Kind) -> QIcon:
    letter, colour = KIND_STYLE[Kind(kind)]
    pixmap, painter = _canvas()
    painter.setBrush(QColor(colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(QRectF(2, 2, 28, 28), 7, 7)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(19)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(2, 2, 28, 28), Qt.AlignmentFlag.AlignCenter, letter)
    painter.end()
    return QIcon(pixmap)


@cache
def status_dot(colour: str) -> QIcon:
    pixmap, painter = _canvas()
    painter.setBrush(QColor(colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(QRectF(8, 8, 16, 16))
    painter.end()
    return QIcon(pixmap)


@cache
def warning_icon() -> QIcon:
    pixmap, painter = _canvas()
    painter.setBrush(QColor("#f9a825"))
    painter.setPen(QColor("#5d4037"))
    painter.drawPolygon(QPolygonF([QPointF(16, 3), QPointF(30, 28), QPointF(2, 28)]))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(18)
    painter.setFont(font)
    painter.setPen(QColor("#3e2723"))
    painter.drawText(QRectF(2, 8, 28, 20), Qt.AlignmentFlag.AlignCenter, "!")
    painter.end()
    return QIcon(pixmap)


@cache
def alert_icon() -> QIcon:
    """A red bell: this goal or measure has an alert."""
    pixmap, painter = _canvas()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#c62828"))
    painter.drawPie(QRectF(7, 5, 18, 26), 0, 180 * 16)
    painter.drawRect(QRectF(7, 17, 18, 7))
    painter.drawRect(QRectF(4, 23, 24, 3))
    painter.drawEllipse(QRectF(13, 25, 6, 6))
    painter.end()
    return QIcon(pixmap)


@cache
def below_icon() -> QIcon:
    """An orange arrow down: something below this node has an alert."""
    pixmap, painter = _canvas()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#ef8f00"))
    painter.drawPolygon(QPolygonF([QPointF(6, 10), QPointF(26, 10), QPointF(16, 26)]))
    painter.end()
    return QIcon(pixmap)
