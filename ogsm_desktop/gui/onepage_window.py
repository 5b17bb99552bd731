"""The one-page OGSM popped out of the main window into a window of its own (a second screen, beside the
tree), and put back when that window is closed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget


class PopOutWindow(QWidget):
    """A window around one widget taken out of the main window; ``closing`` asks to take it back."""

    closing = Signal()

    def __init__(self, title: str, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("onePageWindow")
        self.setWindowTitle(title)
        self.back = QPushButton(self.tr("Back into the main window"), self)
        self.back.setObjectName("onePageBack")
        self.back.clicked.connect(self.close)
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self.back)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(4, 4, 4, 4)
        self.body.addLayout(bar)

    def hold(self, widget: QWidget) -> None:
        self.body.addWidget(widget, 1)
        widget.show()

    def closeEvent(self, event) -> None:
        self.closing.emit()
        super().closeEvent(event)
