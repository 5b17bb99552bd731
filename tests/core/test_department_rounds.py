"""A department's year as random rounds: edits, numbers, new, moved and deleted measures, undo and redo, versions
saved and restored — on the company plan and its department file — and after every merge followed by a refresh
the department's part reads the same in both files, and a second merge and refresh have nothing to say.

The driver came from a reviewer's fuzzing (stop 11); the sequences it shrank to are kept below as cases of their
own, each a defect it found."""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from ogsm_desktop.core import departments, merge, refresh
from ogsm_desktop.core import versions as ver
from ogsm_desktop.core.errors import PlanError
from ogsm_desktop.core.model import Kind
from ogsm_desktop.core.storage import Plan

PERIODS = ("2026-09", "2026-10", "2026-11", "2026-12")


def part_state(path: Path) -> tuple[dict, dict]:
    """The department's part as a planner compares it: each node by its code (kind, title, owner, target, parent's
    code, served measure's code, its place among its siblings) and each number."""
    with Plan.open(path, readonly=True) as plan:
        tree = plan.nodes.tree()
        unit = plan.nodes.by_code("D1")
        nodes, numbers = {}, {}
        for n in [unit, *tree.descendants(unit.id)]:
            parent = tree.nodes[n.parent_id].code if n.parent_id in tree.nodes else None
            serves = tree.nodes[n.serves_id].code if n.serves_id in tree.nodes else n.serves_id
            place = tree.children.get(n.parent_id, []).index(n.id) if n.id != unit.id else None
            nodes[n.code] = (n.kind.name, n.title, n.owner, n.target, parent, serves, place)
            for a in plan.actuals.of(n.id):
                numbers[(n.code, a.period)] = (a.actual, a.target, a.comment)
        return nodes, numbers


class Round:
    """The two files and what was done to them."""

    def __init__(self, template: Path, folder: Path, prefer: str):
        self.company, self.dept = folder / "company.ogsm", folder / "d1.ogsm"
        shutil.copy(template, self.company)
        with Plan.open(self.company) as plan:
            departments.split(plan, "D1", self.dept)
        self.prefer = prefer
        self.undo: dict[str, list[int]] = {"C": [], "D": []}
        self.redo: dict[str, list[int]] = {"C": [], "D": []}
        self.versions: dict[str, list[str]] = {"C": [], "D": []}

    def path(self, side: str) -> Path:
        return self.company if side == "C" else self.dept

    def _done(self, side: str, batch: int | None) -> None:
        if batch is not None:
            self.undo[side].append(batch)
            self.redo[side].clear()

    def do(self, op: tuple) -> None:
        """One step; a step the plan refuses (a grammar break, an unresolved conflict) changes nothing."""
        name, *args = op
        try:
            getattr(self, "_" + name)(*args)
        except (PlanError, ValueError):
            pass

    def _edit(self, side, code, field, value):
        with Plan.open(self.path(side)) as plan, plan.batch("edit", "e") as changes:
            plan.nodes.update(plan.nodes.by_code(code).id, **{field: value})
        self._done(side, changes.batch_id)

    def _number(self, side, code, period, which, value):
        with Plan.open(self.path(side)) as plan:
            node = plan.nodes.by_code(code)
            now = next((a for a in plan.actuals.of(node.id) if a.period == period), None)
            values = {"actual": now.actual if now else None, "target": now.target if now else None,
                      "comment": now.comment if now else ""} | {which: value}
            with plan.batch("edit", "n") as changes:
                plan.actuals.write([(node.id, period, values["actual"], values["target"], values["comment"])])
        self._done(side, changes.batch_id)

    def _add(self, side, parent, title):
        with Plan.open(self.path(side)) as plan, plan.batch("edit", "a") as changes:
            plan.nodes.add_new(plan.nodes.by_code(parent).id, Kind.MEASURE, title=title)
        self._done(side, changes.batch_id)

    def _move(self, side, code, parent):
        with Plan.open(self.path(side)) as plan, plan.batch("edit", "m") as changes:
            plan.nodes.move(plan.nodes.by_code(code).id, plan.nodes.by_code(parent).id)
        self._done(side, changes.batch_id)

    def _delete(self, side, code):
        with Plan.open(self.path(side)) as plan, plan.batch("edit", "d") as changes:
            plan.nodes.delete(plan.nodes.by_code(code).id)
        self._done(side, changes.batch_id)

    def _reorder(self, side, code, index):
        with Plan.open(self.path(side)) as plan, plan.batch("edit", "r") as changes:
            node = plan.nodes.by_code(code)
            plan.nodes.move(node.id, node.parent_id, index)
        self._done(side, changes.batch_id)

    def _merge(self, prefer):
        with Plan.open(self.company) as plan:
            self._done("C", merge.apply(plan, merge.preview(plan, self.dept), prefer=prefer).batch_id)

    def _refresh(self, prefer):
        with Plan.open(self.dept) as plan:
            self._done("D", refresh.apply(plan, refresh.preview(plan, self.company), prefer=prefer).batch_id)

    def _undo(self, side):
        if self.undo[side]:
            with Plan.open(self.path(side)) as plan:
                self.redo[side].append(plan.revert_batch(self.undo[side].pop(), "undo", kind="undo").batch_id)

    def _redo(self, side):
        if self.redo[side]:
            with Plan.open(self.path(side)) as plan:
                self.undo[side].append(plan.revert_batch(self.redo[side].pop(), "redo", kind="redo").batch_id)

    def _save(self, side, name):
        with Plan.open(self.path(side)) as plan:
            ver.save_version(plan, name, "r")
        self.versions[side].append(name)

    def _restore(self, side, name):
        with Plan.open(self.path(side)) as plan:
            ver.restore(plan, name, "r")
            self._done(side, plan.journal.last_batch_id())

    def _sync(self, prefer):
        """A merge then a refresh: the files agree, and neither has anything more to say."""
        self._merge(prefer)
        self._refresh(prefer)
        assert part_state(self.company) == part_state(self.dept)
        with Plan.open(self.company, readonly=True) as plan:
            assert merge.preview(plan, self.dept).empty
        with Plan.open(self.dept, readonly=True) as plan:
            assert refresh.preview(plan, self.company).empty


