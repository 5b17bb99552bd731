"""How the plan model judges its nodes: every status and progress as of the window's date, worked out where
the plan opens and again when the date or the monitoring settings change — on a big plan on a worker thread
(its statuses, then the years to date), edits made meanwhile judged here. No item-model code: mixed into
:class:`.plan_model.PlanModel`, which holds the tree and the rows and says which changed (``_emit_judged``).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from ...core import monitoring
from ...core.model import QUANTIFIED, Tree
from ...core.plan_settings import MonitorSettings
from ...core.status import Standing, refresh, roll_up
from ...core.storage import Plan

log = logging.getLogger(__name__)

BACKGROUND_ABOVE = 200_000   # actual rows above which the years to date are worked out on a worker thread
EDITED_HERE = 500      # nodes edited while a worker read from which its answer is read again there, not here
BUSY_TRIES = 3         # a worker's read that finds the plan file being written is tried again this many times


@dataclass(frozen=True)
class Judged:
    readings: dict                 # goal/measure id → the figure its status is judged on
    standing: dict[int, Standing]
    to_date_later: bool            # a big plan: the years to date are worked out on a worker thread


@dataclass(frozen=True)
class Prepared:
    """What the model reads of a plan as it opens, worked out where the plan was opened (a worker thread
    for a big plan, see ``gui/opening.py``): no Qt in it."""
    as_of: dt.date
    tree: Tree
    settings: MonitorSettings
    judged: Judged


def judge(plan: Plan, tree: Tree, as_of: dt.date, settings: MonitorSettings) -> Judged:
    """Every reading and standing as of ``as_of``; on a big plan without the years to date."""
    big = plan.path is not None and plan.actuals.size_hint() > BACKGROUND_ABOVE
    readings = monitoring.readings(plan, tree, as_of, settings, to_date=not big)
    return Judged(readings, roll_up(tree, readings, settings), big)


def prepare(plan: Plan, as_of: dt.date) -> Prepared:
    """The whole plan as the model shows it: its tree (a copy the model may change) and every status."""
    tree = plan.nodes.tree().copy()
    settings = MonitorSettings.of(plan)
    return Prepared(as_of, tree, settings, judge(plan, tree, as_of, settings))


# Fields that neither a figure nor a roll-up reads: a change of them leaves a worker's years to date current.
_NOT_JUDGED = frozenset({"title", "code", "owner", "org_unit", "description", "unit", "serves_id", "serves_title",
                         "serves_target"})


def judged_differently(final: dict, before: dict) -> bool:
    """Whether nodes changed as ``final`` (from ``before``) may read or roll up otherwise: a node added,
    removed, or changed in a field a figure or the roll-up reads."""
    for node_id, new in final.items():
        old = before.get(node_id)
        if old is None or new is None:
            return True
        if any(old.__dict__[f] != value for f, value in new.__dict__.items() if f not in _NOT_JUDGED):
            return True
    return False


class Judging:
    """The judging half of the plan model (see the module): its state is set up by the model's __init__."""

    def set_as_of(self, day: dt.date) -> None:
        """Judge every status as of ``day`` (the window's as-of date)."""
        if day != self.as_of:
            self.as_of = day
            self.rejudge()

    def _judge_everything(self) -> None:
        self._take_judged(judge(self.plan, self.tree, self.as_of, self.settings))

    def _take_judged(self, judged: Judged) -> None:
        """Every reading and standing; on a big plan the years to date (the progress) follow from a worker
        thread."""
        self._generation += 1
        self._to_date_tries = 0
        self.readings, self.standing = judged.readings, judged.standing
        self.judged_as_of, self._big = self.as_of, judged.to_date_later
        self._set_judging(False)
        if judged.to_date_later:
            self._start_to_date()
        else:
            self.stop()                          # (a plan no longer big: its answer would be of no use)

    def _set_judging(self, judging: bool) -> None:
        if judging != self.judging:
            self.judging = judging
            self.judging_changed.emit(judging)

    def _set_pending(self, pending: bool) -> None:
        """The progress is (no longer) being worked out: the Progress column shows "…" meanwhile (see data)."""
        if pending != self.progress_pending:
            self.progress_pending = pending
            self.progress_pending_changed.emit(pending)
            self.rows_repainted.emit()

    def _start_to_date(self) -> None:
        from .to_date_job import ToDateJob

        self._stop_job()
        self._set_pending(True)
        self._edited = set()
        self._to_date_job = ToDateJob(self.plan, self.as_of, self._generation, self.tree, self.settings, self,
                                      statuses_first=self.judging)
        self._to_date_job.done.connect(self._take_to_date)
        self._to_date_job.start()

    def _take_to_date(self, generation: int, found, final: bool) -> None:
        from .to_date_job import BUSY

        if self.sender() is not self._to_date_job:     # a job stopped before its answer was delivered
            return
        if generation != self._generation:       # the plan or the as-of date moved on meanwhile (a failure too,
            if not final and self.judging and isinstance(found, tuple):     # of a read that saw the change): again;
                self._take_edited_since(*found)  # but the statuses are taken, those edited meanwhile judged here
            self._start_to_date()
            return
        if (found is None or found is BUSY) and self._edited:     # a read that failed as the plan changed under
            self._start_to_date()                                   # it (a branch deleted): read again
            return
        if found is BUSY and self._to_date_tries < BUSY_TRIES:      # the file was being written (most often by
            self._to_date_tries += 1                                # this window: a long edit, now done): again
            self._start_to_date()
            return
        if final:
            self.stop()
            self._to_date_tries = 0
        if found is None or found is BUSY:       # failed: the statuses stay, the progress unknown
            if found is BUSY:
                log.warning("the years to date of %s were not worked out: the plan file was being written",
                            self.plan.path)
            if self.judging:                     # the statuses are of another date: judged here, without progress
                readings = monitoring.readings(self.plan, self.tree, self.as_of, self.settings, to_date=False)
                self._take_readings(readings, roll_up(self.tree, readings, self.settings))
            return
        if len(self._edited) > EDITED_HERE:      # a big paste or undo meanwhile: read again on the worker (here,
            self._start_to_date()                # their years to date would hold the window up)
            return
        if self._edited:                         # edited while it read: those nodes read again here
            self._take_edited_since(*found, to_date=final)
            return
        self._take_readings(*found)

    def _take_edited_since(self, readings: dict, standing: dict[int, Standing], to_date: bool = False) -> None:
        """A worker's answer, outdated by edits made while it read: the nodes edited are judged again here (a few,
        with their years to date when the answer has them) and rolled up. Dropping it and reading again, the tree
        kept the statuses of the date before, or no progress, for as long as numbers were entered faster than the
        worker's read (1-2 s on the big plan)."""
        self._read_again(readings, self._edited, self.as_of, to_date=to_date)
        refresh(self.tree, readings, standing, {i for i in self._edited if i in self.tree.nodes}, self.settings)
        self._take_readings(readings, standing)

    def _read_again(self, readings: dict, node_ids, as_of: dt.date, to_date: bool = True) -> None:
        """The readings of ``node_ids`` read again into ``readings``: one with none now (no numbers, no longer a
        goal or measure, gone from the plan) is dropped."""
        nodes = self.tree.nodes
        wanted = [i for i in node_ids if i in nodes and nodes[i].kind in QUANTIFIED]
        found = monitoring.readings(self.plan, self.tree, as_of, self.settings, node_ids=wanted,
                                    to_date=to_date) if wanted else {}
        for nid in node_ids:
            if nid in found:
                readings[nid] = found[nid]
            else:
                readings.pop(nid, None)

    def _take_readings(self, readings: dict, standing: dict[int, Standing]) -> None:
        self.readings, self.standing, self.judged_as_of = readings, standing, self.as_of
        self._set_judging(False)
        self._emit_judged()
        self.judged.emit()

    def stop(self) -> None:
        """Stop a worker still working out the years to date (its read is interrupted) and wait for it: the
        progress it was working out is no longer awaited."""
        self._stop_job()
        self._set_pending(False)

    def _stop_job(self) -> None:
        job, self._to_date_job = self._to_date_job, None
        if job is not None:
            job.done.disconnect(self._take_to_date)
            job.stop()
            job.deleteLater()

    def rejudge(self) -> None:
        """Work every standing out again (the as-of date or the plan's monitoring settings changed). A big
        plan's are worked out on a worker thread (its statuses, then its progress): the window stays free, the
        statuses shown meanwhile those of ``judged_as_of``, ``judging`` saying so."""
        if self._big:
            self._generation += 1
            self._to_date_tries = 0
            self.judging = True
            self.judging_changed.emit(True)      # (again while judging: the date being worked out is another)
            self._start_to_date()
            return
        self._judge_everything()
        self._emit_judged()
        self.judged.emit()
