"""The years to date of a big plan's measures, worked out on a worker thread with its own read-only
connection, and every standing rolled up from them there: the window shows the tree with its statuses at
once, and the progress column fills in when the pass over every value is done (as the alerts do). At a new
as-of date (or new monitoring settings) the statuses themselves are worked out there first, and sent on their
own before the pass over every value: the window stays free meanwhile (1-2 s on the big plan)."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import Signal

from ...core import monitoring
from ...core.model import Tree
from ...core.plan_settings import MonitorSettings
from ...core.status import roll_up
from ...core.storage import Plan
from ...core.storage.errors import is_busy
from ..jobs import wait_for
from ..plan_reader import PlanReader

log = logging.getLogger(__name__)


BUSY = "busy"      # the answer of a job whose read found the plan file being written (by this window, most often)


class ToDateJob(PlanReader):
    done = Signal(int, object, bool)    # the model's generation when started, ({node id: Reading}, {node id:
                                        # Standing}); None: failed (logged); BUSY: the file was being written;
                                        # whether it is the last answer (False: the statuses, progress to follow)

    def __init__(self, plan: Plan, as_of: dt.date, generation: int, tree: Tree, settings: MonitorSettings,
                 parent=None, statuses_first: bool = False):
        """``tree`` and ``settings``: the model's when started (an edit meanwhile makes the answer outdated);
        ``statuses_first``: the statuses are sent first, as soon as worked out (without the progress)."""
        super().__init__(plan, tree, generation, parent)
        self.as_of, self.settings, self.statuses_first = as_of, settings, statuses_first
        self._plan = None               # the worker's plan while it reads (interrupted by stop())

    def read(self) -> None:
        try:
            with self.open() as plan:
                self._plan = plan
                try:
                    if self.statuses_first and not self.stopping:
                        found = monitoring.readings(plan, self.tree, self.as_of, self.settings, to_date=False)
                        if not self.stopping:
                            self.done.emit(self.generation, (found, roll_up(self.tree, found, self.settings)), False)
                    if self.stopping:
                        return
                    found = monitoring.readings(plan, self.tree, self.as_of, self.settings)
                finally:
                    self._plan = None
            if self.stopping:
                return
            found = (found, roll_up(self.tree, found, self.settings))
        except Exception as exc:
            if self.stopping:           # interrupted: its answer was not wanted
                return
            if is_busy(exc):
                found = BUSY
            else:                       # the tree keeps its statuses; the progress stays unknown, the log says why
                log.exception("working out the years to date of %s failed", self.path)
                found = None
        self.done.emit(self.generation, found, True)

    def stop(self) -> None:
        """End the job as soon as it can (its read is interrupted: a big plan's takes seconds) and wait."""
        self.stopping = True
        while True:                     # interrupted first: waited for first, a step of the date field took 0.1 s
            plan = self._plan
            if plan is not None:
                plan.interrupt()        # SQLite's way to stop a statement from another thread (none: no effect)
            if wait_for(self, 50):
                return
