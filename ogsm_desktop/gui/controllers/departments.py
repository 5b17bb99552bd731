"""Department plan files in the window.

File → Export department plan… hands the selected unit's part of the plan out as a plan file of its own
(the company's nodes above it go along, locked, for context); File → Merge department plan… brings such
a file back: its changes and conflicts are read on a worker thread, shown in the merge dialog, and
written, once the user has chosen for every conflict, as one undoable command. When the open plan is
itself a department file, the banner above the tree says so, the commands that would change the
locked context are off (the core refuses them anyway), and File → Refresh from company plan… takes the
company's later changes into it the same way (the merge the other way round). The merge and its dialog
are imported when first used: the window starts without them.
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QInputDialog, QLabel, QMessageBox, QWidget

from ...core import departments
from ...core.departments import Origin
from ...core.errors import PlanError
from ...core.model import Kind, Node
from ...core.storage import Plan
from ..jobs import run_with_progress
from ..text import fill
from . import Controller
from .files import ask_open_file, ask_save_file, replace_asked

if TYPE_CHECKING:
    from ...core.merge import MergePlan, UnitGone

# Commands on the selected node that change it or its place: off on the company's locked context, and
# (those that would move, delete or add beside it) on the department's own objective right below it.
OFF_ON_LOCKED = ("rename", "addChild", "addSibling", "deleteNode", "moveUp", "moveDown", "indent", "outdent",
                 "cascade")
OFF_ON_UNIT = ("addSibling", "deleteNode", "moveUp", "moveDown", "indent", "outdent")
_NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


class DepartmentBanner(QLabel):
    """A thin line above the tree, shown while the open plan is a department file."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("departmentBanner")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet("QLabel#departmentBanner { background: #e8eef7; color: #1f3a5f; "
                           "border: 1px solid #b8c7dd; border-radius: 3px; padding: 3px 6px; }")
        self.hide()


def _read(plan: Plan, path: str, progress, reader) -> tuple[MergePlan, dict] | None:
    """On the worker: what merging ``path`` into ``plan`` (or refreshing ``plan`` from it) would do, and
    the open plan's values now of the numbers it brings (to show old → new); None when the user cancelled
    meanwhile."""
    preview = reader(plan, path)
    if not progress(Path(path).name, 1, 2):
        return None
    added = {n.id for n in preview.added}
    # (a node there that is no node here, whatever its id, has no values here: MergePlan.same_node)
    company_ids = {c for d, _period in preview.numbers if d not in added and (c := preview.same_node(d)) is not None}
    found = plan.actuals.between("", "9999-12-31", company_ids) if company_ids else {}
    now = {(nid, a.period): (a.actual, a.target, a.comment) for nid, rows in found.items() for a in rows}
    return (preview, now) if progress(Path(path).name, 2, 2) else None


