"""The one item model over the plan tree.

Rows are cached per node, nodes kept in an id → node map, and views never run SQL. The model follows
the plan through the change set of each batch (it never reads the journal): removes, moves and inserts
with the matching begin…/end… calls, so expansion and selection survive edits, undo, redo and restores
alike. Drags carry node ids; a drop that breaks the grammar is refused while dragging, before anything
is asked of the plan.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import replace

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from ...core import lint
from ...core.changes import ChangeSet
from ...core.model import QUANTIFIED, Kind, Tree, move_refusal
from ...core.plan_settings import SETTING_KEYS, MonitorSettings
from ...core.status import STATUS_COLOURS, Standing, refresh
from ...core.storage import Plan
from .. import icons, marks
from ..labels import kind_labels, rule_labels, status_labels
from ..text import fill
from .judging import Judging, Prepared, judged_differently, prepare

log = logging.getLogger(__name__)

COLUMNS = ("title", "code", "owner", "org_unit", "status", "progress")
NODE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3
MIME_TYPE = "application/x-ogsm-node-ids"
RESET_ABOVE = 2000      # a batch with more journal rows than this reloads the model instead
_COLUMN_COUNT = len(COLUMNS)
# A node's flags, worked out once (or-ing Qt's flags in Python costs more than the rest of flags()).
_CHOOSABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_DROP_TARGET = _CHOOSABLE | Qt.ItemFlag.ItemIsDropEnabled
_MOVABLE = _DROP_TARGET | Qt.ItemFlag.ItemIsDragEnabled
MANY_PARENTS = 64      # rows changed under more parents than this: the views paint again what they show


def column_headers() -> tuple[str, ...]:
    """The tree's column titles (the plan model's, and the glance's while a big plan opens)."""
    return (QCoreApplication.translate("PlanModel", "Title"), QCoreApplication.translate("PlanModel", "Code"),
            QCoreApplication.translate("PlanModel", "Owner"), QCoreApplication.translate("PlanModel", "Org unit"),
            QCoreApplication.translate("PlanModel", "Status"), QCoreApplication.translate("PlanModel", "Progress"))


