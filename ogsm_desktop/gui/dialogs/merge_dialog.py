"""The merge preview: what a department changed in its plan file since it got it (or since its last
merge), each change with the company's value now and the value it will have; every conflict with both
sides' values and a choice per row (keep company / take department, or one of them for all); the reason
the merge is journaled with. Nothing is written until the user presses Merge, which stays off while a
conflict has no choice. The same dialog previews a refresh of a department file from the company plan
(the merge the other way): there "here" is the department file and the choices are keep department / take
company."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from ...core import periods
from ...core.history import actual_text, setting_text, short
from ...core.i18n import enumerated
from ...core.labels import FIELD_LABELS, labels, setting_label
from ...core.merge import CODE_FOLLOWS, CODE_USED, COMPANY, DEPARTMENT, REFRESH, Conflict, MergePlan
from ...core.merge_plan import plan_children, subtree
from ...core.model import Tree
from ..labels import choice_labels, kind_labels, value_words
from ..text import fill
from .conflict_choices import ChoiceBoxes

SHOW_AT_MOST = 2000          # rows of changes listed (all are merged); conflicts are always all listed
CHANGE_COLOURS = {"added": "#2e7d32", "removed": "#c62828", "moved": "#6a1b9a", "edited": "#1565c0",
                  "numbers": "#00695c"}
CONFLICT_COLUMNS = 6          # code, title, what, company, department, choice


def _number(value) -> str:
    """An actual value as the journal holds it: (actual, target, comment), a bare number, or None."""
    if isinstance(value, tuple | list) and len(value) == 3:
        return actual_text(tuple(value))
    return "—" if value is None else short(value)


class MergeDialog(QDialog):
    def __init__(self, preview: MergePlan, here: Tree, numbers_here: dict | None = None, parent=None):
        super().__init__(parent)
        self.preview, self.here, self.numbers_here = preview, here, numbers_here or {}
        self.picks = ChoiceBoxes()
        origin = preview.origin
        self.refreshing = preview.direction == REFRESH
        self.here_side, self.there_side = (DEPARTMENT, COMPANY) if self.refreshing else (COMPANY, DEPARTMENT)
        self.setWindowTitle(fill(self.tr("Refresh from the company plan — %1") if self.refreshing
                                 else self.tr("Merge department plan — %1"), preview.source.name))
        self.resize(1100, 700)            # fits a 1366×768 screen with a task bar
        self.fields = labels(FIELD_LABELS)
        self.kinds = kind_labels()
        self.words = choice_labels()
        if self.refreshing:
            text = fill(self.tr("%1: the company plan “%3”. What the company changed in the part of %2 and in the part "
                                "above it since this file was cut, merged back or last refreshed:"),
                        str(preview.source), origin.unit_code, origin.plan_name)
            if preview.context_moved:
                text += " " + fill(self.tr("%1 now serves %2 in the company plan: the part above is brought up to "
                                           "date."), origin.unit_code, preview.context[-1].code)
        else:
            text = fill(self.tr("%1: the department plan of %2 from “%3”. What the department changed since it got "
                                "this file (or since its last merge):"), str(preview.source), origin.unit_code,
                        origin.plan_name)
        heading = QLabel(text, self)
        heading.setWordWrap(True)
        counts = preview.counts()
        self.summary = QLabel(fill(self.tr("%1 added, %2 removed, %3 edited, %4 moved, %5 number(s), %6 conflict(s)"),
                                   counts["added"], counts["removed"], counts["edited"], counts["moved"],
                                   counts["numbers"], counts["conflicts"]), self)
        self.summary.setObjectName("mergeSummary")
        bold = QFont(self.summary.font())
        bold.setBold(True)
        self.summary.setFont(bold)
        self.changes = self._changes_tree()
        self.conflicts_box = self._conflicts_box()
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.changes)
        splitter.addWidget(self.conflicts_box)
        splitter.setChildrenCollapsible(False)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("mergeReason")
        self.default_reason = (fill(self.tr("refresh from %1"), preview.source.name) if self.refreshing
                               else fill(self.tr("merge %1 (%2)"), preview.source.name, origin.unit_code))
        self.reason.setText(self.default_reason)
        self.reason.setPlaceholderText(self.default_reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.merge_button.setText(self.tr("Refresh") if self.refreshing else self.tr("Merge"))
        self.merge_button.setObjectName("mergeButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        form = QFormLayout()
        form.addRow(self.tr("Reason"), self.reason)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.show_changes()
        self.show_conflicts()
        if preview.conflicts:
            splitter.setSizes([300, 300])
        else:
            self.conflicts_box.hide()
        self._update()

    # ----------------------------------------------------------------- building
    def _changes_tree(self) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setObjectName("mergeChanges")
        now, after = ((self.tr("Department now"), self.tr("After the refresh")) if self.refreshing
                      else (self.tr("Company now"), self.tr("After the merge")))
        tree.setHeaderLabels([self.tr("Change"), self.tr("Code"), self.tr("Title"), self.tr("Field"), now, after])
        tree.setAlternatingRowColors(True)
        tree.setUniformRowHeights(True)
        for column, width in enumerate((90, 100, 260, 110, 200, 200)):
            tree.setColumnWidth(column, width)
        return tree

    def _conflicts_box(self) -> QGroupBox:
        box = QGroupBox(self)
        box.setObjectName("mergeConflictsBox")
        self.conflicts = QTableWidget(0, CONFLICT_COLUMNS, box)
        self.conflicts.setObjectName("mergeConflicts")
        self.conflicts.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Title"), self.tr("Changed on both sides"),
                                                  self.tr("Company"), self.tr("Department"), self.tr("Choice")])
        self.conflicts.verticalHeader().setVisible(False)
        self.conflicts.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.conflicts.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        header = self.conflicts.horizontalHeader()
        for column, width in enumerate((90, 200, 200, 190, 190)):
            self.conflicts.setColumnWidth(column, width)
        header.setSectionResizeMode(CONFLICT_COLUMNS - 1, QHeaderView.ResizeMode.Stretch)
        self.keep_all = QPushButton(self.tr("Keep department for all") if self.refreshing
                                    else self.tr("Keep company for all"), box)
        self.keep_all.setObjectName("mergeKeepAll")
        self.keep_all.clicked.connect(lambda: self.choose_all(self.here_side))
        self.take_all = QPushButton(self.tr("Take company for all") if self.refreshing
                                    else self.tr("Take department for all"), box)
        self.take_all.setObjectName("mergeTakeAll")
        self.take_all.clicked.connect(lambda: self.choose_all(self.there_side))
        self.left = QLabel(box)
        self.left.setObjectName("mergeLeft")
        row = QHBoxLayout()
        row.addWidget(self.left, 1)
        row.addWidget(self.keep_all)
        row.addWidget(self.take_all)
        inner = QVBoxLayout(box)
        inner.addWidget(self.conflicts, 1)
        inner.addLayout(row)
        return box

    # ----------------------------------------------------------------- what the department changed
    def _node_here(self, node_id: int | None):
        return self.here.nodes.get(node_id) if node_id is not None else None

    def _code_here(self, node_id: int | None) -> str:
        node = self._node_here(node_id)
        return node.code if node is not None else "—"

    def _code_there(self, node_id: int | None) -> str:
        """The code of a department node (one added there, or one the company has)."""
        if node_id is None:
            return "—"
        node = self.preview.there_nodes.get(node_id) or self._node_here(self.preview.same_node(node_id))
        return node.code if node is not None else "—"

    def _code_under(self, parent_there: int | None, made: set[int]) -> str:
        """The code here of the node a new node goes under (as the merge writes it): one made by this merge, with
        the code it gets; else the node here the parent there is (a department merged back as a new unit goes
        under the strategy chosen here, not the one its file names)."""
        p = self.preview
        if parent_there in made:
            return p.renumbered.get(parent_there) or self._code_there(parent_there)
        here = self._node_here(p.ids.get(parent_there, parent_there))
        return here.code if here is not None else self._code_there(parent_there)

    def field_text(self, field: str, value) -> str:
        """A field's value in words (a status, a direction… as the window names them)."""
        if field == "serves_id" and value is not None:         # the measure above a goal serves: its code
            return self._code_there(value) if value in self.preview.there_nodes else self._code_here(value)
        return value_words(self.words, field, value)

    def _item(self, change: str, code: str, title: str, field: str = "", old: str = "", new: str = "",
              parent: QTreeWidgetItem | None = None) -> QTreeWidgetItem:
        texts = [self._change_words()[change] if change else "", code, title, field, old, new]
        item = QTreeWidgetItem(parent, texts) if parent is not None else QTreeWidgetItem(texts)
        if change:
            item.setForeground(0, QBrush(QColor(CHANGE_COLOURS[change])))
        for column in (2, 4, 5):
            if texts[column]:
                item.setToolTip(column, texts[column])
        return item

    def _change_words(self) -> dict[str, str]:
        return {"added": self.tr("added"), "removed": self.tr("removed"), "edited": self.tr("edited"),
                "moved": self.tr("moved"), "numbers": self.tr("numbers")}

    def show_changes(self) -> None:
        p, items = self.preview, []
        made = {node.id for node in p.added}
        for node in p.added:
            under = self._code_under(node.parent_id, made)
            here = p.renumbered.get(node.id)
            if here is None:
                items.append(self._item("added", node.code, node.title, "", "",
                                        fill(self.tr("new %1 under %2"), self.kinds[node.kind], under)))
                continue
            why = p.renumbered_why.get(node.id)
            if why == CODE_FOLLOWS:
                text = self.tr("new %1 under %2: its code follows %2's, so %3 becomes %4")
            elif why == CODE_USED:
                text = self.tr("new %1 under %2: %3 was another node's here before (a code is never given twice), "
                               "so it becomes %4")
            else:
                text = self.tr("new %1 under %2: %3 is taken here, so it becomes %4")
            items.append(self._item("added", fill(self.tr("%1 → %2"), node.code, here), node.title, "", "",
                                    fill(text, self.kinds[node.kind], under, node.code, here)))
        for cid in p.removed:
            node = self._node_here(cid)
            if node is None:
                continue
            if cid in p.left:                                 # a refresh: moved out of the department's part
                gone = (fill(self.tr("moved under %1 in the company: it leaves this file, with what is below it"),
                             p.left[cid]) if p.left[cid] else
                        self.tr("moved out of the department's part in the company: it leaves this file"))
                items.append(self._item("removed", node.code, node.title, "", self.kinds[node.kind], gone))
                continue
            items.append(self._item("removed", node.code, node.title, "", self.kinds[node.kind],
                                    self.tr("deleted, with what is below it")))
        for cid, values in p.edits.items():
            node = self._node_here(cid)
            if node is None:
                continue
            item = self._item("edited", node.code, node.title)
            for field, new in values.items():
                new_text = self.field_text(field, new)
                if field == "code" and cid in p.codes_kept:         # given to another node here meanwhile
                    new_text = fill(self.tr("%1 is taken here by another node: it stays %2"), new, node.code)
                self._item("", "", "", self.fields.get(field, field), self.field_text(field, getattr(node, field, None)),
                           new_text, parent=item)
            items.append(item)
        for cid, (parent_there, index) in p.moves.items():
            node = self._node_here(cid)
            if node is None:
                continue
            if p.parent_here(parent_there) == node.parent_id:                         # put elsewhere among its siblings
                items.append(self._item("moved", node.code, node.title, self.tr("place"),
                                        str(node.position + 1), str(index + 1)))
            else:
                items.append(self._item("moved", node.code, node.title, self.tr("under"), self._code_here(node.parent_id),
                                        self._code_there(parent_there)))
        unit = self._node_here(p.origin.unit_id)
        if p.context_moved and unit is not None:              # a refresh: the unit serves another strategy now
            items.append(self._item("moved", unit.code, unit.title, self.tr("under"), self._code_here(unit.parent_id),
                                    p.context[-1].code))
        if p.settings:                                        # a refresh: judged as the company judges
            item = self._item("edited", "", self.tr("Plan settings"))
            for key, (old, new) in p.settings.items():
                self._item("", "", "", setting_label(key), setting_text(key, old), setting_text(key, new), parent=item)
            items.append(item)
        by_node: dict[int, list[tuple[str, object]]] = {}
        for (dept_id, period), value in p.numbers.items():
            by_node.setdefault(dept_id, []).append((period, value))
        added = {n.id for n in p.added}
        for dept_id, values in by_node.items():
            node = p.there_nodes.get(dept_id) or self._node_here(p.same_node(dept_id))
            if node is None:
                continue
            cid = None if dept_id in added else p.same_node(dept_id)
            item = self._item("numbers", node.code, node.title, "", "", fill(self.tr("%1 value(s)"), len(values)))
            for period, value in sorted(values, key=lambda pv: periods.sort_key(pv[0]))[:200]:
                self._item("", "", "", period, _number(self.numbers_here.get((cid, period))), _number(value),
                           parent=item)
            items.append(item)
        shown = items[:SHOW_AT_MOST]
        self.changes.addTopLevelItems(shown)
        if len(shown) <= 50:
            self.changes.expandAll()
        if len(items) > SHOW_AT_MOST:
            self.changes.setToolTip(fill(self.tr("Showing the first %1 of %2 changes; all of them are merged."),
                                         SHOW_AT_MOST, len(items)))

    # ----------------------------------------------------------------- conflicts
    def conflict_texts(self, conflict: Conflict) -> tuple[str, str, str]:
        """What changed on both sides, the company's side and the department's, in words."""
        c = conflict
        if c.kind == "field":
            return (self.fields.get(c.what, c.what), self.field_text(c.what, c.company),
                    self.field_text(c.what, c.department))
        if c.kind == "actual":
            return fill(self.tr("number of %1"), c.what), _number(c.company), _number(c.department)
        if self.refreshing and c.kind == "deleted_here":
            return (self.tr("deleted in the department, edited in the company"), self._coming_back(c.key[1]),
                    self.tr("deleted"))
        if self.refreshing and c.kind == "deleted_there":
            return (self.tr("edited in the department, deleted in the company (or moved out of the department's part)"),
                    self.tr("deleted, with what is below it"), self.tr("edited: stays"))
        if c.kind == "deleted_here":
            return (self.tr("deleted here, edited in the department"), self.tr("deleted"), self._coming_back(c.key[1]))
        if c.kind == "deleted_there":
            return (self.tr("edited here, deleted in the department"), self.tr("edited: stays"),
                    self.tr("deleted, with what is below it"))
        what = (self.tr("moved here out of the department's part, edited there") if c.kind == "moved_out"
                else self.tr("moved on both sides"))
        here, there = (c.department, c.company) if self.refreshing else (c.company, c.department)
        under_here, under_there = (fill(self.tr("under %1"), self._code_here(here)),
                                   fill(self.tr("under %1"), self._code_there(there)))
        return (what, under_there, under_here) if self.refreshing else (what, under_here, under_there)

    def _coming_back(self, top: int) -> str:
        """What a branch deleted here brings back when the other side is taken: the nodes below it there, a
        node moved in there said so (kept deleted, it stays where it is here)."""
        p = self.preview
        nodes = p.there_nodes
        below = [fill(self.tr("%1 (moved in)"), nodes[i].code) if i in p.moved_in else nodes[i].code
                 for i in subtree(plan_children(nodes), top)[1:]]
        if not below:
            return self.tr("edited: comes back")
        return fill(self.tr("edited: comes back, with %1"), enumerated(below[:8]) + (" …" if len(below) > 8 else ""))

    def show_conflicts(self) -> None:
        conflicts = self.preview.conflicts
        self.conflicts_box.setTitle(fill(self.tr("Conflicts (%1): changed in the company and in this department file — "
                                                 "choose which side each keeps") if self.refreshing else
                                         self.tr("Conflicts (%1): changed here and in the department — choose which "
                                                 "side each keeps"), len(conflicts)))
        self.conflicts.setRowCount(len(conflicts))
        self.picks.clear()
        for row, conflict in enumerate(conflicts):
            texts = (conflict.code, conflict.title, *self.conflict_texts(conflict))
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.conflicts.setItem(row, column, item)
            sides = ([(self.tr("Keep department"), DEPARTMENT), (self.tr("Take company"), COMPANY)] if self.refreshing
                     else [(self.tr("Keep company"), COMPANY), (self.tr("Take department"), DEPARTMENT)])
            self.picks.add(self.conflicts, row, CONFLICT_COLUMNS - 1, f"mergeChoice{row}",
                           [(self.tr("Choose…"), None), *sides], self._update)
        self.conflicts.resizeRowsToContents()

    @property
    def choice_boxes(self) -> list:
        return self.picks.boxes

    def choose(self, row: int, side: str) -> None:
        self.picks.choose(row, side)

    def choose_all(self, side: str) -> None:
        self.picks.choose_all(side)

    def choices(self) -> dict[tuple, str]:
        """Conflict key → "company" or "department", for the conflicts chosen so far."""
        return self.picks.chosen(self.preview.conflicts)

    def reason_text(self) -> str:
        return self.reason.text().strip() or self.default_reason

    def _update(self, *_args) -> None:
        left = len(self.preview.conflicts) - len(self.choices())
        self.left.setText(fill(self.tr("%1 conflict(s) left to choose"), left) if left else
                          self.tr("Every conflict has its choice."))
        self.merge_button.setEnabled(left == 0)
        ask = (self.tr("Choose keep department or take company for every conflict first") if self.refreshing
               else self.tr("Choose keep company or take department for every conflict first"))
        self.merge_button.setToolTip(ask if left else "")
