"""Opening a big plan without making the window wait.

Opening a plan checks the file and works out every status before anything can be edited: a fraction
of a second for a usual plan, seconds for 50,000 nodes and a million numbers. A plan file bigger than
:data:`IN_BACKGROUND_ABOVE` is opened on a worker thread instead: what can be refused at once (a place
that cannot be written, the plan open elsewhere) is refused at once, the plan's lock is taken, and the
tree is shown straight away as a glance reads it (``core/storage/glance.py``, read-only, no statuses,
nothing can be edited). When the worker has checked and read the plan, the plan takes the glance's place
with the branches the user opened and the row they chose; a file the checks refuse is named in the same
message as an open refused at once, and nothing was written to it.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import QMessageBox

from ...core.errors import PlanError, ReadOnlyPlanError
from ...core.lock import PlanLock
from ...core.storage import SCHEMA_VERSION, Plan
from ...core.storage.glance import Glance
from ...core.storage.inspect import inspect
from ..models.glance_model import GlanceModel
from ..models.plan_model import Prepared, prepare
from ..session import Session
from . import Controller

IN_BACKGROUND_ABOVE = 16 * 1024 * 1024      # bytes of plan file


class OpenJob(QThread):
    """Open the plan with the lock already taken, and read what the plan model shows of it."""

    def __init__(self, path: Path, lock: PlanLock, as_of: dt.date, parent=None):
        super().__init__(parent)
        self.path, self.lock, self.as_of = path, lock, as_of
        self.plan: Plan | None = None
        self.prepared: Prepared | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        """The file's checks run beside the reading (they are mostly SQLite's own work, the reading mostly
        Python's): what was read is used only once the checks have passed."""
        checked: list = []
        checks = threading.Thread(target=self._check, args=(checked,), name="plan checks")
        checks.start()
        try:
            try:
                with Plan.open(self.path, readonly=True, inspected=SCHEMA_VERSION) as reading:
                    prepared = prepare(reading, self.as_of)
            finally:
                checks.join()
            if isinstance(checked[0], BaseException):
                raise checked[0]
            self.plan = Plan.open(self.path, lock=self.lock, inspected=checked[0])   # releases the lock on failure
            self.prepared = prepared
        except BaseException as exc:      # noqa: BLE001 — handed to the window thread, which says or raises it
            self.error = checked[0] if checked and isinstance(checked[0], BaseException) else exc
            self.discard()

    def _check(self, out: list) -> None:
        try:
            out.append(inspect(self.path, writing=True))
        except BaseException as exc:      # noqa: BLE001 — the reading thread raises it
            out.append(exc)

    def discard(self) -> None:
        """Close what the job opened (its lock with it); the job has finished."""
        if self.plan is not None:
            self.plan.close()
            self.plan = None
        self.lock.release()


class OpeningController(Controller):
    """At most one plan opening in the background for the window. ``opened`` once a plan opened in the
    background is in the window (or was refused: the window has no plan then)."""

    opened = Signal()

    def __init__(self, window):
        super().__init__(window)
        self.job: OpenJob | None = None
        self.glance: GlanceModel | None = None

    @property
    def busy(self) -> bool:
        return self.job is not None

    def start(self, path: Path) -> bool | None:
        """Open ``path`` in the background: True once started, False when refused at once (said), None
        when the plan is not one to open in the background (small, or only readable: open it at once)."""
        try:
            if path.stat().st_size <= IN_BACKGROUND_ABOVE:
                return None
        except OSError:
            return None
        glance = Glance.open(path)
        if glance is None:                # not plainly a plan of this format: the usual open says why
            return None
        try:
            lock = Plan.claim(path)
        except ReadOnlyPlanError:
            glance.close()
            return None
        except PlanError as exc:
            glance.close()
            QMessageBox.critical(self.window, self.tr("Cannot open plan"), str(exc))
            return False
        self.cancel()
        self.window.close_session()
        self.glance = GlanceModel(glance, self)
        self.window.show_glance(self.glance, path)
        self.job = OpenJob(path, lock, self.window.as_of, self)
        self.job.finished.connect(self._finished)
        self.job.start()
        return True

    def cancel(self) -> None:
        """Stop waiting for a plan opening in the background (another plan is opened, the window closes):
        what it opened is closed when it has finished."""
        job, self.job = self.job, None
        if job is not None:
            job.finished.disconnect(self._finished)
            job.wait()
            job.discard()
            self._drop_glance()

    def _drop_glance(self) -> tuple[list[int], int | None]:
        """Take the glance off the window: the node ids of the branches the user opened, and of the row
        they chose."""
        glance, self.glance = self.glance, None
        if glance is None:
            return [], None
        w = self.window
        expanded = glance.expanded_ids(lambda index: w.tree_view.isExpanded(w.proxy.mapFromSource(index)))
        current = w.current_node_id()
        w.hide_glance()
        glance.close()
        glance.deleteLater()
        return expanded, current

    def _finished(self) -> None:
        job, self.job = self.job, None
        if job is None or job is not self.sender():
            return
        expanded, current = self._drop_glance()
        try:
            if isinstance(job.error, PlanError):
                QMessageBox.critical(self.window, self.tr("Cannot open plan"), str(job.error))
                return
            if job.error is not None:
                raise job.error
            w = self.window
            try:
                session = Session(job.plan, w, as_of=job.as_of, prepared=job.prepared)
            except BaseException as exc:
                job.discard()
                if not isinstance(exc, PlanError):
                    raise
                QMessageBox.critical(self.window, self.tr("Cannot open plan"), str(exc))
                return
            w.set_session(session)
            for node_id in expanded:
                w.tree_view.expand(w.proxy.mapFromSource(w.session.model.index_of(node_id)))
            if current is not None:
                w.select_node(current)
            w.files.remember(job.path)
        finally:
            self.opened.emit()
