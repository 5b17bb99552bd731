"""Plan files in the window: New, Open, Open recent, Save As, and the plan file going away while open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from ...core.errors import PlanError
from ...core.storage import Plan
from ..session import Session
from . import Controller


class FilesController(Controller):

    def _filter(self) -> str:
        return self.tr("OGSM plans (*.ogsm);;All files (*)")

    def open_plan(self, path: str | Path) -> bool:
        """Open ``path`` in the window; on refusal say why and keep the current plan."""
        w = self.window
        try:
            session = Session.open(path, w)
        except PlanError as exc:
            QMessageBox.critical(w, self.tr("Cannot open plan"), str(exc))
            return False
        w.set_session(session)
        w.settings.last_plan = str(Path(path).resolve())
        w.settings.add_recent(w.settings.last_plan)
        return True

    def choose_plan(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open plan"), "", self._filter())
        if path:
            self.open_plan(path)

    def new_plan(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("New plan"), "", self._filter())
        if not path:
            return
        if not path.endswith(".ogsm"):
            path += ".ogsm"
        try:
            Plan.create(path, overwrite=Path(path).exists()).close()
        except PlanError as exc:
            QMessageBox.critical(self.window, self.tr("Cannot create plan"), str(exc))
            return
        self.open_plan(path)

    def save_as(self) -> bool:
        session = self.window.session
        if session is None:
            return False
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save plan as"), "", self._filter())
        if not path:
            return False
        if not path.endswith(".ogsm"):
            path += ".ogsm"
        try:
            session.plan.copy_to(path)
        except PlanError as exc:
            QMessageBox.critical(self.window, self.tr("Cannot save plan"), str(exc))
            return False
        return self.open_plan(path)

    def fill_recent(self) -> None:
        menu = self.window.recent_menu
        menu.clear()
        for path in self.window.settings.recent_files:
            menu.addAction(path, lambda p=path: self.open_plan(p))
        menu.setEnabled(bool(self.window.settings.recent_files))
