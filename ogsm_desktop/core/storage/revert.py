"""Undoing a batch as a new journaled batch (undo, redo, undoing an import): history is never rewritten.

A revert refuses, writing nothing, when what the batch wrote was changed after it (by a later edit or
by another program): it never overwrites a change it does not know about.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..changes import ChangeSet
from ..errors import NotFoundError, PlanError
from ..i18n import _
from .meta import FILE_KEYS

if TYPE_CHECKING:
    from .plan import Plan


def revert_batch(plan: Plan, batch_id: int, reason: str, kind: str = "undo") -> ChangeSet:
    """Undo batch ``batch_id``; returns the change set of the new batch (``batch_id`` None: nothing to undo)."""
    nodes, actuals = plan.nodes, plan.actuals
    info = plan.journal.batch(batch_id)
    rows = plan.journal.batch_rows(batch_id, newest_first=True)
    settings = plan.journal.meta_rows(batch_id=batch_id)
    if info and info.reason:
        what = _("batch #{id} ({reason})").format(id=batch_id, reason=info.reason)
    else:
        what = _("batch #{id}").format(id=batch_id)

    def conflict(detail: str) -> PlanError:
        return PlanError(_("cannot undo {what}: {detail} was changed after it; nothing was changed").format(
            what=what, detail=detail))

    removed: dict[int, str] = {}        # nodes this undo removes (the batch made them), with their codes
    with plan.batch(kind, reason) as changes:
        for r in rows:
            if r.action == "create":
                try:
                    node = nodes.get(r.node_id)
                except NotFoundError:
                    raise conflict(r.code) from None
                if nodes.has_children(node.id):        # nodes were added below it since
                    raise conflict(r.code)
                nodes.delete_row(node)
                removed[node.id] = r.code
            elif r.action == "delete":
                if nodes.exists(r.node_id) or not _parent_exists(nodes, r.old.get("parent_id")):
                    raise conflict(r.code)           # (or the node it was under was removed since)
                if nodes.carrier(r.old.get("code")) is not None:
                    raise conflict(r.old.get("code"))    # its code went to another node since (a refresh's)
                nodes.insert_row(r.old)
            else:
                try:
                    node = nodes.get(r.node_id)
                except NotFoundError:
                    raise conflict(r.code) from None
                if getattr(node, r.field) != r.new:
                    raise conflict(f"{r.code} ({r.field})")
                if r.field == "parent_id" and not _parent_exists(nodes, r.old):
                    raise conflict(f"{r.code} ({r.field})")   # the node it was under was removed since
                if r.field == "code" and nodes.carrier(r.old) not in (None, node.id):
                    raise conflict(r.old)            # the code went to another node since (a refresh's)
                nodes.set_field(node, r.field, r.old)
        for m in reversed(settings):
            if m.key in FILE_KEYS:                   # the plan's identity stays, once given
                continue
            if plan.meta.get(m.key) != m.new:
                raise conflict(_("the plan setting {key!r}").format(key=m.key))
            plan.meta.set(m.key, m.old)
        # the counts spare a scan of the actuals for plain edits
        if info is None or info.actuals_added or info.actuals_ended:
            if not actuals.revert(batch_id):
                raise conflict(_("an actual value it wrote or removed"))
        # Values must not be left without their node: numbers recorded since for a node this undo removes
        # (a later batch depends on this one, like nodes added below it), or values it brings back of a
        # node deleted since. Either is refused.
        held = actuals.without_node(removed.keys() | changes.actual_nodes)
        mine = [i for i in held if i in removed]
        if mine:
            raise PlanError(_("cannot undo {what}: numbers were recorded for {code} after it; nothing was "
                              "changed").format(what=what, code=removed[mine[0]]))
        if held:                            # values this undo brings back, of a node deleted since
            raise conflict(plan.journal.last_code(held[0]))
    return changes


def _parent_exists(nodes, parent_id) -> bool:
    """A node put back goes under a node that is there (or at the top): never left without its parent."""
    return parent_id is None or nodes.exists(parent_id)
