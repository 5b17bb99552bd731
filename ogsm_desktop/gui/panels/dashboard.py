"""The dashboard: the charts of the selected node (:mod:`.dashboard_charts`) — a goal's or a measure's numbers
against its target, the progress of what an objective or a strategy holds — with the roll-up progress of
the units below and the status counts; saved as PNG or SVG.

matplotlib is imported the first time the dashboard is shown (it is not on the start-up path). The
charts draw series computed by the core, on a standalone Figure (never pyplot), and redraw with
draw_idle(); the figure uses constrained layout, and the canvas scrolls rather than shrinking below the
size its charts need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ...core.model import QUANTIFIED, Kind
from ...core.places import os_problem
from ..labels import plan_labels
from ..session import Session
from ..text import fill
from .dashboard_charts import (
    CANVAS_MIN,
    configure_matplotlib,
    draw_measure,
    draw_no_numbers,
    draw_statuses,
    draw_units,
    refit_titles,
)

if TYPE_CHECKING:
    from ...core import charts


class Dashboard(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.session: Session | None = None
        self.node_id: int | None = None
        self.canvas = None
        self.figure = None
        self.ax_measure = self.ax_units = self.ax_status = None
        self.series: charts.MeasureSeries | None = None
        self.labels = {
            **plan_labels(),
            "units": self.tr("Progress per org unit below"), "no units": self.tr("No lower level yet"),
            "units first": self.tr("%1 (first %2)"),
            "statuses": self.tr("Goals and measures by status"), "pick": self.tr("Select a goal or measure"),
            "as_of": self.tr("as of"), "no numbers": self.tr("No numbers yet"),
            "goals of": self.tr("Progress of the goals of %1"), "measures of": self.tr("Progress of the measures of %1"),
            "units lowest": self.tr("%1 (the %2 lowest)"), "without": self.tr("%1 (%2 without a number)"),
        }
        self.save_button = QPushButton(self.tr("Save chart…"), self)
        self.save_button.setObjectName("saveChart")
        self.save_button.clicked.connect(self.save_dialog)
        self.hint = QLabel(self)
        self.hint.setObjectName("dashboardHint")
        self.hint.setMinimumWidth(40)                   # a long title is elided, never widening the window
        self._hint_text = ""
        top = QHBoxLayout()
        top.addWidget(self.hint, 1)
        top.addWidget(self.save_button)
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("dashboardScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addLayout(top)
        self.layout_.addWidget(self.scroll, 1)
        self._refit = QTimer(self)                     # after a resize: titles and labels fitted again
        self._refit.setSingleShot(True)
        self._refit.setInterval(200)
        self._refit.timeout.connect(self._resized)

    def _ensure_canvas(self) -> None:
        if self.canvas is not None:
            return
        configure_matplotlib()
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=(6, 5), layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setObjectName("dashboardCanvas")
        self.canvas.setMinimumSize(*CANVAS_MIN)
        self.scroll.setWidget(self.canvas)

    def set_session(self, session: Session | None) -> None:
        if self.session is not None:
            self.session.changed.disconnect(self._changed)
            self.session.model.judged.disconnect(self._judged)
        self.session = session
        self.node_id = None
        if session is not None:
            session.changed.connect(self._changed)
            session.model.judged.connect(self._judged)

    def _judged(self) -> None:
        """Every standing was worked out again (another as-of date, other settings)."""
        if self.isVisible():
            self.refresh()

    def show_node(self, node_id: int | None) -> None:
        self.node_id = node_id
        if self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._show_hint()
        if self.canvas is not None:
            self._refit.start()

    def _resized(self) -> None:
        if self.isVisible():
            self.refresh()

    def _changed(self, changes) -> None:
        if (changes.nodes_changed or changes.actuals_changed) and self.isVisible():
            self.refresh()

    def _set_hint(self, text: str) -> None:
        self._hint_text = text
        self.hint.setToolTip(text)
        self._show_hint()

    def _show_hint(self) -> None:
        width = max(40, self.hint.width())
        self.hint.setText(self.hint.fontMetrics().elidedText(self._hint_text, Qt.TextElideMode.ElideRight, width))

    def refresh(self) -> None:
        if self.session is None or self.node_id not in self.session.model.tree.nodes:
            self._set_hint(self.labels["pick"])
            return
        from ...core import charts  # (with the charts' libraries, off the start-up path)

        self._ensure_canvas()
        model = self.session.model
        node = model.tree.nodes[self.node_id]
        objective = node
        while objective.kind is not Kind.OBJECTIVE:
            objective = model.tree.nodes[objective.parent_id]
        self._fit_figure()
        figure = self.figure
        figure.clear()
        grid = figure.add_gridspec(2, 2, height_ratios=(3, 2))
        self.ax_measure = figure.add_subplot(grid[0, :])
        self.ax_units = figure.add_subplot(grid[1, 0])
        self.ax_status = figure.add_subplot(grid[1, 1])
        if node.kind in QUANTIFIED:
            self.series = charts.measure_series(self.session.plan, node, as_of=model.as_of)
            draw_measure(self.ax_measure, self.series, self.labels)
            self._set_hint(f"{node.code} {node.title} — {self.labels['as_of']} {model.as_of.isoformat()}")
        elif node.kind in (Kind.OBJECTIVE, Kind.STRATEGY):       # what it holds: its goals, its measures
            self.series = None
            held = charts.held_progress(model.tree, model.standing, node.id)
            numbered = [(name, progress, status) for name, progress, status in held if progress is not None]
            title = self.labels["goals of" if node.kind is Kind.OBJECTIVE else "measures of"].replace("%1", node.code)
            if len(numbered) < len(held):
                title = fill(self.labels["without"], title, len(held) - len(numbered))
            draw_units(self.ax_measure, [(name, progress) for name, progress, _ in numbered], self.labels, 1.0,
                       title=title, statuses=[status for _, _, status in numbered], lowest=True)
            self._set_hint(f"{node.code} {node.title} — {self.labels['as_of']} {model.as_of.isoformat()}")
        else:
            self.series = None
            draw_no_numbers(self.ax_measure, None, self.labels["pick"])
            self._set_hint(f"{objective.code} {objective.title}")
        scope = node.id if node.kind is Kind.STRATEGY else objective.id      # a strategy's: what cascades from it
        draw_units(self.ax_units, charts.unit_progress(model.tree, model.standing, scope), self.labels)
        draw_statuses(self.ax_status, charts.status_counts(model.tree, model.standing, scope), self.labels)
        refit_titles(figure)
        self.canvas.draw_idle()

    def _fit_figure(self) -> None:
        """The figure at the canvas's size now (before the first paint the canvas has not told it yet),
        so titles and labels are fitted to the room they will have."""
        width, height = max(self.canvas.width(), CANVAS_MIN[0]), max(self.canvas.height(), CANVAS_MIN[1])
        ratio = self.canvas.devicePixelRatioF() or 1.0
        dpi = self.figure.dpi
        self.figure.set_size_inches(width * ratio / dpi, height * ratio / dpi, forward=False)

    def no_numbers_shown(self) -> bool:
        """True when the measure's panel says "No numbers yet" instead of drawing axes."""
        ax = self.ax_measure
        return ax is not None and not ax.axison and any(t.get_text() == self.labels["no numbers"] for t in ax.texts)

    def save(self, path: str) -> None:
        self._ensure_canvas()
        self.figure.savefig(path, dpi=150)

    def save_dialog(self) -> None:
        """Save chart…: asked as every file is (the folder last used, the suffix of the kind chosen, a file
        replaced only when the user says so), and said in the status bar."""
        from ..controllers.files import ask_save_file

        window = self.window()
        path = ask_save_file(window, self.tr("Save chart"), self.tr("PNG image (*.png);;SVG drawing (*.svg)"),
                             "chart.png")
        if not path:
            return
        try:
            self.save(path)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Save chart"), os_problem(path, exc))
            return
        window.statusBar().showMessage(fill(self.tr("Saved the chart to %1"), path), 8000)
