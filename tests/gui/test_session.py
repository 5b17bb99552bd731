"""The session over a long, random day of work: after every step the item model equals one freshly loaded
from the file, and undoing everything brings the plan back to where it started."""

import random

import pytest

from ogsm_desktop.core import versions as ver
from ogsm_desktop.core.cascade import cascade
from ogsm_desktop.core.excel import importer
from ogsm_desktop.core.model import ALLOWED_CHILDREN, QUANTIFIED, Kind, move_refusal
from ogsm_desktop.gui.models.plan_model import PlanModel
from tests.helpers import write_xlsx

STEPS = 300


def plan_state(plan) -> tuple:
    """Everything a user could tell apart: nodes with every field, current actuals, plan settings."""
    nodes = {i: n for i, n in plan.nodes.tree().nodes.items()}
    actuals = sorted(plan.actuals.iter_current())
    settings = {k: plan.meta.get(k) for k in ("name", "alert_streak", "alerts_off", "red_pct", "status_basis")}
    return nodes, actuals, settings


def assert_model_is_the_file(model: PlanModel, plan) -> None:
    fresh = PlanModel(plan)
    try:
        assert model.tree.nodes == fresh.tree.nodes
        assert model.tree.children == fresh.tree.children
        assert model.readings == fresh.readings
        assert model.standing == fresh.standing
        for parent, ids in fresh.tree.children.items():
            parent_index = model.index_of(parent) if parent is not None else model.index(-1, 0)
            assert model.rowCount(parent_index) == len(ids)
            assert [model.index(r, 0, parent_index).internalId() for r in range(len(ids))] == ids
    finally:
        fresh.deleteLater()


class Day:
    """Random work through the session, the way the window does it."""

    def __init__(self, window, rng: random.Random, tmp_path):
        self.window, self.session, self.rng, self.tmp = window, window.session, rng, tmp_path
        self.imports = 0

    @property
    def tree(self):
        return self.session.model.tree

    def pick(self, kinds=None):
        nodes = [n for n in self.tree.nodes.values() if kinds is None or n.kind in kinds]
        return self.rng.choice(nodes) if nodes else None

    def add(self):
        parent = self.pick([Kind.OBJECTIVE, Kind.STRATEGY])
        kind = self.rng.choice(ALLOWED_CHILDREN[parent.kind])
        index = self.rng.randint(0, len(self.tree.children.get(parent.id, [])))
        self.session.perform("add", lambda: self.session.plan.nodes.add(parent.id, kind, index, title=f"新{kind}"))

    def edit(self):
        node = self.pick()
        field, value = self.rng.choice([("title", f"标题 {self.rng.random():.3f}"), ("owner", self.rng.choice("甲乙丙")),
                                        ("description", "说明" * self.rng.randint(0, 3))])
        if node.kind in QUANTIFIED and self.rng.random() < 0.5:
            field, value = "target", float(self.rng.randint(1, 500))
        self.session.perform("edit", lambda: self.session.plan.nodes.update(node.id, **{field: value}))

    def move(self):
        node = self.pick()
        parents = [p for p in self.tree.nodes.values()
                   if move_refusal(node, p, [p.id] + [a.id for a in self.tree.ancestors(p.id)]) is None]
        if not parents:
            return
        parent = self.rng.choice(parents)
        self.session.move([node.id], parent.id, self.rng.randint(0, len(self.tree.children.get(parent.id, []))),
                          text="move")

    def delete(self):
        node = self.pick([Kind.GOAL, Kind.STRATEGY, Kind.MEASURE, Kind.ACTION, Kind.OBJECTIVE])
        if node.parent_id is not None and len(self.tree.descendants(node.id)) < 25:
            self.session.perform("delete", lambda: self.session.plan.nodes.delete(node.id))

    def cascade(self):
        strategy = self.pick([Kind.STRATEGY])
        if strategy is not None:
            self.session.perform("cascade", lambda: cascade(self.session.plan, strategy.id, "测试团队", "吴芳", "级联"),
                                 kind="cascade", reason="级联")

    def import_actuals(self):
        measures = [n for n in self.tree.nodes.values() if n.kind in QUANTIFIED]
        rows = [["Code", "Period", "Actual", "Target"]] + [
            [m.code, f"2026-{self.rng.randint(1, 12):02d}", self.rng.randint(0, 900), self.rng.choice([None, 500])]
            for m in self.rng.sample(measures, min(3, len(measures)))]
        self.imports += 1
        path = write_xlsx(self.tmp / f"import{self.imports}.xlsx", {"Actuals": rows})
        preview = importer.analyse(self.session.plan, path)
        if preview.ok:
            self.session.adopt("import", importer.apply(self.session.plan, preview))

    def restore(self):
        name = self.rng.choice([v.name for v in self.session.plan.versions.all()])
        self.session.perform("restore", lambda: ver.restore(self.session.plan, name, "随机恢复"), kind="restore")

    def settings(self):
        key, value = self.rng.choice([("alert_streak", "2"), ("alert_streak", "3"), ("alert_streak", None),
                                      ("red_pct", "80"), ("red_pct", None), ("status_basis", "quarter"),
                                      ("status_basis", None)])
        self.session.perform("settings", lambda: self.session.plan.meta.set(key, value))

    def aggregation(self):
        node = self.pick([Kind.GOAL, Kind.MEASURE])
        if node is not None:
            field, value = self.rng.choice([("aggregation", "average"), ("aggregation", "last"),
                                            ("target_mode", "cumulative"), ("target_mode", "period")])
            self.session.perform("edit", lambda: self.session.plan.nodes.update(node.id, **{field: value}))

    def undo(self):
        if self.session.stack.canUndo():
            self.session.stack.undo()

    def redo(self):
        if self.session.stack.canRedo():
            self.session.stack.redo()


@pytest.mark.parametrize("seed", [20261201])
def test_a_random_day_of_work_keeps_the_model_equal_to_the_file(window, qtbot, tmp_path, messages, seed):
    session = window.session
    first = plan_state(session.plan)
    day = Day(window, random.Random(seed), tmp_path)
    steps = [(day.add, 12), (day.edit, 20), (day.move, 12), (day.delete, 6), (day.cascade, 3), (day.import_actuals, 4),
             (day.restore, 2), (day.settings, 3), (day.aggregation, 3), (day.undo, 20), (day.redo, 12)]
    work, weights = zip(*steps, strict=True)
    done = []
    for step in range(STEPS):
        action = day.rng.choices(work, weights)[0]
        action()
        done.append(action.__name__)
        qtbot.wait(0)                              # queued reports and repaints, as the event loop runs them
        assert_model_is_the_file(session.model, session.plan), f"after step {step} ({done[-5:]})"
    assert set(done) == {a.__name__ for a in work}
    assert messages.texts() == []                  # nothing the session did was refused
    while session.stack.canUndo():
        session.stack.undo()
    assert_model_is_the_file(session.model, session.plan)
    assert plan_state(session.plan) == first
