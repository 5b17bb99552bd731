"""Versions in the window: save a named version (the undo stack's clean point: the title's [*] says
there are changes since), compare any two states, restore a version as one undoable change."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from ...core import versions as ver
from ..dialogs.version_dialogs import CompareDialog, RestoreDialog, SaveVersionDialog
from . import Controller


class VersionsController(Controller):

    def save_version(self) -> bool:
        session = self.window.session
        if session is None:
            return False
        dialog = SaveVersionDialog(session.plan, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        name, reason = dialog.name.text().strip(), dialog.reason.toPlainText().strip()
        if not session.run(self.tr("Save version %1").replace("%1", name),
                           lambda: ver.save_version(session.plan, name, reason), kind="version", reason=reason):
            return False
        session.stack.setClean()
        self.window.statusBar().showMessage(self.tr("Saved version “%1”").replace("%1", name), 8000)
        return True

    def compare(self) -> None:
        if self.window.session is not None:
            CompareDialog(self.window.session.plan, self.window).exec()

    def restore(self) -> None:
        session = self.window.session
        if session is None:
            return
        dialog = RestoreDialog(session.plan, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name, reason, numbers = dialog.version.currentData(), dialog.reason.text().strip(), dialog.numbers.isChecked()
        session.perform(self.tr("Restore %1").replace("%1", name),
                        lambda: ver.restore(session.plan, name, reason, numbers=numbers),
                        kind="restore", reason=ver.restore_reason(reason, name))
