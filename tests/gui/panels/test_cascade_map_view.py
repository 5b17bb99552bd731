"""The cascade map in the window: it follows the selection, a click on a unit selects it, Up goes to the
unit above, it changes with the plan, and Export writes the page shown (PNG, SVG) or the whole map (PDF)."""

import unicodedata

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QWheelEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from tests.gui.helpers import node_id, select, type_into
from tests.helpers import assert_fonts_named_as_subsets


def _show_map(window, qtbot):
    window.views.setCurrentWidget(window.cascade_map)
    qtbot.waitUntil(lambda: window.cascade_map.canvas.isVisible())
    return window.cascade_map


def _click_box(qtbot, view, code):
    canvas = view.canvas
    box = next(b for b in view.current_page().boxes if b.node.code == code)
    origin, scale = canvas._origin(), canvas.scale()
    at = QPoint(int(origin.x() + (box.x + box.width / 2) * scale), int(origin.y() + (box.y + box.height / 2) * scale))
    assert canvas.box_at(at.toPointF()) is box
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=at)


def test_the_map_follows_the_selection_and_a_click_selects_a_unit(window, qtbot):
    view = _show_map(window, qtbot)
    select(window, "C-G1")
    assert view.heading.text() == "Cascade map — C 成为新能源汽车消费的第一入口"
    assert [b.node.code for b in view.current_page().boxes] == ["D1", "D2"]
    assert not view.up.isEnabled()
    _click_box(qtbot, view, "D2")
    assert window.current_node().code == "D2"                     # selected in the tree
    assert view.current_page().unit.code == "D2" and view.up.isEnabled()
    select(window, "P1-S1-M1")                                    # a unit without units below: its box, marked
    assert view.current_page().unit.code == "D1" and view.canvas.marked == node_id(window, "P1")
    view.up.click()
    assert window.current_node().code == "C" and view.current_page().unit.code == "C"


def test_the_map_changes_with_the_plan(window, qtbot):
    view = _show_map(window, qtbot)
    select(window, "D1")
    select(window, "C")
    select(window, "D1")
    type_into(qtbot, window.detail.widgets["title"], "新的部门目的")
    select(window, "C")
    assert [b.node.title for b in view.current_page().boxes if b.node.code == "D1"] == ["新的部门目的"]


def test_export_the_page_shown_and_the_whole_map(window, qtbot, monkeypatch, tmp_path):
    view = _show_map(window, qtbot)
    select(window, "C")
    answers = iter([(str(tmp_path / "map.png"), "PNG image — the page shown (*.png)"),
                    (str(tmp_path / "map"), "SVG drawing — the page shown (*.svg)"),
                    (str(tmp_path / "whole"), "PDF — the whole map, page by page (*.pdf)")])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: next(answers))
    for _ in range(3):
        window.action("exportCascadeMap").trigger()
    image = QImage(str(tmp_path / "map.png"))
    assert not image.isNull() and image.width() > 1000 and image.width() > image.height()
    svg = (tmp_path / "map.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "D2" in svg
    reader = PdfReader(tmp_path / "whole.pdf")
    texts = [" ".join(unicodedata.normalize("NFKC", page.extract_text()).split()) for page in reader.pages]
    assert len(texts) == 3 and "Cascade map — C" in texts[0]
    assert "让用户需求直接定义定制车型" in texts[0] and "D1" in texts[1] and "D2" in texts[2]
    assert texts[0].count("Cascade map — C") == 1                  # each text once (no bold drawn twice)
    assert view.current_page().unit.code == "C"
    assert_fonts_named_as_subsets(tmp_path / "whole.pdf")


def test_an_exported_image_keeps_a_white_margin_round_the_map(window, qtbot, monkeypatch, tmp_path):
    """Found by the window's tester: the exported PNG's title started at the image's first pixel (x=1, y=3), as
    if cut from a larger picture. The PNG and the SVG keep a white margin on every side (10 points at least)."""
    import re

    view = _show_map(window, qtbot)
    select(window, "C")
    answers = iter([(str(tmp_path / "map.png"), "PNG image — the page shown (*.png)"),
                    (str(tmp_path / "map.svg"), "SVG drawing — the page shown (*.svg)")])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: next(answers))
    for _ in range(2):
        window.action("exportCascadeMap").trigger()
    image = QImage(str(tmp_path / "map.png"))
    edge = 20                                                          # (drawn at twice the points)
    white = QColor("white").rgb()
    for x, y in [(x, y) for x in range(image.width()) for y in (*range(edge), *range(image.height() - edge,
                                                                                       image.height()))] + \
                [(x, y) for y in range(image.height()) for x in (*range(edge), *range(image.width() - edge,
                                                                                      image.width()))]:
        assert image.pixel(x, y) == white, (x, y)
    svg = (tmp_path / "map.svg").read_text(encoding="utf-8")
    box = [float(v) for v in re.search(r'viewBox="([^"]+)"', svg).group(1).split()]
    assert box[0] < 0 and box[1] < 0 and view.current_page().unit.code == "C"


