"""The plan file: creating, opening, refusing bad files, the journal of every edit, atomic batches."""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from ogsm_desktop.core.errors import GrammarError, NotFoundError, PlanFileError, ValidationError
from ogsm_desktop.core.model import Kind
from ogsm_desktop.core.schema import SCHEMA_VERSION
from ogsm_desktop.core.store import Plan
from tests.helpers import file_digest


@pytest.fixture
def plan(tmp_path):
    with Plan.create(tmp_path / "p.ogsm") as p:
        yield p


def _small(plan):
    top = plan.add_node(None, Kind.OBJECTIVE, title="成为第一入口", org_unit="公司")
    goal = plan.add_node(top.id, Kind.GOAL, title="销量", target=100)
    s1 = plan.add_node(top.id, Kind.STRATEGY, title="策略一", owner="李娜")
    s2 = plan.add_node(top.id, Kind.STRATEGY, title="策略二")
    m = plan.add_node(s1.id, Kind.MEASURE, title="转化率", target=8)
    return top, goal, s1, s2, m


def test_new_plan_is_wal_with_current_schema(tmp_path):
    path = tmp_path / "new.ogsm"
    Plan.create(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(SCHEMA_VERSION)
    conn.close()


def test_codes_are_generated_from_the_cascade(plan):
    top, goal, s1, s2, m = _small(plan)
    assert [top.code, goal.code, s1.code, s2.code, m.code] == ["C", "C-G1", "C-S1", "C-S2", "C-S1-M1"]
    dept = plan.add_node(s1.id, Kind.OBJECTIVE, title="部门")
    assert dept.code == "D1"
    assert plan.add_node(dept.id, Kind.STRATEGY).code == "D1-S1"


def test_codes_are_never_silently_reused(plan):
    top, goal, s1, s2, m = _small(plan)
    plan.delete_node(s2.id)
    assert plan.add_node(top.id, Kind.STRATEGY).code == "C-S3"
    with pytest.raises(ValidationError, match="belonged to a node that was deleted"):
        plan.update_node(s1.id, code="C-S2")


def test_duplicate_code_is_refused_and_nothing_changes(plan):
    top, goal, s1, s2, m = _small(plan)
    before = plan.last_batch_id()
    with pytest.raises(ValidationError, match="already used by 策略一"):
        plan.update_node(s2.id, code="C-S1")
    assert plan.node(s2.id).code == "C-S2"
    assert plan.last_batch_id() == before


def test_every_edit_is_journaled_with_old_and_new(plan):
    top, goal, s1, s2, m = _small(plan)
    with plan.batch("edit", "季度复盘"):
        plan.update_node(s1.id, title="联合车企推出定制车型", owner="张伟")
    rows = plan.journal(node_ids=[s1.id])
    assert [(r.action, r.field, r.old, r.new) for r in rows[1:]] == [
        ("update", "title", "策略一", "联合车企推出定制车型"),
        ("update", "owner", "李娜", "张伟"),
    ]
    batch = plan.batch_info(rows[-1].batch_id)
    assert batch.reason == "季度复盘" and batch.who and batch.at


def test_unchanged_edit_leaves_no_trace(plan):
    top, *_ = _small(plan)
    before = plan.last_batch_id()
    plan.update_node(top.id, title=top.title)
    assert plan.last_batch_id() == before


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [("target", "abc", "must be a number"), ("due_date", "31/12/2026", "due date must be a date"),
     ("status", "great", "status must be one of"), ("direction", "up", "direction must be one of"),
     ("code", "C S1", "no spaces"), ("kind", "goal", "not a field")],
)
def test_bad_values_are_refused(plan, field, value, message):
    top, goal, *_ = _small(plan)
    with pytest.raises((ValidationError, GrammarError), match=message):
        plan.update_node(goal.id, **{field: value})


def test_moves_keep_sibling_order_and_refuse_grammar_breaks(plan):
    top, goal, s1, s2, m = _small(plan)
    plan.move_node(s2.id, top.id, 0)
    assert [n.code for n in plan.children(top.id)] == ["C-S2", "C-G1", "C-S1"]
    plan.move_node(m.id, s2.id)
    assert [n.code for n in plan.children(s2.id)] == ["C-S1-M1"]
    with pytest.raises(GrammarError, match="a measure cannot sit under a objective"):
        plan.move_node(m.id, top.id)
    with pytest.raises(GrammarError, match="a goal holds nothing below it"):
        plan.move_node(m.id, goal.id)
    dept = plan.add_node(s1.id, Kind.OBJECTIVE)
    ds = plan.add_node(dept.id, Kind.STRATEGY)
    with pytest.raises(GrammarError, match="cannot move into its own subtree"):
        plan.move_node(s1.id, ds.id)
    assert plan.node(s1.id).parent_id == top.id


