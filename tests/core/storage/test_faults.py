"""Faults around the plan file: a full disk and read-only places. Each failure is one line saying what
happened; the plan is as it was."""

import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ogsm_desktop.cli import main
from ogsm_desktop.core.errors import PlanFileError, ReadOnlyPlanError
from ogsm_desktop.core.model import Kind
from ogsm_desktop.core.storage import Plan

ROOT = Path(__file__).resolve().parents[3]


def plan_summary(path):
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return (conn.execute("SELECT COUNT(*) FROM nodes").fetchone()[0],
                conn.execute("SELECT MAX(id) FROM batches").fetchone()[0],
                conn.execute("SELECT COUNT(*) FROM actuals").fetchone()[0])
    finally:
        conn.close()


def test_a_full_disk_inside_a_batch_is_one_line_and_the_plan_is_unchanged(demo_path):
    """SQLite's own disk-full path (SQLITE_FULL), reached by capping the plan's size."""
    before = plan_summary(demo_path)
    with Plan.open(demo_path) as plan:
        pages = plan.conn.execute("PRAGMA page_count").fetchone()[0]
        plan.conn.execute(f"PRAGMA max_page_count = {pages}")
        strategy = plan.nodes.by_code("C-S1").id
        with pytest.raises(PlanFileError) as exc:
            with plan.batch("import", "many"):
                for i in range(3000):
                    plan.nodes.add(strategy, Kind.ACTION, title=f"很长的行动标题 {i} " * 20)
        assert str(exc.value) == f"{demo_path}: the disk is full; nothing was changed. Free some space and try again."
        plan.conn.execute("PRAGMA max_page_count = 1073741823")
        plan.nodes.update(strategy, owner="still writable")       # room again: the plan goes on working
    assert plan_summary(demo_path)[0] == before[0]


SMALL_DISK = textwrap.dedent("""
    set -e
    mount -t tmpfs -o size=$SIZE tmpfs "$DISK"
    cp "$PLAN" "$DISK/plan.ogsm"
    cd "$DISK"
    run() { if "$PYTHON" -m ogsm_desktop "$@" > "$OUT/$1.out" 2> "$OUT/$1.err"; then echo 0; else echo $?; fi \
              > "$OUT/$1.code"; }
    run snapshot plan.ogsm --name v9 --reason "月度复盘"
    dd if=/dev/zero of=filler bs=4k 2>/dev/null || true
    run import plan.ogsm "$XLSX"
    run demo new.ogsm
    run export plan.ogsm out.xlsx
    ls -a > "$OUT/files"
    cp plan.ogsm* "$OUT/"
""")