def test_a_map_that_cannot_be_written_says_so(window, qtbot, monkeypatch, tmp_path, messages):
    _show_map(window, qtbot)
    select(window, "C")
    for name in ("map.pdf", "map.svg", "map.png"):
        target = tmp_path / "no such folder" / name
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, target=target, **k: (str(target), ""))
        shown = len(messages.shown)
        assert window.reports.export_map() is False
        assert len(messages.shown) == shown + 1 and messages.shown[-1][1] == f"{target}: cannot be written", name
        assert not target.exists()


LONG = "围绕用户全生命周期的数字化运营体系建设，打通线上线下触点并持续提升转化效率"     # 40 characters


def test_a_units_long_title_takes_the_room_its_box_has(window, qtbot, monkeypatch, tmp_path):
    """Found by a new user: a box cut a long title after two lines ("…") with room left below it for two
    more. The title takes the lines the box has above its status line, and only then is cut."""
    _show_map(window, qtbot)
    select(window, "D1")
    type_into(qtbot, window.detail.widgets["title"], "让用户需求直接定义定制车型：" + LONG)
    select(window, "C")
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "whole.pdf"), "PDF — the whole map, page by page (*.pdf)"))
    window.action("exportCascadeMap").trigger()
    first = "".join(unicodedata.normalize("NFKC", PdfReader(tmp_path / "whole.pdf").pages[0].extract_text()).split())
    assert "".join(unicodedata.normalize("NFKC", "让用户需求直接定义定制车型：" + LONG).split()) in first
    select(window, "D2")
    type_into(qtbot, window.detail.widgets["title"], "让更多年轻用户" + LONG * 3 + "末尾四字")       # too long for any box
    select(window, "C")
    window.action("exportCascadeMap").trigger()
    first = "".join(unicodedata.normalize("NFKC", PdfReader(tmp_path / "whole.pdf").pages[0].extract_text()).split())
    assert "让更多年轻用户" in first and "..." in first and "末尾四字" not in first     # "…", NFKC


def test_zoom_in_out_and_fit_the_whole_page(window, qtbot):
    """Found by a new user: the map view had no zoom and no way to see a whole page at once."""
    view = _show_map(window, qtbot)
    window.resize(1400, 1000)
    select(window, "C")
    canvas, viewport = view.canvas, view.scroll.viewport()
    qtbot.waitUntil(lambda: viewport.height() > 200)
    start = canvas.scale()
    qtbot.mouseClick(view.zoom_in, Qt.MouseButton.LeftButton)
    assert abs(canvas.scale() - start * 1.25) < 1e-6 and canvas.width() > viewport.width()
    assert view.zoom_label.text() == f"{round(canvas.scale() / (canvas.logicalDpiX() / 72) * 100)}%"
    qtbot.mouseClick(view.zoom_out, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.zoom_out, Qt.MouseButton.LeftButton)
    assert abs(canvas.scale() - start / 1.25) < 1e-6
    qtbot.mouseClick(view.fit_page, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.scroll.verticalScrollBar().isVisible()
                    and not view.scroll.horizontalScrollBar().isVisible())
    assert canvas.width() <= viewport.width() and canvas.height() <= viewport.height()
    fitted = canvas.scale()
    window.resize(1600, 1100)                                         # a fitted page stays fitted
    qtbot.waitUntil(lambda: canvas.scale() > fitted)
    assert canvas.height() <= viewport.height()
    for _ in range(40):                                               # within limits
        view.zoom_out.click()
    assert canvas.scale() >= canvas.logicalDpiX() / 72 * 0.25 - 1e-9
    smallest = canvas.scale()
    wheel = QWheelEvent(QPointF(50, 50), canvas.mapToGlobal(QPointF(50, 50)), QPoint(), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(canvas, wheel)                             # Ctrl + the wheel: zoom in
    assert canvas.scale() > smallest
    _click_box(qtbot, view, "D2")                                     # a click still finds its box
    assert window.current_node().code == "D2"
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)          # Ctrl+0: the whole page
    assert canvas.whole_page
    qtbot.keyClick(canvas, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)       # Ctrl++: larger
    assert not canvas.whole_page and canvas.zoom is not None


