"""The first start on a 1366×768 laptop: the window fits the screen, the tree's columns and the detail
editor's common fields show without scrolling or clipping."""

import pytest
from PySide6.QtCore import QRect

from ogsm_desktop.gui.main_window import MainWindow
from tests.gui.helpers import select

COMMON = ("code", "title", "owner", "org_unit", "status", "target", "due_date")


class LaptopScreen:
    """A 1366×768 screen, less a 40 px task bar."""

    def availableGeometry(self):
        return QRect(0, 0, 1366, 728)


@pytest.fixture
def first_start(qtbot, settings, demo_path, messages, monkeypatch):
    monkeypatch.setattr(MainWindow, "screen", lambda self: LaptopScreen())
    assert settings.geometry is None                       # nothing saved: the first start
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert win.open_plan(demo_path)
    yield win
    win.close()


def fully_shown(widget) -> bool:
    return widget.isVisible() and widget.visibleRegion().boundingRect() == widget.rect()


def test_the_window_fits_the_screen(first_start):
    win = first_start
    title_bar = 40                                          # room left for the window's frame
    assert win.width() <= 1366 and win.height() + title_bar <= 728
    assert win.minimumSizeHint().width() <= 1366 and win.minimumSizeHint().height() + title_bar <= 728
    header = win.tree_view.header()                         # every column of the tree in view
    assert sum(header.sectionSize(c) for c in range(header.count())) <= win.tree_view.viewport().width()


@pytest.mark.parametrize("code", ["C-G1", "C-S1-M2", "C-S1-A1", "C-S1"])
def test_the_common_fields_show_without_scrolling(first_start, code):
    win = first_start
    select(win, code)
    editor = win.detail
    shown = [f for f in COMMON if not editor.widgets[f].isHidden()]
    assert {"code", "title", "owner", "org_unit"} <= set(shown)
    for field in shown:
        widget = editor.widgets[field]
        assert fully_shown(widget), field
        assert fully_shown(editor.form.labelForField(widget)), field
    assert fully_shown(editor.more)
    assert editor.verticalScrollBar().value() == 0
    assert win.views.height() >= 120                         # and the views below keep some room


def test_a_measures_numbers_show_a_quarter_without_scrolling(first_start, qtbot):
    """Found by a tester: the Numbers panel showed two periods at a time on the first start; entering a
    month's number meant scrolling for the one before it. A quarter's months show at once."""
    win = first_start
    select(win, "C-S1-M2")
    view = win.numbers.view
    qtbot.waitUntil(lambda: view.model().rowCount() >= 12)
    shown = [r for r in range(view.model().rowCount())
             if view.visualRect(view.model().index(r, 0)).bottom() <= view.viewport().height()]
    assert len(shown) >= 3, len(shown)
    assert win.views.height() >= 120
