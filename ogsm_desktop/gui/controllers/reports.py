"""Printed reports from the window: print preview, print and PDF, from one report builder (imported when
first used: the window starts without it)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog

from ...core.errors import CancelledError
from ...core.places import os_problem
from ..jobs import run_with_progress
from . import Controller
from .files import ask_save_file

if TYPE_CHECKING:
    from ...core.report_data import ReportOptions


class ReportsController(Controller):

    def _content(self, action_text: str):
        """Ask what to print, then gather it (with progress); None when cancelled."""
        from ..dialogs.report_dialog import ReportDialog

        w = self.window
        if w.session is None:
            return None
        dialog = ReportDialog(w.session.plan, w.current_node_id(), action_text, w, as_of=w.as_of,
                              paper=w.settings.paper)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        w.settings.paper = dialog.paper.currentData()          # the next report's paper too
        return self._gather(dialog.options())

    def _gather(self, options: ReportOptions):
        from ...core.report_data import gather

        w = self.window
        options.today = w.as_of                 # judged as of the window's date, and said so
        plan = w.session.plan
        job = run_with_progress(w, self.tr("Preparing the report"), lambda _progress: gather(plan, options),
                                cancelled=lambda: CancelledError(self.tr("The report was cancelled: nothing was "
                                                                         "written")))
        return job.result if w.excel.job_ok(job) else None

    def export_pdf(self, path: str | None = None, review_of: tuple[str, str | None] | None = None) -> bool:
        """Ask what to print and write it as PDF; ``review_of`` (period, unit code): just that review."""
        from ...core.report_data import ReportOptions
        from ..report import write_pdf

        if review_of is not None and self.window.session is not None:
            period, unit = review_of
            node = self.window.session.plan.nodes.by_code(unit) if unit else None
            content = self._gather(ReportOptions(scope="below" if node else "plan", node_id=node.id if node else None,
                                                 onepages=False, overview=False, charts=False, alerts=False,
                                                 review=period))
        else:
            content = self._content(self.tr("Export PDF"))
        if content is None:
            return False
        w = self.window
        if not path:
            path = ask_save_file(w, self.tr("Export PDF"), self.tr("PDF files (*.pdf)"), self._suggested(content))
            if not path:
                return False
        job = run_with_progress(w, self.tr("Writing %1").replace("%1", Path(path).name),
                                lambda progress: write_pdf(content, path, progress, w.settings.paper))
        if not w.excel.job_ok(job):
            return False
        w.statusBar().showMessage(self.tr("Wrote %1 (%2 pages)").replace("%1", str(path))
                                  .replace("%2", str(job.result)), 10000)
        return True

    def _suggested(self, content) -> str:
        """The PDF's name: the plan's, and the pack's when it is one."""
        from ...core.report_data import BOARD

        name, cover = self.window.session.plan.name, content.cover
        if cover is None:
            return f"{name}.pdf"
        if cover.preset == BOARD:
            return self.tr("%1 - board pack.pdf").replace("%1", name)
        return self.tr("%1 - %2 department pack.pdf").replace("%1", name).replace("%2", cover.unit.code)

    def review(self) -> None:
        """The period review of the selected unit (or the whole plan), with its countermeasures."""
        from ..dialogs.review_dialog import ReviewDialog

        if self.window.session is not None:
            dialog = ReviewDialog(self.window)
            dialog.exec()
            dialog.deleteLater()             # (its rows: megabytes on a big plan, kept with the window otherwise)

    def print_preview(self) -> None:
        content = self._content(self.tr("Preview"))
        if content is None:
            return
        from PySide6.QtPrintSupport import QPrintPreviewDialog

        from ..report import ReportBuilder, new_printer

        printer = new_printer(self.window.settings.paper)          # kept alive by this frame: the dialog does not own it
        preview = QPrintPreviewDialog(printer, self.window)
        preview.setWindowTitle(self.tr("Print preview"))
        preview.paintRequested.connect(lambda device: ReportBuilder(content).render(device))
        preview.exec()

    def print_report(self) -> None:
        content = self._content(self.tr("Print"))
        if content is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog

        from ..report import ReportBuilder, new_printer

        printer = new_printer(self.window.settings.paper)        # the printer's dialog may change it
        if QPrintDialog(printer, self.window).exec() == QDialog.DialogCode.Accepted:
            ReportBuilder(content).render(printer)

    # ----------------------------------------------------------------- the cascade map
    def export_map(self, path: str | None = None) -> bool:
        """The cascade map to a file: PDF holds the whole map, a page per unit with units below; PNG and SVG
        the page the map view shows (else the top unit's)."""
        w = self.window
        if w.session is None:
            return False
        title = self.tr("Export cascade map")
        chosen: list[str] = []
        suggested = self.tr("%1 - cascade map.pdf").replace("%1", w.session.plan.name)
        if not path:
            path = ask_save_file(w, title, self.tr("PDF — the whole map, page by page (*.pdf);;PNG image — the page "
                                                   "shown (*.png);;SVG drawing — the page shown (*.svg)"),
                                 suggested, chosen)
            if not path:
                return False
        target = Path(path)
        if target.suffix.lower() not in (".pdf", ".png", ".svg"):     # typed without: as the filter chosen
            suffix = next((s for s in (".png", ".svg") if chosen and f"*{s}" in chosen[0]), ".pdf")
            target = target.with_name(target.name + suffix)
        from ...core import cascade_map  # (both imported when first used, off the start-up path)
        from .. import cascade_map as map_drawing

        model, area = w.session.model, map_drawing.area_points()
        if target.suffix.lower() == ".pdf":
            pages = cascade_map.pages(model.tree, model.standing, area.width(), area.height())
            if not pages:                          # one unit alone: its own page
                pages = cascade_map.pages(model.tree, model.standing, area.width(), area.height(),
                                          [n.id for n in model.tree.roots()])
            name = w.session.plan.name
            job = run_with_progress(w, self.tr("Writing %1").replace("%1", target.name),
                                    lambda progress: map_drawing.write_pdf(pages, target, name, progress))
            if isinstance(job.error, OSError):
                w.show_error(os_problem(target, job.error))
                return False
            if not w.excel.job_ok(job):
                return False
            w.statusBar().showMessage(self.tr("Wrote %1 (%2 pages)").replace("%1", str(target))
                                      .replace("%2", str(job.result)), 10000)
            return True
        page = w.cascade_map.current_page()
        if page is None:
            found = cascade_map.pages(model.tree, model.standing, area.width(), area.height(),
                                      [n.id for n in model.tree.roots()][:1])
            page = found[0] if found else None
        if page is None:
            return False
        try:
            if target.suffix.lower() == ".png":
                map_drawing.write_png(page, target, area.width())
            else:
                map_drawing.write_svg(page, target, area.width())
        except OSError as exc:
            w.show_error(os_problem(target, exc))
            return False
        w.statusBar().showMessage(self.tr("Wrote %1").replace("%1", str(target)), 10000)
        return True
