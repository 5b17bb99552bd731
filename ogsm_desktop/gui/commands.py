"""Undo the way Qt means it: every edit is a small :class:`PlanCommand` on the session's undo stack.

``redo()`` does the work through the core, as one journaled batch, the first time; after an undo it
reverts the undo batch. ``undo()`` reverts the command's batch as a new journaled batch. So the undo
stack and the journal always tell the same story.

When the plan refuses (a value it cannot take, the file gone, another program changed what the
command touched), the command marks itself obsolete — Qt then drops it from the stack — and the
session reports the refusal with a queued call, after the stack has finished. A command never
clears the stack it is on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from ..core.changes import ChangeSet
from ..core.errors import PlanError
from ..core.perf import workers_wait

if TYPE_CHECKING:
    from .session import Session


@dataclass
class Outcome:
    """What the first run of a command gave; outlives the command, which Qt may delete once obsolete."""

    done: bool = False
    result: object = None


class PlanCommand(QUndoCommand):
    """One user action on the plan.

    ``work`` runs inside one batch of ``kind`` with ``reason`` and returns a result (a node, ids…);
    ``select_after(result)`` names the node to select afterwards; ``select_before`` is selected again
    on undo. ``adopt``: the work was already done (long work on a worker thread, behind a progress
    dialog) and this is its change set, taken in by the first redo.
    """

    def __init__(self, session: Session, text: str, work: Callable[[], object] | None, *, kind: str = "edit",
                 reason: str = "", outcome: Outcome | None = None, select_before: int | None = None,
                 select_after: Callable[[object], int | None] | None = None, adopt: ChangeSet | None = None):
        super().__init__(text)
        self.session = session
        self._work, self._kind, self._reason = work, kind, reason
        self.outcome = outcome or Outcome()
        self._select_before, self._select_after = select_before, select_after
        self._adopt = adopt
        self._batch: int | None = None       # the batch whose effect is in the plan now (or the undo's)
        self._after: int | None = None

    # An edit, its undo and redo are written and shown with the workers held (core.perf, "the window
    # first"): on the big plan, an edit made while the statuses of a new date were worked out held the window
    # 0.4-0.5 s (0.3 s otherwise), the tester saw 1-5 s.
    # The whole command, the node it chooses included, is followed (Session.following): a value typed in a
    # field that the choice commits waits until the command is over (pushed from inside it, it would be
    # listed as undone).
    def redo(self) -> None:
        with workers_wait(), self.session.following():
            if self._batch is None:
                self._first_run()
                return
            changes = self._revert("redo")
            if changes is not None:
                self.session.select_node(self._after)

    def undo(self) -> None:
        with workers_wait(), self.session.following():
            changes = self._revert("undo")
            if changes is not None:
                self.session.select_node(self._select_before)

    def _first_run(self) -> None:
        if self._adopt is not None:
            changes, result = self._adopt, None
        else:
            try:
                done = self.session.attempt(self._work, kind=self._kind, reason=self._reason)
            except Exception:
                self.setObsolete(True)     # a bug, not a refusal: nothing was written; the error is shown
                raise
            if done is None:
                self.setObsolete(True)
                return
            changes, result = done
        self.outcome.done, self.outcome.result = True, result
        self._after = self._select_after(result) if self._select_after else None
        if changes.batch_id is None:      # nothing changed: nothing to undo either
            self.setObsolete(True)
            return
        self._batch = changes.batch_id
        self.session.take(changes)
        self.session.select_node(self._after)

    def _revert(self, what: str) -> ChangeSet | None:
        reason = (QCoreApplication.translate("PlanCommand", "undo: %1") if what == "undo"
                  else QCoreApplication.translate("PlanCommand", "redo: %1")).replace("%1", self.text())
        try:
            changes = self.session.plan.revert_batch(self._batch, reason, kind=what)
        except PlanError as exc:
            # The plan moved on underneath this command (another program, a vanished file): it cannot
            # be undone or redone any more. Qt drops an obsolete command from the stack.
            self.setObsolete(True)
            self.session.refused(exc)
            return None
        except Exception:
            self.setObsolete(True)         # a bug, not a refusal: nothing was written; the error is shown
            raise
        if changes.batch_id is not None:
            self._batch = changes.batch_id
            self.session.take(changes)
        return changes
