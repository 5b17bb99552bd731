"""Small icons drawn at run time: one per node kind, status dots, the method-warning mark, and the line
icons of the toolbar and menus (:func:`command_icon`).

Drawn rather than shipped so they scale with the screen and need no resource files.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPainter, QPalette, QPixmap, QPolygonF
from PySide6.QtSvg import QSvgRenderer

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


# The commands' line icons: 24 × 24 outlines stroked in the palette's text colour (so they suit light
# and dark themes alike), one shape per command. Never emoji: those depend on the fonts installed.
_COMMAND_SHAPES = {
    "newPlan": '<path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z"/><path d="M14 3v5h5"/>'
               '<path d="M12 11v6M9 14h6"/>',
    "openPlan": '<path d="M3 7a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z"/>',
    "undo": '<path d="M9 14L4 9l5-5"/><path d="M4 9h11a5 5 0 0 1 0 10h-4"/>',
    "redo": '<path d="M15 14l5-5-5-5"/><path d="M20 9H9a5 5 0 0 0 0 10h4"/>',
    "addChild": '<rect x="3" y="3" width="10" height="6" rx="1.5"/><path d="M6 9v8h5"/><path d="M17 13v8M13 17h8"/>',
    "addSibling": '<rect x="3" y="3" width="14" height="6" rx="1.5"/><path d="M6 9v4"/><path d="M10 13v8M6 17h8"/>',
    "deleteNode": '<path d="M4 7h16"/><path d="M10 11v6M14 11v6"/><path d="M6 7l1 13a1 1 0 0 0 1 1h8a1 1 0 0 0 '
                  '1-1l1-13"/><path d="M9 7V4h6v3"/>',
    "cascade": '<rect x="9" y="2" width="6" height="5" rx="1"/><rect x="3" y="17" width="6" height="5" rx="1"/>'
               '<rect x="15" y="17" width="6" height="5" rx="1"/><path d="M12 7v5M6 17v-5h12v5"/>',
    "quickSave": '<path d="M19 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h11l5 5v11a2 2 0 0 1-2 2z"/><path d="M17 21v-8H7v8"/>'
                 '<path d="M7 3v5h8"/>',
    "compare": '<rect x="3" y="4" width="7" height="16" rx="1.5"/><rect x="14" y="4" width="7" height="16" rx="1.5"/>'
               '<path d="M5.5 9h2M5.5 13h2M16.5 9h2M16.5 13h2"/>',
    "popOutOnePage": '<path d="M14 4h6v6"/><path d="M20 4l-9 9"/><path d="M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7'
                     'a1 1 0 0 1 1-1h5"/>',
    "find": '<circle cx="10.5" cy="10.5" r="6.5"/><path d="M15.5 15.5L21 21"/>',
}


def _rendered(shape: str, colour: str, sizes: tuple[int, ...]) -> list[QPixmap]:
    """The line drawing ``shape`` at each of ``sizes`` (pixels square), the drawing read once."""
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="{colour}" '
           f'stroke-width="2" stroke-linecap="round" stroke-linejoin="round">{shape}</svg>')
    renderer = QSvgRenderer(QByteArray(svg.encode()))
    pixmaps = []
    for size in sizes:
        pixmap, painter = _canvas(size)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        pixmaps.append(pixmap)
    return pixmaps


def has_command_icon(name: str) -> bool:
    return name in _COMMAND_SHAPES


def command_icon(name: str) -> QIcon:
    """The line icon of the command ``name`` (an action's object name), in the palette's text colour."""
    colour = QGuiApplication.palette().color(QPalette.ColorRole.WindowText).name()
    return _command_icon(name, colour)


@cache
def _command_icon(name: str, colour: str) -> QIcon:
    icon = QIcon()
    for pixmap in _rendered(_COMMAND_SHAPES[name], colour, (16, 24, 32, 48)):
        icon.addPixmap(pixmap)
    return icon