def _small_disk_available() -> str | None:
    if shutil.which("unshare") is None:
        return "unshare is not installed"
    done = subprocess.run(["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
                          capture_output=True, text=True)
    return None if done.returncode == 0 else f"cannot mount a small disk here ({done.stderr.strip()})"


def test_a_really_full_disk_gives_one_line_per_command_and_leaves_the_plan_whole(demo_path, tmp_path):
    why = _small_disk_available()
    if why is not None:
        pytest.skip(f"a full disk needs a small tmpfs in a user namespace: {why}; the simulated full disk above ran")
    from tests.helpers import write_xlsx

    xlsx = write_xlsx(tmp_path / "big.xlsx", {"Actuals": [["Code", "Period", "Actual"]] + [
        ["C-S1-M2", f"{2000 + y}-{m:02d}", y * 100 + m] for y in range(40) for m in range(1, 13)]})
    disk, out = tmp_path / "disk", tmp_path / "out"
    disk.mkdir()
    out.mkdir()
    env = {"PATH": "/usr/bin:/bin", "SIZE": "1m", "DISK": str(disk), "PLAN": str(demo_path), "XLSX": str(xlsx),
           "OUT": str(out), "PYTHON": sys.executable, "PYTHONPATH": str(ROOT), "HOME": str(tmp_path),
           "OGSM_DESKTOP_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run(["unshare", "-rm", "sh", "-c", SMALL_DISK], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    for command in ("import", "demo", "export"):
        code, err = (out / f"{command}.code").read_text().strip(), (out / f"{command}.err").read_text()
        said = [line for line in err.splitlines() if ": warning: " not in line]   # (the import's years 2000–2039)
        assert code == "1" and len(said) == 1 and "the disk is full" in said[0], (command, err)
    files = (out / "files").read_text().split()
    assert "new.ogsm" not in files                     # no empty plan left to block the retry
    assert not [f for f in files if f.endswith((".writing", ".new"))]
    nodes, last_batch, actuals = plan_summary(out / "plan.ogsm")
    assert nodes == 53 and actuals == plan_summary(demo_path)[2]      # the import wrote nothing


@pytest.fixture
def read_only_place(tmp_path, demo_path):
    """The demo plan in a folder on a read-only mount (permissions alone do not stop root)."""
    if _small_disk_available() is not None:
        pytest.skip("a read-only mount needs a user namespace: " + _small_disk_available())
    return demo_path


READ_ONLY = textwrap.dedent("""
    set -e
    mount -t tmpfs -o size=2m tmpfs "$DISK"
    cp "$PLAN" "$DISK/plan.ogsm"
    mount -o remount,ro "$DISK"
    cd "$DISK"
    run() { if "$PYTHON" -m ogsm_desktop "$@" > "$OUT/$1.out" 2> "$OUT/$1.err"; then echo 0; else echo $?; fi \
              > "$OUT/$1.code"; }
    for cmd in tree history check; do run $cmd plan.ogsm; done
    run snapshot plan.ogsm --name v9 --reason r
""")


def test_a_plan_on_a_read_only_disk_is_read_and_not_called_foreign(read_only_place, tmp_path):
    """A valid plan on a read-only mount was called "not an OGSM plan"."""
    disk, out = tmp_path / "disk", tmp_path / "out"
    disk.mkdir()
    out.mkdir()
    env = {"PATH": "/usr/bin:/bin", "DISK": str(disk), "PLAN": str(read_only_place), "OUT": str(out),
           "PYTHON": sys.executable, "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)}
    done = subprocess.run(["unshare", "-rm", "sh", "-c", READ_ONLY], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    for command in ("tree", "history", "check"):
        assert (out / f"{command}.code").read_text().strip() == "0", (out / f"{command}.err").read_text()
    assert "成为新能源汽车消费的第一入口" in (out / "tree.out").read_text()
    err = (out / "snapshot.err").read_text()
    assert (out / "snapshot.code").read_text().strip() == "1" and err.count("\n") == 1
    assert "cannot be written (a read-only file, folder or disk)" in err


def test_a_read_only_plan_opens_for_reading_and_says_why_it_cannot_be_written(demo_path, monkeypatch):
    from ogsm_desktop.core.storage import connection

    monkeypatch.setattr(connection, "writable", lambda path: False)
    with pytest.raises(ReadOnlyPlanError, match="cannot be written"):
        Plan.open(demo_path)
    with Plan.open(demo_path, readonly=True) as plan:
        assert plan.nodes.by_code("C")


def test_a_file_name_too_long_is_one_line(tmp_path, capsys):
    assert main(["tree", str(tmp_path / ("长" * 300 + ".ogsm"))]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "too long" in err


FILLING_DISK = textwrap.dedent("""
    set -e
    mount -t tmpfs -o size=2m tmpfs "$DISK"
    cd "$DISK"
    for free in $FREE; do
        dd if=/dev/zero of=filler bs=1k count=$((2048 - free)) 2>/dev/null || true
        if "$PYTHON" -m ogsm_desktop demo new.ogsm > /dev/null 2> "$OUT/demo.$free.err"; then echo 0; else echo $?; fi \
            > "$OUT/demo.$free.code"
        ls -a > "$OUT/files.$free"
        rm -f filler new.ogsm .new.ogsm*
    done
""")


def test_a_new_plan_on_a_nearly_full_disk_says_the_disk_is_full_whatever_the_room_left(tmp_path):
    """With 4, 60 or 200 KB left it said "cannot rollback - no transaction is active"; with 150 KB it
    called the temporary file damaged."""
    why = _small_disk_available()
    if why is not None:
        pytest.skip(f"a full disk needs a small tmpfs in a user namespace: {why}")
    disk, out = tmp_path / "disk", tmp_path / "out"
    disk.mkdir()
    out.mkdir()
    free = [4, 60, 100, 150, 200, 300]
    env = {"PATH": "/usr/bin:/bin", "DISK": str(disk), "OUT": str(out), "PYTHON": sys.executable,
           "PYTHONPATH": str(ROOT), "HOME": str(tmp_path), "FREE": " ".join(map(str, free)),
           "OGSM_DESKTOP_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run(["unshare", "-rm", "sh", "-c", FILLING_DISK], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    for kb in free:
        code, err = (out / f"demo.{kb}.code").read_text().strip(), (out / f"demo.{kb}.err").read_text()
        if code == "0":
            continue                                   # it fitted
        assert code == "1" and err.count("\n") == 1, (kb, err)
        assert "new.ogsm: the disk is full" in err and ".new" not in err.replace("new.ogsm", ""), (kb, err)
        assert "new.ogsm" not in (out / f"files.{kb}").read_text().split()


def test_a_read_that_found_the_file_being_written_is_told_apart(tmp_path):
    """A worker's read tried again when another connection was writing the plan file — and only then."""
    import sqlite3

    from ogsm_desktop.core.storage.errors import is_busy, plan_error

    locked = sqlite3.OperationalError("database is locked")
    assert is_busy(locked)
    try:
        try:
            raise locked
        except sqlite3.OperationalError as exc:
            raise plan_error(exc, tmp_path / "p.ogsm") from None      # as the storage says it, in one line
    except Exception as said:
        assert "another program is writing" in str(said) and is_busy(said)
    assert not is_busy(sqlite3.OperationalError("disk I/O error"))
    assert not is_busy(KeyError(6))
    plan = tmp_path / "p.db"
    writer, reader = sqlite3.connect(plan, timeout=0), sqlite3.connect(plan, timeout=0)
    writer.execute("CREATE TABLE t (x)")
    writer.commit()
    writer.execute("BEGIN EXCLUSIVE")
    try:
        reader.execute("SELECT * FROM t").fetchall()
    except sqlite3.OperationalError as exc:
        assert is_busy(exc)
    else:
        raise AssertionError("the read was not refused")
    finally:
        writer.rollback()
        writer.close()
        reader.close()


def test_a_read_only_open_while_another_connection_writes_is_said_busy(demo_path, monkeypatch):
    """A worker opening the plan while the window wrote it (a long edit) read around the lock as an
    immutable file, or was told the plan's last changes were in its journal; neither was tried again."""
    import sqlite3

    import pytest

    from ogsm_desktop.core.errors import PlanFileError
    from ogsm_desktop.core.storage import connection
    from ogsm_desktop.core.storage.errors import is_busy

    monkeypatch.setattr(connection, "BUSY_MS", 50)
    writer = sqlite3.connect(demo_path, isolation_level=None)
    try:
        writer.execute("BEGIN EXCLUSIVE")
        writer.execute("UPDATE nodes SET title = title || '!' WHERE id = 1")     # the journal now holds the page
        with pytest.raises(PlanFileError) as refused:
            connection.connect_readonly(demo_path)
        assert is_busy(refused.value) and "another program is writing" in str(refused.value)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    connection.connect_readonly(demo_path).close()