def random_step(run: Round, rng: random.Random, n: int) -> tuple | None:
    side = rng.choice("CD")
    kind = rng.choices(["edit", "number", "add", "move", "delete", "merge", "refresh", "undo", "redo", "sync", "save",
                        "restore"], [6, 6, 3, 3, 1, 3, 3, 3, 1, 3, 1, 1])[0]
    with Plan.open(run.path(side), readonly=True) as plan:
        tree = plan.nodes.tree()
        nodes = tree.descendants(plan.nodes.by_code("D1").id)
    measures = [x for x in nodes if x.kind is Kind.MEASURE]
    strategies = [x for x in nodes if x.kind is Kind.STRATEGY]
    if kind == "edit" and nodes:
        node = rng.choice(nodes)
        field = rng.choice(["title", "owner", "target"] if node.kind in (Kind.MEASURE, Kind.GOAL) else ["title", "owner"])
        return ("edit", side, node.code, field, rng.choice([1.0, 2.0, 3.0]) if field == "target" else f"{field[0]}{side}{n}")
    if kind == "number" and measures:
        which = rng.choice(["actual", "actual", "target", "comment"])
        value = (f"c{side}{n}" if rng.random() < .8 else "") if which == "comment" else (
            float(n) if rng.random() < .8 else None)
        return ("number", side, rng.choice(measures).code, rng.choice(PERIODS), which, value)
    if kind == "add" and strategies:
        return ("add", side, rng.choice(strategies).code, f"new{side}{n}")
    if kind == "move" and measures and len(strategies) > 1:
        m = rng.choice(measures)
        return ("move", side, m.code, rng.choice([s for s in strategies if s.id != m.parent_id]).code)
    if kind == "delete" and measures:
        return ("delete", side, rng.choice(measures).code)
    if kind in ("merge", "refresh", "sync"):
        return (kind, run.prefer)
    if kind in ("undo", "redo"):
        return (kind, side)
    if kind == "save":
        return ("save", side, f"v{side}{n}")
    if kind == "restore" and run.versions[side]:
        return ("restore", side, rng.choice(run.versions[side]))
    return None


@pytest.mark.parametrize("seed", range(30))
def test_random_rounds_end_with_both_files_agreeing(demo_template, tmp_path, seed):
    rng = random.Random(seed)
    run = Round(demo_template, tmp_path, rng.choice([merge.COMPANY, merge.DEPARTMENT]))
    for n in range(1, 31):
        step = random_step(run, rng, n)
        if step is not None:
            run.do(step)
    run.do(("sync", run.prefer))


def reorder_step(run: Round, rng: random.Random, n: int) -> tuple | None:
    """A random step, one in eight a measure put elsewhere among its siblings; a sync either way preferring either."""
    if rng.random() < 0.12:
        side = rng.choice("CD")
        with Plan.open(run.path(side), readonly=True) as plan:
            measures = [x for x in plan.nodes.tree().descendants(plan.nodes.by_code("D1").id) if x.kind is Kind.MEASURE]
        if measures:
            return ("reorder", side, rng.choice(measures).code, rng.randrange(4))
    step = random_step(run, rng, n)
    if step is not None and step[0] in ("merge", "refresh", "sync"):
        step = (step[0], rng.choice([merge.COMPANY, merge.DEPARTMENT]))
    return step


@pytest.mark.parametrize("seed", range(30000, 30030))
def test_random_rounds_with_reorders_end_with_siblings_in_one_order(demo_template, tmp_path, seed):
    """A reviewer's driver: the rounds above with reorders, the places among siblings compared too."""
    rng = random.Random(seed)
    run = Round(demo_template, tmp_path, rng.choice([merge.COMPANY, merge.DEPARTMENT]))
    for n in range(1, 31):
        step = reorder_step(run, rng, n)
        if step is not None:
            run.do(step)
    run.do(("sync", run.prefer))


