"""The years to date of a big plan's measures, worked out on a worker thread with its own read-only
connection: the window shows the tree with its statuses at once, and the progress column fills in when
the pass over every value is done (as the alerts do)."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import QThread, Signal

from ...core import monitoring
from ...core.plan_settings import MonitorSettings
from ...core.storage import Plan

log = logging.getLogger(__name__)


class ToDateJob(QThread):
    done = Signal(int, object)          # the model's generation when started, {node id: Reading} (None: failed)

    def __init__(self, path: Path, as_of: dt.date, generation: int, parent=None):
        super().__init__(parent)
        self.path, self.as_of, self.generation = path, as_of, generation

    def run(self) -> None:
        try:
            with Plan.open(self.path, readonly=True) as plan:
                found = monitoring.readings(plan, plan.nodes.tree(), self.as_of, MonitorSettings.of(plan))
        except Exception:        # the tree keeps its statuses; the progress stays unknown, and the log says why
            log.exception("working out the years to date of %s failed", self.path)
            found = None
        self.done.emit(self.generation, found)
