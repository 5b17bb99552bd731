"""Python's cycle collector runs on the window's thread only.

A collection starts in whichever thread allocates: with the collector on automatic, a worker reading a
workbook started one, found a closed dialog caught in a reference cycle (a lambda holding its combo
box), and destroyed the dialog's widgets on the worker's thread — Qt crashed (SIGSEGV in
QWidget::~QWidget, the whole GUI suite, three runs out of three)."""

import gc
import threading
import weakref

from ogsm_desktop.gui.app import collect_on_main_thread
from ogsm_desktop.gui.jobs import run_with_progress


def test_no_collection_starts_on_a_worker_thread(qapp, qtbot):
    from PySide6.QtWidgets import QWidget

    collect_on_main_thread(qapp)
    started: list[str] = []

    def record(phase, _info):
        if phase == "start":
            started.append(threading.current_thread().name)

    def work(_progress):
        junk = [[i] for i in range(300_000)]          # enough allocations for many automatic collections
        return len(junk)

    window = QWidget()
    qtbot.addWidget(window)
    gc.callbacks.append(record)
    try:
        job = run_with_progress(window, "work", work)
    finally:
        gc.callbacks.remove(record)
    assert job.result == 300_000
    assert all(name == threading.main_thread().name for name in started), started


def test_garbage_cycles_are_still_collected_on_the_window_thread(qapp, qtbot):
    collect_on_main_thread(qapp)

    class Node:
        pass

    node = Node()
    node.me = node                                     # a cycle only the collector frees
    gone = weakref.ref(node)
    del node
    kept = [[] for _ in range(2000)]                   # allocations, as the program makes them
    assert kept
    qtbot.waitUntil(lambda: gone() is None, timeout=5000)
