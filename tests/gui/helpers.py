"""Helpers of the GUI tests: finding nodes, selecting them, typing as a user types, reading the file."""

import sqlite3

from PySide6.QtCore import QModelIndex, Qt

from ogsm_desktop.gui.models.plan_model import COLUMNS


def node_id(window, code):
    return next(n.id for n in window.session.model.tree.nodes.values() if n.code == code)


def select(window, code):
    window.select_node(node_id(window, code))
    assert window.current_node().code == code


def visible_codes(window, parent=None):
    parent = parent if parent is not None else QModelIndex()
    view_model = window.tree_view.model()
    out = []
    for row in range(view_model.rowCount(parent)):
        index = view_model.index(row, 0, parent)
        out.append(view_model.index(row, COLUMNS.index("code"), parent).data())
        out += visible_codes(window, index)
    return out


def type_into(qtbot, widget, text):
    """Type into a line edit and press Enter. Chinese comes through an input method, which QTest
    cannot play, so non-ASCII text is inserted as an input method commits it."""
    widget.setFocus()
    widget.selectAll()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        widget.insert(text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def batches(path):
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT kind, reason FROM batches ORDER BY id").fetchall()
    conn.close()
    return rows


def wait_for_alerts(qtbot, window):
    """Until every alert is listed and the worker that found them has ended (its end is said a moment after
    its answer: a test that then holds the window's thread would wait for it in vain)."""
    qtbot.waitUntil(lambda: window.monitor is not None and window.monitor.ready and window.monitor._job is None,
                    timeout=10_000)


class BusyWorker:
    """A worker thread passing its pauses (``core.perf.let_window_first``) as fast as it can, as one judging
    node after node does; :meth:`counting` wraps a function to note how many pauses it passed meanwhile."""

    def __init__(self):
        import threading

        self.passes = 0
        self.seen: list[int] = []           # the pauses passed during each call wrapped
        self._ending = False
        self._thread = threading.Thread(target=self._work, daemon=True)

    def _work(self):
        from ogsm_desktop.core import perf

        while not self._ending:
            perf.let_window_first()
            self.passes += 1

    def counting(self, was):
        import time

        def during(*args, **kwargs):
            before = self.passes
            time.sleep(0.1)
            self.seen.append(self.passes - before)
            return was(*args, **kwargs)
        return during

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *_exc):
        self._ending = True
        self._thread.join(5)