# What the random rounds found, shrunk (seed in the name).
FOUND = {
    "a measure new on both sides, one undone (14)": (merge.COMPANY, [
        ("add", "C", "P1-S1", "newC"), ("add", "D", "P1-S1", "newD"), ("merge", merge.COMPANY), ("undo", "D")]),
    "an actual cleared before a refresh that merged the period field by field (23)": (merge.DEPARTMENT, [
        ("number", "C", "D1-S1-M1", "2026-10", "target", 6.0), ("number", "D", "D1-S1-M1", "2026-10", "actual", None),
        ("refresh", merge.DEPARTMENT), ("number", "D", "D1-S1-M1", "2026-10", "actual", 29.0), ("undo", "D")]),
    "a measure moved back under its old strategy after its move was merged (45)": (merge.DEPARTMENT, [
        ("move", "D", "D1-S1-M1", "D1-S2"), ("edit", "C", "D1-S1-M1", "title", "tC"), ("sync", merge.DEPARTMENT),
        ("undo", "D"), ("move", "C", "D1-S1-M1", "D1-S1")]),
    "a measure the department deleted, kept by the merge (70)": (merge.COMPANY, [
        ("move", "C", "D1-S1-M1", "D1-S3"), ("refresh", merge.COMPANY), ("delete", "D", "D1-S1-M1")]),
    "a merged measure's number after the company restored a version before the merge (93)": (merge.DEPARTMENT, [
        ("add", "D", "D1-S1", "newD"), ("save", "C", "before"), ("sync", merge.DEPARTMENT),
        ("number", "C", "D1-S1-M2", "2026-10", "actual", 23.0), ("sync", merge.DEPARTMENT),
        ("restore", "C", "before")]),
    "a measure the company deleted after the department's edit of it was merged (1123)": (merge.DEPARTMENT, [
        ("edit", "D", "D1-S2-M1", "owner", "oD"), ("merge", merge.DEPARTMENT), ("delete", "C", "D1-S2-M1")]),
    "a renamed new measure deleted, the merge undone, a comment typed (1079: the file was damaged)": (
        merge.DEPARTMENT, [("add", "D", "D1-S3", "newD"), ("edit", "D", "D1-S3-M2", "code", "D1-S3-M6"),
                           ("sync", merge.DEPARTMENT), ("delete", "D", "D1-S3-M6"), ("merge", merge.DEPARTMENT),
                           ("undo", "C"), ("number", "C", "D1-S3-M6", "2026-11", "comment", "cC"),
                           ("refresh", merge.DEPARTMENT)]),
    "a deletion the merge refused, undone by the department (2112)": (merge.COMPANY, [
        ("delete", "D", "D1-S2-M1"), ("edit", "C", "D1-S2-M1", "owner", "oC"), ("merge", merge.COMPANY),
        ("undo", "D"), ("refresh", merge.COMPANY)]),
    "a strategy deleted and the company restoring a version before it (2039)": (merge.DEPARTMENT, [
        ("save", "C", "before"), ("number", "D", "P1-S1-M1", "2026-10", "target", 15.0), ("delete", "C", "D1-S1"),
        ("refresh", merge.DEPARTMENT), ("restore", "C", "before")]),
    "an actual cleared to an empty row, the strategy deleted, the measure moved into it (2129)": (merge.COMPANY, [
        ("number", "C", "D1-S1-M1", "2026-11", "actual", None), ("delete", "C", "D1-S2"),
        ("move", "D", "D1-S1-M1", "D1-S2")]),
    "a measure the company deleted, kept by the refresh, moved back (163)": (merge.DEPARTMENT, [
        ("move", "D", "P1-S1-M1", "D1-S1"), ("delete", "C", "P1-S1-M1"), ("refresh", merge.DEPARTMENT),
        ("move", "D", "P1-S1-M1", "P1-S1")]),
    "both sides renaming into the same code (2131)": (merge.DEPARTMENT, [
        ("add", "D", "D1-S1", "newD"), ("edit", "C", "D1-S1-M1", "code", "D1-S1-M9"),
        ("edit", "D", "D1-S1-M2", "code", "D1-S1-M9")]),
    "a rename, a new measure given the code the other side renamed to (2188)": (merge.DEPARTMENT, [
        ("edit", "C", "D1-S3-M1", "code", "D1-S3-M5"), ("add", "C", "D1-S3", "newC"),
        ("edit", "D", "D1-S3-M1", "code", "D1-S3-M6")]),
    "a deletion undone by the company, then the department deleting the branch above (2068)": (merge.COMPANY, [
        ("delete", "C", "P1-S1"), ("undo", "C"), ("edit", "C", "P1", "owner", "oC"), ("delete", "D", "D1-S1")]),
    "a merge undone, the file merged again, a version saved between the two restored (3047)": (
        merge.DEPARTMENT, [("add", "D", "D1-S1", "newD"), ("sync", merge.DEPARTMENT), ("save", "C", "merged"),
                           ("undo", "C"), ("sync", merge.DEPARTMENT), ("restore", "C", "merged")]),
    "a strategy the company deleted kept by the refresh, a measure new below it (3436)": (merge.DEPARTMENT, [
        ("delete", "C", "D1-S2"), ("add", "D", "D1-S2", "newD"), ("refresh", merge.DEPARTMENT)]),
    "a refresh taking a deletion undone, a measure new below the branch (3271)": (merge.DEPARTMENT, [
        ("delete", "C", "P1-S1"), ("refresh", merge.DEPARTMENT), ("undo", "D"), ("refresh", merge.DEPARTMENT),
        ("add", "D", "P1-S1", "newD")]),
    "a refresh undone after the merge that read it, the company's measure it copied (3566)": (merge.COMPANY, [
        ("add", "D", "D1-S2", "newD"), ("add", "C", "D1-S2", "newC"), ("sync", merge.COMPANY),
        ("merge", merge.COMPANY), ("undo", "D"), ("refresh", merge.COMPANY)]),
    "a period merged field by field, the measure then deleted by the company (3262)": (merge.DEPARTMENT, [
        ("number", "C", "D1-S3-M1", "2026-12", "actual", 8.0), ("number", "D", "D1-S3-M1", "2026-12", "comment", "c"),
        ("merge", merge.DEPARTMENT), ("delete", "C", "D1-S3-M1")]),
    "the refresh taking the company's deletion undone, a period merged field by field before": (merge.DEPARTMENT, [
        ("number", "C", "D1-S3-M1", "2026-12", "actual", 8.0), ("number", "D", "D1-S3-M1", "2026-12", "comment", "c"),
        ("merge", merge.DEPARTMENT), ("delete", "C", "D1-S3-M1"), ("refresh", merge.DEPARTMENT), ("undo", "D")]),
    "a branch a refresh deleted and a later refresh brought back, a target cleared in it (3682)": (merge.COMPANY, [
        ("delete", "C", "P1-S1"), ("refresh", merge.COMPANY), ("undo", "C"), ("refresh", merge.COMPANY),
        ("number", "D", "P1-S1-M1", "2026-09", "target", None)]),
    "a measure the company deleted, kept by the refresh, moved back, the merge bringing it undone": (
        merge.DEPARTMENT, [("move", "D", "P1-S1-M1", "D1-S1"), ("delete", "C", "P1-S1-M1"),
                           ("refresh", merge.DEPARTMENT), ("move", "D", "P1-S1-M1", "P1-S1"),
                           ("merge", merge.DEPARTMENT), ("undo", "C")]),
    "measures new on both sides, the department deleting the branch above, kept by the merge (3993)": (
        merge.COMPANY, [("add", "D", "P1-S1", "newD"), ("add", "C", "P1-S1", "newC"),
                        ("edit", "C", "P1", "owner", "oC"), ("delete", "D", "D1-S1")]),
    "a merged move, the company's later move taken by a refresh, the refresh undone (4095)": (merge.DEPARTMENT, [
        ("move", "D", "D1-S2-M1", "P1-S1"), ("merge", merge.DEPARTMENT), ("move", "C", "D1-S2-M1", "D1-S1"),
        ("refresh", merge.DEPARTMENT), ("undo", "D")]),
    "a number typed on both sides on a measure moved into a branch the other side deleted (4043)": (
        merge.DEPARTMENT, [("move", "C", "D1-S1-M1", "D1-S2"), ("edit", "D", "D1-S1-M1", "code", "D1-S1-M8"),
                           ("number", "C", "D1-S1-M1", "2026-12", "actual", 8.0), ("delete", "D", "D1-S2"),
                           ("number", "D", "D1-S1-M8", "2026-12", "actual", 24.0)]),
    "a branch the department deleted and undid, a field the company had sent edited there (4214)": (merge.COMPANY, [
        ("edit", "C", "P1-S1-A1", "owner", "oC"), ("refresh", merge.COMPANY), ("merge", merge.COMPANY), ("undo", "C"),
        ("delete", "D", "D1-S1"), ("undo", "D"), ("edit", "D", "P1-S1-A1", "owner", "oD")]),
    "a renamed and moved measure deleted, then a version from before all of it restored (4402)": (merge.COMPANY, [
        ("save", "D", "cut"), ("edit", "D", "D1-S1-M1", "code", "D1-S1-M9"), ("move", "D", "D1-S1-M9", "D1-S2"),
        ("sync", merge.COMPANY), ("edit", "C", "D1-S1-M9", "code", "D1-S1-M8"), ("refresh", merge.COMPANY),
        ("delete", "D", "D1-S1-M8"), ("restore", "D", "cut")]),
    "a rename not merged yet, the renamed measure deleted with its branch, its code the company's (4998)": (
        merge.COMPANY, [("edit", "D", "D1-S3-M1", "code", "D1-S3-M8"), ("sync", merge.COMPANY),
                        ("edit", "D", "D1-S3-M8", "code", "D1-S3-M9"), ("move", "C", "D1-S3-M8", "D1-S1"),
                        ("add", "C", "D1-S3", "newC"), ("refresh", merge.COMPANY), ("delete", "D", "D1-S1")]),
    "a refreshed measure moved, a version before it restored, a merge, the restore undone (4809)": (
        merge.DEPARTMENT, [("save", "D", "cut"), ("add", "C", "P1-S1", "newC"), ("sync", merge.DEPARTMENT),
                           ("move", "D", "P1-S1-M2", "D1-S3"), ("restore", "D", "cut"), ("merge", merge.DEPARTMENT),
                           ("undo", "D")]),
    "a merged measure moved, a version before it restored, a refresh, the restore undone (4809 reversed)": (
        merge.DEPARTMENT, [("save", "C", "cut"), ("add", "D", "D1-S1", "newD"), ("sync", merge.DEPARTMENT),
                           ("move", "C", "D1-S1-M2", "D1-S3"), ("restore", "C", "cut"), ("refresh", merge.DEPARTMENT),
                           ("undo", "C")]),
    "a measure edited then deleted, the deletion undone after a merge that read it (3099)": (merge.COMPANY, [
        ("edit", "D", "D1-S3-M1", "owner", "oD"), ("delete", "D", "D1-S3-M1"), ("refresh", merge.COMPANY),
        ("undo", "D"), ("number", "C", "D1-S3-M1", "2026-09", "target", 23.0), ("merge", merge.COMPANY),
        ("undo", "D")]),
    "the company's actual refreshed, its target typed, the department's actual typed (2143)": (merge.COMPANY, [
        ("number", "C", "D1-S3-M1", "2026-11", "actual", 3.0), ("refresh", merge.COMPANY),
        ("number", "C", "D1-S3-M1", "2026-11", "target", 8.0), ("number", "D", "D1-S3-M1", "2026-11", "actual", 15.0)]),
    # Found by the random rounds with code renames and strategy deletions mixed in (a driver outside the suite,
    # seeds 2000-2399, and 5000-5300 with each sync deciding its own way), shrunk; fixed at stop 14:
    "a version from before a refresh restored after the company deleted the strategy it refreshed (2364)": (
        merge.DEPARTMENT, [("save", "D", "v"), ("number", "C", "D1-S3-M1", "2026-09", "comment", "cC"),
                           ("refresh", merge.DEPARTMENT), ("delete", "C", "D1-S3"), ("merge", merge.DEPARTMENT),
                           ("restore", "D", "v")]),
    # … and by a first fix of 2364 that took every refresh's numbers as agreed, undone or not:
    "a refresh's target undone in the department file (3036)": (merge.DEPARTMENT, [
        ("number", "C", "D1-S1-M1", "2026-12", "target", 2.0), ("refresh", merge.DEPARTMENT), ("undo", "D")]),
    "a strategy's deletion synced, then undone in the department file (3076)": (merge.DEPARTMENT, [
        ("delete", "C", "D1-S2"), ("sync", merge.DEPARTMENT), ("undo", "D")]),
    # Found by the review of stop 14 (failing before it too): the merge deleted the strategy in the company
    "a refresh's comeback undone, the department's deletion undone, the measure deleted in the company": (
        merge.COMPANY, [("delete", "D", "P1-S1"), ("number", "C", "P1-S1-M1", "2026-12", "actual", 23.0),
                        ("refresh", merge.COMPANY), ("undo", "D"), ("delete", "C", "P1-S1-M1"), ("undo", "D")]),
    # Found by the wider driver on stop 14's code (failing before it too): the deletion never reached the file
    "a strategy the company deleted, brought back by a merge the company then undid (7390)": (
        merge.DEPARTMENT, [("delete", "C", "D1-S3"), ("edit", "D", "D1-S3", "owner", "oD23"),
                           ("merge", merge.DEPARTMENT), ("undo", "C"), ("undo", "D")]),
    "a measure new in a strategy the company deleted, kept deleted by a merge, a number typed (5149)": (
        merge.DEPARTMENT, [("delete", "C", "D1-S3"), ("add", "D", "D1-S3", "newD"), ("merge", merge.COMPANY),
                           ("number", "D", "D1-S3-M1", "2026-11", "comment", "cD")]),
    # Found by the review of stop 14 (failing before it too): each side made a measure under the same strategy, both
    # coded P1-S1-M2; the merge gave the department's the company's next code, and the company deleted that copy.
    # The refresh made the company's measure before deleting the department's, found its code still held, and gave
    # it P1-S1-M3: the files read apart until the next refresh.
    "a measure new on both sides with one code, the department's copy deleted in the company": (
        merge.COMPANY, [("add", "D", "P1-S1", "newD"), ("add", "C", "P1-S1", "newC"), ("merge", merge.COMPANY),
                        ("delete", "C", "P1-S1-M3")]),
    # Found by the driver's widemixed seeds 9000-9299 on stop 15's code (failing before it too).
    "a strategy the department deleted, kept by the merge, back with the company's new measure (9086)": (
        merge.COMPANY, [("add", "C", "D1-S3", "newC"), ("delete", "D", "D1-S3"), ("refresh", merge.DEPARTMENT),
                        ("delete", "C", "D1-S1")]),
    "a measure moved into a strategy the company deleted, kept by the merge, another moved in (9130)": (
        merge.DEPARTMENT, [("move", "D", "D1-S1-M1", "D1-S3"), ("delete", "C", "D1-S3"), ("merge", merge.COMPANY),
                           ("move", "D", "P1-S1-M1", "D1-S3")]),
    "a measure moved across, deleted there, brought back by a merge, moved back there (9000)": (
        merge.DEPARTMENT, [("delete", "C", "D1-S3-M1"), ("move", "D", "D1-S3-M1", "D1-S2"), ("merge", merge.DEPARTMENT),
                           ("refresh", merge.COMPANY), ("undo", "D"), ("move", "C", "D1-S3-M1", "D1-S3")]),
    # (fixed with 9130: the place a merge kept is recorded)
    "a measure moved into a strategy the company deleted, renamed twice, a comment typed (9294)": (
        merge.DEPARTMENT, [("delete", "C", "D1-S1"), ("edit", "D", "P1-S1-M1", "code", "P1-S1-M6"),
                           ("edit", "D", "P1-S1-M6", "code", "P1-S1-M7"), ("move", "D", "D1-S3-M1", "D1-S1"),
                           ("merge", merge.COMPANY), ("number", "D", "P1-S1-M7", "2026-11", "comment", "cD")]),
}


