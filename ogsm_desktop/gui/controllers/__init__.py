"""Controllers: what the window does, one area per module (files, editing, versions, Excel, reports,
plan settings). Each holds the window; the window only lays things out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from ..main_window import MainWindow
    from ..session import Session


class Controller(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window

    @property
    def session(self) -> Session | None:
        return self.window.session
