"""A period review worked out on a worker thread with its own read-only connection (the Review dialog's, for
a review of many goals and measures: the whole big plan's takes a second), so the window stays free."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import Signal

from ...core.errors import PlanError, PlanFileError
from ...core.review import review
from ...core.storage import Plan
from ...core.storage.errors import is_busy
from ..plan_reader import PlanReader, failure_text

log = logging.getLogger(__name__)


class ReviewJob(PlanReader):
    done = Signal(int, object)          # generation, the Review
    failed = Signal(int, str, bool, bool)   # generation, why there is no review; whether the file was being
                                            # written (to be tried again); whether it was refused (a period
                                            # that is not one: no review to show), not a failure of the read

    def __init__(self, plan: Plan, tree, generation: int, period: str, unit_code: str | None, as_of: dt.date,
                 parent=None):
        super().__init__(plan, tree, generation, parent)
        self.period, self.unit_code, self.as_of = period, unit_code, as_of

    def read(self) -> None:
        try:
            with self.open() as plan:
                found = review(plan, self.period, self.unit_code, self.as_of, tree=self.tree)
        except Exception as exc:        # said in the dialog; the next change tries again
            busy = is_busy(exc)
            refused = not busy and isinstance(exc, (PlanError, ValueError)) and not isinstance(exc, PlanFileError)
            if busy:
                log.info("the review of %s: the plan file was being written (%s)", self.path, exc)
            elif not refused:
                log.warning("the review of %s could not be read on a worker (%s)", self.path, exc)
            self.failed.emit(self.generation, failure_text(exc, self.path), busy, refused)
            return
        self.done.emit(self.generation, found)
