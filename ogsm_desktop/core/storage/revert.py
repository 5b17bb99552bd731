"""Undoing a batch as a new journaled batch (undo, redo, undoing an import): history is never rewritten.

A revert refuses, writing nothing, when what the batch wrote was changed after it (by a later edit or
by another program): it never overwrites a change it does not know about.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..changes import ChangeSet
from ..errors import NotFoundError, PlanError

if TYPE_CHECKING:
    from .plan import Plan


def revert_batch(plan: Plan, batch_id: int, reason: str, kind: str = "undo") -> ChangeSet:
    """Undo batch ``batch_id``; returns the change set of the new batch (``batch_id`` None: nothing to undo)."""
    nodes, actuals = plan.nodes, plan.actuals
    info = plan.journal.batch(batch_id)
    rows = plan.journal.batch_rows(batch_id, newest_first=True)
    settings = plan.journal.meta_rows(batch_id=batch_id)
    what = f"batch #{batch_id}" + (f" ({info.reason})" if info and info.reason else "")

    def conflict(detail: str) -> PlanError:
        return PlanError(f"cannot undo {what}: {detail} was changed after it; nothing was changed")

    with plan.batch(kind, reason) as changes:
        for r in rows:
            if r.action == "create":
                try:
                    nodes.delete_row(nodes.get(r.node_id))
                except NotFoundError:
                    raise conflict(r.code) from None
            elif r.action == "delete":
                if nodes.exists(r.node_id):
                    raise conflict(r.code)
                nodes.insert_row(r.old)
            else:
                try:
                    node = nodes.get(r.node_id)
                except NotFoundError:
                    raise conflict(r.code) from None
                if getattr(node, r.field) != r.new:
                    raise conflict(f"{r.code} ({r.field})")
                nodes.set_field(node, r.field, r.old)
        for m in reversed(settings):
            if plan.meta.get(m.key) != m.new:
                raise conflict(f"the plan setting {m.key!r}")
            plan.meta.set(m.key, m.old)
        # the counts spare a scan of the actuals for plain edits
        if info is None or info.actuals_added or info.actuals_ended:
            if not actuals.revert(batch_id):
                raise conflict("an actual value it wrote or removed")
    return changes
