"""An open plan in the window: the plan, its item model and its undo stack, kept in step.

Every user edit runs as one core batch (so it is journaled with the current reason) and lands on the
undo stack as a :class:`BatchCommand`. Undo reverts that batch as a new journaled batch and redo
reverts the undo, so the journal and the undo stack always tell the same story.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..core.errors import PlanError, PlanFileError
from ..core.store import Plan
from .plan_model import PlanModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("BatchCommand", text)


class BatchCommand(QUndoCommand):
    """One user action, already applied to the plan as ``batch_id`` when pushed."""

    def __init__(self, session: Session, text: str, batch_id: int, select: int | None, selected_before: int | None):
        super().__init__(text)
        self.session = session
        self._applied = batch_id          # the batch whose effect is in the plan now
        self._first = True
        self._select_after = select
        self._select_before = selected_before

    def redo(self) -> None:
        if self._first:                    # pushed after the work was done
            self._first = False
            return
        self._applied = self.session.revert(self._applied, _tr("redo: %1").replace("%1", self.text()),
                                            kind="redo", select=self._select_after)

    def undo(self) -> None:
        self._applied = self.session.revert(self._applied, _tr("undo: %1").replace("%1", self.text()),
                                            kind="undo", select=self._select_before)


class Session(QObject):
    """The open plan. Signals: ``changed`` after every applied batch; ``failed`` with a message when
    the plan refused something; ``select`` asks the window to select a node."""

    changed = Signal(int)
    failed = Signal(str, bool)            # message, whether the plan file itself is the problem
    select = Signal(int)

    def __init__(self, plan: Plan, parent=None):
        super().__init__(parent)
        self.plan = plan
        self.model = PlanModel(plan, self)
        self.stack = QUndoStack(self)
        self.reason = ""                  # the reason the next edits carry (set in the window)
        self.current_node: Callable[[], int | None] = lambda: None
        self.model.move_requested.connect(self._on_drop)

    @classmethod
    def open(cls, path: str | Path, parent=None) -> Session:
        return cls(Plan.open(path, lock=True), parent)

    def close(self) -> None:
        self.stack.clear()
        self.plan.close()

    # ----------------------------------------------------------------- doing things
    def perform(self, text: str, action: Callable[[], object], *, kind: str = "edit", reason: str | None = None,
                select: Callable[[object], int | None] | None = None, undoable: bool = True):
        """Run ``action`` against the plan as one batch; on refusal emit ``failed`` and return None."""
        before = self.current_node()
        try:
            with self.plan.batch(kind, self.reason if reason is None else reason):
                result = action()
        except PlanError as exc:
            self.failed.emit(str(exc), isinstance(exc, PlanFileError))
            return None
        batch = self.plan.last_batch
        if batch is None:
            return result
        self.model.apply_batch(batch, self.plan.last_actual_nodes)
        target = select(result) if select else None
        if undoable:
            self.stack.push(BatchCommand(self, text, batch, target, before))
        self.changed.emit(batch)
        if target is not None:
            self.select.emit(target)
        return result if result is not None else True

    def adopt(self, text: str, batch_id: int | None) -> None:
        """Take in a batch written outside :meth:`perform` (by a worker thread): show it, make it undoable."""
        if batch_id is None:
            return
        self.model.apply_batch(batch_id, self.plan.last_actual_nodes)
        self.stack.push(BatchCommand(self, text, batch_id, None, self.current_node()))
        self.changed.emit(batch_id)

    def revert(self, batch_id: int, reason: str, *, kind: str, select: int | None) -> int:
        try:
            new = self.plan.revert_batch(batch_id, reason, kind=kind)
        except PlanError as exc:
            # The plan moved on underneath the stack (another program changed it): the stack cannot be trusted.
            self.failed.emit(self.tr("%1\nThe undo history was cleared.").replace("%1", str(exc)),
                             isinstance(exc, PlanFileError))
            self.stack.clear()
            return batch_id
        if new is not None:
            self.model.apply_batch(new, self.plan.last_actual_nodes)
            self.changed.emit(new)
        if select is not None and select in self.model.tree.nodes:
            self.select.emit(select)
        return new if new is not None else batch_id

    def _on_drop(self, ids: list[int], parent_id, row: int) -> None:
        index = None if row < 0 else row
        nodes = self.model.tree.nodes
        if index is not None and len(ids) == 1 and nodes[ids[0]].parent_id == parent_id:
            if self.model.index_of(ids[0]).row() < index:      # the row counted the dragged node itself
                index -= 1
        self.move(ids, parent_id, index, text=self.tr("Drag and drop"))

    def move(self, ids: list[int], parent_id: int | None, index: int | None, *, text: str) -> bool:
        def action():
            for offset, nid in enumerate(ids):
                self.plan.move_node(nid, parent_id, None if index is None else index + offset)
        return bool(self.perform(text, action, select=lambda _: ids[0]))

    def reload(self) -> None:
        """After a change made outside the stack (a restore): read the plan again, forget undo."""
        self.model.reload()
        self.stack.clear()
