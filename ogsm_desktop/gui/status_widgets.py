"""The status bar's permanent widgets beside the as-of date: the plan file's path (elided in the middle
when the window is narrow, whole in the tooltip) and the number of nodes."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy


class ElidedLabel(QLabel):
    """A label that shows as much of its text as fits, with an ellipsis in the middle."""

    def __init__(self, parent=None, *, widest: int = 460):
        super().__init__(parent)
        self.full_text = ""
        self.widest = widest
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self.setToolTip(text)
        self._elide()
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(min(self.fontMetrics().horizontalAdvance(self.full_text) + 8, self.widest), hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(min(80, self.sizeHint().width()), super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideMiddle, max(self.width() - 4, 20))
        if shown != self.text():
            super().setText(shown)
