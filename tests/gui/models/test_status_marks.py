"""The tree shows a node's status and its alert as two marks side by side (a red bell used to replace the
status dot), names both in the tooltip, and draws its marks instead of typing emoji."""

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPixmap

import ogsm_desktop.gui
from ogsm_desktop.core.status import STATUS_COLOURS
from ogsm_desktop.gui.marks import ALERT_COLOUR, BELOW_COLOUR, MARK
from ogsm_desktop.gui.models.plan_model import COLUMNS
from tests.gui.helpers import node_id, wait_for_alerts


def marks_of(window, code) -> QPixmap:
    index = window.session.model.index_of(node_id(window, code), COLUMNS.index("status"))
    return index.data(Qt.ItemDataRole.DecorationRole)


def colour_at(pixmap: QPixmap, x: float, y: float) -> str:
    ratio = pixmap.devicePixelRatio()
    colour = pixmap.toImage().pixelColor(round(x * ratio), round(y * ratio))
    return colour.name() if colour.alpha() > 200 else "transparent"


def test_status_and_alert_are_two_marks_named_in_the_tooltip(window, qtbot):
    wait_for_alerts(qtbot, window)
    model = window.session.model
    goal = node_id(window, "D1-G2")
    assert model.alerts[goal] and str(model.standing[goal].status) == "on_track"
    marks = marks_of(window, "D1-G2")
    assert isinstance(marks, QPixmap)
    assert marks.deviceIndependentSize().toSize().width() == 2 * MARK       # drawn at its own size, both shown
    assert colour_at(marks, MARK / 2, MARK / 2) == STATUS_COLOURS["on_track"]        # the green status dot
    assert colour_at(marks, MARK + 5, MARK - 5) == QColor(ALERT_COLOUR).name()         # beside it: the triangle
    tip = model.index_of(goal, COLUMNS.index("status")).data(Qt.ItemDataRole.ToolTipRole)
    assert "Status: on track" in tip
    assert re.search(r"Alert: .+ since \d{4}-\d{2}", tip)
    calm = marks_of(window, "C-S1-M1")                                   # no alert: the dot alone
    assert node_id(window, "C-S1-M1") not in model.alerts
    assert colour_at(calm, MARK / 2, MARK / 2) == STATUS_COLOURS[str(model.standing[node_id(window, "C-S1-M1")].status)]
    assert colour_at(calm, MARK + 5, MARK - 5) == "transparent"
    above = marks_of(window, "C-S1")                                     # something below it slips: an arrow
    assert node_id(window, "C-S1") in model.slipping_below
    assert colour_at(above, MARK + MARK / 2, 5) == QColor(BELOW_COLOUR).name()
    assert "Alert below:" in model.index_of(node_id(window, "C-S1")).data(Qt.ItemDataRole.ToolTipRole)


def test_the_tree_paints_both_marks(window, qtbot):
    wait_for_alerts(qtbot, window)
    view = window.tree_view
    index = window.proxy.mapFromSource(window.session.model.index_of(node_id(window, "D1-G2"),
                                                                     COLUMNS.index("status")))
    view.scrollTo(index)
    rect = view.visualRect(index)
    shot = view.viewport().grab(rect).toImage()
    colours = {shot.pixelColor(x, y).name() for x in range(shot.width()) for y in range(shot.height())}
    assert STATUS_COLOURS["on_track"] in colours and QColor(ALERT_COLOUR).name() in colours


PICTOGRAPHS = re.compile("[\u2300-\u23ff\u2460-\u24ff\u25a0-\u25ff\u2600-\u27bf\u2b00-\u2bff\ufe0f\U0001f000-\U0001ffff]")


def test_no_emoji_or_pictographs_in_the_window():
    """They turn into empty boxes on a machine without an emoji font: marks are drawn (gui/marks.py)."""
    found = []
    for path in Path(ogsm_desktop.gui.__file__).parent.rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if PICTOGRAPHS.search(line):
                found.append(f"{path.name}:{number}: {line.strip()}")
    assert found == []
