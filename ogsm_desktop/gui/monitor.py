"""Keeps the alerts up to date: all of them on a worker thread, with its own read-only connection (once the
plan is open, when the as-of date or the plan's alert settings change), so a big plan's window stays
free meanwhile; then the affected ones after every change, worked out from the change set, never from
the journal. A change made while a worker evaluates is evaluated again once the worker's alerts arrive,
so they never overwrite a newer state. An evaluation that fails is logged and said in the Alerts panel
(it does not stay on "Checking…"); the next change evaluates everything again."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QObject, Signal

from ..core.changes import ChangeSet
from ..core.model import QUANTIFIED, Kind, Tree
from ..core.plan_settings import SETTING_KEYS
from ..core.storage import Plan
from ..core.storage.errors import is_busy
from .models.judging import BUSY_TRIES
from .plan_reader import OneReader, PlanReader, failure_text
from .session import Session

log = logging.getLogger(__name__)


def _by_node(found: list) -> dict[int, list]:
    by_node: dict[int, list] = {}
    for a in found:
        by_node.setdefault(a.node.id, []).append(a)
    return by_node


class _Evaluate(PlanReader):
    done = Signal(int, object)      # generation, {node id: [alerts]}
    failed = Signal(int, str, bool)     # generation, what went wrong, whether the file was being written

    def __init__(self, plan: Plan, today: dt.date, tree: Tree, generation: int, parent=None):
        super().__init__(plan, tree, generation, parent)
        self.today = today

    def read(self) -> None:
        from ..core import plan_alerts  # (imported when first needed, off the start-up path)

        try:
            with self.open() as plan:
                found = plan_alerts.evaluate(plan, self.today, tree=self.tree, stop=lambda: self.stopping)
        except plan_alerts.Stopped:
            return
        except Exception as exc:       # the window keeps working without alerts; the next change retries
            busy = is_busy(exc)
            if busy:                   # (tried again: not an error yet)
                log.info("the alerts of %s: the plan file was being written (%s)", self.path, exc)
            else:
                log.exception("evaluating the alerts of %s failed", self.path)
            self.failed.emit(self.generation, failure_text(exc, self.path), busy)
            return
        self.done.emit(self.generation, _by_node(found))


class AlertMonitor(QObject):
    changed = Signal()              # the alerts changed (and maybe the state below)
    state_changed = Signal()        # only ``ready`` or ``error`` changed: the alerts listed are the same

    def __init__(self, session: Session, today: dt.date | None = None, parent=None, *, start: bool = True):
        """Every alert is evaluated at once, or (``start`` False) at :meth:`start`."""
        super().__init__(parent)
        self.session = session
        self.today = today or session.model.as_of
        self.ready = False                 # False while every alert is being worked out
        self.listed_as_of: dt.date | None = None     # the date the alerts held were all worked out as of
        self.error: str | None = None      # why the alerts could not be worked out, until they can
        self._generation = 0               # of the newest evaluation of every alert; older answers are dropped
        self._reader = OneReader(lambda: _Evaluate(self.session.plan, self.today, self.session.model.tree,
                                                   self._generation, self), self._take, self._failed, self)
        self._since: set[int] = set()      # nodes a change touched while every alert is being worked out
        self._tries = 0                    # evaluations in a row that found the plan file being written
        session.changed.connect(self._on_batch)
        session.settings_changed.connect(self._on_settings)
        if start:
            self.reevaluate()

    def start(self) -> None:
        """The first evaluation of every alert, of a monitor made with ``start`` False: unless one was asked
        for meanwhile (a new as-of date) or the monitor was stopped (its plan closed)."""
        if self._generation == 0:              # (stop() moves it on too)
            self.reevaluate()

    def reevaluate(self) -> None:
        """Evaluate every rule again: on a worker for a plan in a file (the alerts shown stay until the
        new ones arrive, the panel says it is checking), here for a plan in memory. A worker still running
        is asked to stop; the next one starts when it has (the as-of date's field asks at every keystroke)."""
        self._generation += 1
        self._since = set()
        if self.session.plan.path is None:
            from ..core import plan_alerts

            try:
                found = plan_alerts.evaluate(self.session.plan, self.today)
            except Exception as exc:
                log.exception("evaluating the alerts failed")
                self._failed(self._generation, failure_text(exc, None))
                return
            self._take(self._generation, _by_node(found))
            return
        self.ready, self.error = False, None        # the panel says it is checking again (as of which day)
        self.state_changed.emit()
        self._reader.ask()

    @property
    def _job(self) -> _Evaluate | None:
        """The worker evaluating every alert (one at a time)."""
        return self._reader.job

    def stop(self) -> None:
        """Stop the worker and wait for it (before the plan closes). An answer it sent already is dropped."""
        self.session.changed.disconnect(self._on_batch)
        self.session.settings_changed.disconnect(self._on_settings)
        self._generation += 1
        self._reader.stop(wait=True)

    def _take(self, generation: int, by_node: dict) -> None:
        if generation != self._generation:          # the as-of date or the settings moved on meanwhile
            return
        self._tries = 0
        self.listed_as_of = self.today
        self.session.model.set_alerts(by_node)
        since, self._since = self._since, set()
        self.ready, self.error = True, None
        if since:                                   # changed after the worker's snapshot: evaluated again
            try:
                self._evaluate(since)
            except Exception as exc:                # (the alerts taken above are listed, with the failure said)
                log.exception("evaluating the alerts of the nodes changed meanwhile failed")
                self.error = failure_text(exc, self.session.plan.path)
        self.changed.emit()

    def _failed(self, generation: int, message: str, busy: bool = False) -> None:
        """An evaluation failed. Its read found the plan file being written (most often by this window: a long
        edit, over by now), or the plan changed while it ran: tried again. Else said in the panel."""
        if generation != self._generation:
            return
        if (busy and self._tries < BUSY_TRIES) or self._since:
            self._tries += busy
            self.reevaluate()
            return
        self._tries = 0
        self.ready, self.error = True, message
        self.state_changed.emit()

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
        if self.error is not None:            # the last evaluation failed: try everything again
            self.reevaluate()
            return
        if not changes.listed:                # too big a batch to follow: everything again, on the worker
            self.reevaluate()
            return
        touched = changes.node_ids() | changes.actual_nodes
        if not self.ready:                    # a worker's answer to come may predate this change
            self._since |= touched
        if self._evaluate(touched):
            self.changed.emit()

    def _evaluate(self, touched: set[int]) -> bool:
        """Evaluate the alerts of ``touched`` here, on the plan as it is now; False if none could have any, or
        if they are what they were (a comment typed, a title of a node without alerts: the Alerts panel is not
        listed again, 0.1 s on the big plan's 60,000 alerts). While a new date is checked, as of the date the
        alerts listed are of (the worker's answer follows, and these nodes are evaluated again as of the new
        date on top of it)."""
        model = self.session.model
        nodes = model.tree.nodes
        ids = [i for i in touched if i in nodes and (nodes[i].kind in QUANTIFIED or nodes[i].kind is Kind.ACTION)]
        gone = [i for i in touched if i not in nodes]
        if not ids and not gone:
            return False
        from ..core import plan_alerts

        day = self.listed_as_of if not self.ready and self.listed_as_of is not None else self.today
        found = _by_node(plan_alerts.evaluate(self.session.plan, day, tree=model.tree, node_ids=ids)) if ids else {}
        return model.set_alerts(found, ids + gone) or bool(gone)   # (the model dropped the alerts of rows removed)
