"""The program itself: About, About Qt, Preferences, and starting again in another language."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QProcess
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from . import Controller


def restart_command(plan: Path | None) -> tuple[str, list[str]]:
    """How to start this program again on ``plan``: the built app is ``sys.executable`` itself; from the
    source or a pip install, the same Python runs the package."""
    arguments = [os.path.abspath(plan)] if plan is not None else []     # never read as a command name
    if getattr(sys, "frozen", False):
        return sys.executable, arguments
    return sys.executable, ["-m", "ogsm_desktop", *arguments]


class ApplicationController(Controller):

    def about(self) -> None:
        from ..dialogs.about_dialog import AboutDialog  # (imported when asked for: start-up)

        AboutDialog(self.window).exec()

    def about_qt(self) -> None:
        QApplication.aboutQt()

    def preferences(self) -> bool:
        """Edit the preferences; a new language asks to start again now. True when it started again."""
        w = self.window
        from ..dialogs.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(w.settings, w)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.language_changed():
            return False
        w.settings.language = dialog.chosen_language()
        w.settings.sync()
        answer = QMessageBox.question(w, self.tr("Preferences"),
                                      self.tr("The language changes when OGSM Desktop starts again. Restart now?"),
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.Yes)
        if answer != QMessageBox.StandardButton.Yes:
            w.statusBar().showMessage(self.tr("The new language applies from the next start"), 10000)
            return False
        return self.restart()

    def restart(self) -> bool:
        """Close the window as usual (every edit is in the plan file already; closing releases the plan
        for the new program), then start the program again on the same plan."""
        w = self.window
        plan = w.session.plan.path if w.session is not None else None
        program, arguments = restart_command(plan)
        if not w.close():
            return False
        started, _pid = QProcess.startDetached(program, arguments, os.getcwd())
        if not started:
            QMessageBox.critical(None, self.tr("Cannot start again"),
                                 self.tr("OGSM Desktop could not start itself again (%1). Start it as usual: the "
                                         "new language is saved.").replace("%1", program))
        return bool(started)
