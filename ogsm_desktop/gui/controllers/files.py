"""Plan files in the window: New, Open, Open recent, Save As, and the plan file going away while open.

Every file dialog of the window (plans, workbooks, PDFs) starts in the folder the last one was in,
else in the user's documents folder: :func:`ask_open_file` and :func:`ask_save_file`.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ...core.errors import CancelledError, PlanError, ReadOnlyPlanError, TwoNamesPlanError
from ...core.storage import Plan
from ...core.storage.inspect import check
from ..jobs import run_with_progress
from ..session import Session
from . import Controller


def ask_open_file(window, caption: str, file_filter: str) -> str:
    """A file to open, asked in the last folder used (remembered for the next dialog); "" when cancelled."""
    path, _ = QFileDialog.getOpenFileName(window, caption, window.settings.start_folder(), file_filter)
    window.settings.remember_folder(path)
    return path


def ask_save_file(window, caption: str, file_filter: str, suggested: str = "",
                  chosen: list[str] | None = None) -> str:
    """A file to write, asked in the last folder used with ``suggested`` as its name; "" when cancelled.
    ``chosen`` receives the filter the user picked.

    A name typed without a suffix of the filter gets the one of the filter chosen (the first one's, for "All
    files"), and when a file of that name exists the user is asked whether to replace it: the dialog asked
    about the name as typed ("budget2027"), and would have let an empty plan replace budget2027.ogsm."""
    start = window.settings.start_folder()
    path, which = QFileDialog.getSaveFileName(window, caption, str(Path(start) / suggested) if suggested else start,
                                              file_filter)
    window.settings.remember_folder(path)
    if chosen is not None:
        chosen.append(which)
    if not path:
        return ""
    suffixes = _SUFFIX.findall(file_filter)
    if not suffixes or Path(path).suffix.lower() in suffixes:
        return path
    path += (_SUFFIX.findall(which) or suffixes)[0]
    return path if not Path(path).exists() or replace_asked(window, caption, path) else ""


def replace_asked(window, caption: str, path) -> bool:
    """Whether the user says to replace the file at ``path`` (a name the file dialog did not ask about)."""
    answer = QMessageBox.question(window, caption, QCoreApplication.translate(
        "Files", "%1 already exists. Replace it?").replace("%1", str(path)),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


_SUFFIX = re.compile(r"\*(\.\w+)")         # the suffixes a file filter names: "PDF files (*.pdf)" → .pdf


class FilesController(Controller):

    def _filter(self) -> str:
        return self.tr("OGSM plans (*.ogsm);;All files (*)")

    def open_plan(self, path: str | Path) -> bool:
        """Open ``path`` in the window; on refusal say why and keep the current plan. A big plan opens in
        the background (``opening.py``): True once that has started."""
        w = self.window
        if not w.finish_typing():                 # what was typed was refused, and said: the plan stays open
            return False
        plan = w.session.plan if w.session is not None else None
        if plan is not None and not plan.readonly and plan.is_file(path):    # (its lock is this window's)
            w.statusBar().showMessage(self.tr("%1 is the plan open in this window.").replace("%1", str(path)), 8000)
            return True
        w.opening.settle(path)                    # the same file, opening in the background: its lock goes first
        in_background = w.opening.start(Path(path))
        if in_background is not None:
            return in_background
        read_only: ReadOnlyPlanError | None = None
        try:
            session = Session.open(path, w)
        except ReadOnlyPlanError as exc:
            try:                          # a read-only place: show the plan, and say why it cannot change
                session, read_only = Session.open(path, w, readonly=True), exc
            except PlanError as exc:
                QMessageBox.critical(w, self.tr("Cannot open plan"), str(exc))
                return False
        except PlanError as exc:
            QMessageBox.critical(w, self.tr("Cannot open plan"), str(exc))
            return False
        w.opening.cancel(wait=False)
        w.set_session(session)
        w.statusBar().clearMessage()              # what was said of the plan before
        if isinstance(read_only, TwoNamesPlanError):
            w.statusBar().showMessage(self.tr("%1 has more than one name (hard links), and a plan is kept safe under "
                                              "one name only: it is open for reading. Save As… makes a copy you can "
                                              "edit.").replace("%1", str(path)))
        elif read_only is not None:
            w.statusBar().showMessage(self.tr("%1 cannot be written where it is (a read-only file, folder or disk): "
                                              "it is open for reading. Save As… makes a copy you can edit.")
                                      .replace("%1", str(path)))
        self.say_converted(session.plan)
        self.remember(path)
        return True

    def say_converted(self, plan) -> None:
        """Say where the plan as it was is kept, when opening it converted it to this version's format."""
        if plan.kept_copy is not None:
            self.window.statusBar().showMessage(
                self.tr("%1 was converted to this version's format; the plan as it was is kept beside it as %2.")
                .replace("%1", plan.path.name).replace("%2", plan.kept_copy.name))

    def remember(self, path: str | Path) -> None:
        """The plan opened last (opened next time) and first among the recent ones."""
        self.window.settings.last_plan = str(Path(path).resolve())
        self.window.settings.add_recent(self.window.settings.last_plan)

    def choose_plan(self) -> None:
        path = ask_open_file(self.window, self.tr("Open plan"), self._filter())
        if path:
            self.open_plan(path)

    def new_plan(self) -> None:
        path = ask_save_file(self.window, self.tr("New plan"), self._filter())
        if not path:
            return
        try:
            Plan.create(path, overwrite=Path(path).exists()).close()
        except PlanError as exc:
            QMessageBox.critical(self.window, self.tr("Cannot create plan"), str(exc))
            return
        self.open_plan(path)

    def save_as(self) -> bool:
        session = self.window.session
        if session is None or not self.window.finish_typing():     # the copy has what was typed
            return False
        path = ask_save_file(self.window, self.tr("Save plan as"), self._filter(),
                             session.plan.path.name if session.plan.path else "")
        if not path:
            return False
        try:
            session.plan.copy_to(path)
        except PlanError as exc:
            QMessageBox.critical(self.window, self.tr("Cannot save plan"), str(exc))
            return False
        return self.open_plan(path)

    def check_plan(self) -> bool:
        """File → Check plan file…: every check there is, on a worker thread; the answer in one line."""
        session = self.window.session
        if session is None or session.plan.path is None:
            return False
        path = session.plan.path
        job = run_with_progress(self.window, self.tr("Checking %1").replace("%1", path.name),
                                lambda _progress: check(path),
                                cancelled=lambda: CancelledError(self.tr("The check was cancelled")))
        if isinstance(job.error, CancelledError):
            self.window.statusBar().showMessage(str(job.error), 10000)
            return False
        if isinstance(job.error, PlanError):
            QMessageBox.warning(self.window, self.tr("Check plan file"), str(job.error))
            return False
        if job.error is not None:
            raise job.error
        QMessageBox.information(self.window, self.tr("Check plan file"), job.result)
        return True

    def fill_recent(self) -> None:
        menu = self.window.recent_menu
        menu.clear()
        for path in self.window.settings.recent_files:
            menu.addAction(path, lambda p=path: self.open_plan(p))
        menu.setEnabled(bool(self.window.settings.recent_files))