@pytest.mark.parametrize("case", sorted(FOUND))
def test_what_the_random_rounds_found(demo_template, tmp_path, case):
    prefer, steps = FOUND[case]
    run = Round(demo_template, tmp_path, prefer)
    for step in steps:
        run.do(step)
    run._sync(prefer)           # (not through do(): an assertion here is the finding)


# A reviewer's: the random rounds with strategies deleted too (not only measures).
@pytest.mark.parametrize("made, sync_way, deleting", [("D", "merge", "C"), ("C", "refresh", "D")])
def test_a_branch_deleted_after_a_measure_made_in_it_was_delivered_is_no_conflict(demo_template, tmp_path, made,
                                                                                   sync_way, deleting):
    """One side adds a measure under D1-S1, a sync brings it to the other file, then the other side deletes D1-S1
    with everything below it (the new measure included, knowingly). The next sync deletes D1-S1 there too: the
    measure made below it was delivered, it is no news holding the branch. It was a 'deleted there' conflict
    (sides.side_changes' holding counts every node made since the earlier point unseen_since reads from); keeping
    that side kept D1-S1 empty (the measures below it deleted all the same) and the files differed after a merge
    and a refresh (seed 0 of the rounds with strategies deleted, shrunk)."""
    run = Round(demo_template, tmp_path, merge.DEPARTMENT)
    for step in [("add", made, "D1-S1", "new"), (sync_way, merge.DEPARTMENT), ("delete", deleting, "D1-S1")]:
        run.do(step)
    if deleting == "C":
        with Plan.open(run.dept, readonly=True) as plan:
            preview = refresh.preview(plan, run.company)
    else:
        with Plan.open(run.company, readonly=True) as plan:
            preview = merge.preview(plan, run.dept)
    assert preview.conflicts == []
    run._sync(merge.DEPARTMENT)
    run._sync(merge.COMPANY)
    assert "D1-S1" not in part_state(run.company)[0]


