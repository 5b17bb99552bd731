"""Opening a plan with a read run while its file is checked (``Plan.open_reading``): what a one-shot
command does with a big plan. The checks' refusal wins over anything the read did, nothing is written to a
file they refuse, and the plan comes back open as :meth:`Plan.open` opens it."""

import os
import shutil
import sqlite3
import subprocess
import sys
import threading

import pytest

from ogsm_desktop.core.errors import PlanFileError
from ogsm_desktop.core.storage import SCHEMA_VERSION, Plan
from ogsm_desktop.core.storage import plan as plan_module
from tests.core.storage.test_damage import tamper
from tests.core.storage.test_schema import _plan_of_schema
from tests.helpers import file_digest, write_xlsx


def _codes(plan):
    return sorted(n.code for n in plan.nodes.tree().nodes.values())


@pytest.mark.parametrize("readonly", [False, True])
def test_the_read_runs_while_the_checks_run_and_the_plan_comes_back_open(demo_path, monkeypatch, readonly):
    """The checks wait until the read has begun: run one after the other, this would not finish."""
    reading = threading.Event()
    checking = plan_module.inspect
    asked = []

    def slow_checks(path, *, writing):
        assert reading.wait(10), "the checks ran before the read, not beside it"
        asked.append(writing)
        return checking(path, writing=writing)

    monkeypatch.setattr(plan_module, "inspect", slow_checks)

    def read(plan):
        reading.set()
        return _codes(plan)

    plan, codes = Plan.open_reading(demo_path, read, readonly=readonly)
    with plan:
        assert len(codes) == 53 and codes == _codes(plan) and asked == [not readonly]
        assert plan.readonly is readonly
        if not readonly:
            with plan.batch("edit", "r"):
                plan.nodes.update(plan.nodes.by_code("C-S1").id, title="新的标题")
    with Plan.open(demo_path, readonly=True) as again:
        assert (again.nodes.by_code("C-S1").title == "新的标题") is not readonly


@pytest.mark.parametrize("read_fails", [False, True])
@pytest.mark.parametrize("readonly", [False, True])
def test_damage_the_checks_find_is_raised_whatever_the_read_did(demo_path, read_fails, readonly):
    tamper(demo_path, "UPDATE actuals SET period = '2026-13' WHERE id = (SELECT MIN(id) FROM actuals)")
    digest = file_digest(demo_path)

    def read(plan):
        if read_fails:
            raise ValueError("what a damaged file gave the read")
        return plan.name

    with pytest.raises(PlanFileError, match="damaged") as refused:
        Plan.open_reading(demo_path, read, readonly=readonly)
    assert str(demo_path) in str(refused.value) and "\n" not in str(refused.value)
    assert file_digest(demo_path) == digest
    Plan.claim(demo_path).release()          # the lock was let go


def test_an_error_of_the_read_itself_reaches_the_caller_when_the_file_is_sound(demo_path):
    def read(plan):
        raise KeyError("the read's own")

    with pytest.raises(KeyError, match="the read's own"):
        Plan.open_reading(demo_path, read)
    Plan.claim(demo_path).release()


@pytest.mark.parametrize("what", ["not a plan", "newer", "missing", "folder"])
def test_what_open_refuses_at_once_is_refused_in_its_words_before_any_read(demo_path, what):
    said = {"not a plan": "not an OGSM plan", "newer": "newer", "missing": "no such file", "folder": "is a folder"}
    if what == "not a plan":
        demo_path.write_bytes(b"name,value\n" * 100)
    elif what == "newer":
        tamper(demo_path, f"UPDATE meta SET value = '{SCHEMA_VERSION + 1}' WHERE key = 'schema_version'")
    elif what == "missing":
        demo_path.unlink()
    else:
        demo_path.unlink()
        demo_path.mkdir()
    read = []
    with pytest.raises(PlanFileError, match=said[what]):
        Plan.open_reading(demo_path, read.append)
    assert read == []


def test_a_plan_open_for_editing_elsewhere_is_refused_before_any_read(demo_path):
    read = []
    with Plan.open(demo_path):
        with pytest.raises(PlanFileError, match="open"):
            Plan.open_reading(demo_path, read.append)
        plan, _ = Plan.open_reading(demo_path, read.append, readonly=True)      # reading it is fine
        plan.close()
    assert len(read) == 1


