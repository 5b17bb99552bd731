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
    assert [t.get_text() for t in dash.ax_measure.texts] == ["No actuals yet"]   # said, as the report says it
    window.select_node(node_id(window, "C-S1-M2"))                           # targets every month: a line only
    target = {line.get_label(): line for line in dash.ax_measure.get_lines()}["target"]
    assert target.get_marker() in (None, "None", "")                         # (nor in the legend)
    assert list(dash.ax_measure.texts) == []


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


def test_a_target_standing_alone_has_its_bands_over_its_own_period(qapp):
    """Found by a tester and a review: with targets in some periods only (quarterly targets on a monthly
    measure, summed: no level target for the others), the bands were drawn between neighbouring targets
    only, so none at all, while the legend listed them. Each period with a target has its bands over its
    own span, from its start to its end."""
    import datetime as dt

    from matplotlib.dates import date2num
    from matplotlib.figure import Figure

    from ogsm_desktop.core import charts
    from ogsm_desktop.core.model import Kind, Node
    from ogsm_desktop.core.status import limits
    from ogsm_desktop.gui.labels import plan_labels
    from ogsm_desktop.gui.panels.dashboard_charts import draw_measure

    node = Node(id=1, kind=Kind.MEASURE, code="M", title="Bookings", aggregation="sum", target=1000.0)
    months = [f"2026-{m:02d}" for m in range(1, 7)]
    targets = [None, None, 300.0, None, None, 330.0]
    series = charts.MeasureSeries(node, periods=months,
                                  ends=[dt.date(2026, m + 1, 1) - dt.timedelta(days=1) for m in range(1, 7)],
                                  actuals=[100.0, 90.0, 250.0, 110.0, 100.0, 320.0], targets=targets,
                                  ambers=[None if t is None else limits(node, t)[0] for t in targets],
                                  reds=[None if t is None else limits(node, t)[1] for t in targets])
    ax = Figure(figsize=(6, 3)).add_subplot()
    labels = plan_labels()
    draw_measure(ax, series, labels)
    red = next(c for c in ax.collections if c.get_label() == labels["red"])
    points = {(round(x, 3), round(y, 3)) for path in red.get_paths() for x, y in path.vertices}
    for month, end, limit in ((3, dt.date(2026, 3, 31), series.reds[2]), (6, dt.date(2026, 6, 30), series.reds[5])):
        assert (round(date2num(dt.date(2026, month, 1)), 3), round(limit, 3)) in points    # from its start
        assert (round(date2num(end), 3), round(limit, 3)) in points                          # to its end


def test_bands_leave_out_the_periods_without_a_target_and_a_quarter_among_months(qapp):
    """Found by a review: equal targets in some periods only drew the bands across the whole chart (over
    the months without a target too); a quarter kept among the months of a monthly measure took March's
    span, March's own band drawn with no width."""
    import datetime as dt

    from matplotlib.figure import Figure

    from ogsm_desktop.core import charts
    from ogsm_desktop.core.model import Kind, Node
    from ogsm_desktop.core.status import limits
    from ogsm_desktop.gui.labels import plan_labels
    from ogsm_desktop.gui.panels.dashboard_charts import _period_steps, draw_measure

    node = Node(id=1, kind=Kind.MEASURE, code="M", title="Bookings", aggregation="sum", target=1000.0)

    def series(keys, targets):
        return charts.MeasureSeries(node, periods=keys, ends=[periods_end(k) for k in keys],
                                    actuals=[100.0] * len(keys), targets=targets,
                                    ambers=[None if t is None else limits(node, t)[0] for t in targets],
                                    reds=[None if t is None else limits(node, t)[1] for t in targets])

    def periods_end(key):
        from ogsm_desktop.core.periods import period_bounds
        return period_bounds(key)[1]

    sparse = series([f"2026-{m:02d}" for m in range(1, 7)], [None, None, 300.0, None, None, 300.0])
    ax = Figure().add_subplot()
    draw_measure(ax, sparse, plan_labels())
    assert not ax.patches                                        # no band across the chart
    xs, reds, _ambers = _period_steps(sparse)
    assert xs[0] == dt.date(2026, 3, 1) and xs[-1] == dt.date(2026, 6, 30)
    mixed = series(["2026-01", "2026-02", "2026-Q1", "2026-03"], [100.0, 110.0, 330.0, 120.0])
    xs, reds, _ambers = _period_steps(mixed)
    assert xs == [dt.date(2026, 1, 1), dt.date(2026, 1, 31), dt.date(2026, 2, 1), dt.date(2026, 2, 28),
                  dt.date(2026, 3, 1), dt.date(2026, 3, 31)]
    assert reds[-1] == limits(node, 120.0)[1]                   # March's own limit, over March


