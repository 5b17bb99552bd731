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

log = logging.getLogger(__name__)


class ToDateJob(QThread):
    done = Signal(int, object)          # the model's generation when started, ({node id: Reading}, {node id:
                                        # Standing}) (None: failed)

    def __init__(self, path: Path, as_of: dt.date, generation: int, tree: Tree, settings: MonitorSettings,
                 parent=None):
        """``tree`` and ``settings``: the model's when started (a copy of the tree: the model's changes with
        every edit; an edit meanwhile makes the answer outdated)."""
        super().__init__(parent)
        self.path, self.as_of, self.generation = path, as_of, generation
        self.tree, self.settings = tree, settings

    def run(self) -> None:
        try:
            with Plan.open(self.path, readonly=True) as plan:
                found = monitoring.readings(plan, self.tree, self.as_of, self.settings)
            found = (found, roll_up(self.tree, found, self.settings))
        except Exception:        # the tree keeps its statuses; the progress stays unknown, and the log says why
            log.exception("working out the years to date of %s failed", self.path)
            found = None
        self.done.emit(self.generation, found)
