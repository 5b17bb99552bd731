"""Opening a plan with a read run while its file is checked (``Plan.open_reading``): what a one-shot
command does with a big plan. The checks' refusal wins over anything the read did, nothing is written to a
file they refuse, and the plan comes back open as :meth:`Plan.open` opens it."""

import sqlite3
import threading

import pytest

from ogsm_desktop.core.errors import PlanFileError
from ogsm_desktop.core.storage import SCHEMA_VERSION, Plan
from ogsm_desktop.core.storage import plan as plan_module
from tests.core.storage.test_damage import tamper
from tests.core.storage.test_schema import _plan_of_schema
from tests.helpers import file_digest


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
