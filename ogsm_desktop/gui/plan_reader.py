"""The base of the window's workers that read the plan file on a thread of their own (the alerts, the
years to date): each with its own read-only connection and a copy of the window's tree as it was when
started, told the file's format when the window checked it as it opened it (and alone writes it); and
:class:`OneReader`, which runs one of them at a time for its owner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThread

from ..core.model import Tree
from ..core.places import os_problem, os_reason
from ..core.storage import SCHEMA_VERSION, Plan
from .jobs import abandon, wait_for


class PlanReader(QThread):
    """Subclasses define ``read()``, the work on the worker's thread, which answers with a signal of theirs."""

    def __init__(self, plan: Plan, tree: Tree, generation: int, parent=None):
        """``plan``: the window's (its file is read); ``tree``: the window's (copied); ``generation``: what
        the answer is sent back with, so that an outdated one is told apart."""
        super().__init__(parent)
        self.path: Path = plan.path
        self.inspected = None if plan.readonly else SCHEMA_VERSION    # an older file is converted as it is read
        self.tree: Tree | None = tree.copy()      # the window's changes with every edit
        self.generation = generation
        self.stopping = False           # set by the window's thread: the answer is no longer wanted

    def open(self) -> Plan:
        return Plan.open(self.path, readonly=True, inspected=self.inspected)

    def run(self) -> None:
        try:
            self.read()
        finally:
            self.tree = None            # (a copy of a big plan's tree: let go as soon as the job ends)


def failure_text(exc: Exception, path) -> str:
    """Why a worker's read failed, to be said in the window: a refusal of the system in the user's words and
    language (:func:`os_problem`), anything else as it says itself."""
    if isinstance(exc, OSError):
        where = exc.filename or path
        return os_problem(where, exc, "read") if where else os_reason(exc)
    return str(exc) or type(exc).__name__


class OneReader(QObject):
    """One worker at a time for its owner (the alerts' monitor, the Review dialog). Asked again while one reads,
    that one is told to stop and the next starts once it has ended — at most one waits. ``make()`` builds the
    next worker from the owner's state as it is then; ``done`` and ``failed`` take the workers' answers."""

    def __init__(self, make: Callable[[], PlanReader], done: Callable, failed: Callable, parent: QObject):
        super().__init__(parent)
        self._make, self._done, self._failed = make, done, failed
        self.job: PlanReader | None = None     # the worker reading
        self.waiting = False                   # another one asked for, started when that one has ended

    def ask(self) -> None:
        if self.job is not None:
            self.job.stopping, self.waiting = True, True
            return
        self._start()

    def drop(self) -> None:
        """The answer of the worker reading is no longer wanted, nor another one (the owner has its answer)."""
        if self.job is not None:
            self.job.stopping = True
        self.waiting = False

    def stop(self, *, wait: bool) -> None:
        """No more workers, and no answer from the one reading: it is waited for (``wait``), or let end on its
        own (:func:`~.jobs.abandon`)."""
        self.waiting = False
        job, self.job = self.job, None
        if job is None:
            return
        job.stopping = True
        job.done.disconnect(self._done)
        job.failed.disconnect(self._failed)
        job.finished.disconnect(self._finished)
        if wait:
            wait_for(job)
            job.deleteLater()
        else:
            abandon(job)

    def _start(self) -> None:
        job = self.job = self._make()
        job.done.connect(self._done)
        job.failed.connect(self._failed)
        job.finished.connect(self._finished)
        job.start()

    def _finished(self) -> None:
        job, self.job = self.job, None
        if job is not None:
            job.deleteLater()
        if self.waiting:
            self.waiting = False
            self._start()