def test_save_chart_says_where_it_went_and_gives_the_name_its_suffix(window, qtbot, tmp_path, monkeypatch, messages):
    """Found by a tester: Save chart… wrote the file without a word (nor a suffix when none was typed, nor in the
    folder last used); a folder that cannot be written ended in an unexpected-error box."""
    from PySide6.QtWidgets import QFileDialog

    window.views.setCurrentWidget(window.dashboard)
    window.select_node(node_id(window, "C-S1-M2"))
    qtbot.waitUntil(lambda: window.dashboard.canvas is not None)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "bookings"), ""))
    window.dashboard.save_dialog()
    assert (tmp_path / "bookings.png").read_bytes()[:4] == b"\x89PNG"
    assert window.statusBar().currentMessage() == f"Saved the chart to {tmp_path / 'bookings.png'}"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "no" / "such.png"), ""))
    window.dashboard.save_dialog()
    assert any("the folder does not exist" in t for t in messages.texts("warning"))


def test_a_control_character_in_a_title_is_drawn_as_a_replacement_mark_not_warned_of(qapp):
    """A title or unit holding a control character (ESC, from a file another program wrote) reached
    matplotlib, which warned "Glyph 27 missing from font(s)" on the command line's report and drew nothing in
    its place. Each control character in a chart's words is drawn as "\ufffd", which the font has, so the
    planner sees where the title is damaged; the chart draws without a warning."""
    import datetime as dt
    import warnings

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from ogsm_desktop.core import charts
    from ogsm_desktop.core.model import Kind, Node
    from ogsm_desktop.gui.labels import plan_labels
    from ogsm_desktop.gui.panels.dashboard_charts import draw_measure
    from ogsm_desktop.gui.report_charts import chart_svg

    node = Node(id=1, kind=Kind.MEASURE, code="M\x07", title="A\x1b红", unit="\x7f%", target=10.0)
    for actuals in ([5.0, 6.0], [None, None]):                   # with numbers, and "no numbers yet"
        series = charts.MeasureSeries(node, periods=["2026-01", "2026-02"],
                                      ends=[dt.date(2026, 1, 31), dt.date(2026, 2, 28)], actuals=actuals,
                                      targets=[10.0, 10.0], ambers=[None, None], reds=[None, None])
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            svg = chart_svg(series, plan_labels(), 480, 300).decode("utf-8")
        assert "M\ufffd A\ufffd红" in svg and "\ufffd%" in svg
        assert not any(c in svg for c in "\x07\x1b\x7f")
        figure = Figure(figsize=(4, 3))                       # the window's dashboard draws with Agg
        FigureCanvasAgg(figure)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            draw_measure(figure.add_subplot(), series, plan_labels())
            figure.canvas.draw()


