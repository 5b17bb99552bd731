"""Actual values: upserts by node and period, refusals, their own history, the newest value per node."""

import pytest

from ogsm_desktop.core.errors import NotFoundError, ValidationError
from ogsm_desktop.core.storage import Plan


def test_actuals_upsert_by_node_and_period(plan, small):
    *_, m = small
    rows = [(m.id, "2026-01", 7.0, 8.0, ""), (m.id, "2026-02", 7.5, 8.0, "")]
    assert plan.actuals.write(rows) == {"new": 2, "changed": 0, "unchanged": 0, "kept": 0}
    before = plan.journal.last_batch_id()
    assert plan.actuals.write(rows) == {"new": 0, "changed": 0, "unchanged": 2, "kept": 0}
    assert plan.journal.last_batch_id() == before          # re-importing the same values changes nothing
    assert plan.actuals.write([(m.id, "2026-02", 7.9, 8.0, "修正")]) == {"new": 0, "changed": 1, "unchanged": 0, "kept": 0}
    assert [(a.period, a.actual, a.comment) for a in plan.actuals.of(m.id)] == [("2026-01", 7.0, ""), ("2026-02", 7.9, "修正")]
    history = plan.actuals.history([m.id])
    assert [(c.period, c.old, c.new) for c in history][-1] == ("2026-02", (7.5, 8.0, ""), (7.9, 8.0, "修正"))


def test_actuals_refuse_wrong_nodes_periods_and_conflicts(plan, small):
    top, goal, s1, s2, m = small
    with pytest.raises(ValidationError, match="only goals and measures"):
        plan.actuals.write([(s1.id, "2026-01", 1.0, None, "")])
    with pytest.raises(ValidationError, match="not a period"):
        plan.actuals.write([(m.id, "March", 1.0, None, "")])
    with pytest.raises(ValidationError, match="two different values"):
        plan.actuals.write([(m.id, "2026-01", 1.0, None, ""), (m.id, "2026-01", 2.0, None, "")])
    with pytest.raises(NotFoundError):
        plan.actuals.write([(9999, "2026-01", 1.0, None, "")])
    assert plan.actuals.of(m.id) == []


def _latest_from_history(plan):
    out = {}
    for node in plan.nodes.tree().nodes.values():
        last = next((a for a in reversed(plan.actuals.of(node.id)) if a.actual is not None), None)
        if last is not None:
            out[node.id] = last
    return out


def test_latest_actuals_follow_every_kind_of_change(demo_path):
    from ogsm_desktop.core import versions as ver

    with Plan.open(demo_path) as plan:
        assert plan.actuals.latest() == _latest_from_history(plan)
        m = plan.nodes.by_code("C-S1-M2")
        plan.actuals.write([(m.id, "2026-11", 21000.0, 20000.0, "回升"), (m.id, "2026-Q4", None, None, "")])
        assert plan.actuals.latest()[m.id].period == "2026-11"
        plan.nodes.delete(plan.nodes.by_code("C-S1").id)
        assert m.id not in plan.actuals.latest()
        ver.restore(plan, "服务网络调整", "undo")
        assert plan.actuals.latest()[m.id].period == "2026-09"     # October came after that version
        assert plan.actuals.latest() == _latest_from_history(plan)


def test_the_newest_values_of_many_nodes_asked_in_any_order_are_each_nodes_own_in_the_plans_order(demo_path):
    """The alerts' read of the few newest values of many measures at once (SQLite orders them, node by node):
    each node's values oldest first, as the plan lists them, whatever order the nodes are asked in, asked twice,
    or without a value; their comments are not read."""
    import random

    from ogsm_desktop.core.periods import period_end

    rng = random.Random(3)
    with Plan.open(demo_path) as plan:
        measures = [n.id for n in plan.nodes.tree().nodes.values() if n.kind in ("goal", "measure")]
        mixed = ["2027", "2027-Q4", "2027-12", "2027-W52", "2027-Q1", "2027-03", "2027-01", "2027-W04"]
        with plan.batch("edit"):
            for i, m in enumerate(measures[:8]):
                chosen = rng.sample(mixed, rng.randint(1, len(mixed)))
                plan.actuals.write([(m, p, float(i * 10 + k), None, f"note {k}") for k, p in enumerate(chosen)])
        asked = measures[:8] + measures[:3] + [999_999]
        rng.shuffle(asked)
        for count in (1, 3, 9):
            found = plan.actuals.recent_values(count, asked)
            for m in set(asked):
                valued = [(a.period, a.actual, a.target) for a in plan.actuals.of(m) if a.actual is not None]
                got = [(a.period, a.actual, a.target) for a in found.get(m, [])]
                assert len(got) == min(count, len(valued)) and all(a.comment == "" for a in found.get(m, []))
                assert got == [v for v in valued if v in got], (m, count)          # in the plan's order
                # the newest: all that end after the oldest read (which of those that end with it is read,
                # when the count ends among them, is the index's choice)
                oldest = period_end(got[0][0]) if got else None
                assert [v for v in valued if oldest and period_end(v[0]) > oldest] == \
                    [v for v in got if period_end(v[0]) > oldest], (m, count)


