"""The base of the window's workers that read the plan file on a thread of their own (the alerts, the
years to date): each with its own read-only connection and a copy of the window's tree as it was when
started, told the file's format when the window checked it as it opened it (and alone writes it)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThread

from ..core.model import Tree
from ..core.places import os_problem, os_reason
from ..core.storage import SCHEMA_VERSION, Plan


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
