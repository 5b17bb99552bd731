"""Python's cycle collector runs on the window's thread only.

A collection starts in whichever thread allocates: with the collector on automatic, a worker reading a
workbook started one, found a closed dialog caught in a reference cycle (a lambda holding its combo
box), and destroyed the dialog's widgets on the worker's thread — Qt crashed (SIGSEGV in
QWidget::~QWidget, the whole GUI suite, three runs out of three)."""

import gc
import threading
import weakref

import pytest

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


class _FakeGc:
    """The ``gc`` the collector sees: counts given by the test, collections noted."""

    def __init__(self):
        self.count, self.collected = (0, 0, 0), []

    def get_threshold(self):
        return (700, 10, 10)

    def disable(self):
        pass

    def get_count(self):
        return self.count

    def collect(self, generation=2):
        self.collected.append(generation)


def test_collections_stay_small_while_workers_allocate_and_full_ones_wait(qapp, monkeypatch):
    """A big plan's workers allocate hundreds of thousands of objects a second. Collected every half second
    (the youngest generation, then the middle one every tenth time, everything every hundredth), each
    collection held the window 40-120 ms, 0.3-0.45 s and 0.8 s at a change of the as-of date. While much is
    allocated the collector now looks every 25 ms, collecting the two younger generations; a collection of
    everything waits until little is allocated, then until 100 times its last duration has passed."""
    from ogsm_desktop.gui import app as app_module

    fake = _FakeGc()
    monkeypatch.setattr(app_module, "gc", fake)
    clock = [1000.0]
    monkeypatch.setattr(app_module.time, "monotonic", lambda: clock[0])
    collector = app_module._MainThreadCollector(qapp)
    try:
        def look(count):
            fake.count, fake.collected = count, []
            collector.check()
            return fake.collected, collector.timer.interval()

        assert look((500, 0, 0)) == ([], 500)                       # little allocated: nothing to do
        assert look((800, 3, 0)) == ([0], 500)                      # as Python's thresholds would
        assert look((40_000, 12, 30)) == ([1], 25)                  # a worker allocating: soon again, no full one
        assert look((3_000, 12, 30)) == ([1], 25)
        assert look((300, 12, 30)) == ([], 500)                     # allocation over: every half second again

        def full_taking(seconds):
            def collect(generation=2):
                fake.collected.append(generation)
                clock[0] += seconds if generation == 2 else 0
            return collect

        monkeypatch.setattr(fake, "collect", full_taking(0.5))
        fake.count = (800, 11, 11)
        fake.collected = []
        collector.check()
        assert fake.collected == [2]                                # idle: everything, taking 0.5 s
        assert look((800, 11, 11)) == ([1], 500)                    # not again before 50 s have passed
        clock[0] += 49
        assert look((800, 11, 11)) == ([1], 500)
        clock[0] += 1.5
        assert look((800, 11, 11)) == ([2], 500)
    finally:
        collector.timer.stop()
        collector.deleteLater()


class _SimGc:
    """Counts as CPython 3.11 keeps them: collect(g) zeroes generations 0..g and bumps g+1."""

    def __init__(self):
        self.count, self.full = [0, 0, 0], 0

    def get_threshold(self):
        return (700, 10, 10)

    def disable(self):
        pass

    def get_count(self):
        return tuple(self.count)

    def collect(self, generation=2):
        for g in range(generation + 1):
            self.count[g] = 0
        if generation < 2:
            self.count[generation + 1] += 1
        else:
            self.full += 1


@pytest.mark.parametrize("per_second", [16_000, 40_000])
def test_a_full_collection_happens_during_two_minutes_of_sustained_allocation(qapp, monkeypatch, per_second):
    """Found by a review: a worker allocating without pause kept the collector busy, collecting only the younger
    generations, so cycles that outlived 25 ms were never freed while it ran (the policy before: a full
    collection about every 55 s). A simulated gc counting as CPython 3.11 does, two simulated minutes."""
    from ogsm_desktop.gui import app as app_module

    sim, clock = _SimGc(), [1000.0]
    monkeypatch.setattr(app_module, "gc", sim)
    monkeypatch.setattr(app_module.time, "monotonic", lambda: clock[0])
    collector = app_module._MainThreadCollector(qapp)
    collector.timer.stop()
    try:
        while clock[0] < 1120.0:                      # two minutes of a worker allocating steadily
            step = collector.timer.interval() / 1000
            clock[0] += step
            sim.count[0] += int(per_second * step)
            collector.check()
        assert sim.full >= 1, f"no full collection in 120 s; gen-2 collections pending: {sim.count[2]}"
    finally:
        collector.deleteLater()