def test_delete_takes_the_subtree_and_its_actuals(plan):
    top, goal, s1, s2, m = _small(plan)
    plan.write_actuals([(m.id, "2026-01", 7.0, 8.0, "")])
    removed = plan.delete_node(s1.id)
    assert set(removed) == {s1.id, m.id}
    with pytest.raises(NotFoundError):
        plan.node(m.id)
    assert plan.actuals(m.id) == []
    assert [n.code for n in plan.children(top.id)] == ["C-G1", "C-S2"]
    assert [n.position for n in plan.children(top.id)] == [0, 1]


def test_actuals_upsert_by_node_and_period(plan):
    *_, m = _small(plan)
    rows = [(m.id, "2026-01", 7.0, 8.0, ""), (m.id, "2026-02", 7.5, 8.0, "")]
    assert plan.write_actuals(rows) == {"new": 2, "changed": 0, "unchanged": 0}
    before = plan.last_batch_id()
    assert plan.write_actuals(rows) == {"new": 0, "changed": 0, "unchanged": 2}
    assert plan.last_batch_id() == before          # re-importing the same values changes nothing
    assert plan.write_actuals([(m.id, "2026-02", 7.9, 8.0, "修正")]) == {"new": 0, "changed": 1, "unchanged": 0}
    assert [(a.period, a.actual, a.comment) for a in plan.actuals(m.id)] == [("2026-01", 7.0, ""), ("2026-02", 7.9, "修正")]
    history = plan.actual_history([m.id])
    assert [(c.period, c.old, c.new) for c in history][-1] == ("2026-02", (7.5, 8.0, ""), (7.9, 8.0, "修正"))


def test_actuals_refuse_wrong_nodes_periods_and_conflicts(plan):
    top, goal, s1, s2, m = _small(plan)
    with pytest.raises(ValidationError, match="only goals and measures"):
        plan.write_actuals([(s1.id, "2026-01", 1.0, None, "")])
    with pytest.raises(ValidationError, match="not a period"):
        plan.write_actuals([(m.id, "March", 1.0, None, "")])
    with pytest.raises(ValidationError, match="two different values"):
        plan.write_actuals([(m.id, "2026-01", 1.0, None, ""), (m.id, "2026-01", 2.0, None, "")])
    with pytest.raises(NotFoundError):
        plan.write_actuals([(9999, "2026-01", 1.0, None, "")])
    assert plan.actuals(m.id) == []


def test_a_failing_batch_writes_nothing(plan):
    top, goal, s1, s2, m = _small(plan)
    before = (plan.last_batch_id(), len(plan.tree().nodes))
    with pytest.raises(GrammarError):
        with plan.batch("edit", "half done"):
            plan.add_node(s1.id, Kind.ACTION, title="ok")
            plan.add_node(goal.id, Kind.ACTION, title="breaks the grammar")
    assert (plan.last_batch_id(), len(plan.tree().nodes)) == before


# --------------------------------------------------------------------------- refusing bad files
def test_missing_file_is_refused(tmp_path):
    with pytest.raises(PlanFileError, match="no such file"):
        Plan.open(tmp_path / "nope.ogsm")


def test_text_file_is_refused_unchanged(tmp_path):
    path = tmp_path / "notes.ogsm"
    path.write_text("just some notes", encoding="utf-8")
    with pytest.raises(PlanFileError, match="not an OGSM plan .not an SQLite database"):
        Plan.open(path)
    assert path.read_text(encoding="utf-8") == "just some notes"


