"""Keeps the alerts up to date: all of them once the plan is open (on a worker thread, with its own
read-only connection, so a big plan opens at once), then the affected ones after every change."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, QThread, Signal

from ..core import alerts
from ..core.model import QUANTIFIED
from ..core.store import Plan
from .session import Session


class _Evaluate(QThread):
    done = Signal(object)      # {node id: [alerts]}

    def __init__(self, path, today, parent=None):
        super().__init__(parent)
        self.path, self.today = path, today

    def run(self) -> None:
        try:
            with Plan.open(self.path, readonly=True) as plan:
                found = alerts.evaluate(plan, self.today)
        except Exception:       # the window keeps working without alerts; the next change retries
            return
        by_node: dict[int, list] = {}
        for a in found:
            by_node.setdefault(a.node.id, []).append(a)
        self.done.emit(by_node)


class AlertMonitor(QObject):
    changed = Signal()

    def __init__(self, session: Session, today: dt.date | None = None, parent=None):
        super().__init__(parent)
        self.session = session
        self.today = today or dt.date.today()
        self.ready = False
        self._job: _Evaluate | None = None
        session.changed.connect(self._on_batch)
        if session.plan.path is None:
            self._take(self._evaluate_all())
        else:
            self._job = _Evaluate(session.plan.path, self.today, self)
            self._job.done.connect(self._take)
            self._job.start()

    def reevaluate(self) -> None:
        """Evaluate every rule again (after the plan-wide defaults changed)."""
        self._take(self._evaluate_all())

    def stop(self) -> None:
        """Wait for the first evaluation to end (before the plan closes)."""
        self.session.changed.disconnect(self._on_batch)
        if self._job is not None:
            self._job.done.disconnect(self._take)
            self._job.wait()

    def _evaluate_all(self) -> dict[int, list]:
        by_node: dict[int, list] = {}
        for a in alerts.evaluate(self.session.plan, self.today):
            by_node.setdefault(a.node.id, []).append(a)
        return by_node

    def _take(self, by_node: dict) -> None:
        self.session.model.set_alerts(by_node)
        self.ready = True
        self.changed.emit()

    def all(self) -> list:
        model = self.session.model
        return [a for nid in model.alerts for a in model.alerts[nid]]

    def _on_batch(self, _batch: int) -> None:
        """Evaluate again the goals and measures the change touched (fields or actuals)."""
        model, plan = self.session.model, self.session.plan
        rows = plan.batch_journal(_batch)
        touched = {r.node_id for r in rows} | set(plan.last_actual_nodes)
        ids = [i for i in touched if i in model.tree.nodes and model.tree.nodes[i].kind in QUANTIFIED]
        gone = [i for i in touched if i not in model.tree.nodes]
        if not ids and not gone:
            return
        default = int(plan.meta("alert_streak", str(alerts.DEFAULT_STREAK)) or alerts.DEFAULT_STREAK)
        off = frozenset(r for r in (plan.meta("alerts_off", "") or "").split(",") if r)
        count = max([alerts.FORECAST_POINTS, default] + [model.tree.nodes[i].streak or 0 for i in ids])
        recent = plan.recent_actuals(count, ids) if ids else {}
        found = {i: alerts.node_alerts(model.tree.nodes[i], recent.get(i, []), self.today, default, off) for i in ids}
        model.set_alerts(found, ids + gone)
        self.changed.emit()