@pytest.mark.parametrize("readonly", [False, True])
def test_a_plan_of_an_older_format_is_read_up_to_date(tmp_path, monkeypatch, readonly):
    path = _plan_of_schema(tmp_path / "v5.ogsm", 5, monkeypatch)
    digest = file_digest(path)
    plan, read = Plan.open_reading(path, lambda p: (p.schema_version, p.nodes.by_code("C").title), readonly=readonly)
    with plan:
        assert read == (SCHEMA_VERSION, "成为第一入口") and plan.schema_version == SCHEMA_VERSION
        # read-only: from an up-to-date copy in memory, the file untouched; else brought up to date, kept aside
        assert (file_digest(path) == digest) is readonly and (plan.kept_copy is not None) is not readonly


def test_a_damaged_older_plan_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = _plan_of_schema(tmp_path / "v5.ogsm", 5, monkeypatch)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE VIEW everything AS SELECT * FROM nodes")
    conn.close()
    digest = file_digest(path)
    read = []
    with pytest.raises(PlanFileError, match="contains"):
        Plan.open_reading(path, read.append)
    assert read == [] and file_digest(path) == digest
    Plan.claim(path).release()


# ---- found by a cold review of the first version (each failed on it, or shows a mutation it let through)
DAMAGE = "UPDATE actuals SET period = '2026-13' WHERE id = (SELECT MIN(id) FROM actuals)"


def _handles_on(path) -> list[str]:
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{fd}") == str(path):
                found.append(fd)
        except OSError:
            continue
    return found


def test_a_crafted_plan_whose_read_would_never_end_is_refused_at_once(demo_path, tmp_path):
    """Its format number intact, its nodes a view that never ends: `import` read it for ever beside checks that had
    refused it (before, the open refused it in 0.2 s). What the checks find in the tables' make is found before any
    read."""
    workbook = write_xlsx(tmp_path / "n.xlsx", {"Actuals": [["Code", "Period", "Actual"], ["C-S1-M2", "2026-11", 1]]})
    tamper(demo_path, "ALTER TABLE nodes RENAME TO nodes_real",
           "CREATE VIEW nodes AS SELECT n.* FROM nodes_real n, (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL "
           "SELECT x + 1 FROM c) SELECT x FROM c)")
    digest = file_digest(demo_path)
    for dry_run in ([], ["--dry-run"]):
        try:
            done = subprocess.run([sys.executable, "-m", "ogsm_desktop", "--lang", "en", "import", str(demo_path),
                                   str(workbook), *dry_run], capture_output=True, text=True, timeout=30)
        except subprocess.TimeoutExpired:
            pytest.fail("import still reading a crafted plan after 30 s")
        assert done.returncode == 1 and "did not make" in done.stderr, done.stderr
    assert file_digest(demo_path) == digest


def test_the_read_is_stopped_when_the_checks_refuse(demo_path, monkeypatch):
    """Damage only the full checks find (no view, no trigger): the read's statements are interrupted."""
    refused = threading.Event()
    checking = plan_module.inspect

    def checks(path, *, writing):
        try:
            return checking(path, writing=writing)
        finally:
            refused.set()

    monkeypatch.setattr(plan_module, "inspect", checks)
    tamper(demo_path, DAMAGE)

    def read(plan):                    # a read that goes on (some 20 s) unless SQLite stops it
        assert refused.wait(10)
        for _ in range(100):
            plan.conn.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000) "
                              "SELECT count(*) FROM c").fetchone()
        pytest.fail("the read went on after the checks had refused the file")

    with pytest.raises(PlanFileError, match="damaged"):
        Plan.open_reading(demo_path, read)


@pytest.mark.parametrize("readonly", [False, True])
@pytest.mark.parametrize("damaged", [False, True])
def test_a_file_replaced_during_the_read_is_not_opened(demo_path, tmp_path, readonly, damaged):
    """Checked, locked and read as one file, then opened (for writing) as another put in its place: a sync tool
    replacing files by renaming them would do it. Refused (a damaged one may be said to be damaged: the checks
    may have read it), nothing written to it."""
    other = tmp_path / "other.ogsm"
    shutil.copy(demo_path, other)
    tamper(other, DAMAGE if damaged else "UPDATE nodes SET title = 'another plan' WHERE code = 'C'")
    digest = file_digest(other)

    def read(plan):
        os.replace(other, demo_path)

    with pytest.raises(PlanFileError, match="replaced while it was read" + ("|damaged" if damaged else "")):
        Plan.open_reading(demo_path, read, readonly=readonly)
    assert file_digest(demo_path) == digest
    Plan.claim(demo_path).release()


