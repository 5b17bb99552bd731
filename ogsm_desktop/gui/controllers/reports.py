"""Printed reports from the window: print preview, print and PDF, from one report builder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog

from ...core.report_data import gather
from ..dialogs.report_dialog import ReportDialog
from ..jobs import run_with_progress
from ..report import ReportBuilder, ReportCancelled, new_printer, write_pdf
from . import Controller


class ReportsController(Controller):

    def _content(self, action_text: str):
        """Ask what to print, then gather it (with progress); None when cancelled."""
        w = self.window
        if w.session is None:
            return None
        dialog = ReportDialog(w.session.plan, w.current_node_id(), action_text, w)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        options, plan = dialog.options(), w.session.plan
        job = run_with_progress(w, self.tr("Preparing the report"), lambda _progress: gather(plan, options))
        return job.result if w.excel.job_ok(job) else None

    def export_pdf(self, path: str | None = None) -> bool:
        content = self._content(self.tr("Export PDF"))
        if content is None:
            return False
        w = self.window
        if not path:
            path, _ = QFileDialog.getSaveFileName(w, self.tr("Export PDF"), f"{w.session.plan.name}.pdf",
                                                  self.tr("PDF files (*.pdf)"))
            if not path:
                return False
        job = run_with_progress(w, self.tr("Writing %1").replace("%1", Path(path).name),
                                lambda progress: write_pdf(content, path, progress))
        if isinstance(job.error, ReportCancelled):
            w.statusBar().showMessage(str(job.error), 10000)
            return False
        if not w.excel.job_ok(job):
            return False
        w.statusBar().showMessage(self.tr("Wrote %1 (%2 pages)").replace("%1", str(path))
                                  .replace("%2", str(job.result)), 10000)
        return True

    def print_preview(self) -> None:
        content = self._content(self.tr("Preview"))
        if content is None:
            return
        from PySide6.QtPrintSupport import QPrintPreviewDialog

        printer = new_printer()          # kept alive by this frame: the dialog does not own it
        preview = QPrintPreviewDialog(printer, self.window)
        preview.setWindowTitle(self.tr("Print preview"))
        preview.paintRequested.connect(lambda device: ReportBuilder(content).render(device))
        preview.exec()

    def print_report(self) -> None:
        content = self._content(self.tr("Print"))
        if content is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog

        printer = new_printer()
        if QPrintDialog(printer, self.window).exec() == QDialog.DialogCode.Accepted:
            ReportBuilder(content).render(printer)
