"""The filter over the plan model: find by text, owner, org unit and status; ancestors of a match stay
visible so every match is seen in its place in the cascade. A node the user goes to (added, pasted, asked
for from the Alerts panel) is shown too, until the filter is changed."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel

from .plan_model import PlanModel


class PlanFilter(QSortFilterProxyModel):
    """Shows the nodes that match and every ancestor of a match. The matches are worked out in one
    pass over the plan when the criteria change, so filtering 50,000 nodes stays quick."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.text = self.owner = self.org_unit = self.status = ""
        self._visible: set[int] = set()
        self._known: set[int] = set()
        self._kept: set[int] = set()          # nodes gone to: shown though they do not match

    def setSourceModel(self, model) -> None:
        self._kept = set()                    # node ids of another plan (ids repeat from one plan to the next)
        super().setSourceModel(model)

    @property
    def active(self) -> bool:
        return bool(self.text or self.owner or self.org_unit or self.status)

    @staticmethod
    def filters(text: str = "", owner: str = "", org_unit: str = "", status: str = "") -> bool:
        """Whether these criteria filter anything (what :attr:`active` becomes once they are set)."""
        return bool(text.strip() or owner or org_unit or status)

    def set_criteria(self, text: str = "", owner: str = "", org_unit: str = "", status: str = "") -> None:
        """Filter by these criteria (all empty: no filter). The rows are then filtered again in one pass
        (``invalidate``): Qt's filter change (``endFilterChange``) shows and hides them row by row, each
        walking up the cascade, and on the big plan with its tree expanded, clearing the find took minutes
        (a cascade of 1,113 nodes four levels deep: 184,000 calls back into the model, where this takes a few
        per node). What is expanded and chosen is kept; so are the nodes kept shown, the criteria the same."""
        criteria = (text.strip().casefold(), owner, org_unit, status)
        if criteria != (self.text, self.owner, self.org_unit, self.status):
            self._kept = set()
        self.text, self.owner, self.org_unit, self.status = criteria
        self._visible, self._known = self._matched()
        self.invalidate()

    def keep_shown(self, node_id: int) -> bool:
        """Show ``node_id`` (and its ancestors) though it does not match, until the criteria change: the node
        the user goes to is the one the tree shows chosen (a node added under a filter hiding it, the parent
        stayed chosen and took the name typed for the new node). It and its hidden ancestors are filtered
        again, from the top (Qt keeps the rows it mapped under a hidden node). Returns whether it was hidden."""
        model = self.sourceModel()
        if not (self.active and isinstance(model, PlanModel)) or node_id not in model.tree.nodes:
            return False
        nodes, hidden = model.tree.nodes, []
        walk: int | None = node_id
        while walk is not None and not self.mapFromSource(model.index_of(walk)).isValid():
            hidden.append(walk)
            walk = nodes[walk].parent_id
        if not hidden:
            return False
        self._kept.add(node_id)
        self._visible.update(hidden)
        self._known.update(hidden)
        last = model.columnCount() - 1
        for shown in reversed(hidden):            # from the top: each is filtered again where its parent's
            index = model.index_of(shown)         # rows are mapped (asking for the node mapped those of its
            model.dataChanged.emit(index, index.siblingAtColumn(last))     # hidden ancestors, without it)
        return True

    def forget_kept(self) -> None:
        """Show only what matches, at the next :meth:`set_criteria` (see :meth:`keep_shown`)."""
        self._kept = set()

    def matches_moved(self) -> bool:
        """Whether the nodes shown would now be others (the statuses were judged again, say). Nodes removed
        since the matches were worked out do not count. Nodes added since were shown as they matched then
        (see :meth:`filterAcceptsRow`): when there are any, the matches are worked out again, since statuses
        judged again for every node are not said row by row (see ``PlanModel._emit_rows``)."""
        if not self.active:
            return False
        visible, nodes = self._matched()
        if not nodes <= self._known:
            return True
        return {i for i in visible if i in self._known} != {i for i in self._visible if i in nodes}

    def _matched(self) -> tuple[set[int], set[int]]:
        """The nodes shown (the matches and their ancestors) and the nodes known when worked out."""
        visible: set[int] = set()
        model = self.sourceModel()
        if not (self.active and isinstance(model, PlanModel)):
            return visible, set()
        nodes = model.tree.nodes
        for node in nodes.values():
            if (node.id in self._kept or self._matches(model, node)) and node.id not in visible:
                visible.add(node.id)
                parent = node.parent_id
                while parent is not None and parent not in visible:
                    visible.add(parent)
                    parent = nodes[parent].parent_id
        return visible, set(nodes)

    def _matches(self, model: PlanModel, node) -> bool:
        if self.owner and node.owner.strip() != self.owner:
            return False
        if self.org_unit and node.org_unit.strip() != self.org_unit:
            return False
        if self.status:
            standing = model.standing.get(node.id)
            if standing is None or str(standing.status) != self.status:
                return False
        if self.text:
            return self.text in f"{node.code}\n{node.title}\n{node.description}".casefold()
        return True

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        model = self.sourceModel()
        if not self.active or not isinstance(model, PlanModel):     # (a big plan's glance while it opens)
            return True
        # The row's node straight from the tree (index ids are node ids): no index made, no data() asked,
        # for each of the plan's rows.
        node_id = model.tree.children[source_parent.internalId() or None][source_row]
        if node_id in self._known:
            return node_id in self._visible
        return self._matches(model, model.tree.nodes[node_id])      # added since the criteria were set