def test_no_handle_outlives_a_refusal_of_the_reading_open(demo_path):
    """A damaged department record (the reading open refuses it; the checks do not look at it): its file handle
    stayed open until the collector ran (a locked file on Windows). Plain Plan.open(readonly) too."""
    tamper(demo_path, "INSERT OR REPLACE INTO meta (key, value) VALUES ('department', 'not json')")
    for open_it in (lambda: Plan.open_reading(demo_path, lambda p: None),
                    lambda: Plan.open(demo_path, readonly=True)):
        with pytest.raises(PlanFileError, match="department"):
            open_it()
        assert _handles_on(demo_path) == []


def test_no_thread_and_no_handle_outlive_a_refusal_of_the_checks(demo_path):
    tamper(demo_path, DAMAGE)
    before = set(threading.enumerate())
    for readonly in (False, True):
        with pytest.raises(PlanFileError):
            Plan.open_reading(demo_path, lambda p: p.name, readonly=readonly)
        assert set(threading.enumerate()) == before and _handles_on(demo_path) == [], readonly


def test_ctrl_c_during_the_read_of_a_damaged_plan_is_still_ctrl_c(demo_path, monkeypatch):
    tamper(demo_path, DAMAGE)
    reading = threading.Event()
    checking = plan_module.inspect

    def checks(path, *, writing):            # (refused once the read has begun: else it is not begun)
        assert reading.wait(10)
        return checking(path, writing=writing)

    monkeypatch.setattr(plan_module, "inspect", checks)

    def read(plan):
        reading.set()
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        Plan.open_reading(demo_path, read)
    Plan.claim(demo_path).release()


@pytest.mark.parametrize("held_elsewhere", [True, False])
def test_a_damaged_plan_that_cannot_be_opened_for_writing_is_said_to_be_damaged(demo_path, monkeypatch,
                                                                                held_elsewhere):
    """As every other command says it (and as open did before): the damage first, not "open elsewhere" or "a place
    that cannot be written", whose advice (open it read-only) then meets the damage."""
    from ogsm_desktop.core.storage import connection

    tamper(demo_path, DAMAGE)
    elsewhere = Plan.claim(demo_path) if held_elsewhere else None
    if not held_elsewhere:
        monkeypatch.setattr(connection, "writable", lambda path: False)
    try:
        with pytest.raises(PlanFileError, match="damaged"):
            Plan.open_reading(demo_path, lambda p: None)
    finally:
        if elsewhere is not None:
            elsewhere.release()


def test_a_lock_given_is_let_go_on_every_refusal(demo_path, tmp_path, monkeypatch):
    # format_of refusing
    lock = Plan.claim(demo_path)
    tamper(demo_path, f"UPDATE meta SET value = '{SCHEMA_VERSION + 1}' WHERE key = 'schema_version'")
    with pytest.raises(PlanFileError, match="newer"):
        Plan.open_reading(demo_path, lambda p: None, lock=lock)
    assert not lock.held
    # the read of an older plan failing
    older = _plan_of_schema(tmp_path / "v5.ogsm", 5, monkeypatch)
    lock = Plan.claim(older)

    def read(plan):
        raise KeyError("the read's own")

    with pytest.raises(KeyError):
        Plan.open_reading(older, read, lock=lock)
    assert not lock.held
    Plan.claim(older).release()


def test_the_checks_thread_not_starting_lets_the_lock_go(demo_path, monkeypatch):
    def no_thread(self):
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", no_thread)
    with pytest.raises(RuntimeError):
        Plan.open_reading(demo_path, lambda p: None)
    monkeypatch.undo()
    Plan.claim(demo_path).release()


# ---- found by a second cold review (each failed on 57e3a5c)
def test_a_file_put_in_the_plans_place_during_the_read_is_not_written_to(demo_path, tmp_path):
    """A plan in WAL mode put in the plan's place: the final open for writing switched its journal mode (a write)
    before the file was found to be another."""
    other = tmp_path / "other.ogsm"
    shutil.copy(demo_path, other)
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    digest = file_digest(other)

    def read(plan):
        os.replace(other, demo_path)

    with pytest.raises(PlanFileError, match="replaced while it was read"):
        Plan.open_reading(demo_path, read)
    assert file_digest(demo_path) == digest


def test_ctrl_c_during_the_read_does_not_wait_for_the_checks(demo_path, monkeypatch):
    import time

    checking = plan_module.inspect
    done = threading.Event()

    def slow(path, *, writing):
        time.sleep(3)
        try:
            return checking(path, writing=writing)
        finally:
            done.set()

    monkeypatch.setattr(plan_module, "inspect", slow)

    def read(plan):
        raise KeyboardInterrupt

    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        Plan.open_reading(demo_path, read)
    assert time.monotonic() - started < 1.5
    assert done.wait(10)                     # (the checks end on their own; the lock was let go at once)
    Plan.claim(demo_path).release()
