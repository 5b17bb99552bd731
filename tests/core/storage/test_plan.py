"""The plan file: refusing what is not a plan, one writer, a vanished or read-only file, Save As,
and killing the process in the middle of a batch."""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from ogsm_desktop.core.errors import GrammarError, PlanError, PlanFileError, ValidationError
from ogsm_desktop.core.model import Kind
from ogsm_desktop.core.storage import Plan
from ogsm_desktop.core.storage.schema import SCHEMA_VERSION
from tests.helpers import file_digest


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


def test_read_only_plan_refuses_edits(demo_path):
    digest = file_digest(demo_path)
    with Plan.open(demo_path, readonly=True) as plan:
        with pytest.raises(PlanError, match="opened read-only; nothing was changed"):
            plan.nodes.update(plan.nodes.by_code("C").id, title="x")
    assert file_digest(demo_path) == digest


KILLER = textwrap.dedent("""
    import os, signal, sys
    from ogsm_desktop.core.storage import Plan
    from ogsm_desktop.core.model import Kind
    plan = Plan.open(sys.argv[1])
    top = plan.nodes.by_code("C-S1")
    with plan.batch("import", "killed half-way"):
        for i in range(400):
            plan.nodes.add(top.id, Kind.ACTION, title=f"动作 {i}")
            if i == 300:
                os.kill(os.getpid(), signal.SIGKILL)
""")


def test_killing_the_process_mid_batch_leaves_the_plan_valid_and_as_before(demo_path):
    with Plan.open(demo_path, readonly=True) as plan:
        before = (len(plan.nodes.tree().nodes), plan.journal.last_batch_id())
    proc = subprocess.run([sys.executable, "-c", KILLER, str(demo_path)], capture_output=True)
    assert proc.returncode == -signal.SIGKILL
    conn = sqlite3.connect(demo_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with Plan.open(demo_path) as plan:
        assert (len(plan.nodes.tree().nodes), plan.journal.last_batch_id()) == before
        plan.nodes.add(plan.nodes.by_code("C-S1").id, Kind.ACTION, title="still writable")


def test_refused_edits_leave_the_file_byte_for_byte_unchanged(demo_path):
    digest = file_digest(demo_path)
    with Plan.open(demo_path) as plan:
        goal, measure = plan.nodes.by_code("C-G1"), plan.nodes.by_code("C-S1-M1")
        with pytest.raises(GrammarError):
            plan.nodes.move(measure.id, goal.id)
        with pytest.raises(ValidationError):
            plan.nodes.update(measure.id, title="ok", code="C-G1")
        with pytest.raises(ValidationError):
            plan.nodes.add(plan.nodes.by_code("C-S1").id, Kind.MEASURE, code="C-S1-M1")
    assert file_digest(demo_path) == digest


def test_deleted_plan_file_refuses_edits_and_can_be_saved_elsewhere(demo_path, tmp_path):
    with Plan.open(demo_path) as plan:
        plan.nodes.update(plan.nodes.by_code("C").id, title="改过的目的")
        os.unlink(demo_path)
        with pytest.raises(PlanFileError, match="deleted or replaced while open"):
            plan.nodes.update(plan.nodes.by_code("C").id, title="lost?")
        saved = plan.copy_to(tmp_path / "rescued.ogsm")
    with Plan.open(saved) as rescued:
        assert rescued.nodes.by_code("C").title == "改过的目的"
        assert [v.name for v in rescued.versions.all()] == ["2026年度计划", "服务网络调整"]


def test_read_only_plan_file_refuses_edits(demo_path, monkeypatch):
    real_access = os.access
    if os.geteuid() == 0:      # root may write any file: make access() answer as it would for a user
        monkeypatch.setattr(os, "access", lambda p, mode: False if mode == os.W_OK and os.stat(p).st_mode & 0o200 == 0
                            else real_access(p, mode))
    try:
        with Plan.open(demo_path) as plan:
            os.chmod(demo_path, 0o444)
            with pytest.raises(PlanFileError, match="read-only now"):
                plan.nodes.update(plan.nodes.by_code("C").id, title="x")
    finally:
        os.chmod(demo_path, 0o644)


def test_save_as_refuses_the_open_file_itself(demo_plan):
    with pytest.raises(PlanFileError, match="the open plan itself"):
        demo_plan.copy_to(demo_plan.path)
