"""The dashboard: the selected goal's or measure's actuals against its target with the amber and red
bands and the trend to its due date; roll-up progress per org unit below its objective; status counts.

matplotlib is imported the first time the dashboard is shown (it is not on the start-up path). The
charts draw series computed by the core, on a standalone Figure (never pyplot), and redraw with
draw_idle(). They can be saved as PNG or SVG.
"""

from __future__ import annotations

import warnings

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...core import charts
from ...core.model import QUANTIFIED, Kind
from ...core.status import STATUS_COLOURS
from ..fonts import CJK_FAMILY, cjk_font_path
from ..labels import plan_labels
from ..session import Session

_configured = False


def configure_matplotlib() -> None:
    """Register the bundled CJK font with matplotlib and make it the sans-serif family."""
    global _configured
    if _configured:
        return
    import matplotlib
    from matplotlib import font_manager

    font_manager.fontManager.addfont(cjk_font_path())
    matplotlib.rcParams["font.sans-serif"] = [CJK_FAMILY, "DejaVu Sans"]
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["axes.unicode_minus"] = False
    # A character no font has (a control character in an older plan's title) is drawn as an empty box;
    # matplotlib's warning about it would reach the command line's stderr.
    warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font", category=UserWarning)
    _configured = True


def draw_measure(ax, series: charts.MeasureSeries, labels: dict[str, str]) -> None:
    """Actuals against targets over time, with the amber/red bands and the forecast line."""
    node = series.node
    ax.clear()
    if not series.periods:
        ax.text(0.5, 0.5, labels["no data"], ha="center", va="center", transform=ax.transAxes)
        ax.set_title(f"{node.code} {node.title}")
        return
    xs = series.ends
    lower = node.direction == "lower"
    values = [v for v in series.actuals + series.targets if v is not None]
    top, bottom = max(values), min(values)
    span = (top - bottom) or abs(top) or 1.0
    limit_low, limit_high = bottom - 0.15 * span, top + 0.15 * span
    if series.red is not None:
        if lower:
            ax.axhspan(series.red, max(limit_high, series.red), color="#c62828", alpha=0.10, label=labels["red"])
        else:
            ax.axhspan(min(limit_low, series.red), series.red, color="#c62828", alpha=0.10, label=labels["red"])
    if series.amber is not None and series.red is not None:
        ax.axhspan(*sorted((series.amber, series.red)), color="#ef8f00", alpha=0.12, label=labels["amber"])
    ax.plot(xs, series.targets, color="#546e7a", linestyle="--", marker=None, label=labels["target"])
    ax.plot(xs, series.actuals, color="#1565c0", marker="o", label=labels["actual"])
    if series.forecast:
        (x0, y0), (x1, y1) = series.forecast
        ax.plot([x0, x1], [y0, y1], color="#6a1b9a", linestyle=":", label=labels["forecast"])
    ax.set_title(f"{node.code} {node.title}" + (f"（{node.unit}）" if node.unit else ""))
    ax.legend(loc="best", fontsize="small")
    ax.grid(True, alpha=0.3)
    step = max(1, len(xs) // 12)                        # label the periods themselves, a dozen at most
    ticks = xs[::step] + ([series.forecast[-1][0]] if series.forecast else [])
    names = series.periods[::step] + ([series.forecast[-1][0].isoformat()] if series.forecast else [])
    ax.set_xticks(ticks, names)
    ax.tick_params(axis="x", labelrotation=30, labelsize="small")


def draw_units(ax, rows: list[tuple[str, float]], labels: dict[str, str]) -> None:
    ax.clear()
    ax.set_title(labels["units"])
    if not rows:
        ax.text(0.5, 0.5, labels["no units"], ha="center", va="center", transform=ax.transAxes)
        return
    names = [name for name, _ in rows][::-1]
    values = [value * 100 for _, value in rows][::-1]
    bars = ax.barh(names, values, color="#1565c0")
    ax.set_xlim(0, 100)
    ax.bar_label(bars, fmt="%.0f%%", fontsize="small")
    ax.tick_params(axis="y", labelsize="small")


def draw_statuses(ax, counts: dict[str, int], labels: dict[str, str]) -> None:
    ax.clear()
    ax.set_title(labels["statuses"])
    names = list(counts)
    bars = ax.bar([labels.get(n, n) for n in names], [counts[n] for n in names],
                  color=[STATUS_COLOURS.get(n, "#999") for n in names])
    ax.bar_label(bars, fontsize="small")
    ax.tick_params(axis="x", labelsize="small")


class Dashboard(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.session: Session | None = None
        self.node_id: int | None = None
        self.canvas = None
        self.figure = None
        self.series: charts.MeasureSeries | None = None
        self.labels = {
            **plan_labels(),
            "units": self.tr("Progress per org unit below"), "no units": self.tr("no lower level yet"),
            "statuses": self.tr("Goals and measures by status"), "pick": self.tr("Select a goal or measure"),
            "as_of": self.tr("as of"),
        }
        self.save_button = QPushButton(self.tr("Save chart…"), self)
        self.save_button.setObjectName("saveChart")
        self.save_button.clicked.connect(self.save_dialog)
        self.hint = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(self.hint, 1)
        top.addWidget(self.save_button)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addLayout(top)

    def _ensure_canvas(self) -> None:
        if self.canvas is not None:
            return
        configure_matplotlib()
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=(6, 5), layout="constrained")
        grid = self.figure.add_gridspec(2, 2, height_ratios=(3, 2))
        self.ax_measure = self.figure.add_subplot(grid[0, :])
        self.ax_units = self.figure.add_subplot(grid[1, 0])
        self.ax_status = self.figure.add_subplot(grid[1, 1])
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setObjectName("dashboardCanvas")
        self.layout_.addWidget(self.canvas, 1)

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

    def _changed(self, changes) -> None:
        if (changes.nodes_changed or changes.actuals_changed) and self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        if self.session is None or self.node_id not in self.session.model.tree.nodes:
            self.hint.setText(self.labels["pick"])
            return
        self._ensure_canvas()
        model = self.session.model
        node = model.tree.nodes[self.node_id]
        objective = node
        while objective.kind is not Kind.OBJECTIVE:
            objective = model.tree.nodes[objective.parent_id]
        if node.kind in QUANTIFIED:
            self.series = charts.measure_series(self.session.plan, node, as_of=model.as_of)
            draw_measure(self.ax_measure, self.series, self.labels)
            self.hint.setText(f"{node.code} {node.title} — {self.labels['as_of']} {model.as_of.isoformat()}")
        else:
            self.series = None
            self.ax_measure.clear()
            self.ax_measure.text(0.5, 0.5, self.labels["pick"], ha="center", va="center",
                                 transform=self.ax_measure.transAxes)
            self.hint.setText(f"{objective.code} {objective.title}")
        draw_units(self.ax_units, charts.unit_progress(model.tree, model.standing, objective.id), self.labels)
        draw_statuses(self.ax_status, charts.status_counts(model.tree, model.standing, objective.id), self.labels)
        self.canvas.draw_idle()

    def save(self, path: str) -> None:
        self._ensure_canvas()
        self.figure.savefig(path, dpi=150)

    def save_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save chart"), "chart.png",
                                              self.tr("PNG image (*.png);;SVG drawing (*.svg)"))
        if path:
            self.save(path)
