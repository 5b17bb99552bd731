"""The bundled CJK font: registered with Qt so Chinese renders on a machine that has no CJK font."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication

from ..resources import resource_path

CJK_FAMILY = "WenQuanYi Micro Hei"
# Printed documents use no bold: the bundled CJK font has no bold face, and a bold Qt makes up is drawn
# twice into a PDF, so its text would be read back twice. Headings stand out by their size.
PRINTED_STYLE = "b, strong, h1, h2, h3, h4, th { font-weight: normal; }"


def cjk_font_path() -> str:
    return str(resource_path("fonts", "wqy-microhei.ttc"))


def install_cjk_font(app: QApplication) -> str | None:
    """Register the bundled CJK font (WenQuanYi Micro Hei) and put it behind the UI font.

    Returns the family used for Chinese, or None when the font could not be loaded.
    """
    font_id = QFontDatabase.addApplicationFont(cjk_font_path())
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return None
    family = CJK_FAMILY if CJK_FAMILY in families else families[0]
    font = QFont(app.font())
    ui_family = font.family()
    font.setFamilies([ui_family, family] if ui_family and ui_family != family else [family])
    app.setFont(font)
    return family


def document_font(points: float) -> QFont:
    """The window's font at ``points`` for printed pages and pictures, Chinese falling back on the bundled
    CJK font."""
    font = QFont(QGuiApplication.font())
    families = [f for f in font.families() if f] or [font.family()]
    if CJK_FAMILY not in families:
        families.append(CJK_FAMILY)
    font.setFamilies(families)
    font.setPointSizeF(points)
    return font
