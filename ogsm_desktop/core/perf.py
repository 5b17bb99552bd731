"""Helpers for the few places where the core works on the whole big plan at once, and for the window's
thread to have Python to itself for a moment while workers read the plan (see "the window first")."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc(*, kept_as_old: bool = False) -> Iterator[None]:
    """Hold the cycle collector while tens of thousands of small objects are built.

    Plan nodes and their containers hold no reference cycles, so nothing is leaked: the collector
    runs as usual afterwards. With 50,000 nodes alive, its passes otherwise double the time taken.

    ``kept_as_old``: what was built is handed to the oldest generation as it is (``gc.freeze(); gc.unfreeze()``),
    not walked by the next pass over the young: for a pause made once in a while that leaves a million objects
    alive — an import's preview, whose rows took the young pass 0.16 s on the command line and 0.22 s on the
    window's thread (whose timer collects, automatic collection being off there: see ``gui.app``). They are walked
    by a full pass only, if one runs before they are freed. Young garbage of any thread goes to the oldest
    generation with them, freed by the next full pass rather than the next young one; so never for pauses made
    often: that zeroes the young count each time, and Python 3.11 then starts no collection of its own — cycles
    made between such pauses were never freed.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if kept_as_old:
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()


# ----------------------------------------------------------------- the window first
# Qt calls back into Python for every row it lays out (a tree of 20,000 rows: some 300,000 calls), taking
# Python's lock for each call and letting it go after. A worker thread working in Python meanwhile takes the
# lock back each time, and each call then waits for the worker to hand it over (up to 5 ms): expanding a big
# plan's filtered tree took 1.4-4.8 s with the window's workers running, 0.85 s without. While the window's
# thread asks, the workers wait at their next pause (PAUSE_STEPS of SQLite's, a node judged), so that
# it has the lock to itself. A worker waits at most HOLD_AT_MOST: the window's burst is then late, never the
# worker stuck. (The alerts' side reader pauses between its statements only: see monitoring_reads.SideReader.)
HOLD_AT_MOST = 5.0                # seconds
PAUSE_STEPS = 100_000             # SQLite's steps between a reader's pauses (a few ms). Each pause takes
                                  # Python's lock: every 20,000 steps made a plain SQL read 2-10 times
                                  # slower while another thread worked in Python (found by a review)
_clear = threading.Event()
_clear.set()
_holder: list[int] = []           # the thread asking (one at a time: the window's), once per nested ask


@contextmanager
def workers_wait() -> Iterator[None]:
    """Make the workers wait at their next pause while this block runs (on the window's thread)."""
    _holder.append(threading.get_ident())
    _clear.clear()
    try:
        yield
    finally:
        _holder.pop()
        if not _holder:
            _clear.set()


@contextmanager
def workers_go() -> Iterator[None]:
    """Let the workers on while this block runs, though the window's thread asked them to wait: for the
    window's thread waiting for a worker to end (which would otherwise wait HOLD_AT_MOST for nothing), or
    committing a write (which waits for the readers held). On another thread (a worker's own commit), nothing:
    the hold is the window's to lift."""
    if threading.get_ident() not in _holder:
        yield
        return
    held = list(_holder)
    _holder.clear()
    _clear.set()
    try:
        yield
    finally:
        if held:
            _holder.extend(held)
            _clear.clear()


def holding() -> bool:
    """Whether this thread holds the workers (:func:`workers_wait`): a worker it waits for must not pause."""
    return threading.get_ident() in _holder


def let_window_first() -> None:
    """A worker's pause: wait while the window's thread asks (see :func:`workers_wait`); at once otherwise,
    and on the window's thread itself."""
    if not _clear.is_set() and threading.get_ident() not in _holder:
        _clear.wait(HOLD_AT_MOST)


def _progress() -> int:
    let_window_first()
    return 0                      # (non-zero would stop the statement)


def pause_in_reads(conn) -> None:
    """Let the statements of ``conn`` (a reader's, on a worker thread) pause for the window (every
    PAUSE_STEPS of SQLite's steps)."""
    conn.set_progress_handler(_progress, PAUSE_STEPS)


def peak_memory_mb() -> float:
    """This process's peak resident memory, in MB. Linux's ru_maxrss of a process started by another one
    (fork or vfork, then exec) keeps the parent's resident size of before the exec, so /proc's high-water
    mark of this process's own memory is read where there is one."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource
    import sys
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss         # kilobytes; bytes on macOS
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)