def test_the_newest_value_of_periods_ending_the_same_day_is_the_one_the_plan_lists_last(demo_path):
    """A measure whose frequency changed holds periods of several lengths; a week, a month, a quarter and
    the year may end the same day. Its newest value is the one listed last (by end, then start: the
    shortest), whatever order they were written in; the as-of reads say the same, from the newest values
    kept per node and, for an as-of date before a later value, from the values themselves; and the reads of a
    stretch of values (the review's, the alerts' newest few) list them in the plan's order."""
    with Plan.open(demo_path) as plan:
        m = plan.nodes.by_code("C-S1-M2")
        orders = [["2027", "2027-Q4", "2027-12"], ["2027-12", "2027-Q4", "2027"], ["2027-Q4", "2027", "2027-12"],
                  ["2027-W04", "2027-01"], ["2027-01", "2027-W04"]]
        for order in orders:
            plan.actuals.write([(m.id, p, None, None, "") for p in
                                ("2027", "2027-Q4", "2027-12", "2027-W04", "2027-01", "2028-03")])
            for i, period in enumerate(order):
                plan.actuals.write([(m.id, period, 100.0 + i, None, "")])
            newest = plan.actuals.latest()[m.id]
            assert newest == _latest_from_history(plan)[m.id]
            listed = [a for a in plan.actuals.of(m.id) if "2027" <= a.period < "2028"]       # the plan's order
            assert plan.actuals.between("2027-01-01", "2027-12-31", [m.id])[m.id] == listed, order
            valued = [a for a in plan.actuals.of(m.id) if a.actual is not None]
            assert plan.actuals.recent_values(3, [m.id])[m.id] == valued[-3:], order
            assert newest.period == ("2027-12" if "2027-12" in order else "2027-W04"), order
            as_of = plan.actuals.last_values("2027-01-01", {"monthly": "2028-01-31"}, [m.id])
            assert as_of[m.id][0] == newest.period, order
            later, bound = ("2028-03", "2028-01-15") if "2027-12" in order else ("2027-12", "2027-02-15")
            plan.actuals.write([(m.id, later, 1.0, None, "")])      # the as-of read then goes to the values
            as_of = plan.actuals.last_values("2027-01-01", {"monthly": bound}, [m.id])
            assert as_of[m.id][0] == newest.period, order


def test_a_comparison_in_parts_of_a_few_nodes_is_the_comparison_in_one(demo_path, monkeypatch):
    """Values are compared with the plan a few hundred nodes at a time. In parts of 1, 2 and 3 nodes (nodes
    that have values and nodes that do not, values kept where the row does not give them) every row is new,
    changed or unchanged exactly as when all are compared at once."""
    from ogsm_desktop.core.periods import period_end
    from ogsm_desktop.core.storage import actuals as store
    from ogsm_desktop.core.storage.actuals import KEEP

    with Plan.open(demo_path) as plan:
        ids = sorted(n.id for n in plan.nodes.tree().nodes.values() if str(n.kind) in ("goal", "measure"))[:7]
        current = {(a.node_id, a.period): a for i in ids for a in plan.actuals.of(i)}
        rows = []
        for k, node_id in enumerate(ids):
            for month in range(1, 13):
                period = f"2026-{month:02d}"
                now = current.get((node_id, period))
                actual = (now.actual if now is not None and month % 3 else float(k * 100 + month))
                target = KEEP if month % 4 == 0 else (now.target if now is not None else None)
                rows.append((node_id, period, period_end(period), actual, target, KEEP))
        whole = plan.actuals.compare_prepared(rows)
        assert whole.counts["new"] and whole.counts["changed"] and whole.counts["unchanged"]
        for size in (1, 2, 3):
            monkeypatch.setattr(store, "CHUNK", size)
            parts = plan.actuals.compare_prepared(rows)
            assert (parts.counts, parts.inserted, parts.ended, parts.previous) == (
                whole.counts, whole.inserted, whole.ended, whole.previous)


def test_numbers_are_never_written_where_no_node_is(demo_plan, demo_path):
    """Found by the random department rounds: a refresh wrote a comment under a measure the department had
    deleted, and the file then refused to open (damaged). Writing numbers back (a merge, a restore) refuses a
    node that is not in the plan; the batch writes nothing."""
    m = demo_plan.nodes.by_code("D1-S1-M1")
    with demo_plan.batch("edit", "gone"):
        demo_plan.nodes.delete(m.id)
    before = demo_plan.journal.last_batch_id()
    with pytest.raises(NotFoundError), demo_plan.batch("merge", "a merge"):
        demo_plan.actuals.restore_values({(m.id, "2026-11"): (1.0, None, "")})
    assert demo_plan.journal.last_batch_id() == before
    demo_plan.close()
    with Plan.open(demo_path) as plan:                         # the file still opens
        assert plan.nodes.exists(plan.nodes.by_code("D1-S1").id)
