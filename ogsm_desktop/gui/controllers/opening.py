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
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import QMessageBox

from ...core.errors import PlanError, ReadOnlyPlanError
from ...core.lock import PlanLock
from ...core.storage import SCHEMA_VERSION, Plan
from ..jobs import wait_for
from ..models.judging import Prepared, prepare
from ..session import Session
from . import Controller

if TYPE_CHECKING:
    from ..models.glance_model import GlanceModel

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
        """The file's checks run beside the reading (:meth:`Plan.open_reading`): what was read is used only
        once the checks have passed. A plan of an older format is checked, copied aside and brought up to
        date first (once), then read."""
        try:
            self.plan, self.prepared = Plan.open_reading(self.path, lambda plan: prepare(plan, self.as_of),
                                                         lock=self.lock)       # releases the lock on failure
        except BaseException as exc:      # noqa: BLE001 — handed to the window thread, which says or raises it
            self.error = exc
            self.discard()

    def discard(self) -> None:
        """Close what the job opened (its lock with it); the job has finished."""
        if self.plan is not None:
            self.plan.close()
            self.plan = None
        self.lock.release()


class OpeningController(Controller):
    """At most one plan opening in the background for the window. ``opened`` once a plan opened in the
    background is in the window, or was refused (the plan open before it is opened again then)."""

    opened = Signal()

    def __init__(self, window):
        super().__init__(window)
        self.job: OpenJob | None = None
        self.glance: GlanceModel | None = None
        self.previous: Path | None = None           # the plan open before: opened again when this one is refused
        self._abandoned: set[OpenJob] = set()        # still working; what they opened is closed when they finish

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
        from ...core.storage.glance import Glance  # (a big plan's first look: imported when one is opened)
        from ..models.glance_model import GlanceModel

        glance = Glance.open(path)
        if glance is None:                # not plainly a plan of this format: the usual open says why
            return None
        self.settle(path)
        try:
            lock = Plan.claim(path)
        except ReadOnlyPlanError:
            glance.close()
            return None
        except PlanError as exc:
            glance.close()
            QMessageBox.critical(self.window, self.tr("Cannot open plan"), str(exc))
            return False
        try:
            self.cancel(wait=False)
            w = self.window
            if w.session is not None and w.session.plan.path is not None:
                self.previous = w.session.plan.path
            w.close_session()
            converting = glance.version < SCHEMA_VERSION
            if converting:                          # converted beside the glance: nothing read from the file then
                glance.read_all()
            self.glance = GlanceModel(glance, self)
            w.show_glance(self.glance, path, converting=converting)
            self.job = OpenJob(path, lock, w.as_of, self)
            self.job.finished.connect(self._finished)
            self.job.start()
        except BaseException:
            if self.job is None:              # nothing took the lock over: let it go, and the glance's file
                lock.release()
                glance.close()
            raise
        return True

    def settle(self, path: str | Path) -> None:
        """Wait for any opening of ``path`` still under way (its lock must go before the file is opened
        again)."""
        path = Path(path).absolute()
        if self.job is not None and self.job.path.absolute() == path:
            self.cancel(wait=True)
        for job in [j for j in self._abandoned if j.path.absolute() == path]:
            wait_for(job)
            self._dispose(job)

    def cancel(self, *, wait: bool = True) -> None:
        """Stop the opening under way (another plan is opened, the window closes). ``wait``: until its
        worker has finished (else what it opened is closed when it finishes, the window not held up)."""
        job, self.job = self.job, None
        if job is None:
            return
        job.finished.disconnect(self._finished)
        self._drop_glance()
        if wait or job.isFinished():
            wait_for(job)
            self._dispose(job)
        else:
            self._abandoned.add(job)
            job.finished.connect(self._abandoned_finished)

    def stop(self) -> None:
        """The window closes: stop the opening under way, and wait for every worker still working."""
        self.cancel(wait=True)
        for job in list(self._abandoned):
            wait_for(job)
            self._dispose(job)

    def _abandoned_finished(self) -> None:
        job = self.sender()
        if job in self._abandoned:
            self._dispose(job)

    def _dispose(self, job: OpenJob) -> None:
        self._abandoned.discard(job)
        job.discard()
        job.prepared = None
        job.deleteLater()

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
        job = self.sender()
        if job is None or job is not self.job:      # a call queued before the job was cancelled
            return
        self.job = None
        expanded, current = self._drop_glance()
        try:
            if job.error is not None:
                self._dispose(job)
                self._refused(job.path, job.error)
                return
            w = self.window
            try:
                session = Session(job.plan, w, as_of=job.as_of, prepared=job.prepared)
            except BaseException as exc:
                self._dispose(job)
                self._refused(job.path, exc)
                return
            job.plan = job.prepared = None          # the session has them now
            job.deleteLater()
            self.previous = None
            w.set_session(session)
            for node_id in expanded:
                w.tree_view.expand(w.proxy.mapFromSource(w.session.model.index_of(node_id)))
            if current is not None:
                w.select_node(current)
            w.files.say_converted(session.plan)
            w.files.remember(job.path)
        finally:
            self.opened.emit()

    def _refused(self, path: Path, error: BaseException) -> None:
        """Say why ``path`` was refused, and open the plan that was open before it again (at start-up: the
        default plan), as an open refused at once keeps the current plan."""
        if not isinstance(error, PlanError):
            raise error
        QMessageBox.critical(self.window, self.tr("Cannot open plan"), str(error))
        before, self.previous = self.previous, None
        if before is None:
            from ...core.paths import ensure_default_plan

            before = ensure_default_plan()
        if before.exists() and before.absolute() != path.absolute():
            self.window.files.open_plan(before)
