"""The years to date of a big plan's measures, worked out on a worker thread with its own read-only
connection, and every standing rolled up from them there: the window shows the tree with its statuses at
once, and the progress column fills in when the pass over every value is done (as the alerts do)."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import QThread, Signal

from ...core import monitoring
from ...core.model import Tree
from ...core.plan_settings import MonitorSettings
from ...core.status import roll_up
from ...core.storage import Plan
from ...core.storage.errors import is_busy

log = logging.getLogger(__name__)


BUSY = "busy"      # the answer of a job whose read found the plan file being written (by this window, most often)


class ToDateJob(QThread):
    done = Signal(int, object)          # the model's generation when started, ({node id: Reading}, {node id:
                                        # Standing}); None: failed (logged); BUSY: the file was being written

    def __init__(self, path: Path, as_of: dt.date, generation: int, tree: Tree, settings: MonitorSettings,
                 parent=None, inspected: int | None = None):
        """``tree`` and ``settings``: the model's when started (a copy of the tree: the model's changes with
        every edit; an edit meanwhile makes the answer outdated). ``inspected``: the format of a plan file
        the window checked as it opened it and alone writes (not checked again)."""
        super().__init__(parent)
        self.path, self.as_of, self.generation, self.inspected = path, as_of, generation, inspected
        self.tree, self.settings = tree, settings
        self._stopping = False
        self._plan = None               # the worker's plan while it reads (interrupted by stop())

    def run(self) -> None:
        try:
            self._read()
        finally:
            self.tree = None            # (a copy of a big plan's tree: let go as soon as the job ends)

    def _read(self) -> None:
        try:
            with Plan.open(self.path, readonly=True, inspected=self.inspected) as plan:
                self._plan = plan
                try:
                    if self._stopping:
                        return
                    found = monitoring.readings(plan, self.tree, self.as_of, self.settings)
                finally:
                    self._plan = None
            if self._stopping:
                return
            found = (found, roll_up(self.tree, found, self.settings))
        except Exception as exc:
            if self._stopping:          # interrupted: its answer was not wanted
                return
            if is_busy(exc):
                found = BUSY
            else:                       # the tree keeps its statuses; the progress stays unknown, the log says why
                log.exception("working out the years to date of %s failed", self.path)
                found = None
        self.done.emit(self.generation, found)

    def stop(self) -> None:
        """End the job as soon as it can (its read is interrupted: a big plan's takes seconds) and wait."""
        self._stopping = True
        while not self.wait(50):
            plan = self._plan
            if plan is not None:
                plan.interrupt()        # SQLite's way to stop a statement from another thread