def test_keeping_a_branch_deleted_writes_no_number_under_its_deleted_nodes(demo_template, tmp_path):
    """The company adds a measure under D1-S1, a refresh brings it to the department file, the company deletes
    D1-S1, the department types a target on that measure. The merge keeping the company's side (D1-S1 stays
    deleted) writes nothing. It wrote the measure's numbers under its deleted id (merge.write's comebacks: ``ids``
    holds the refresh's copy, not only the nodes brought back) — the company plan then refused to open, damaged
    (seed 3 of the rounds with strategies deleted, shrunk)."""
    run = Round(demo_template, tmp_path, merge.COMPANY)
    for step in [("add", "C", "D1-S1", "new"), ("refresh", merge.COMPANY), ("delete", "C", "D1-S1"),
                 ("number", "D", "D1-S1-M2", "2026-11", "target", 23.0)]:
        run.do(step)
    with Plan.open(run.company) as plan:
        preview = merge.preview(plan, run.dept)
        assert [(c.kind, c.code) for c in preview.conflicts] == [("deleted_here", "D1-S1")]
        merge.apply(plan, preview, prefer=merge.COMPANY)
    with Plan.open(run.company, readonly=True) as plan:       # (DamagedPlanError: an actual's node is missing)
        assert "D1-S1" not in {n.code for n in plan.nodes.tree().nodes.values()}


def _as_older_builds_recorded(path: Path, key: str) -> None:
    """Leave out of the file's record of its syncs the pairs of equal ids, as builds before stop 14 wrote it: the
    record now and each one the journal of settings holds (what each sync wrote, what an undo puts back)."""

    def older(text: str | None) -> str | None:
        if not text:
            return text
        record = json.loads(text)
        for one in (record.values() if key == departments.MERGES_KEY else [record]):
            one["ids"] = {d: c for d, c in one.get("ids", {}).items() if int(d) != c}
        return json.dumps(record)

    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = ?",
                     (older(conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()[0]), key))
        for row_id, old, new in conn.execute("SELECT id, old, new FROM meta_journal WHERE key = ?", (key,)).fetchall():
            conn.execute("UPDATE meta_journal SET old = ?, new = ? WHERE id = ?", (older(old), older(new), row_id))
    conn.close()


