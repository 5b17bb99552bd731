"""The plan file among the other files of a folder: what is committed is in the plan file itself, a plan
with two names is not written, and nothing beside the plan can be used to hang or redirect a write."""

import os
import shutil
import sqlite3
import subprocess
import sys
import threading

import pytest

from ogsm_desktop.core import versions as ver
from ogsm_desktop.core.errors import PlanError, PlanFileError
from ogsm_desktop.core.storage import Plan, connection
from tests.helpers import file_digest


def copy_alone(path, target):
    """The plan file copied without anything beside it (mailed, put on a stick)."""
    shutil.copyfile(path, target)
    return target


def test_what_is_committed_is_in_the_plan_file_while_it_stays_open(demo_path, tmp_path):
    """Committed batches stayed in the -wal: a copy of the .ogsm alone lost them."""
    with Plan.open(demo_path) as plan:
        plan.nodes.update(plan.nodes.by_code("C").id, title="已提交的标题")
        ver.save_version(plan, "十二月", "月度复盘")
        copy = copy_alone(demo_path, tmp_path / "mailed.ogsm")
        with Plan.open(copy, readonly=True) as mailed:
            assert mailed.nodes.by_code("C").title == "已提交的标题"
            assert "十二月" in [v.name for v in mailed.versions.all()]


def test_what_is_committed_is_in_the_plan_file_while_another_program_reads_it(demo_path, tmp_path):
    reader = sqlite3.connect(demo_path)
    reader.execute("SELECT count(*) FROM nodes").fetchone()      # an open connection, between reads
    try:
        with Plan.open(demo_path) as plan:
            ver.save_version(plan, "十二月", "月度复盘")
        copy = copy_alone(demo_path, tmp_path / "mailed.ogsm")
        with Plan.open(copy, readonly=True) as mailed:
            assert "十二月" in [v.name for v in mailed.versions.all()]
    finally:
        reader.close()


