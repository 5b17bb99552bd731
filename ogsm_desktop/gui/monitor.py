"""Keeps the alerts up to date: all of them once the plan is open (on a worker thread, with its own
read-only connection, so a big plan opens at once), then the affected ones after every change —
worked out from the change set, never from the journal. A first evaluation that fails is logged and
said in the Alerts panel (it does not stay on "Checking…"); the next change evaluates everything again."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QObject, QThread, Signal

from ..core import alerts
from ..core.changes import ChangeSet
from ..core.model import QUANTIFIED, Kind
from ..core.plan_settings import SETTING_KEYS
from ..core.storage import Plan
from .session import Session

log = logging.getLogger(__name__)


def _by_node(found: list) -> dict[int, list]:
    by_node: dict[int, list] = {}
    for a in found:
        by_node.setdefault(a.node.id, []).append(a)
    return by_node


class _Evaluate(QThread):
    done = Signal(object)      # {node id: [alerts]}
    failed = Signal(str)

    def __init__(self, path, today, parent=None):
        super().__init__(parent)
        self.path, self.today = path, today

    def run(self) -> None:
        try:
            with Plan.open(self.path, readonly=True) as plan:
                found = alerts.evaluate(plan, self.today)
        except Exception as exc:       # the window keeps working without alerts; the next change retries
            log.exception("evaluating the alerts of %s failed", self.path)
            self.failed.emit(str(exc) or type(exc).__name__)
            return
        self.done.emit(_by_node(found))


class AlertMonitor(QObject):
    changed = Signal()

    def __init__(self, session: Session, today: dt.date | None = None, parent=None):
        super().__init__(parent)
        self.session = session
        self.today = today or session.model.as_of
        self.ready = False
        self.error: str | None = None      # why the alerts could not be worked out, until they can
        self._job: _Evaluate | None = None
        session.changed.connect(self._on_batch)
        session.settings_changed.connect(self._on_settings)
        if session.plan.path is None:
            self.reevaluate()
        else:
            self._job = _Evaluate(session.plan.path, self.today, self)
            self._job.done.connect(self._take)
            self._job.failed.connect(self._failed)
            self._job.start()

    def reevaluate(self) -> None:
        """Evaluate every rule again (after the plan-wide defaults changed, or a failed first run)."""
        try:
            found = alerts.evaluate(self.session.plan, self.today)
        except Exception as exc:
            log.exception("evaluating the alerts failed")
            self._failed(str(exc) or type(exc).__name__)
            return
        self._take(_by_node(found))

    def stop(self) -> None:
        """Wait for the first evaluation to end (before the plan closes)."""
        self.session.changed.disconnect(self._on_batch)
        self.session.settings_changed.disconnect(self._on_settings)
        if self._job is not None:
            self._job.done.disconnect(self._take)
            self._job.failed.disconnect(self._failed)
            self._job.wait()

    def _take(self, by_node: dict) -> None:
        self.session.model.set_alerts(by_node)
        self.ready, self.error = True, None
        self.changed.emit()

    def _failed(self, message: str) -> None:
        self.ready, self.error = True, message
        self.changed.emit()

    def _on_settings(self, keys: set) -> None:
        if keys & SETTING_KEYS:
            self.reevaluate()

    def set_as_of(self, day: dt.date) -> None:
        """Evaluate every rule as of another day (the window's as-of date)."""
        if day != self.today:
            self.today = day
            self.reevaluate()

    def all(self) -> list:
        model = self.session.model
        return [a for nid in model.alerts for a in model.alerts[nid]]

    def _on_batch(self, changes: ChangeSet) -> None:
        """Evaluate again the goals and measures the change touched (fields or actuals)."""
        if not (changes.nodes_changed or changes.actuals_changed):
            return
        if self.error is not None:            # the first evaluation failed: try everything again
            self.reevaluate()
            return
        model, plan = self.session.model, self.session.plan
        touched = changes.node_ids() | changes.actual_nodes
        if not changes.listed:
            touched = set(model.tree.nodes) | touched
        ids = [i for i in touched if i in model.tree.nodes
               and (model.tree.nodes[i].kind in QUANTIFIED or model.tree.nodes[i].kind is Kind.ACTION)]
        gone = [i for i in touched if i not in model.tree.nodes]
        if not ids and not gone:
            return
        found = _by_node(alerts.evaluate(plan, self.today, tree=model.tree, node_ids=ids)) if ids else {}
        model.set_alerts(found, ids + gone)
        self.changed.emit()
