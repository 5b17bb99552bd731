"""An open plan in the window: the plan, its item model and its undo stack, kept in step.

Every user edit is pushed as a :class:`PlanCommand` (see ``commands.py``) that carries the current
reason. Each batch's change set goes to the item model first, then out through narrow signals —
``nodes_changed``, ``actuals_changed``, ``settings_changed`` — so that the panels, the alerts and the
dashboard react to what changed without reading the journal again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from ..core.changes import ChangeSet
from ..core.errors import PlanError, PlanFileError
from ..core.perf import workers_wait
from ..core.storage import Plan
from .commands import Outcome, PlanCommand
from .models.judging import Prepared
from .models.plan_model import PlanModel


class Session(QObject):
    """Signals: ``changed`` after every batch taken in, then the narrow ones for what it touched;
    ``failed`` with a message when the plan refused something (``True``: the file itself is the
    problem); ``select`` asks the window to select a node; ``said`` a word on what was done (the status bar)."""

    changed = Signal(object)              # ChangeSet
    nodes_changed = Signal(object)        # ChangeSet with node changes
    actuals_changed = Signal(object)      # ChangeSet with actual values changed
    settings_changed = Signal(object)     # set of plan-setting keys
    failed = Signal(str, bool)
    select = Signal(int)
    said = Signal(str)                    # a word on what was just done, for the status bar

    def __init__(self, plan: Plan, parent=None, *, as_of: dt.date | None = None, prepared: Prepared | None = None):
        super().__init__(parent)
        self.plan = plan
        self.model = PlanModel(plan, self, as_of=as_of, prepared=prepared)
        self.stack = QUndoStack(self)
        self.reason = ""                  # the reason the next edits carry (set in the window)
        self.current_node: Callable[[], int | None] = lambda: None
        self._taking = 0                  # depth of following(): the window is following a batch
        self.refusals = 0                 # how many times something asked for was refused (see refuse)
        self.model.move_requested.connect(self._on_drop)
        if self._changed_since_last_version():
            self.stack.resetClean()       # the title shows [*] until the next version is saved

    @classmethod
    def open(cls, path: str | Path, parent=None, *, readonly: bool = False) -> Session:
        return cls(Plan.open(path, readonly=readonly), parent)

    def close(self) -> None:
        self.model.stop()
        self.stack.blockSignals(True)
        self.stack.clear()
        self.plan.close()

    def _changed_since_last_version(self) -> bool:
        versions = self.plan.versions.all()
        last = self.plan.journal.last_batch_id()
        return last > (versions[-1].batch_id if versions else 0)

    # ----------------------------------------------------------------- doing things
    def attempt(self, work: Callable[[], object], *, kind: str, reason: str, trial: bool = False):
        """Run ``work`` as one batch (``trial``: and roll it back); ``(changes, result)``, or None when the
        plan refused it (the refusal is reported)."""
        try:
            with (self.plan.trial if trial else self.plan.batch)(kind, reason) as changes:
                result = work()
        except PlanError as exc:
            self.refused(exc)
            return None
        return changes, result

    def perform(self, text: str, work: Callable[[], object], *, kind: str = "edit", reason: str | None = None,
                select: Callable[[object], int | None] | None = None):
        """Run ``work`` as one undoable command; returns its result (True when it returns nothing), or
        None when the plan refused it (``failed`` has been emitted).

        The work is tried first and rolled back: what the plan refuses, or what changes nothing, never
        reaches the undo stack (pushing it would drop what can be redone)."""
        reason = self.reason if reason is None else reason
        with workers_wait():                       # (see PlanCommand.redo)
            tried = self.attempt(work, kind=kind, reason=reason, trial=True)
        if tried is None:
            return None
        changes, result = tried
        if changes.changed:
            outcome = Outcome()
            self.stack.push(PlanCommand(self, text, work, kind=kind, reason=reason, outcome=outcome,
                                        select_before=self.current_node(), select_after=select))
            if not outcome.done:
                return None
            result = outcome.result
        return result if result is not None else True

    def run(self, text: str, work: Callable[[], object], *, kind: str, reason: str | None = None):
        """Run ``work`` as one batch that is not undoable (saving a version); None when refused."""
        done = self.attempt(work, kind=kind, reason=self.reason if reason is None else reason)
        if done is None:
            return None
        changes, result = done
        if changes.batch_id is not None:
            self.take(changes)
        return result if result is not None else True

    def adopt(self, text: str, changes: ChangeSet) -> None:
        """Take in a batch written by a worker thread: show it, and make it undoable."""
        if changes.batch_id is not None:
            self.stack.push(PlanCommand(self, text, None, adopt=changes, select_before=self.current_node()))

    @property
    def changing(self) -> bool:
        """True while a batch is being followed (the model mid-change, its listeners told, the node of a command
        chosen): an edit asked for now (a field committed because its row is going) must wait until it is over."""
        return self._taking > 0

    @contextmanager
    def following(self):
        """The window follows a batch meanwhile: see :attr:`changing` (a command's whole redo or undo)."""
        self._taking += 1
        try:
            yield
        finally:
            self._taking -= 1

    def take(self, changes: ChangeSet) -> None:
        """Follow one committed batch: the item model first, then whoever listens."""
        with self.following():
            self._take(changes)

    def _take(self, changes: ChangeSet) -> None:
        try:
            self.model.apply(changes)
        except Exception:
            self.model.reload()            # the file is right; the model reads it again, then the error shows
            raise
        self.changed.emit(changes)
        if changes.nodes_changed:
            self.nodes_changed.emit(changes)
        if changes.actuals_changed:
            self.actuals_changed.emit(changes)
        if changes.meta:
            self.settings_changed.emit(set(changes.meta))

    def refused(self, exc: PlanError) -> None:
        """Report a refusal once the current stack operation has finished (never from inside it)."""
        self.refusals += 1
        QTimer.singleShot(0, self, lambda: self.failed.emit(str(exc), isinstance(exc, PlanFileError)))

    def refuse(self, message: str) -> None:
        """Say that what was asked for (a value typed, a block pasted) was refused, and nothing was changed."""
        self.refusals += 1
        self.failed.emit(message, False)

    def select_node(self, node_id: int | None) -> None:
        if node_id is not None and node_id in self.model.tree.nodes:
            self.select.emit(node_id)

    # ----------------------------------------------------------------- moving nodes
    def _on_drop(self, ids: list[int], parent_id, row: int) -> None:
        index = None if row < 0 else row
        nodes = self.model.tree.nodes
        if index is not None and len(ids) == 1 and nodes[ids[0]].parent_id == parent_id:
            if self.model.index_of(ids[0]).row() < index:      # the row counted the dragged node itself
                index -= 1
        self.move(ids, parent_id, index, text=self.tr("Drag and drop"))

    def move(self, ids: list[int], parent_id: int | None, index: int | None, *, text: str) -> bool:
        def work():
            for offset, nid in enumerate(ids):
                self.plan.nodes.move(nid, parent_id, None if index is None else index + offset)
        return bool(self.perform(text, work, select=lambda _: ids[0]))
