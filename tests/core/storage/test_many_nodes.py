"""Reads asked about more nodes than SQLite takes variables in one statement (32,766 in SQLite's own
builds, as on Windows and macOS; Debian's allows 250,000): each still answers, whatever the count. The
limit is lowered here so that the demo plan's few nodes pass it."""

import datetime as dt
import sqlite3

from ogsm_desktop.core import demo, plan_alerts
from ogsm_desktop.core import versions as ver
from ogsm_desktop.core.change_list import changes_by_unit
from ogsm_desktop.core.storage import Plan

FEW = 8        # variables a statement may hold, here


def few_variables(plan: Plan) -> None:
    plan.conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, FEW)


def test_the_days_nodes_were_made_for_more_nodes_than_a_statement_takes(demo_path):
    with Plan.open(demo_path) as plan:
        ids = list(plan.nodes.tree().nodes)
        every = plan.journal.created_on()
        few_variables(plan)
        assert len(ids) > FEW
        assert plan.journal.created_on(ids) == every
        assert plan.journal.created_on(ids[:3]) == {i: every[i] for i in ids[:3]}
        assert plan.journal.created_on([]) == {}


def test_the_alerts_of_more_changed_nodes_than_a_statement_takes(demo_path):
    day = dt.date(2026, 12, 1)
    with Plan.open(demo_path) as plan:
        ids = list(plan.nodes.tree().nodes)
        expected = [(a.node.id, a.rule, a.since) for a in plan_alerts.evaluate(plan, day)]
        few_variables(plan)
        assert [(a.node.id, a.rule, a.since) for a in plan_alerts.evaluate(plan, day, node_ids=ids)] == expected


def listed(plan: Plan, diff: ver.Diff) -> list:
    return [(g.unit.code, [(i.node.code, i.what, i.new, i.batch.reason) for i in g.items])
            for g in changes_by_unit(plan, diff, plan.nodes.tree())]


def test_the_history_of_more_values_than_a_statement_takes(demo_path):
    """The "changes since" page of a report after an import of many values asks the history of every
    value changed (an import of a million values: a million)."""
    with Plan.open(demo_path) as plan:
        measure = plan.nodes.by_code("D1-S1-M1")
        with plan.batch(reason="the year's figures", kind="import"):
            plan.actuals.write([(measure.id, f"2027-{m:02d}", float(m), None, "") for m in range(1, 13)])
        diff = ver.compare(plan, ver.resolve(plan, demo.V2[0]), ver.resolve(plan, None))
        assert len(diff.actuals) > FEW
        expected = listed(plan, diff)
        history = plan.actuals.history([measure.id])
    with Plan.open(demo_path) as plan:                # a connection of its own: no statement prepared before
        few_variables(plan)
        assert plan.actuals.history([measure.id] * (FEW + 1)) == history
        got = listed(plan, ver.compare(plan, ver.resolve(plan, demo.V2[0]), ver.resolve(plan, None)))
    assert got == expected
    assert ("D1-S1-M1", "actual 2027-12", "12", "the year's figures") in dict(got)["D1"]


def test_nodes_numbered_among_more_siblings_than_a_statement_takes(demo_path):
    with Plan.open(demo_path) as plan:
        strategy = plan.nodes.by_code("C-S1")
        few_variables(plan)
        with plan.batch(reason="many measures"):
            for i in range(FEW + 1):
                plan.nodes.add(strategy.id, "measure", title=f"measure {i}", index=0)
        siblings = plan.nodes.tree().children[strategy.id]
        assert len(siblings) > FEW
        with plan.batch(reason="the last first"):
            plan.nodes.move(siblings[-1], strategy.id, 0)
        assert plan.nodes.tree().children[strategy.id] == [siblings[-1], *siblings[:-1]]
