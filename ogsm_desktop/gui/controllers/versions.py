"""Versions in the window: save a version at once with an automatic name (Ctrl+S) or named, with a note
(Save version as…) — the undo stack's clean point: the title's [*] says there are changes since —,
compare any two states, restore a version as one undoable change."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog

from . import Controller


class VersionsController(Controller):

    def save_version(self) -> bool:
        session = self.window.session
        if session is None:
            return False
        from ...core import versions as ver  # (imported when asked for: start-up)
        from ..dialogs.version_dialogs import SaveVersionDialog

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

    def quick_save(self) -> bool:
        """Save a version now, named by the date and time (``2026-12-01 14:05``), with the reason typed
        in the toolbar, else one that says how it was saved — never a reason borrowed from the changes
        (their own reasons stay with them in the history); the status bar says what was saved."""
        session = self.session
        if session is None:
            return False
        from ...core import versions as ver  # (imported when asked for: start-up)

        plan = session.plan
        versions = plan.versions.all()
        since = versions[-1].batch_id if versions else 0
        if versions and plan.journal.last_batch_id() <= since:
            self.window.statusBar().showMessage(
                self.tr("Nothing changed since version “%1”: no new version saved").replace("%1", versions[-1].name),
                8000)
            return False
        name = self.automatic_name({v.name for v in versions})
        reason = session.reason or self.tr("saved with Save version (Ctrl+S), no reason typed")
        if not session.run(self.tr("Save version %1").replace("%1", name),
                           lambda: ver.save_version(plan, name, reason), kind="version", reason=reason):
            return False
        session.stack.setClean()
        self.window.statusBar().showMessage(self.tr("Saved version “%1” — %2").replace("%1", name)
                                            .replace("%2", reason), 10000)
        return True

    @staticmethod
    def automatic_name(taken: set[str], now: dt.datetime | None = None) -> str:
        """The date and time to the minute; with the seconds, then a number, when that name is taken."""
        now = now or dt.datetime.now()
        name = now.strftime("%Y-%m-%d %H:%M")
        if name in taken:
            name = now.strftime("%Y-%m-%d %H:%M:%S")
        base, number = name, 2
        while name in taken:
            name, number = f"{base} ({number})", number + 1
        return name

    def compare(self) -> None:
        if self.window.session is not None:
            from ..dialogs.version_dialogs import CompareDialog

            CompareDialog(self.window.session.plan, self.window).exec()

    def restore(self) -> None:
        session = self.window.session
        if session is None:
            return
        from ...core import versions as ver
        from ..dialogs.version_dialogs import RestoreDialog

        dialog = RestoreDialog(session.plan, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name, reason, numbers = dialog.version.currentData(), dialog.reason.text().strip(), dialog.numbers.isChecked()
        session.perform(self.tr("Restore %1").replace("%1", name),
                        lambda: ver.restore(session.plan, name, reason, numbers=numbers),
                        kind="restore", reason=ver.restore_reason(reason, name))
