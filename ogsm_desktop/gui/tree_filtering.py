"""The main window's tree as the filter bar shows it: filtered, every match expanded to, the chosen node kept in
sight or chosen again when shown again; expanded as before once the filter is cleared; filtered again when
the statuses move. Mixed into :class:`.main_window.MainWindow`, which holds the tree view, its proxy
(``proxy``) and the session."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QTimer

from ..core.perf import workers_wait
from .models.plan_filter import PlanFilter


class TreeFiltering:
    """The filtering half of the main window (see the module); its state is set up by the window."""

    def _apply_filter(self) -> None:
        """Filter the tree, every match shown (expanded to it), the chosen node kept in sight. Clearing the
        filter puts the tree back as it was expanded before: left expanded as the filter had it, a big
        plan's tree was laid out whole (50,000 rows, seconds). The tree is collapsed before the rows are
        filtered again, so that only the rows shown are worked out again (1–2 s on the big plan otherwise).
        A node the filter hides is chosen again when a filter shows it again (nothing else chosen since)."""
        criteria = self.filter_bar.criteria()
        filtering, was_filtering = PlanFilter.filters(**criteria), self.proxy.active
        chosen = self.current_node_id()
        # The rows laid out again, Qt calling back into Python for each, with the workers held (core.perf):
        # from noting what is expanded to the rows laid out (Qt only notes branches expanded one by one).
        with workers_wait():
            if filtering and not was_filtering:
                self._expanded_unfiltered = self._expanded_ids()
            if filtering or was_filtering:
                self.tree_view.collapseAll()      # first: filtering again then maps only what is shown
            self.proxy.set_criteria(**criteria)
            if filtering:
                self.tree_view.expandAll()
            elif was_filtering:
                if self._expanded_unfiltered is None:     # the plan was opened filtered: as a plan opens
                    self.tree_view.expandToDepth(0)
                else:
                    self._expand(self._expanded_unfiltered)
                self._expanded_unfiltered = None
            self.tree_view.executeDelayedItemsLayout()
            current = self.tree_view.currentIndex()
            if current.isValid():
                self.tree_view.scrollTo(current)      # (on clearing, opens its branch)
        self.update_actions()                         # (Filter again)
        if filtering and self.proxy.rowCount() == 0:  # an empty tree says why
            nothing = QCoreApplication.translate("MainWindow", "No node matches the find and the filters")
            self.statusBar().showMessage(nothing, 8000)
        if current.isValid():
            return
        if chosen is not None:
            self._hidden_choice = chosen
        hidden = self._hidden_choice
        if hidden is not None and self.session is not None and \
                self.proxy.mapFromSource(self.session.model.index_of(hidden)).isValid():
            self.select_node(hidden)                  # shown again: chosen again
        else:                                         # filtered out: nothing is chosen
            self._current_changed(QModelIndex(), QModelIndex())

    def filter_again(self) -> None:
        """Work the filter out again (Edit → Filter again, F5): the nodes it matches now, without those shown
        because they were gone to. A status filter follows the statuses of a new as-of date by itself; an
        edit does not hide the node being worked on (it would vanish as a number is typed)."""
        if self.proxy.active:
            self.proxy.forget_kept()
            self._apply_filter()

    def expand_all(self, depth: int | None = None) -> None:
        """Expand every branch of the tree (or those down to ``depth``), the workers held meanwhile."""
        with workers_wait():
            if depth is None:
                self.tree_view.expandAll()
            else:
                self.tree_view.expandToDepth(depth)
            self.tree_view.executeDelayedItemsLayout()

    def _expanded_ids(self) -> list[int]:
        """The nodes expanded in the tree, parents before children (a walk of the expanded branches only,
        asking the view only of the nodes that have children)."""
        if self.session is None:
            return []
        view, proxy, model = self.tree_view, self.proxy, self.session.model
        children = model.tree.children
        out, stack = [], list(reversed(children.get(None, [])))
        while stack:
            node_id = stack.pop()
            below = children.get(node_id)
            if below and view.isExpanded(proxy.mapFromSource(model.index_of(node_id))):
                out.append(node_id)
                stack.extend(reversed(below))
        return out

    def _expand(self, node_ids: list[int]) -> None:
        if self.session is None:
            return
        children = self.session.model.tree.children
        if {parent for parent, kids in children.items() if parent is not None and kids} <= set(node_ids):
            self.tree_view.expandAll()                # everything was expanded: at once, not node by node
            return
        for node_id in node_ids:
            index = self.proxy.mapFromSource(self.session.model.index_of(node_id))
            if index.isValid():
                self.tree_view.setExpanded(index, True)

    def _rejudged(self) -> None:
        """Every status was worked out again (another as-of date): a status filter shows the new ones (only
        if they are other nodes: the tree, its scroll and what is chosen stay when the same are shown)."""
        if self.title_editor.editing is not None:     # filtered under it, the editor lost its focus and
            self._rejudged_while_typing = True        # renamed the node with half its title
            return
        if self.proxy.status and self.proxy.matches_moved():
            self._apply_filter()

    def _title_closed(self) -> None:
        if self._rejudged_while_typing:
            self._rejudged_while_typing = False
            QTimer.singleShot(0, self, self._rejudged)     # after the rename typed has landed