def test_foreign_sqlite_file_is_refused_unchanged(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE things (x)")
    conn.commit()
    conn.close()
    digest = file_digest(path)
    with pytest.raises(PlanFileError, match="SQLite database without plan tables"):
        Plan.open(path)
    assert file_digest(path) == digest
    assert not os.path.exists(f"{path}-wal")


def test_plan_from_a_newer_program_is_refused_unchanged(tmp_path):
    path = tmp_path / "future.ogsm"
    Plan.create(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    conn.commit()
    conn.close()
    digest = file_digest(path)
    with pytest.raises(PlanFileError, match="made by a newer OGSM Desktop"):
        Plan.open(path)
    assert file_digest(path) == digest


def test_older_plan_is_backed_up_and_migrated(tmp_path, monkeypatch):
    from ogsm_desktop.core import schema

    path = tmp_path / "old.ogsm"
    Plan.create(path).close()

    def add_weight_note(db):
        db["meta"].insert({"key": "migrated", "value": "yes"})

    monkeypatch.setattr(schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setitem(schema.MIGRATIONS, SCHEMA_VERSION + 1, add_weight_note)
    with Plan.open(path) as plan:
        assert plan.meta("migrated") == "yes"
        assert plan.schema_version == SCHEMA_VERSION + 1
    assert (tmp_path / f"old.ogsm.schema{SCHEMA_VERSION}.bak").exists()


def test_read_only_plan_refuses_edits(demo_path):
    digest = file_digest(demo_path)
    with Plan.open(demo_path, readonly=True) as plan:
        with pytest.raises(Exception, match="read-only"):
            plan.update_node(plan.node_by_code("C").id, title="x")
    assert file_digest(demo_path) == digest


# --------------------------------------------------------------------------- kill in the middle
KILLER = textwrap.dedent("""
    import os, signal, sys
    from ogsm_desktop.core.store import Plan
    from ogsm_desktop.core.model import Kind
    plan = Plan.open(sys.argv[1])
    top = plan.node_by_code("C-S1")
    with plan.batch("import", "killed half-way"):
        for i in range(400):
            plan.add_node(top.id, Kind.ACTION, title=f"动作 {i}")
            if i == 300:
                os.kill(os.getpid(), signal.SIGKILL)
""")


def test_killing_the_process_mid_batch_leaves_the_plan_valid_and_as_before(demo_path):
    with Plan.open(demo_path, readonly=True) as plan:
        before = (len(plan.tree().nodes), plan.last_batch_id())
    proc = subprocess.run([sys.executable, "-c", KILLER, str(demo_path)], capture_output=True)
    assert proc.returncode == -signal.SIGKILL
    conn = sqlite3.connect(demo_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with Plan.open(demo_path) as plan:
        assert (len(plan.tree().nodes), plan.last_batch_id()) == before
        plan.add_node(plan.node_by_code("C-S1").id, Kind.ACTION, title="still writable")


def _latest_from_history(plan):
    from ogsm_desktop.core.status import latest

    out = {}
    for node in plan.tree().nodes.values():
        last = latest(plan.actuals(node.id))
        if last is not None:
            out[node.id] = last
    return out


def test_latest_actuals_follow_every_kind_of_change(demo_path):
    from ogsm_desktop.core import versions as ver

    with Plan.open(demo_path) as plan:
        assert plan.latest_actuals() == _latest_from_history(plan)
        m = plan.node_by_code("C-S1-M2")
        plan.write_actuals([(m.id, "2026-11", 21000.0, 20000.0, "回升"), (m.id, "2026-Q4", None, None, "")])
        assert plan.latest_actuals()[m.id].period == "2026-11"
        plan.delete_node(plan.node_by_code("C-S1").id)
        assert m.id not in plan.latest_actuals()
        ver.restore(plan, "服务网络调整", "undo")
        assert plan.latest_actuals()[m.id].period == "2026-09"     # October came after that version
        assert plan.latest_actuals() == _latest_from_history(plan)


def test_refused_edits_leave_the_file_byte_for_byte_unchanged(demo_path):
    digest = file_digest(demo_path)
    with Plan.open(demo_path) as plan:
        goal, measure = plan.node_by_code("C-G1"), plan.node_by_code("C-S1-M1")
        with pytest.raises(GrammarError):
            plan.move_node(measure.id, goal.id)
        with pytest.raises(ValidationError):
            plan.update_node(measure.id, title="ok", code="C-G1")
        with pytest.raises(ValidationError):
            plan.add_node(plan.node_by_code("C-S1").id, Kind.MEASURE, code="C-S1-M1")
    assert file_digest(demo_path) == digest


def test_a_schema_1_plan_is_migrated_to_schema_2_with_a_backup(tmp_path, monkeypatch):
    from ogsm_desktop.core import schema

    path = tmp_path / "v1.ogsm"
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 1)
    with Plan.create(path) as old:
        top = old.conn.execute("INSERT INTO nodes (kind, code, title) VALUES ('objective', 'C', '成为第一入口')").lastrowid
        old.conn.execute("INSERT INTO used_codes VALUES ('C', ?)", (top,))
    monkeypatch.undo()
    with Plan.open(path) as plan:
        assert plan.schema_version == 2
        node = plan.node_by_code("C")
        assert (node.title, node.streak, node.alerts_off) == ("成为第一入口", None, "")
        indexes = {r[1] for r in plan.conn.execute("PRAGMA index_list(actuals)")}
        assert "actuals_recent" in indexes
    assert (tmp_path / "v1.ogsm.schema1.bak").exists()