class PlanModel(Judging, QAbstractItemModel):
    """The plan as a Qt tree. Internal ids are node ids (0 never is one: SQLite ids start at 1)."""

    move_requested = Signal(list, object, int)      # node ids, new parent id (None: top), row (-1: end)
    judged = Signal()                               # every standing was worked out again (as-of date, settings)
    judging_changed = Signal(bool)                  # a big plan's statuses are (no longer) being worked out again
    rows_repainted = Signal()                       # every row's marks or figures changed at once: see _emit_rows
    progress_pending_changed = Signal(bool)         # a big plan's progress is (no longer) being worked out

    def __init__(self, plan: Plan, parent=None, as_of: dt.date | None = None, prepared: Prepared | None = None):
        super().__init__(parent)
        self.as_of = as_of or dt.date.today()      # the date statuses are judged as of
        self.judged_as_of = self.as_of             # the date the statuses held are of (a big plan's lag behind)
        self.judging = False                       # a big plan's statuses being worked out again on a worker
        self.progress_pending = False              # a big plan's progress (years to date) being worked out on one
        self._big = False                          # a big plan: judged again on a worker thread
        self._headers = column_headers()
        self.status_text = status_labels()
        self._kinds, self._rules = kind_labels(), rule_labels()
        self.plan = plan
        self.tree = Tree({}, {})
        self.settings = MonitorSettings()
        self.readings: dict = {}                   # goal/measure id → the figure its status is judged on
        self._generation = 0                       # bumped by every change the years to date and roll-up depend on
        self._to_date_job = None
        self._to_date_tries = 0                    # reads of the years to date that found the file being written
        self._edited: set[int] = set()             # nodes changed since the worker started (and their old parents)
        self.standing: dict[int, Standing] = {}
        self._warnings: dict[int, list[lint.MethodWarning]] = {}     # worked out as rows are shown
        self.alerts: dict[int, list] = {}          # node id → its alerts (set by the monitor)
        self.slipping_below: set[int] = set()      # nodes with an alert somewhere below them
        self._row: dict[int, int] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()               # a department file's locked context: the company's nodes
        self._italic.setItalic(True)
        self._bold_italic = QFont(self._bold)
        self._bold_italic.setItalic(True)
        self._locked_brush = QBrush(QColor("#7a7a7a"))
        self.reload(prepared)

    # ----------------------------------------------------------------- loading
    def reload(self, prepared: Prepared | None = None) -> None:
        """Read the whole plan again (on open, and after very large batches); ``prepared``: what
        :func:`prepare` read of it on a worker thread (the plan has not changed since)."""
        self.beginResetModel()
        found = prepared if prepared is not None and prepared.as_of == self.as_of else prepare(self.plan, self.as_of)
        self.tree, self.settings = found.tree, found.settings
        self._take_judged(found.judged)
        self._row = {nid: row for ids in self.tree.children.values() for row, nid in enumerate(ids)}
        self._warnings = {}
        self.slipping_below = self._slipping()     # (the alerts kept: their marks as the tree is now)
        self.endResetModel()

    def _emit_judged(self) -> None:
        """Every row's status and progress changed (see :class:`.judging.Judging`)."""
        self._emit_rows(set(self.tree.nodes), (COLUMNS.index("status"), COLUMNS.index("progress")), whole=True)

    def set_alerts(self, alerts_by_node: dict[int, list], node_ids=None) -> bool:
        """Take new alerts: all of them (``node_ids`` None) or those of ``node_ids``; repaint what changed. False
        when the alerts of ``node_ids`` are what they were, and so are the nodes marked as having some below."""
        before_alerts, before_below = dict(self.alerts), self.slipping_below
        if node_ids is None:
            self.alerts = {k: v for k, v in alerts_by_node.items() if v}
        else:
            for nid in node_ids:
                if alerts_by_node.get(nid):
                    self.alerts[nid] = alerts_by_node[nid]
                else:
                    self.alerts.pop(nid, None)
        self.alerts = {k: v for k, v in self.alerts.items() if k in self.tree.nodes}
        below = self.slipping_below = self._slipping()

        def changed():          # asked for only until they are under too many parents (all of them: 0.24 s)
            yield from before_below ^ below
            after = self.alerts
            for nid in before_alerts.keys() | after.keys():
                if before_alerts.get(nid) != after.get(nid):
                    yield nid

        self._emit_rows(changed(), (COLUMNS.index("status"),), whole=node_ids is None)
        return node_ids is None or before_below != below or any(
            before_alerts.get(nid) != self.alerts.get(nid) for nid in node_ids)

    def _slipping(self) -> set[int]:
        """The nodes with an alert below them, as the tree is now (each one's mark)."""
        nodes, below = self.tree.nodes, set()
        for nid in self.alerts:
            parent = nodes[nid].parent_id if nid in nodes else None
            while parent is not None and parent not in below:
                below.add(parent)
                parent = nodes[parent].parent_id
        return below

    def warnings(self, node_id: int) -> list[lint.MethodWarning]:
        """The method warnings of a node (checked when first asked, again after it or a child changes)."""
        found = self._warnings.get(node_id)
        if found is None:
            found = self._warnings[node_id] = lint.check_node(self.tree, self.tree.nodes[node_id], self.settings,
                                                              self.plan.actuals.targets)
        return found

    # ----------------------------------------------------------------- following the plan
    def apply(self, changes: ChangeSet) -> None:
        """Bring the model up to date with one committed batch, from its change set alone: nodes are
        removed, moved, inserted and updated with the matching begin…/end… calls, so expansion and
        selection survive. A batch too big (or too tangled) to follow step by step reloads the model."""
        if not changes.listed or len(changes.entries) > RESET_ABOVE:
            self.reload()
            return
        self.tree.context = self.plan.nodes.locked         # (a refresh, or its undo, may move the context)
        t = self.tree
        final = changes.final_nodes(t.nodes)
        before = {i: t.nodes.get(i) for i in final}
        old_parents = {t.nodes[i].parent_id for i in final if i in t.nodes}
        if not self._restructure(final, changes):
            self.reload()
            return
        fresh = {i: n for i, n in final.items() if n is not None}
        t.nodes.update(fresh)
        for parent in old_parents | {n.parent_id for n in fresh.values()}:
            self._reorder(parent)
        own_limits = {i for i in changes.actual_nodes if i in t.nodes and lint.has_own_limits(t.nodes[i])}
        if set(changes.meta) & SETTING_KEYS:
            self.settings = MonitorSettings.of(self.plan)
            own_limits |= {i for i, n in t.nodes.items() if lint.has_own_limits(n)}      # judged by the new percentages
            self.rejudge()
        judged = {i for i in set(fresh) | changes.actual_nodes if i in t.nodes and t.nodes[i].kind in QUANTIFIED}
        if judged:          # (as of the date the other statuses are of: a worker's answer for the new one follows)
            self._read_again(self.readings, judged, self.judged_as_of)
        touched_parents = {p for p in old_parents if p is not None and p in t.nodes}
        if self._to_date_job is not None and (changes.actual_nodes or judged_differently(final, before)):
            # a worker's figures and roll-up are of the plan before this: these nodes are read again, here, when
            # its answer comes (not the whole plan again: edits a second apart kept the progress from arriving,
            # and each one's commit waited for the worker's reads)
            self._edited |= set(final) | changes.actual_nodes | touched_parents
        changed = refresh(t, self.readings, self.standing, set(fresh) | changes.actual_nodes | touched_parents,
                          self.settings)
        relinted = (set(fresh) | touched_parents | own_limits       # (limits: judged against the periods' targets)
                    | {n.parent_id for n in fresh.values() if n.parent_id is not None})
        if any(n is None or n.kind in QUANTIFIED for n in final.values()):     # goals serving them: check again
            relinted |= lint.servers_of(t, final)
        for nid in relinted:
            self._warnings.pop(nid, None)
        marked: set[int] = set()
        if any((before[i] is None) != (n is None) or (n is not None and before[i].parent_id != n.parent_id)
               for i, n in final.items()):      # placed elsewhere: the marks of what slips below them move too
            marked, self.slipping_below = self.slipping_below, self._slipping()
            marked ^= self.slipping_below
        self._emit_rows(set(fresh) | changed | relinted | marked, range(len(COLUMNS)))

    def _restructure(self, final: dict, changes: ChangeSet) -> bool:
        """Remove, move and insert rows so the tree has the batch's shape; False when a step cannot be
        taken on its own (the caller then reloads)."""
        t = self.tree

        def moves():
            return [i for i, n in final.items() if n is not None and i in t.nodes and t.nodes[i].parent_id != n.parent_id]

        def placeable(nid, parent) -> bool:      # the new parent is there and not below the node itself
            while parent is not None:
                if parent == nid or parent not in t.nodes:
                    return False
                parent = t.nodes[parent].parent_id
            return True

        for nid in moves():                      # first out from under parents that may be deleted
            if placeable(nid, final[nid].parent_id):
                self._move_to_parent(nid, final[nid].parent_id)
        gone = {nid for nid in changes.deleted() if nid in t.nodes and final.get(nid) is None}
        for nid in changes.deleted():            # the top-most of each deleted branch: its rows go with it
            if nid in gone and nid in t.nodes and t.nodes[nid].parent_id not in gone:
                if any(final.get(d.id) is not None for d in t.descendants(nid)):
                    return False
                self._remove(nid)
        for nid in changes.created():            # parents before children
            node = final.get(nid)
            if node is not None and nid not in t.nodes:
                if node.parent_id is not None and node.parent_id not in t.nodes:
                    return False
                self._insert(node)
        for nid in moves():                      # under nodes the batch created
            if not placeable(nid, final[nid].parent_id):
                return False
            self._move_to_parent(nid, final[nid].parent_id)
        return True

    def _emit_rows(self, ids, columns, whole: bool = False) -> None:
        """Say that these nodes' rows changed: one signal per parent, from its first to its last such row.

        ``whole``: the plan's statuses, progress or alerts worked out again, for every node at once. Under
        more than :data:`MANY_PARENTS` parents, :attr:`rows_repainted` says it instead, and the views paint
        again the rows they show (the window's tree does): no row moves or changes its children, so nothing
        is laid out or filtered again (the status filter follows new statuses on :attr:`judged`). The filter
        over this model maps each parent a ``dataChanged`` names: the big plan's 13,000 to 25,000 signals
        held the window up 1.2–3.3 s each time. A layout change made it map again every row shown and the
        tree lay them out again: 0.1 s with the tree as it opens, 2–3 s with a status filter's matches
        expanded. An edit's rows keep their signals, however many parents they touch."""
        columns = list(columns)
        nodes, row_of = self.tree.nodes, self._row
        rows: dict[int | None, list[int]] = {}
        for nid in ids:
            node = nodes.get(nid)
            if node is None:
                continue
            found = rows.get(node.parent_id)
            if found is None:
                if whole and len(rows) == MANY_PARENTS:     # (the rest of the ids need not be looked at)
                    self.rows_repainted.emit()
                    return
                found = rows[node.parent_id] = []
            found.append(row_of[nid])
        for parent, found in rows.items():
            parent_index = self._parent_index(parent)
            self.dataChanged.emit(self.index(min(found), columns[0], parent_index),
                                  self.index(max(found), columns[-1], parent_index))

    def _parent_index(self, parent_id: int | None) -> QModelIndex:
        return QModelIndex() if parent_id is None else self.index_of(parent_id)

    def _renumber(self, parent_id: int | None, start: int = 0) -> None:
        ids = self.tree.children.get(parent_id, [])
        for row in range(start, len(ids)):
            self._row[ids[row]] = row

    def _remove(self, node_id: int) -> None:
        t = self.tree
        parent = t.nodes[node_id].parent_id
        row = self._row[node_id]
        self.beginRemoveRows(self._parent_index(parent), row, row)
        for gone in [node_id] + [n.id for n in t.descendants(node_id)]:
            t.nodes.pop(gone, None)
            t.children.pop(gone, None)
            self._row.pop(gone, None)
            self.standing.pop(gone, None)
            self.readings.pop(gone, None)
            self._warnings.pop(gone, None)
            self.alerts.pop(gone, None)
        t.children[parent].pop(row)
        if not t.children[parent]:
            del t.children[parent]
        self._renumber(parent, row)
        self.endRemoveRows()

    def _move_to_parent(self, node_id: int, new_parent: int | None) -> None:
        t = self.tree
        old_parent = t.nodes[node_id].parent_id
        row = self._row[node_id]
        dest = len(t.children.get(new_parent, []))
        if not self.beginMoveRows(self._parent_index(old_parent), row, row, self._parent_index(new_parent), dest):
            raise RuntimeError(f"model cannot move node {node_id}")
        t.children[old_parent].pop(row)
        if not t.children[old_parent]:
            del t.children[old_parent]
        t.children.setdefault(new_parent, []).append(node_id)
        t.nodes[node_id] = replace(t.nodes[node_id], parent_id=new_parent)
        self._renumber(old_parent, row)
        self._row[node_id] = dest
        self.endMoveRows()

    def _insert(self, node) -> None:
        t = self.tree
        siblings = t.children.setdefault(node.parent_id, [])
        row = len(siblings)
        self.beginInsertRows(self._parent_index(node.parent_id), row, row)
        siblings.append(node.id)
        t.nodes[node.id] = node
        self._row[node.id] = row
        self.endInsertRows()

    def _reorder(self, parent_id: int | None) -> None:
        t = self.tree
        if parent_id is not None and parent_id not in t.nodes:
            return
        ids = t.children.get(parent_id, [])
        wanted = sorted(ids, key=lambda i: (t.nodes[i].position, i))
        parent_index = self._parent_index(parent_id)
        for target, nid in enumerate(wanted):
            row = self._row[nid]
            if row == target:
                continue
            self.beginMoveRows(parent_index, row, row, parent_index, target)
            ids.insert(target, ids.pop(row))
            self._renumber(parent_id, target)
            self.endMoveRows()

    # ----------------------------------------------------------------- structure
    # index(), parent() and rowCount() are asked hundreds of thousands of times by a view over the big plan
    # (expand all, a filter): each asks Qt as little as it can. An invalid index's internal id is 0, which
    # no node's id is.
    def node_id(self, index: QModelIndex) -> int | None:
        return index.internalId() or None

    def index(self, row: int, column: int, parent=QModelIndex()) -> QModelIndex:
        kids = self.tree.children.get(parent.internalId() or None)
        if kids is None or not 0 <= row < len(kids) or not 0 <= column < _COLUMN_COUNT:
            return QModelIndex()
        return self.createIndex(row, column, kids[row])

    def parent(self, index=QModelIndex()) -> QModelIndex:
        node_id = index.internalId()
        parent_id = self.tree.nodes[node_id].parent_id if node_id else None
        if parent_id is None:
            return QModelIndex()
        return self.createIndex(self._row[parent_id], 0, parent_id)

    def rowCount(self, parent=QModelIndex()) -> int:
        node_id = parent.internalId()
        if node_id and parent.column():
            return 0
        kids = self.tree.children.get(node_id or None)
        return len(kids) if kids is not None else 0

    def columnCount(self, parent=QModelIndex()) -> int:
        return len(COLUMNS)

    def hasChildren(self, parent=QModelIndex()) -> bool:
        node_id = parent.internalId()
        return not (node_id and parent.column()) and bool(self.tree.children.get(node_id or None))

    def index_of(self, node_id: int, column: int = 0) -> QModelIndex:
        if node_id not in self.tree.nodes:
            return QModelIndex()
        return self.createIndex(self._row[node_id], column, node_id)

    # ----------------------------------------------------------------- data
    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        node_id = self.node_id(index)
        if node_id is None:
            return None
        node = self.tree.nodes[node_id]
        column = COLUMNS[index.column()]
        standing = self.standing.get(node_id)
        locked = node_id in self.plan.nodes.locked
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "status":
                return self.status_text.get(str(standing.status), str(standing.status)) if standing else ""
            if column == "progress":
                if standing and standing.progress is not None:
                    return f"{standing.progress:.0%}"
                return "…" if self.progress_pending and self._awaited(node, standing) else ""
            return getattr(node, column)
        if role == NODE_ID_ROLE:
            return node_id
        if role == KIND_ROLE:
            return str(node.kind)
        if role == STATUS_ROLE:
            return str(standing.status) if standing else ""
        if role == Qt.ItemDataRole.DecorationRole:
            if column == "title":
                return icons.kind_icon(node.kind)
            if column == "code" and self.warnings(node_id):
                return icons.warning_icon()
            if column == "status":            # the status dot, and beside it the alert mark: two marks
                colour = STATUS_COLOURS.get(str(standing.status), "#000000") if standing else None
                alert = "alert" if node_id in self.alerts else "below" if node_id in self.slipping_below else None
                return marks.status_marks(colour, alert)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            tips = [fill(self.tr("%1 · %2: %3"), node.code, self._kinds[node.kind], node.title)]
            if locked:
                tips.append(self.tr("Locked: the company's part of the plan, shown here for context. It is changed "
                                    "and judged in the company's plan, not in this department file."))
            if standing:
                tips.append(self.tr("Status: %1").replace("%1", self.status_text.get(str(standing.status),
                                                                                     str(standing.status))))
            tips += [self.tr("Alert: %1 since %2: %3").replace("%1", self._rules[a.rule]).replace("%2", a.since)
                     .replace("%3", a.message) for a in self.alerts.get(node_id, [])]
            if node_id in self.slipping_below:
                tips.append(self.tr("Alert below: something below this is slipping (see the Alerts panel)."))
            tips += [self.tr("Method: %1").replace("%1", w.message) for w in self.warnings(node_id)]
            return "\n".join(tips)
        if role == Qt.ItemDataRole.ForegroundRole and column == "status" and standing:
            return QBrush(QColor(STATUS_COLOURS.get(str(standing.status), "#000000")))
        if role == Qt.ItemDataRole.ForegroundRole and locked:
            return self._locked_brush
        if role == Qt.ItemDataRole.FontRole:
            bold = node.kind is Kind.OBJECTIVE and column == "title"
            if locked:
                return self._bold_italic if bold else self._italic
            return self._bold if bold else None
        return None

    @staticmethod
    def _awaited(node, standing: Standing | None) -> bool:
        """Whether a node's progress comes with the years to date being worked out: a goal's or measure's with
        figures, and the roll-up of an objective or strategy (an action's is its own)."""
        if node.kind in QUANTIFIED:
            return standing is not None and standing.reading is not None and standing.reading.partial
        return node.kind is not Kind.ACTION

    def flags(self, index):
        node_id, locked = index.internalId(), self.plan.nodes.locked
        if not node_id:                          # the top: a department file holds one department
            return Qt.ItemFlag.NoItemFlags if locked else Qt.ItemFlag.ItemIsDropEnabled
        if not locked:
            return _MOVABLE
        if node_id in locked:                    # the company's context: neither moved nor dropped into
            return _CHOOSABLE
        if self.tree.nodes[node_id].parent_id in locked:    # the department's own objective stays where it is
            return _DROP_TARGET
        return _MOVABLE

    # ----------------------------------------------------------------- drag and drop
    def supportedDropActions(self):
        return Qt.DropAction.MoveAction

    def supportedDragActions(self):
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes) -> QMimeData:
        ids = []
        for index in indexes:
            nid = self.node_id(index)
            if nid is not None and nid not in ids:
                ids.append(nid)
        mime = QMimeData()
        mime.setData(MIME_TYPE, QByteArray(",".join(map(str, ids)).encode()))
        return mime

    @staticmethod
    def ids_from_mime(mime: QMimeData) -> list[int]:
        if not mime.hasFormat(MIME_TYPE):
            return []
        raw = bytes(mime.data(MIME_TYPE).data()).decode()
        return [int(x) for x in raw.split(",") if x.strip().isdigit()]

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        """Refuse, while dragging, a drop that breaks the grammar or moves a node into its own subtree."""
        ids = self.ids_from_mime(data)
        if action != Qt.DropAction.MoveAction or not ids:
            return False
        target = self.node_id(parent)
        locked = self.plan.nodes.locked
        if locked and (target is None or target in locked or any(
                nid in locked or self.tree.nodes.get(nid) is None or self.tree.nodes[nid].parent_id in locked
                for nid in ids)):
            return False                         # a department file's context, and its unit, stay in place
        new_parent = self.tree.nodes.get(target) if target is not None else None
        chain = [] if target is None else [target] + [a.id for a in self.tree.ancestors(target)]
        return all(nid in self.tree.nodes and move_refusal(self.tree.nodes[nid], new_parent, chain) is None
                   for nid in ids)

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        ids = self.ids_from_mime(data)
        self.move_requested.emit(ids, self.node_id(parent), row)
        return False        # the move, if the plan takes it, arrives through apply()
