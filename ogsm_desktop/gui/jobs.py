"""Long work off the window's thread: a job runs a core function with a progress callback, while a
progress dialog shows how far it is and offers Cancel. The window stays responsive."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..core.perf import workers_go

_abandoned: set[QThread] = set()      # workers whose answer is no longer wanted, still ending (see abandon)


def abandon(thread: QThread) -> None:
    """Let ``thread``, a worker whose answer is no longer wanted, end on its own: its owner (a dialog closed) is
    not held up waiting for it. It is taken off its owner, which may be deleted meanwhile, and kept until it has
    ended; :func:`wait_for_abandoned` waits for those still running (the window closes)."""
    for ended in [t for t in _abandoned if not shiboken6.isValid(t) or t.isFinished()]:
        _abandoned.discard(ended)                  # (a thread ended is let go: deleted with its last reference)
    if thread.isFinished():
        thread.deleteLater()
        return
    thread.setParent(None)
    _abandoned.add(thread)


def wait_for_abandoned() -> None:
    """Wait for every worker :func:`abandon` let end on its own (before the window closes)."""
    while _abandoned:
        thread = _abandoned.pop()
        if shiboken6.isValid(thread):
            wait_for(thread)


def wait_for(thread: QThread, ms: int | None = None) -> bool:
    """``thread.wait(ms)`` (without ``ms``: until it ends) from the window's thread, the workers let on
    meanwhile: the thread waited for may be waiting for the window's burst of work to end (``core.perf``)."""
    with workers_go():
        return thread.wait() if ms is None else thread.wait(ms)


class Job(QThread):
    """Runs ``work(progress)``; ``progress(what, done, total)`` returns False once cancelled."""

    progressed = Signal(str, int, int)

    def __init__(self, work: Callable[[Callable[[str, int, int], bool]], object], parent=None):
        super().__init__(parent)
        self._work = work
        self.result = None
        self.error: BaseException | None = None
        self.cancelled = False

    def progress(self, what: str, done: int, total: int) -> bool:
        self.progressed.emit(what, done, total)
        return not self.cancelled

    def run(self) -> None:
        try:
            self.result = self._work(self.progress)
        except BaseException as exc:      # handed to the window's thread, which reports it
            self.error = exc


def run_with_progress(parent: QWidget, title: str, work,
                      cancelled: Callable[[], BaseException] | None = None) -> Job:
    """Run ``work`` on a worker thread behind a modal progress dialog; returns the finished job. ``cancelled``: for
    work that only reads — once the user has cancelled, the job is cancelled however it ends (work that did not
    see the cancel in time ended anyway, and its result came up long after the user had cancelled): what it made
    is dropped and ``job.error`` is ``cancelled()``. (Work that writes stands by what it did: it says itself
    when it honoured the cancel.)"""
    job = Job(work, parent)
    dialog = QProgressDialog(title, QCoreApplication.translate("Jobs", "Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    ended: list[bool] = []

    def cancel() -> None:
        if not ended:                      # closing the dialog emits canceled: a finished job was not cancelled
            job.cancelled = True

    def show(what: str, done: int, total: int) -> None:
        if ended:                          # a report still queued when the job ended: the dialog is gone
            return
        dialog.setLabelText(f"{title}\n{what}")
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)

    dialog.canceled.connect(cancel)
    job.progressed.connect(show)
    loop = QEventLoop()
    job.finished.connect(loop.quit)
    job.start()
    try:
        if job.isRunning():
            loop.exec()
    except BaseException:                  # interrupted on the window's thread (Ctrl+C in its terminal): the job
        job.cancelled = True               # stops at its next report, and the dialog goes, before it goes on
        raise
    finally:
        wait_for(job)
        ended.append(True)
        # The dialog's own timer (started when it was made, to show it after the minimum duration) is stopped
        # by reset(); a dialog left with it running came back over the next dialog the window opened, and the
        # two modal windows blocked each other (seen under Xvfb by a tester). It is then hidden and deleted.
        dialog.reset()
        dialog.hide()
        dialog.deleteLater()
        # The job, ended, is the caller's alone: a child of the window (and held by the dialog's Cancel till the
        # dialog went), it kept what it made (an import's preview of a million rows) or the error that ended it
        # for the whole session (found by a review).
        dialog.canceled.disconnect(cancel)
        job.setParent(None)
        if cancelled is not None and job.cancelled and job.error is None:
            job.result, job.error = None, cancelled()
    return job