def test_a_plan_kept_in_wal_mode_by_an_older_version_is_whole_once_opened(demo_path, tmp_path):
    conn = sqlite3.connect(demo_path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("UPDATE meta SET value = '旧版本写的名字' WHERE key = 'name'")
    conn.commit()
    assert os.path.getsize(f"{demo_path}-wal") > 0
    with Plan.open(demo_path) as plan:
        assert plan.name == "旧版本写的名字"
        copy = copy_alone(demo_path, tmp_path / "mailed.ogsm")
    conn.close()
    with Plan.open(copy, readonly=True) as mailed:
        assert mailed.name == "旧版本写的名字"


def test_a_reader_waits_for_a_write_instead_of_failing(demo_path):
    """Readers and the writer share the file; a read during a commit waits for it."""
    with Plan.open(demo_path) as plan, Plan.open(demo_path, readonly=True) as reader:
        done = threading.Event()

        def read_many():
            while not done.is_set():
                reader.nodes.tree()

        worker = threading.Thread(target=read_many)
        worker.start()
        try:
            for i in range(20):
                plan.nodes.update(plan.nodes.by_code("C").id, owner=f"第{i}位")
        finally:
            done.set()
            worker.join()


def test_a_plan_with_two_names_is_read_but_not_written(demo_path, tmp_path):
    """SQLite keeps its journal under one name: a writer through the other name (or a crash of one)
    damaged the plan ("row 30 missing from index") while `check` said the other name was sound."""
    link = tmp_path / "linked.ogsm"
    os.link(demo_path, link)
    digest = file_digest(demo_path)
    for name in (demo_path, link):
        with pytest.raises(PlanFileError, match="has more than one name") as exc:
            Plan.open(name)
        assert "\n" not in str(exc.value)
        with Plan.open(name, readonly=True) as plan:
            assert plan.nodes.by_code("C")
    assert file_digest(demo_path) == digest
    link.unlink()
    Plan.open(demo_path).close()                 # one name again: written as before


def test_a_second_name_made_while_open_stops_the_writes(demo_path, tmp_path):
    with Plan.open(demo_path) as plan:
        os.link(demo_path, tmp_path / "linked.ogsm")
        with pytest.raises(PlanFileError, match="has more than one name"):
            plan.nodes.update(plan.nodes.by_code("C").id, title="不写")
    assert Plan.open(demo_path, readonly=True).nodes.by_code("C").title != "不写"


def test_the_lock_never_follows_a_link_beside_the_plan(demo_path, tmp_path):
    """A symbolic link named .PLAN.lock made every write overwrite the file it points to."""
    victim = tmp_path / "victim.txt"
    victim.write_text("珍贵的内容")
    demo_path.with_name(f".{demo_path.name}.lock").symlink_to(victim)
    with Plan.open(demo_path) as plan:
        plan.nodes.update(plan.nodes.by_code("C").id, owner="新")
    assert victim.read_text() == "珍贵的内容"


def test_a_pipe_beside_the_plan_does_not_hang_a_write(demo_path):
    """A FIFO named .PLAN.lock made snapshot hang forever, holding the plan's lock."""
    os.mkfifo(demo_path.with_name(f".{demo_path.name}.lock"))
    result = {}

    def write():
        with Plan.open(demo_path) as plan:
            result["batch"] = ver.save_version(plan, "v", "r")

    worker = threading.Thread(target=write, daemon=True)
    worker.start()
    worker.join(20)
    assert not worker.is_alive() and "batch" in result


def test_a_restore_of_damaged_history_is_refused_and_changes_nothing(demo_path):
    """A journaled old value that is not a number was restored into the plan, which then could not be
    opened any more, not even to restore again."""
    conn = sqlite3.connect(demo_path)
    conn.execute("UPDATE journal SET old = '\"abc\"' WHERE field = 'target' AND code = 'C-S2-M2'")
    conn.commit()
    conn.close()
    digest = file_digest(demo_path)
    with Plan.open(demo_path) as plan:
        with pytest.raises(PlanError, match=r"C-S2-M2.*target.*“abc”") as exc:
            ver.restore(plan, "2026年度计划", "回到基线")
    assert "\n" not in str(exc.value) and "nothing was changed" in str(exc.value)
    assert file_digest(demo_path) == digest
    with Plan.open(demo_path, readonly=True) as plan:
        assert plan.nodes.by_code("C-S2-M2").target is not None


def test_a_restore_of_a_damaged_setting_is_refused(demo_path):
    """A journaled setting that is not text (bytes) was restored into the live settings, after which the
    plan could not be read."""
    with Plan.open(demo_path) as plan:
        plan.meta.set("name", "改过的名字")
    conn = sqlite3.connect(demo_path)
    assert conn.execute("UPDATE meta_journal SET old = x'fffe41' WHERE new = '改过的名字'").rowcount == 1
    conn.commit()
    conn.close()
    digest = file_digest(demo_path)
    with pytest.raises(PlanError, match="nothing was changed") as exc:     # refused on open, before the restore
        with Plan.open(demo_path) as plan:
            ver.restore(plan, "2026年度计划", "回到基线")
    assert "settings journal row" in str(exc.value) and "\n" not in str(exc.value)
    assert file_digest(demo_path) == digest


def test_a_connection_to_a_plan_is_never_left_in_wal_mode(demo_path):
    with Plan.open(demo_path) as plan:
        assert plan.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert not os.path.exists(f"{demo_path}-wal")
    conn = connection.connect_readonly(demo_path)
    try:
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    finally:
        conn.close()


KILLED_WRITER = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size=1")          # the half-done change reaches the file itself
conn.execute("BEGIN")
conn.execute("UPDATE nodes SET title = 'HALF-WRITTEN ' || title")
conn.execute("UPDATE actuals SET actual = -1")
os._exit(0)                                  # killed before the commit: its journal is left hot
"""


@pytest.fixture
def interrupted(demo_path):
    """The demo plan as a writer killed in the middle of a transaction leaves it: half-written pages in
    the file, the journal to undo them beside it."""
    subprocess.run([sys.executable, "-c", KILLED_WRITER, str(demo_path)], check=True)
    assert os.path.getsize(f"{demo_path}-journal") > 0
    return demo_path


def titles(plan):
    return [n.title for n in plan.nodes.tree().nodes.values()]


def test_reading_a_plan_left_half_written_reads_the_last_commit(interrupted):
    """Read-only opens read the half-written pages as they were (immutable), ignoring the journal."""
    with Plan.open(interrupted, readonly=True) as plan:
        assert not any(t.startswith("HALF-WRITTEN") for t in titles(plan))
        assert all(row[2] != -1 for row in plan.actuals.iter_current())


def test_a_plan_left_half_written_in_a_place_that_cannot_be_written_is_refused(interrupted, monkeypatch):
    monkeypatch.setattr(connection, "writable", lambda path: False)
    with pytest.raises(PlanFileError, match="-journal") as exc:
        Plan.open(interrupted, readonly=True)
    assert "\n" not in str(exc.value)


def test_a_plan_with_a_log_that_cannot_be_read_here_is_refused(demo_path, monkeypatch):
    """A -wal left by an older version, in a place where SQLite cannot keep its shared memory: the file
    was read without the log, and committed edits were missing without a word."""
    conn = sqlite3.connect(demo_path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("UPDATE meta SET value = '只在日志里' WHERE key = 'name'")
    conn.commit()
    real = connection._open_read_only

    def no_shared_memory(uri):                   # what a read-only folder does to a WAL-mode file
        if "immutable" not in uri:
            raise sqlite3.OperationalError("unable to open database file")
        return real(uri)

    monkeypatch.setattr(connection, "_open_read_only", no_shared_memory)
    monkeypatch.setattr(connection, "writable", lambda path: False)
    with pytest.raises(PlanFileError, match="-wal"):
        Plan.open(demo_path, readonly=True)
    conn.close()


def test_a_new_plan_never_inherits_the_journal_of_the_one_it_replaces(interrupted):
    """The old plan's hot journal, left beside the new file, would be played into it."""
    with Plan.create(interrupted, overwrite=True) as plan:
        assert plan.nodes.tree().nodes == {}
    assert not os.path.exists(f"{interrupted}-journal")
    with Plan.open(interrupted) as plan:
        assert plan.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert plan.nodes.tree().nodes == {}


def test_replacing_a_plan_whose_log_is_being_read_is_refused(demo_path):
    """The old plan's -wal was deleted although a reader kept the fold from finishing: killed before the
    rename, the old plan had lost its last version."""
    conn = sqlite3.connect(demo_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("UPDATE meta SET value = '只在日志里' WHERE key = 'name'")
    reader = sqlite3.connect(demo_path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM nodes").fetchone()            # holds a snapshot of the log
    conn.execute("UPDATE meta SET value = '日志里更新的' WHERE key = 'name'")
    try:
        with pytest.raises(PlanFileError, match="being read"):
            Plan.create(demo_path, overwrite=True)
        assert os.path.getsize(f"{demo_path}-wal") > 0
    finally:
        reader.close()
        conn.close()
    with Plan.open(demo_path, readonly=True) as plan:
        assert plan.name == "日志里更新的"


@pytest.mark.parametrize("content", [b"%PDF-1.7 notes", b"PK\x03\x04 a workbook", "会议纪要".encode()])
def test_a_new_plan_replaces_only_a_plan(tmp_path, content):
    """`demo notes.docx --force` replaced any file at all."""
    other = tmp_path / "notes.docx"
    other.write_bytes(content)
    with pytest.raises(PlanFileError, match="is not a plan file"):
        Plan.create(other, overwrite=True)
    assert other.read_bytes() == content


def test_a_plan_name_too_long_for_its_journal_is_refused_in_one_line(tmp_path):
    """A 252-character name was accepted, and the plan could then never be written ("cannot be opened"):
    SQLite's journal beside it needs 8 characters more than the system allows."""
    path = tmp_path / ("a" * 250 + ".ogsm")
    with pytest.raises(PlanFileError, match="too long") as exc:
        Plan.create(path)
    assert "\n" not in str(exc.value) and not path.exists()


def test_closing_a_plan_leaves_no_lock_file_behind(demo_path):
    with Plan.open(demo_path):
        assert demo_path.with_name(f".{demo_path.name}.lock").exists()
    assert sorted(p.name for p in demo_path.parent.iterdir()) == [demo_path.name]
