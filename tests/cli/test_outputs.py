"""No command writes onto a plan, onto anything that is not a regular file, or half a file: outputs are
written beside the target and moved into place when complete; a refusal is one line and changes nothing."""

import os
import subprocess
import sys

import pytest

from ogsm_desktop.cli import main
from ogsm_desktop.core.storage import Plan
from tests.helpers import file_digest


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("command", ["export", "report"])
def test_an_output_onto_the_plan_itself_is_refused(capsys, demo_path, command, qapp):
    digest = file_digest(demo_path)
    code, _, err = run(capsys, command, demo_path, demo_path)
    assert code == 1 and "is the plan this writes from" in err and err.count("\n") == 1
    assert file_digest(demo_path) == digest
    with Plan.open(demo_path, readonly=True) as plan:
        assert len(plan.versions.all()) == 2


@pytest.mark.parametrize("command", ["export", "report"])
def test_an_output_onto_another_plan_is_refused(capsys, demo_path, tmp_path, command, qapp):
    other = tmp_path / "other.ogsm"
    other.write_bytes(demo_path.read_bytes())
    digest = file_digest(other)
    code, _, err = run(capsys, command, demo_path, other)
    assert code == 1 and f"{other}: is a plan file" in err and err.count("\n") == 1
    assert file_digest(other) == digest


def test_an_output_onto_a_device_or_a_folder_is_refused(capsys, demo_path, tmp_path):
    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)
    for target, message in ((fifo, "is not a regular file"), (tmp_path, "is a folder")):
        code, _, err = run(capsys, "export", demo_path, target)
        assert code == 1 and message in err and err.count("\n") == 1
    assert fifo.exists() and not fifo.is_file()


def test_an_output_into_a_missing_folder_is_one_line(demo_path, tmp_path):
    """The right message came out, then "Exception ignored" tracebacks from the workbook left open."""
    out = tmp_path / "no such folder" / "plan.xlsx"
    done = subprocess.run([sys.executable, "-m", "ogsm_desktop", "export", str(demo_path), str(out)],
                          capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "the folder does not exist" in done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr


def test_a_failed_export_leaves_the_old_file_and_no_temporary_file(capsys, demo_path, tmp_path, monkeypatch):
    from ogsm_desktop.core.excel import exporter

    out = tmp_path / "plan.xlsx"
    out.write_bytes(b"last month's export")

    def broken(packed, properties, out):           # the disk fills while the workbook is written out
        out.write(packed.getvalue()[:1000])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(exporter, "with_custom_properties", broken)
    code, _, err = run(capsys, "export", demo_path, out)
    assert code == 1 and "the disk is full" in err
    assert out.read_bytes() == b"last month's export"
    assert not [p.name for p in tmp_path.iterdir() if "writing" in p.name]        # no temporary file left


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal"])
def test_an_output_onto_a_file_sqlite_keeps_beside_a_plan_is_refused(capsys, demo_path, suffix):
    """`export p.ogsm p.ogsm-wal` wrote a workbook where SQLite keeps the plan's last changes."""
    target = demo_path.with_name(demo_path.name + suffix)
    code, _, err = run(capsys, "export", demo_path, target)
    assert code == 1 and "beside the plan" in err and err.count("\n") == 1
    assert not target.exists()


def test_an_output_onto_the_lock_file_of_a_plan_is_refused(capsys, demo_path):
    target = demo_path.with_name(f".{demo_path.name}.lock")
    code, _, err = run(capsys, "export", demo_path, target)
    assert code == 1 and "beside the plan" in err


def test_an_output_onto_a_damaged_plan_is_refused(capsys, demo_path, tmp_path):
    """A plan whose first bytes were lost is still a plan file: it was replaced by a workbook."""
    damaged = tmp_path / "damaged.ogsm"
    damaged.write_bytes(b"\0" * 100 + demo_path.read_bytes()[100:])
    digest = file_digest(damaged)
    code, _, err = run(capsys, "export", demo_path, damaged)
    assert code == 1 and "plan file" in err and err.count("\n") == 1
    assert file_digest(damaged) == digest


def test_a_refused_export_is_one_line_with_nothing_after_it(demo_path, tmp_path):
    """A comment longer than a cell holds is refused while the values are read: the plan's read was left
    open in the refusal's traceback and ended after the plan closed ("Exception ignored … Cannot operate on
    a closed database"), found by a cold review."""
    from ogsm_desktop.core.storage import Plan

    with Plan.open(demo_path) as plan, plan.batch():
        plan.actuals.write([(plan.nodes.by_code("C-S1-M2").id, "2026-01", 1.0, 2.0, "长" * 40_000)])
    out = tmp_path / "out.xlsx"
    done = subprocess.run([sys.executable, "-m", "ogsm_desktop", "export", str(demo_path), str(out)],
                          capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 1 and "C-S1-M2: a text of 40,000 characters" in done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert not out.exists()
