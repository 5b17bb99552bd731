"""A period review worked out on a worker thread with its own read-only connection (the Review dialog's, for
a review of many goals and measures: the whole big plan's takes a second), so the window stays free."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import Signal

from ...core.errors import PlanError
from ...core.review import review
from ...core.storage import Plan
from ...core.storage.errors import is_busy
from ..plan_reader import PlanReader, failure_text

log = logging.getLogger(__name__)


class ReviewJob(PlanReader):
    done = Signal(int, object)          # generation, the Review
    failed = Signal(int, str, bool)     # generation, why there is no review (a period that is not one, a
                                        # failure), whether the file was being written (to be tried again)

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
            if busy:
                log.info("the review of %s: the plan file was being written (%s)", self.path, exc)
            elif not isinstance(exc, (PlanError, ValueError)):    # (those say what is asked is not a review)
                log.exception("the review of %s failed", self.path)
            self.failed.emit(self.generation, failure_text(exc, self.path), busy)
            return
        self.done.emit(self.generation, found)
