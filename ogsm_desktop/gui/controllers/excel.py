"""Excel in the window: import with a preview (read and written on a worker thread, with progress and
Cancel), undoable as one change; export of the whole plan, or of the selected org unit (its objective and
everything below it). A workbook remembers the plan and the point it was exported at, so that its import
shows what the plan changed since as conflicts; the plan gets its identity with its first export.

The workbook readers and writers are imported when first used: the window starts without them."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QDialog

from ...core.errors import CancelledError, PlanError
from ...core.model import Kind, Node
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
        from ...core.excel import importer
        from ..dialogs.import_dialog import ImportDialog

        plan, name = session.plan, Path(path).name
        job = run_with_progress(w, self.tr("Reading %1").replace("%1", name),
                                lambda progress: importer.analyse(plan, path, None, progress),
                                cancelled=importer.import_cancelled)
        if not self.job_ok(job):
            return False
        dialog = ImportDialog(plan, path, job.result, w)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        preview, reason, choices, shown = dialog.preview, dialog.reason.text(), dialog.choices(), dialog.shown
        job = run_with_progress(w, self.tr("Importing %1").replace("%1", name),
                                lambda progress: importer.apply(plan, preview, reason, progress, choices))
        if not self.job_ok(job):
            return False
        session.adopt(self.tr("Import %1").replace("%1", name), job.result)
        if job.result.batch_id is None:       # every value the workbook would change, the plan kept
            w.statusBar().showMessage(self.tr("Nothing imported from %1: the plan keeps its own values.")
                                      .replace("%1", name), 10000)
        else:                                 # short: the plan's path shares the status bar
            c = shown.counts()
            w.statusBar().showMessage(self.tr("Imported %1: %2 new and %3 changed value(s), %4 new and %5 changed "
                                              "measure(s).").replace("%1", name)
                                      .replace("%2", f"{c['values new']:,}").replace("%3", f"{c['values changed']:,}")
                                      .replace("%4", str(c["measures new"])).replace("%5", str(c["measures changed"])),
                                      10000)
        return True

    def unit_node(self) -> Node | None:
        """The selected org unit's objective (not the plan's top objective), or None."""
        node = self.window.current_node() if self.window.session is not None else None
        return node if node is not None and node.kind is Kind.OBJECTIVE and node.parent_id is not None else None

    def can_export_unit(self) -> bool:
        return self.unit_node() is not None

    def export_unit_excel(self, path: str | None = None) -> bool:
        """Export the selected unit's objective and everything below it; True when written."""
        node = self.unit_node()
        return node is not None and self.export_excel(path, node)

    def export_excel(self, path: str | None = None, unit: Node | None = None) -> bool:
        w, session = self.window, self.window.session
        if session is None:
            return False
        if not path:
            title = self.tr("Export unit to Excel") if unit is not None else self.tr("Export to Excel")
            name = session.plan.name if unit is None else f"{session.plan.name} - {unit.code} {unit.org_unit}".strip()
            path = ask_save_file(w, title, self.tr("Excel workbooks (*.xlsx)"),
                                 re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", name) + ".xlsx")
            if not path:
                return False
        from ...core.excel.exporter import export
        from ...core.excel.origin import identify

        plan = session.plan
        try:
            given = identify(plan)              # the plan's identity, named by the workbook (once, journaled)
        except PlanError as exc:
            self.window.show_error(str(exc), False)
            return False
        if given is not None and given.batch_id is not None:
            session.take(given)
        code = unit.code if unit is not None else None
        job = run_with_progress(w, self.tr("Exporting to %1").replace("%1", Path(path).name),
                                lambda progress: export(plan, path, progress, unit=code))
        if self.job_ok(job):
            w.statusBar().showMessage(self.tr("Exported to %1").replace("%1", str(path)), 10000)
            return True
        return False

    def job_ok(self, job) -> bool:
        """Report a job's refusal or cancellation; True when it finished its work."""
        if job.error is None:
            return True
        if isinstance(job.error, CancelledError):
            self.window.statusBar().showMessage(str(job.error), 10000)
            return False
        if isinstance(job.error, PlanError):
            self.window.show_error(str(job.error), False)
            return False
        raise job.error