def test_an_objective_or_a_strategy_shows_the_progress_of_what_it_holds(window, qtbot):
    """Found by a new user: an objective selected, the dashboard's main chart only said "Select a goal or
    measure". An objective shows its goals' progress, a strategy its measures', each bar in its status's
    colour; an action (no numbers) still asks for a goal or a measure."""
    from matplotlib.colors import to_hex

    from ogsm_desktop.core.status import STATUS_COLOURS

    window.views.setCurrentWidget(window.dashboard)
    dash = window.dashboard
    for code, kids in (("C", ["C-G1", "C-G2", "C-G3"]), ("C-S1", ["C-S1-M1", "C-S1-M2"])):
        window.select_node(node_id(window, code))
        qtbot.waitUntil(lambda: dash.canvas is not None)
        names = [t.get_text() for t in dash.ax_measure.get_yticklabels()][::-1]      # (ticks count up the axis)
        assert [n.split()[0] for n in names] == kids, names
        standing = window.session.model.standing
        colours = [to_hex(bar.get_facecolor()) for bar in dash.ax_measure.patches][::-1]
        assert colours == [STATUS_COLOURS[str(standing[node_id(window, k)].status)] for k in kids]
        widths = [round(bar.get_width()) for bar in dash.ax_measure.patches][::-1]
        assert widths == [round(standing[node_id(window, k)].progress * 100) for k in kids]
        assert code in dash.ax_measure.get_title()
    window.select_node(node_id(window, "C-S1-A1"))
    assert not dash.ax_measure.axison and [t.get_text() for t in dash.ax_measure.texts] == ["Select a goal or measure"]


def test_a_strategys_lower_charts_are_of_what_cascades_from_it(window, qtbot):
    """Found by a new user: with a strategy selected, the units' and the statuses' charts were its whole
    company's (units not under it, counts of the whole plan)."""
    from ogsm_desktop.core import charts

    window.views.setCurrentWidget(window.dashboard)
    dash = window.dashboard
    window.select_node(node_id(window, "C-S1"))
    qtbot.waitUntil(lambda: dash.canvas is not None)
    units = [t.get_text() for t in dash.ax_units.get_yticklabels()]
    assert units and set(units) <= {"用户洞察团队", "陈静（个人）"}, units          # D1 and P1 cascade from C-S1
    model = window.session.model
    counts = charts.status_counts(model.tree, model.standing, node_id(window, "C-S1"))
    assert sum(round(bar.get_width()) for bar in dash.ax_status.patches) == sum(counts.values())
    assert sum(counts.values()) < sum(charts.status_counts(model.tree, model.standing, node_id(window, "C")).values())


def test_what_a_node_holds_without_a_number_is_said_and_the_lowest_are_shown_when_not_all_fit(window, qtbot):
    """Found by a new user: C-S2's chart left out its measure without a number, as if it had two; and with more
    measures than fit, the first ones were shown, an off-track one hidden below."""
    from matplotlib.figure import Figure

    from ogsm_desktop.gui.panels.dashboard_charts import draw_units

    window.views.setCurrentWidget(window.dashboard)
    dash = window.dashboard
    window.select_node(node_id(window, "C-S2"))
    qtbot.waitUntil(lambda: dash.canvas is not None)
    assert "1 without a number" in dash.ax_measure.get_title()
    figure = Figure(figsize=(4, 1.6), dpi=100)
    ax = figure.add_subplot()
    rows = [(f"M{i}", progress) for i, progress in enumerate([0.9, 0.95, 0.4, 1.0, 0.99, 0.2, 0.97, 0.98])]
    draw_units(ax, rows, dash.labels, 1.0, title="Progress", statuses=["on_track"] * 8, lowest=True)
    shown = [t.get_text() for t in ax.get_yticklabels()][::-1]
    assert len(shown) < len(rows) and {"M2", "M5"} <= set(shown)                         # the off-track ones
    assert shown == sorted(shown, key=lambda name: int(name[1:]))                       # in the plan's order
    assert "lowest" in ax.get_title()


def test_a_unit_with_one_unit_below_draws_its_charts(window, qtbot):
    """Found by a second review: with one unit below (D1: P1), drawing the bars raised IndexError and the
    dashboard drew nothing."""
    window.views.setCurrentWidget(window.dashboard)
    dash = window.dashboard
    for code in ("D1", "D1-S1", "D1-G1", "P1"):
        window.select_node(node_id(window, code))
        qtbot.waitUntil(lambda: dash.canvas is not None)
        if code == "P1":                                          # no unit below: said, no axes
            assert not dash.ax_units.axison
            continue
        assert [t.get_text() for t in dash.ax_units.get_yticklabels()] == ["陈静（个人）"], code