class DepartmentsController(Controller):
    def __init__(self, window):
        super().__init__(window)
        self.origin: Origin | None = None          # of the open plan, when it is a department file
        self.banner = DepartmentBanner(window)     # laid out by the window, above the tree

    # ----------------------------------------------------------------- the open plan
    def show_origin(self) -> None:
        """Say in the banner whether the open plan is a department file, and where it came from."""
        session = self.session
        try:
            self.origin = departments.origin_of(session.plan) if session is not None else None
        except PlanError:
            self.origin = None                     # a damaged record: the plan refused to open already
        if self.origin is None:
            self.banner.hide()
            return
        self.banner.setText(fill(self.tr("Department plan of %1 from “%2”; the company's part above is shown for "
                                         "context and locked."), self.origin.unit_code, self.origin.plan_name))
        self.banner.setToolTip(self.tr("Work on the department's part here; the company's planner merges this file "
                                       "back with File → Merge department plan…"))
        self.banner.show()

    def own_part(self) -> int | None:
        """The department's objective in the department file open (None: not one, or it is gone)."""
        if self.origin is None or self.session is None:
            return None
        nodes = self.session.model.tree.nodes
        if self.origin.unit_id in nodes:
            return self.origin.unit_id
        return next((i for i, n in nodes.items() if n.code == self.origin.unit_code), None)

    def is_locked(self, node: Node | None) -> bool:
        session = self.session
        return session is not None and node is not None and node.id in session.plan.nodes.locked

    def is_unit(self, node: Node | None) -> bool:
        """``node`` is the department's own objective (right below the locked context)."""
        session = self.session
        return session is not None and node is not None and node.parent_id in session.plan.nodes.locked

    def lock_actions(self) -> None:
        """After the window has asked every action: the edits of the locked context are off (and Cut and
        Paste of nodes there, while the tree has the focus)."""
        node = self.window.current_node()
        locked, unit = self.is_locked(node), self.is_unit(node)
        if not (locked or unit):
            return
        off = set(OFF_ON_LOCKED if locked else OFF_ON_UNIT)
        if self.window.tree_view.hasFocus():
            off |= {"cut", "paste"} if locked else {"cut"}
        for name in off:
            self.window.action(name).setEnabled(False)

    # ----------------------------------------------------------------- handing a unit out
    def can_export(self) -> bool:
        node = self.window.current_node()
        return (self.session is not None and node is not None and node.kind is Kind.OBJECTIVE
                and node.parent_id is not None and not self.session.plan.nodes.locked)

    @staticmethod
    def suggested_name(plan_name: str, node: Node) -> str:
        """"<plan name> - <code> <org unit>.ogsm", without characters a file name cannot hold."""
        name = f"{plan_name} - {node.code} {node.org_unit}".strip()
        return _NOT_IN_NAMES.sub("_", name) + ".ogsm"

    def export_department(self, path: str | None = None) -> bool:
        """Write the department plan file of the selected unit's objective; True when written."""
        w, session, node = self.window, self.session, self.window.current_node()
        if not self.can_export():
            return False
        plan = session.plan
        title = self.tr("Export department plan")
        asked = False
        if not path:
            path = ask_save_file(w, title, self.tr("OGSM plans (*.ogsm);;All files (*)"),
                                 self.suggested_name(plan.name, node))
            if not path:
                return False
            asked = True
        target = Path(path)
        if target.suffix.lower() != ".ogsm":
            target = target.with_name(target.name + ".ogsm")
            asked = False                      # the file dialog asked about another name
        if plan.path is not None and target.resolve() == plan.path.resolve():
            QMessageBox.warning(w, title, fill(self.tr("%1 is the plan open in this window: choose another name for "
                                                      "the department plan."), target))
            return False
        if target.exists() and not asked and not replace_asked(w, title, target):
            return False
        try:
            changes, origin = self._split(plan, node.code, target)
        except PlanError as exc:
            QMessageBox.warning(w, title, str(exc))
            return False
        if changes is not None and changes.batch_id is not None:
            session.take(changes)
        size = 1 + len(session.model.tree.descendants(origin.unit_id))
        w.statusBar().showMessage(fill(self.tr("Wrote the department plan of %1 to %2: %3 node(s) to work on, the "
                                               "company's %4 above them for context (locked)"),
                                       origin.unit_code, target, size, len(origin.context)), 15000)
        return True

    def _split(self, plan: Plan, code: str, target: Path):
        """Write the file; ``(changes, origin)``, the change set being the company plan's identity, given (as
        one journaled batch, in the same transaction as the file is written) with its first department
        file, else None. That batch is not undoable: undoing it would make the file just handed out "a
        department file of another plan", and undo would not take the file back anyway."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if departments.plan_identity(plan) is not None:
                return None, departments.split(plan, code, target, overwrite=target.exists())
            written = []
            try:
                with plan.batch("edit", self.tr("the plan's identity, for its department files")) as changes:
                    written.append(departments.split(plan, code, target, overwrite=target.exists()))
            except PlanError:
                if written:                  # the identity was not kept: a file that carries it could never merge
                    target.unlink(missing_ok=True)
                raise
            return changes, written[0]
        finally:
            QGuiApplication.restoreOverrideCursor()

    # ----------------------------------------------------------------- bringing it back
    def can_merge(self) -> bool:
        session = self.session
        return session is not None and not session.plan.readonly and not session.plan.nodes.locked

    def _read_well(self, job, title: str, name: str) -> bool:
        """Whether the worker read the file; else the user is told why (a refused file) or that it was
        cancelled, and nothing was changed."""
        w = self.window
        if job.error is not None:
            if not isinstance(job.error, PlanError):
                raise job.error
            w.statusBar().showMessage(str(job.error).splitlines()[0], 10000)
            QMessageBox.warning(w, title, str(job.error))
            return False
        if job.result is None:               # cancelled while it was read (the reading itself cannot stop)
            w.statusBar().showMessage(fill(self.tr("%1 cancelled: nothing was changed"), title), 10000)
            return False
        return True

    def merge_department(self, path: str | None = None) -> bool:
        """Read a department plan file, show what merging it would do, and merge it as one undoable
        command when the user accepts; True when merged."""
        from ...core import merge

        if not self.can_merge():
            return False
        return self._bring(
            self.tr("Merge department plan"), path, merge.preview, merge.apply, "merge", on_gone=self._ask_strategy,
            nothing=lambda name, p: fill(self.tr("%1 (%2) brings nothing new since it was last merged: nothing was "
                                                 "changed."), name, p.origin.unit_code),
            command=lambda name: fill(self.tr("Merge %1"), name),
            done=lambda name, p, summary: fill(self.tr("Merged %1 (%2): %3"), name, p.origin.unit_code, summary))

    def _ask_strategy(self, title: str, gone: UnitGone) -> str | None:
        """A department file whose unit was deleted here: the code of the strategy it is to come back under,
        as a new unit, or None to leave the plan as it is."""
        strategies = [n for n, _depth in self.session.model.tree.walk() if n.kind is Kind.STRATEGY]
        if not strategies:
            return None
        items = [f"{n.code}  {n.title}" for n in strategies]
        text = fill(self.tr("The department %1 of this file no longer exists in this plan: it was deleted here.\n\n"
                            "Bring it back as a new unit? Choose the strategy it is to serve (Cancel leaves the "
                            "plan as it is):"), gone.origin.unit_code)
        item, ok = QInputDialog.getItem(self.window, title, text, items, 0, False)
        return strategies[items.index(item)].code if ok and item in items else None

    def _bring(self, title: str, path: str | None, reader, writer, kind: str, *, nothing, command, done,
               on_gone=None) -> bool:
        """Ask for the other plan file, read on a worker what bringing its changes into the open plan would
        do (``reader``), show it in the merge dialog, and write it (``writer``) as one undoable command
        when the user accepts; True when written. ``nothing``, ``command`` and ``done`` say it in words;
        ``on_gone`` asks where a unit deleted here is to come back (a merge's)."""
        from ...core import merge
        from ..dialogs.merge_dialog import MergeDialog

        w, session = self.window, self.session
        if not path:
            path = ask_open_file(w, title, self.tr("OGSM plans (*.ogsm);;All files (*)"))
            if not path:
                return False
        plan, name = session.plan, Path(path).name
        job = run_with_progress(w, fill(self.tr("Reading %1"), name),
                                lambda progress: _read(plan, path, progress, reader))
        if isinstance(job.error, merge.UnitGone) and on_gone is not None:
            code = on_gone(title, job.error)
            if code is None:
                w.statusBar().showMessage(fill(self.tr("%1 cancelled: nothing was changed"), title), 10000)
                return False
            job = run_with_progress(w, fill(self.tr("Reading %1"), name),
                                    lambda progress: _read(plan, path, progress, partial(reader, as_new_under=code)))
        if not self._read_well(job, title, name):
            return False
        preview, now = job.result
        if preview.empty:
            text = nothing(name, preview)
            w.statusBar().showMessage(text, 10000)
            QMessageBox.information(w, title, text)
            return False
        dialog = MergeDialog(preview, session.model.tree, now, w)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        choices, reason, summary = dialog.choices(), dialog.reason_text(), dialog.summary.text()
        dialog.deleteLater()                       # with the preview it holds (a big plan's can be large)
        if not accepted:
            return False
        unit = preview.origin.unit_id

        def unit_here(_changes) -> int:                # a unit merged back as a new one has a new id here
            return preview.written_ids.get(unit, unit) if preview.direction == merge.MERGE else unit

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            written = session.perform(command(name), lambda: writer(plan, preview, choices, reason=reason),
                                      kind=kind, reason=reason, select=unit_here)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if not written:
            return False
        said = done(name, preview, summary)
        if choices:                                # which side each conflict kept, not only how many there were
            companys = sum(1 for side in choices.values() if side == merge.COMPANY)
            said = fill(self.tr("%1 — conflicts: the company's side kept in %2, the department's in %3"), said,
                        companys, len(choices) - companys)
        w.statusBar().showMessage(said, 15000)
        return True

    # ----------------------------------------------------------------- the company's later changes
    def can_refresh(self) -> bool:
        session = self.session
        return session is not None and not session.plan.readonly and bool(session.plan.nodes.locked)

    def refresh_department(self, path: str | None = None) -> bool:
        """Read the company plan this department file was cut from, show what taking its later changes
        would do, and take them as one undoable command when the user accepts; True when taken."""
        from ...core import refresh

        if not self.can_refresh():
            return False
        return self._bring(
            self.tr("Refresh from company plan"), path, refresh.preview, refresh.apply, "refresh",
            nothing=lambda name, p: fill(self.tr("%1 has nothing new for %2 since this file was cut, merged back or "
                                                 "last refreshed: nothing was changed."), name, p.origin.unit_code),
            command=lambda name: fill(self.tr("Refresh from %1"), name),
            done=lambda name, _p, summary: fill(self.tr("Refreshed from %1: %2"), name, summary))
