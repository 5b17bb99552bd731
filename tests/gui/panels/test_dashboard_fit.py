"""The dashboard never draws empty axes ("No numbers yet" instead), and its text never overlaps or is
clipped, a 40-character Chinese title included; it is drawn in the bundled CJK font."""

from itertools import combinations

from matplotlib.font_manager import findfont

from tests.gui.helpers import node_id, select, type_into

LONG_TITLE = "通过京东平台与广汽联合定制车型实现新能源汽车用户规模全面增长并提升复购率以及会员转化"[:40]


def show_dashboard(window, qtbot, code):
    window.views.setCurrentWidget(window.dashboard)
    select(window, code)
    dash = window.dashboard
    qtbot.waitUntil(lambda: dash.canvas is not None)
    return dash


def test_a_measure_without_numbers_says_so_instead_of_empty_axes(window, qtbot):
    select(window, "C-S2")
    window.action("addChild").trigger()                         # a new measure: no numbers yet
    measure = window.current_node()
    dash = show_dashboard(window, qtbot, measure.code)
    ax = dash.ax_measure
    assert not ax.axison                                        # no 0–1 axes, no ticks
    assert [t.get_text() for t in ax.texts] == ["No numbers yet"]
    assert dash.no_numbers_shown()
    assert ax.get_title() == f"{measure.code} New measure"
    select(window, "C-S1-M2")                                   # one with numbers: a real chart again
    assert dash.ax_measure.axison and dash.ax_measure.get_lines() and not dash.no_numbers_shown()


def test_a_node_without_a_chart_of_its_own_draws_no_empty_axes(window, qtbot):
    dash = show_dashboard(window, qtbot, "P1-S1-A1")             # an action, below a unit with nothing below
    assert not dash.ax_measure.axison and [t.get_text() for t in dash.ax_measure.texts] == ["Select a goal or measure"]
    assert not dash.ax_units.axison and [t.get_text() for t in dash.ax_units.texts] == ["No lower level yet"]


def drawn_tick_labels(axis, coordinate):
    """The tick labels matplotlib draws: those inside the axis's view (it keeps others, undrawn)."""
    low, high = sorted(axis.get_view_interval())
    return [t for t in axis.get_ticklabels() if t.get_visible() and t.get_text()
            and low - 1e-9 <= t.get_position()[coordinate] <= high + 1e-9]


def boxes(dash):
    dash.canvas.draw()
    renderer = dash.canvas.get_renderer()
    return renderer, dash.figure.bbox


def test_a_long_chinese_title_is_wrapped_and_nothing_overlaps_or_is_clipped(window, qtbot):
    select(window, "C-S1-M2")
    type_into(qtbot, window.detail.widgets["title"], LONG_TITLE)
    dash = show_dashboard(window, qtbot, "C-S1-M2")
    title = dash.ax_measure.title
    assert title.get_text().replace("\n", "").startswith("C-S1-M2 " + LONG_TITLE[:20])
    assert 1 < len(title.get_text().splitlines()) <= 2          # wrapped, at most two lines
    renderer, figure_box = boxes(dash)
    texts = [dash.ax_measure.title, dash.ax_units.title, dash.ax_status.title, dash.ax_measure.get_legend()]
    for ax in (dash.ax_measure, dash.ax_units, dash.ax_status):
        texts += drawn_tick_labels(ax.xaxis, 0) + drawn_tick_labels(ax.yaxis, 1)
    found = [(t, t.get_window_extent(renderer)) for t in texts]
    for text, box in found:                                     # inside the figure: nothing clipped
        assert figure_box.x0 - 1 <= box.x0 and box.x1 <= figure_box.x1 + 1, text
        assert figure_box.y0 - 1 <= box.y0 and box.y1 <= figure_box.y1 + 1, text
    for (a, box_a), (b, box_b) in combinations(found, 2):       # and no two overlap
        assert not box_a.overlaps(box_b), (a, b)
    legend = dash.ax_measure.get_legend().get_window_extent(renderer)
    plot = dash.ax_measure.get_window_extent(renderer)
    assert not legend.overlaps(plot)                            # beside the lines, never over them


def test_charts_use_the_bundled_cjk_font(window, qtbot):
    dash = show_dashboard(window, qtbot, "C-S1-M2")
    assert "试驾预约量" in dash.ax_measure.get_title()
    assert findfont(dash.ax_measure.title.get_fontproperties()).endswith("wqy-microhei.ttc")
    names = [t for t in dash.ax_units.get_yticklabels() if t.get_text() == "用户洞察团队"]
    assert names and findfont(names[0].get_fontproperties()).endswith("wqy-microhei.ttc")
    assert node_id(window, "C-S1-M2")
