"""The dashboard: the selected measure's plotted data, progress per unit, saved as SVG and PNG."""

from ogsm_desktop.core import demo
from tests.gui.helpers import node_id


def test_dashboard_plots_the_selected_measure(window, qtbot, tmp_path):
    window.views.setCurrentWidget(window.dashboard)
    window.select_node(node_id(window, "C-S1-M2"))
    dash = window.dashboard
    qtbot.waitUntil(lambda: dash.canvas is not None)
    lines = {line.get_label(): line for line in dash.ax_measure.get_lines()}
    assert list(lines["actual"].get_ydata()) == [12000, 14500, 17800, 19600, 21000, 22400, 21300, 20500, 18200, 17600]
    assert list(lines["target"].get_ydata()) == demo.BOOKING_TARGETS[:10]              # rising month by month
    assert dash.ax_measure.get_title() == "C-S1-M2 试驾预约量 (次)"          # the brackets of the language
    bars = [t.get_text() for t in dash.ax_units.get_yticklabels()]
    assert "用户洞察团队" in bars
    out = tmp_path / "chart.svg"
    dash.save(str(out))
    assert "<svg" in out.read_text(encoding="utf-8")[:500]
    png = tmp_path / "chart.png"
    dash.save(str(png))
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_the_chart_looks_back_with_the_as_of_date(window, qtbot):
    import datetime as dt

    window.views.setCurrentWidget(window.dashboard)
    window.select_node(node_id(window, "C-S1-M2"))
    dash = window.dashboard
    qtbot.waitUntil(lambda: dash.canvas is not None)
    window.set_as_of(dt.date(2026, 6, 30))
    lines = {line.get_label(): line for line in dash.ax_measure.get_lines()}
    assert list(lines["actual"].get_ydata()) == [12000, 14500, 17800, 19600, 21000, 22400]     # January to June
    assert dash.hint.text().endswith("as of 2026-06-30")


def test_a_target_without_neighbours_is_drawn_as_a_point(window, qtbot):
    """Found by a tester: a measure with one period's target and no actual drew empty axes (its target a
    dashed line of one point, which draws nothing)."""
    window.views.setCurrentWidget(window.dashboard)
    window.select_node(node_id(window, "C-S2-M3"))
    dash = window.dashboard
    qtbot.waitUntil(lambda: dash.canvas is not None)
    target = {line.get_label(): line for line in dash.ax_measure.get_lines()}["target"]
    shown = [i for i, y in enumerate(target.get_ydata()) if y == y]          # (not NaN: a period with a target)
    assert len(shown) == 1 and target.get_marker() == "o" and list(target.get_markevery()) == shown
    window.select_node(node_id(window, "C-S1-M2"))                           # targets every month: a line only
    target = {line.get_label(): line for line in dash.ax_measure.get_lines()}["target"]
    assert target.get_marker() in (None, "None", "")                         # (nor in the legend)


def test_the_chart_shows_the_limits_each_period_is_judged_by(window, qtbot):
    """Found by a tester: bookings (C-S1-M2, off track, judged by the plan's percentages of each month's
    target) had no amber or red band; only a measure's own absolute limits were drawn."""
    window.views.setCurrentWidget(window.dashboard)
    window.select_node(node_id(window, "C-S1-M2"))
    dash = window.dashboard
    qtbot.waitUntil(lambda: dash.canvas is not None)
    legend = [t.get_text() for t in dash.ax_measure.get_legend().get_texts()]
    assert "off track" in legend and "at risk" in legend
    bands = {c.get_label(): c for c in dash.ax_measure.collections}
    edges = {round(float(y), 3) for path in bands["off track"].get_paths() for y in path.vertices[:, 1]}
    assert {round(r, 3) for r in dash.series.reds} <= edges               # the red limit of every month
    assert len({round(r, 3) for r in dash.series.reds}) > 1               # (rising with the targets)
    window.select_node(node_id(window, "C-S1-M1"))                        # its own limits: bands across
    legend = [t.get_text() for t in dash.ax_measure.get_legend().get_texts()]
    assert "off track" in legend and "at risk" in legend