@pytest.mark.parametrize("older", [False, True], ids=["recorded", "as older builds recorded it"])
def test_a_refresh_copy_given_the_company_id_is_the_same_node_at_the_next_syncs(demo_template, tmp_path, older):
    """Both files give new nodes the next id of their own sequence, and the records of the merges and refreshes
    kept only the ids that differ. The department file of D2 starts two ids behind the company; two drafts made
    and deleted there, the company's new measure is copied under its own id (54). The next refresh, after the
    company renamed the measure, must change that copy: it made the measure a second time (the refresh's
    ``known`` holds only the ids the file was cut with). Found beside 5149 (a merge naming a company node by a
    department id no merge copied). The records now keep every copy's pair, its ids equal or not
    (``sync.recorded_ids``); in a record an older build wrote, a node a sync made on one side that no pair
    names, standing on both sides, is the same node (``sync.known_ids``). The merge back takes the
    department's edit of the copy onto the company's measure."""
    company, dept = tmp_path / "company.ogsm", tmp_path / "d2.ogsm"
    shutil.copy(demo_template, company)
    with Plan.open(company) as plan:
        departments.split(plan, "D2", dept)
    with Plan.open(dept) as plan, plan.batch("edit", "drafts"):
        for _ in range(2):
            plan.nodes.delete(plan.nodes.add_new(plan.nodes.by_code("D2-S1").id, Kind.MEASURE, title="draft").id)
    with Plan.open(company) as plan, plan.batch("edit", "a"):
        new = plan.nodes.add_new(plan.nodes.by_code("D2-S1").id, Kind.MEASURE, title="newC")
    for title in ("newC", "newC2"):
        with Plan.open(company) as plan, plan.batch("edit", "e"):
            plan.nodes.update(new.id, title=title)
        with Plan.open(dept) as plan:
            refresh.apply(plan, refresh.preview(plan, company), prefer=merge.COMPANY)
            assert plan.nodes.exists(new.id) and plan.nodes.get(new.id).title == title     # the copy: id 54 too
        if older:
            _as_older_builds_recorded(dept, departments.REFRESH_KEY)
    with Plan.open(dept) as plan:
        titles = [n.title for n in plan.nodes.tree().descendants(plan.nodes.by_code("D2-S1").id)]
        assert titles.count("newC2") == 1 and "newC" not in titles
        with plan.batch("edit", "owner"):
            plan.nodes.update(new.id, owner="孙浩")
    with Plan.open(company) as plan:
        preview = merge.preview(plan, dept)
        assert (preview.added, preview.conflicts) == ([], [])
        merge.apply(plan, preview, prefer=merge.DEPARTMENT)
    if older:
        _as_older_builds_recorded(company, departments.MERGES_KEY)
    with Plan.open(company, readonly=True) as plan:
        below = plan.nodes.tree().descendants(plan.nodes.by_code("D2-S1").id)
        assert [(n.id, n.owner) for n in below if n.title == "newC2"] == [(new.id, "孙浩")]
    with Plan.open(dept, readonly=True) as plan:
        assert refresh.preview(plan, company).empty


@pytest.mark.parametrize("older", [False, True], ids=["recorded", "as older builds recorded it"])
def test_a_merged_copy_no_pair_names_since_is_not_the_department_node_of_its_id(demo_template, tmp_path, older):
    """The department's new measure is merged (a copy under another id, recorded); the company moves the copy out
    of the unit, to D2-S1, then deletes the unit; the file comes back as a new unit, its nodes mapped to their
    new copies, the pair of the moved copy gone with them. The department's next own measure happens to get the
    moved copy's id. It is the department's new measure, to be merged as new: it was read as the same node as
    the copy (a node a standing merge made, named by no pair now, standing on both sides: ``sync._same_id_copies``
    took it for a copy an older build recorded no pair of) — the merge said nothing was new, and the next one
    took the department's edits of it onto the company's measure in D2-S1 and moved that into the unit."""
    run = Round(demo_template, tmp_path, merge.DEPARTMENT)
    run.do(("add", "D", "D1-S1", "newD"))
    run.do(("sync", merge.DEPARTMENT))
    with Plan.open(run.company) as plan:
        copy = plan.nodes.by_code("D1-S1-M2")
        assert copy.title == "newD"
        strategy = plan.nodes.get(plan.nodes.by_code("D1").parent_id).code
    run.do(("move", "C", "D1-S1-M2", "D2-S1"))
    run.do(("delete", "C", "D1"))
    with Plan.open(run.company) as plan:
        merge.apply(plan, merge.preview(plan, run.dept, as_new_under=strategy), prefer=merge.DEPARTMENT)
    with Plan.open(run.dept) as plan:
        refresh.apply(plan, refresh.preview(plan, run.company), prefer=merge.DEPARTMENT)
    if older:
        _as_older_builds_recorded(run.company, departments.MERGES_KEY)
        _as_older_builds_recorded(run.dept, departments.REFRESH_KEY)
    with Plan.open(run.dept) as plan, plan.batch("edit", "a"):
        unit = departments.origin_of(plan).unit_id
        strategy_id = [n for n in plan.nodes.tree().kids(unit) if n.kind is Kind.STRATEGY][-1].id
        while (new := plan.nodes.add_new(strategy_id, Kind.MEASURE, title="mine")).id < copy.id:
            plan.nodes.delete(new.id)
        assert new.id == copy.id                      # (the department's own measure, the copy's id by chance)
    with Plan.open(run.company) as plan:
        preview = merge.preview(plan, run.dept)
        assert [n.title for n in preview.added] == ["mine"]
        merge.apply(plan, preview, prefer=merge.DEPARTMENT)
    with Plan.open(run.dept) as plan, plan.batch("edit", "e"):
        plan.nodes.update(copy.id, owner="Dept")
    with Plan.open(run.company) as plan:
        merge.apply(plan, merge.preview(plan, run.dept), prefer=merge.DEPARTMENT)
    with Plan.open(run.company, readonly=True) as plan:
        moved = plan.nodes.get(copy.id)
        assert (moved.title, moved.owner, plan.nodes.get(moved.parent_id).code) == ("newD", copy.owner, "D2-S1")
        assert [n.owner for n in plan.nodes.tree().nodes.values() if n.title == "mine"] == ["Dept"]


