"""Excel in the window: import with a preview (read and written on a worker thread, with progress and
Cancel), undoable as one change; export of the whole plan."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog

from ...core.errors import PlanError
from ...core.excel import importer
from ...core.excel.exporter import ExportCancelled, export
from ...core.excel.importer import ImportCancelled
from ..dialogs.import_dialog import ImportDialog
from ..jobs import run_with_progress
from . import Controller
from .files import ask_open_file, ask_save_file


class ExcelController(Controller):

    def import_excel(self, path: str | None = None) -> bool:
        """Read a workbook, show the preview, and import it all or nothing when the user accepts."""
        w, session = self.window, self.window.session
        if session is None:
            return False
        if not path:
            path = ask_open_file(
                w, self.tr("Import from Excel"),
                self.tr("Spreadsheets (*.xlsx *.xlsm *.xlsb *.xls *.ods *.csv *.txt);;Excel workbooks (*.xlsx *.xlsm "
                        "*.xlsb *.xls);;OpenDocument spreadsheets (*.ods);;CSV text (*.csv *.txt);;All files (*)"))
            if not path:
                return False
        plan, name = session.plan, Path(path).name
        job = run_with_progress(w, self.tr("Reading %1").replace("%1", name),
                                lambda progress: importer.analyse(plan, path, None, progress))
        if not self.job_ok(job):
            return False
        dialog = ImportDialog(plan, path, job.result, w)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        preview, reason = dialog.preview, dialog.reason.text()
        job = run_with_progress(w, self.tr("Importing %1").replace("%1", name),
                                lambda progress: importer.apply(plan, preview, reason, progress))
        if not self.job_ok(job):
            return False
        session.adopt(self.tr("Import %1").replace("%1", name), job.result)
        w.statusBar().showMessage(self.tr("Imported %1: %2").replace("%1", name).replace("%2", preview.summary()),
                                  10000)
        return True

    def export_excel(self, path: str | None = None) -> bool:
        w, session = self.window, self.window.session
        if session is None:
            return False
        if not path:
            path = ask_save_file(w, self.tr("Export to Excel"), self.tr("Excel workbooks (*.xlsx)"),
                                 f"{session.plan.name}.xlsx")
            if not path:
                return False
        plan = session.plan
        job = run_with_progress(w, self.tr("Exporting to %1").replace("%1", Path(path).name),
                                lambda progress: export(plan, path, progress))
        if self.job_ok(job):
            w.statusBar().showMessage(self.tr("Exported to %1").replace("%1", str(path)), 10000)
            return True
        return False

    def job_ok(self, job) -> bool:
        """Report a job's refusal or cancellation; True when it finished its work."""
        if job.error is None:
            return True
        if isinstance(job.error, ImportCancelled | ExportCancelled):
            self.window.statusBar().showMessage(str(job.error), 10000)
            return False
        if isinstance(job.error, PlanError):
            self.window.show_error(str(job.error), False)
            return False
        raise job.error