@pytest.mark.parametrize("delta", [30, -30, 120, -120])
def test_ctrl_and_a_fine_wheel_zoom_a_step_a_notch_either_way(qapp, delta):
    """Found by a cold review: a high-resolution wheel (or a touchpad) sends less than 120 a notch; rounded
    down, a notch up did not zoom and a notch down zoomed out four steps."""
    from ogsm_desktop.gui.panels.cascade_map_view import MapCanvas

    canvas, asked = MapCanvas(), []
    canvas.zoom_asked.connect(asked.append)
    for _ in range(120 // abs(delta)):                   # one notch
        QApplication.sendEvent(canvas, QWheelEvent(QPointF(5, 5), QPointF(5, 5), QPoint(), QPoint(0, delta),
                                                   Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                                                   Qt.ScrollPhase.NoScrollPhase, False))
    assert asked == [1 if delta > 0 else -1]


def test_a_continued_map_page_says_so_however_long_its_units_title(qapp, tmp_path):
    """Found by a new user: with a long objective title, the heading of the map's second page was cut with "…"
    and its "(continued)" with it: it read as another map, the top unit drawn again."""
    from ogsm_desktop.core import cascade_map
    from ogsm_desktop.core.model import Kind, Node, Tree
    from ogsm_desktop.gui.cascade_map import area_points, write_pdf

    nodes = {1: Node(1, Kind.OBJECTIVE, "C", "成为新能源汽车消费的第一入口" + LONG * 3, None, 0),
             2: Node(2, Kind.STRATEGY, "C-S1", "一个策略", 1, 0)}
    for i in range(30):
        nodes[10 + i] = Node(10 + i, Kind.OBJECTIVE, f"D{i + 1}", "部门", 2, i)
    area = area_points()
    pages = cascade_map.pages(Tree.build(nodes), {}, area.width(), area.height())
    assert len(pages) > 1 and pages[1].continued
    write_pdf(pages, tmp_path / "map.pdf", "map")
    texts = ["".join(unicodedata.normalize("NFKC", p.extract_text()).split()) for p in PdfReader(tmp_path / "map.pdf").pages]
    first_line = [t[:t.index("C-S1")] for t in texts]                    # the heading, before the chips
    assert "(continued)" not in first_line[0] and all("(continued)" in t for t in first_line[1:]), first_line
    assert all("..." in t for t in first_line)                           # the title is what was cut


def test_the_heading_is_cut_in_the_title_with_a_mark_and_the_page_it_is_stays(window, qtbot):
    """Found by a new user: in a narrow pane the heading vanished (the buttons took its room), and wider it was
    cut mid-character without "…"."""
    view = _show_map(window, qtbot)
    select(window, "D1")
    type_into(qtbot, window.detail.widgets["title"], "让用户需求直接定义定制车型：" + LONG * 2)
    select(window, "C")
    window.resize(900, 600)
    qtbot.waitUntil(lambda: view.heading.width() > 0 and view.heading.text() != "")
    full = view.heading.toolTip()
    assert full.startswith("Cascade map — C ") and view.heading.text() != ""
    assert view.heading.fontMetrics().horizontalAdvance(view.heading.text()) <= view.heading.width()
    select(window, "D1")
    assert LONG in view.heading.toolTip()
    assert view.heading.text().endswith("…") and view.heading.text().startswith("Cascade map — D1")


def test_zoom_keeps_the_middle_of_the_view_in_the_middle(window, qtbot):
    """Found by a new user: three steps in, the view stayed at the map's left edge, the unit selected out of
    sight."""
    view = _show_map(window, qtbot)
    window.resize(1400, 1000)
    select(window, "C")
    canvas, viewport = view.canvas, view.scroll.viewport()
    qtbot.waitUntil(lambda: viewport.height() > 200)

    def middle():                       # the map's point (in points) at the middle of the view
        at = canvas.mapFrom(viewport, viewport.rect().center())
        origin, scale = canvas._origin(), canvas.scale()
        return (at.x() - origin.x()) / scale, (at.y() - origin.y()) / scale

    before = middle()
    for _ in range(3):
        view.zoom_in.click()
    after = middle()
    assert abs(after[0] - before[0]) < 4 and abs(after[1] - before[1]) < 4, (before, after)
