"""The bundled CJK font: registered with Qt so Chinese renders on a machine that has no CJK font."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

CJK_FAMILY = "Noto Sans CJK SC"


def cjk_font_path() -> str:
    from noto_cjk_sans_otc import FONT_PATH

    return str(FONT_PATH)


def install_cjk_font(app: QApplication) -> str | None:
    """Register the bundled Noto Sans CJK collection and put its SC face behind the UI font.

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