@pytest.mark.parametrize("made, deleting", [("C", "C"), ("C", "D"), ("D", "D"), ("D", "C")])
@pytest.mark.parametrize("older", [False, True], ids=["recorded", "as older builds recorded it"])
def test_a_copy_given_the_id_of_its_node_deleted_on_either_side_goes_on_the_other(demo_template, tmp_path, made,
                                                                                     deleting, older):
    """The two sequences meet (drafts made and deleted in the department file): a measure new on one side is
    copied to the other under its own id (54). Then one side deletes it: the next syncs delete it on the other.
    In records an older build wrote (no pair of equal ids) the copy was read as the same node only while it stood
    on both sides (``sync._same_id_copies``): deleted on one side, it was another node, the deletion never went
    across and the files differed for good — the department's deletion of a merged copy too, which the builds
    that wrote those records still carried (their merge read any department id as the company's)."""
    run = Round(demo_template, tmp_path, merge.DEPARTMENT)
    with Plan.open(run.dept) as plan, plan.batch("edit", "drafts"):
        with Plan.open(run.company, readonly=True) as company:
            last = max(company.nodes.tree().nodes)
        while (draft := plan.nodes.add_new(plan.nodes.by_code("D1-S1").id, Kind.MEASURE, title="draft")).id < last:
            plan.nodes.delete(draft.id)
        plan.nodes.delete(draft.id)
    run.do(("add", made, "D1-S1", "new"))
    run._sync(merge.DEPARTMENT)
    found = []
    for path in (run.company, run.dept):
        with Plan.open(path, readonly=True) as plan:
            found.append([n.id for n in plan.nodes.tree().nodes.values() if n.title == "new"])
    assert found[0] == found[1] == [last + 1]              # (the copy: the id of its node)
    if older:
        _as_older_builds_recorded(run.company, departments.MERGES_KEY)
        _as_older_builds_recorded(run.dept, departments.REFRESH_KEY)
    with Plan.open(run.path(deleting)) as plan, plan.batch("edit", "d"):
        plan.nodes.delete(last + 1)
    run._sync(merge.DEPARTMENT)
    for path in (run.company, run.dept):
        with Plan.open(path, readonly=True) as plan:
            assert not plan.nodes.exists(last + 1)


def _siblings(path: Path, parent: str) -> list[str]:
    with Plan.open(path, readonly=True) as plan:
        return [n.code for n in plan.nodes.children(plan.nodes.by_code(parent).id)]


@pytest.mark.parametrize("who", ["C", "D"])
def test_a_node_made_again_then_put_first_among_its_siblings_is_first_in_both_files(demo_template, tmp_path, who):
    """A reviewer's, on the fix of 9000: a node made again since the point, measured from what the other file got
    of it, lost the diff's own reorder — the company put the measure first under D1-S2, the department kept it
    last, both files saying they were up to date."""
    run = Round(demo_template, tmp_path, merge.DEPARTMENT)
    for step in [("delete", "C", "D1-S3-M1"), ("move", "D", "D1-S3-M1", "D1-S2"), ("merge", merge.DEPARTMENT),
                 ("refresh", merge.COMPANY), ("undo", "D"), ("reorder", who, "D1-S3-M1", 0)]:
        run.do(step)
    run._sync(merge.DEPARTMENT)
    assert _siblings(run.company, "D1-S2") == _siblings(run.dept, "D1-S2")
    assert _siblings(run.company, "D1-S2")[0] == "D1-S3-M1"


@pytest.mark.parametrize("prefer", [merge.DEPARTMENT, merge.COMPANY])
def test_a_node_made_on_one_side_takes_its_place_among_its_siblings_on_the_other(demo_template, tmp_path, prefer):
    """Found by a reviewer's driver with reorders (seed 30001, failing before stop 15 too): the company moved
    D1-S2-M1 away; the department added a measure under D1-S2, placed before the action. The merge put it at its
    index there (1), after the action here — where the sibling before it there is not — and the files kept the two
    orders for good. A node made there goes after the nearest sibling before it there that is here too."""
    run = Round(demo_template, tmp_path, prefer)
    for step in [("move", "C", "D1-S2-M1", "D1-S3"), ("add", "D", "D1-S2", "newD")]:
        run.do(step)
    run._sync(prefer)
    assert _siblings(run.company, "D1-S2") == _siblings(run.dept, "D1-S2")


def test_a_node_moved_on_one_side_takes_its_place_among_its_siblings_on_the_other(demo_template, tmp_path):
    """The same for a move (the reviewer's driver, seed 30037): the department moved D1-S2-M2 to the end of D1-S1,
    after the objective P1, while the company made a new measure there; the merge moved it at its index there, which
    is before P1 here."""
    run = Round(demo_template, tmp_path, merge.DEPARTMENT)
    for step in [("add", "C", "D1-S2", "newC"), ("refresh", merge.DEPARTMENT), ("move", "D", "D1-S2-M2", "D1-S1"),
                 ("add", "C", "D1-S1", "newC2")]:
        run.do(step)
    run._sync(merge.DEPARTMENT)
    assert _siblings(run.company, "D1-S1") == _siblings(run.dept, "D1-S1")


def test_a_node_brought_back_takes_its_place_among_its_siblings(demo_template, tmp_path):
    """The same for a node that comes back (the reviewer's driver, seed 30092): the department deleted P1-S1-M1,
    the company moved it under D1-S2 ahead of the action; brought back by the refresh at its index there, it went
    after the action here."""
    run = Round(demo_template, tmp_path, merge.COMPANY)
    for step in [("delete", "D", "P1-S1-M1"), ("move", "C", "P1-S1-M1", "D1-S2"), ("refresh", merge.COMPANY),
                 ("undo", "D"), ("delete", "C", "D1-S2-M1")]:
        run.do(step)
    run._sync(merge.COMPANY)
    assert _siblings(run.company, "D1-S2") == _siblings(run.dept, "D1-S2")


@pytest.mark.parametrize("prefer", [merge.DEPARTMENT, merge.COMPANY])
def test_siblings_both_files_reordered_meanwhile_end_in_one_order(demo_template, tmp_path, prefer):
    """The reviewer's driver again (seeds 30054 and 30068, shrunk): the department moved D1-S1-M1 to the end of
    P1-S1, the company put P1-S1-M1 after the action there. The merge placed the department's measure after the
    action in the company ([A1, D1-S1-M1, M1]); the refresh moved the action first in the department file ([A1, M1,
    D1-S1-M1]): two orders, both files up to date. A list the department has not changed since the merge read it
    takes the company's order: the company's already holds what the merge brought."""
    run = Round(demo_template, tmp_path, prefer)
    for step in [("move", "D", "D1-S1-M1", "P1-S1"), ("reorder", "C", "P1-S1-M1", 1)]:
        run.do(step)
    run._sync(prefer)
    assert _siblings(run.company, "P1-S1") == _siblings(run.dept, "P1-S1")


