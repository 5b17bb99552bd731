"""Unexpected errors: logged with their traceback, and shown in a dialog that says where the log is,
instead of vanishing on the console (or leaving a panel waiting forever)."""

from __future__ import annotations

import logging
import sys
import threading

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from ..core.places import os_problem, os_reason
from ..logs import log_path

log = logging.getLogger("ogsm_desktop")


class ErrorReporter(QObject):
    """Installed as ``sys.excepthook`` (and ``threading.excepthook``) by the running window."""

    _report = Signal(str)                 # queued: worker threads report through the window's thread

    def __init__(self, parent=None):
        super().__init__(parent)
        self.showing = False
        self.shown: list[str] = []        # the messages shown, newest last (for the tests and the log)
        self._report.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        sys.excepthook = self.excepthook
        threading.excepthook = lambda args: self.excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    def excepthook(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.critical("unexpected error", exc_info=(exc_type, exc, tb))
        if isinstance(exc, OSError) and exc.errno is not None:     # the system's refusal, in the user's words
            self._report.emit(os_problem(exc.filename, exc, "used") if exc.filename else os_reason(exc))
        else:
            self._report.emit(f"{exc_type.__name__}: {exc}")

    def _show(self, what: str) -> None:
        self.shown.append(what)
        if self.showing:                  # one dialog at a time; the rest are in the log
            return
        self.showing = True
        try:
            text = self.tr("Something went wrong that the program did not expect:\n%1\n\nYour plan is safe: every "
                           "change is written to the plan file as it is made. The details are in the log:\n%2") \
                .replace("%1", what).replace("%2", str(log_path()))
            QMessageBox.critical(QApplication.activeWindow(), self.tr("Unexpected error"), text)
        finally:
            self.showing = False
