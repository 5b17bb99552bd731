"""What one batch changed: the change set a batch hands back to its caller.

The storage fills a :class:`ChangeSet` while a batch runs (every journaled node change, the actual
values touched, the plan settings changed) and completes it when the batch commits. Callers react to
it — the window's item model, the alerts, the dashboard — instead of reading the journal again.
Plain data: no SQL and no Qt here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from .model import Actual, Node, node_from_dict


@dataclass(frozen=True)
class Entry:
    """One journaled node change: create / update / move / delete; ``old`` and ``new`` as stored."""

    node_id: int
    code: str
    action: str
    field: str | None
    old: object
    new: object


@dataclass
class ChangeSet:
    """The changes of one batch. ``batch_id`` is the batch's id while it runs and after it committed a
    change; it is None when the batch changed nothing (or was rolled back)."""

    kind: str
    reason: str
    batch_id: int | None = None
    committed: bool = False
    entries: list[Entry] = field(default_factory=list)
    node_changes: int = 0                    # journal rows written (entries may be fewer: see ``listed``)
    listed: bool = True                      # False when a bulk load wrote rows without listing them here
    actual_nodes: set[int] = field(default_factory=set)
    actuals_added: int = 0
    actuals_ended: int = 0
    latest: dict[int, Actual | None] = field(default_factory=dict)   # touched nodes' newest actual after it
    meta: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)   # key → (old, new)

    # ----------------------------------------------------------------- what kind of change
    @property
    def changed(self) -> bool:
        return bool(self.node_changes or self.actuals_added or self.actuals_ended or self.meta)

    @property
    def nodes_changed(self) -> bool:
        return self.node_changes > 0

    @property
    def actuals_changed(self) -> bool:
        return bool(self.actuals_added or self.actuals_ended)

    def node_ids(self) -> set[int]:
        """Every node a journal entry of this batch touched."""
        return {e.node_id for e in self.entries}

    def created(self) -> list[int]:
        """Created nodes, parents before children (the order they were written)."""
        return [e.node_id for e in self.entries if e.action == "create"]

    def deleted(self) -> list[int]:
        """Deleted nodes, children before parents."""
        return [e.node_id for e in self.entries if e.action == "delete"]

    def updated(self) -> dict[int, dict[str, object]]:
        """Node id → the fields this batch set on it (moves included: parent_id and position)."""
        out: dict[int, dict[str, object]] = {}
        for e in self.entries:
            if e.action in ("update", "move"):
                out.setdefault(e.node_id, {})[e.field] = e.new
        return out

    # ----------------------------------------------------------------- the nodes after the batch
    def final_nodes(self, before: Mapping[int, Node]) -> dict[int, Node | None]:
        """Each touched node as it stands after the batch (None: it does not exist any more), worked
        out from the nodes as they stood ``before`` it and the entries, without reading the plan."""
        out: dict[int, Node | None] = {}
        for e in self.entries:
            if e.action == "create":
                out[e.node_id] = node_from_dict(e.new)
            elif e.action == "delete":
                out[e.node_id] = None
            else:
                node = out[e.node_id] if e.node_id in out else before.get(e.node_id)
                if node is not None:
                    out[e.node_id] = replace(node, **{e.field: e.new})
        return out


__all__ = ["ChangeSet", "Entry"]