@pytest.mark.parametrize("prefer", [merge.DEPARTMENT, merge.COMPANY])
def test_a_department_reorder_refreshed_before_its_merge_survives_the_sync(demo_template, tmp_path, prefer):
    """A reviewer's, on the refresh taking the company's order: the department put D1-S2 last, the company put D1-G1
    last, a refresh kept the department's list (its own since the merge) with the company's move in it. The merge
    then read the department's move as the company's node moving, sent nothing, and the sync's refresh put the
    department's list in the company's order: its move lost, without a word. A list the company has not changed
    since the refresh read it takes the department's order in the merge, as the refresh's does the other way."""
    run = Round(demo_template, tmp_path, prefer)
    for step in [("reorder", "D", "D1-S2", 5), ("reorder", "C", "D1-G1", 5), ("refresh", prefer)]:
        run.do(step)
    dept = _siblings(run.dept, "D1")
    assert dept.index("D1-S2") > dept.index("D1-S3")
    with Plan.open(run.company, readonly=True) as plan:
        assert not merge.preview(plan, run.dept).empty
    run._sync(prefer)
    for path in (run.company, run.dept):
        order = _siblings(path, "D1")
        assert order.index("D1-S2") > order.index("D1-S3"), order


# Known: a list both sides reordered between two syncs is not merged pair by pair against the order they last agreed
# on. Each sync places the other side's moved node after its nearest sibling, and a placement that changes nothing
# counts as delivered: one side's placement can be lost, with no conflict (a second reviewer's cases, stop 16). The
# files end in one order. The fix is a three-way merge of the list (keep every pair either side swapped).
_LOST = pytest.mark.xfail(strict=True, reason="a three-way merge of a list both sides reordered is not done yet")


@_LOST
@pytest.mark.parametrize("prefer", [merge.DEPARTMENT, merge.COMPANY])
@pytest.mark.parametrize("steps", [
    [("reorder", "D", "D1-S3", 0), ("reorder", "C", "D1-G1", 5), ("refresh", None)],    # the company's lost
    [("reorder", "D", "D1-G1", 5), ("reorder", "C", "D1-S3", 0), ("merge", None)],      # the department's lost
], ids=["company-refreshed-as-a-no-op", "department-merged-as-a-no-op"])
def test_a_reorder_synced_as_a_no_op_survives_the_sync(demo_template, tmp_path, prefer, steps):
    run = Round(demo_template, tmp_path, prefer)
    for step in steps:
        run.do(step if step[1] is not None else (step[0], prefer))
    run._sync(prefer)
    for path in (run.company, run.dept):
        order = _siblings(path, "D1")
        assert order.index("D1-G1") > order.index("D1-S2"), order
        assert order.index("D1-S3") < order.index("D1-G2"), order


# Cases found by a review of a three-way merge of sibling lists (kept on branch wip/sibling-three-way, not on
# main): the current rule gets them right, and the next attempt must too.
@pytest.mark.parametrize("prefer", [merge.COMPANY, merge.DEPARTMENT])
@pytest.mark.parametrize("sync", ["merge", "refresh"])
def test_two_overlapping_neighbour_swaps_keep_the_pair_both_sides_keep(demo_template, tmp_path, prefer, sync):
    """Both sides keep G1 before G3, so the synced order does (a three-way merge tried at stop 17 gave G3 G2 G1:
    neither side's)."""
    run = Round(demo_template, tmp_path, prefer)
    run.do(("reorder", "D", "D1-G3", 1))          # D: G1 G3 G2 …
    run.do(("reorder", "C", "D1-G2", 0))          # C: G2 G1 G3 …
    run.do((sync, prefer))
    run._sync(prefer)
    order = _siblings(run.company, "D1")
    assert order.index("D1-G1") < order.index("D1-G3"), order


@pytest.mark.parametrize("prefer", [merge.COMPANY, merge.DEPARTMENT])
@pytest.mark.parametrize("how", ["undo", "restore"])
def test_a_merge_taken_back_after_a_refresh_read_it_keeps_the_department_reorder(demo_template, tmp_path, prefer, how):
    """A merge undone (or a version before it restored) in the company after a refresh read it: the department's
    edit comes back at the next sync, and so does its reorder (a three-way merge tried at stop 17 lost it)."""
    run = Round(demo_template, tmp_path, prefer)
    steps = [("reorder", "D", "D1-S3", 0), ("edit", "D", "D1-G2", "title", "Dt"), ("merge", prefer),
             ("refresh", prefer), ("undo", "C")]
    if how == "restore":
        steps = [("save", "C", "before")] + steps[:-1] + [("restore", "C", "before")]
    for step in steps:
        run.do(step)
    with Plan.open(run.company, readonly=True) as plan:
        moves = {plan.nodes.get(k).code for k in merge.preview(plan, run.dept).moves}
    assert "D1-S3" in moves                                   # the preview says S3 moves
    run._sync(prefer)
    with Plan.open(run.company, readonly=True) as plan:
        assert plan.nodes.by_code("D1-G2").title == "Dt"      # the edit came back
    assert _siblings(run.company, "D1")[0] == "D1-S3", _siblings(run.company, "D1")   # and so did the reorder


@pytest.mark.parametrize("prefer", [merge.COMPANY, merge.DEPARTMENT])
def test_a_department_reorder_beside_its_own_deletion_is_merged(demo_template, tmp_path, prefer):
    """Either preference (a three-way merge tried at stop 17 lost it with the company preferred)."""
    run = Round(demo_template, tmp_path, prefer)
    with Plan.open(run.company) as plan, plan.batch("edit", "more"):
        for t in ("m2", "m3", "m4"):
            plan.nodes.add_new(plan.nodes.by_code("D1-S2").id, "measure", title=t)
    run.dept.unlink()
    with Plan.open(run.company) as plan:
        departments.split(plan, "D1", run.dept, overwrite=True)
    for step in [("delete", "D", "D1-S2-M2"), ("reorder", "D", "D1-S2-M1", 3), ("merge", prefer)]:
        run.do(step)
    assert _siblings(run.company, "D1-S2")[-1] == "D1-S2-M1", _siblings(run.company, "D1-S2")
