"""What people type on the command line: every mistake is exit 1 or 2 with one line, never a traceback."""

import pytest

from ogsm_desktop.cli import main
from tests.helpers import file_digest, write_xlsx


@pytest.mark.parametrize("today", ["garbage", "2026-02-30", "9999-12-31", "0001-01-01", ""])
def test_a_date_that_is_not_one_is_a_usage_error(demo_path, capsys, today):
    with pytest.raises(SystemExit) as exc:
        main(["alerts", str(demo_path), "--today", today])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert f"not a date: “{today}”" in err and "Traceback" not in err


def test_a_date_in_other_forms_is_read(demo_path, capsys):
    assert main(["alerts", str(demo_path), "--today", "2026/11/22"]) == 0
    assert "alert(s)" in capsys.readouterr().out


@pytest.mark.parametrize("args", [["snapshot", "{plan}", "--name", "v\udcff", "--reason", "r"],
                                  ["snapshot", "{plan}", "--name", "v", "--reason", "坏\udce4\udcb8"],
                                  ["restore", "{plan}", "2026年度计划", "--reason", "\udcff"],
                                  ["snapshot", "{plan}", "--name", "v", "--reason", "\x1b[31m红"]])
def test_names_and_reasons_that_are_not_text_are_refused(demo_path, capsys, args):
    """A terminal in another encoding hands over bytes that are not UTF-8 (Python keeps them as surrogates)."""
    digest = file_digest(demo_path)
    with pytest.raises(SystemExit) as exc:
        main([a.format(plan=demo_path) for a in args])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "not valid text" in err or "control character" in err
    assert file_digest(demo_path) == digest


def test_a_mapping_file_that_is_not_utf8_is_one_line(demo_path, tmp_path, capsys, scorecard):
    mapping = tmp_path / "map.csv"
    mapping.write_bytes("key,code\n电话 | AZ,C-S1-M2\n".encode("gbk"))
    digest = file_digest(demo_path)
    code = main(["import", str(demo_path), str(scorecard), "--sheet", "Operations", "--key", "A,B", "--map", str(mapping)])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "is not UTF-8" in err
    assert file_digest(demo_path) == digest


def test_an_import_of_a_file_that_is_not_there_is_one_line(demo_path, tmp_path, capsys):
    assert main(["import", str(demo_path), str(tmp_path / "nope.xlsx")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such file" in err


def test_a_workbook_name_too_long_is_one_line(demo_path, tmp_path, capsys):
    write_xlsx(tmp_path / "ok.xlsx", {"Actuals": [["Code", "Period", "Actual"]]})
    assert main(["import", str(demo_path), str(tmp_path / ("长" * 300 + ".xlsx"))]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "too long" in err


@pytest.mark.parametrize("which", ["workbook", "mapping"])
def test_an_input_that_is_a_pipe_is_refused_at_once(demo_path, tmp_path, which):
    """`import p.ogsm w.xlsx` with w.xlsx a FIFO (or the --map file one) waited forever, --dry-run too."""
    import os
    import subprocess
    import sys

    fifo = tmp_path / ("w.xlsx" if which == "workbook" else "map.csv")
    os.mkfifo(fifo)
    book = fifo if which == "workbook" else write_xlsx(tmp_path / "ok.xlsx", {"Ops": [["Key", "Jan"], ["a", 1]]})
    args = ["import", str(demo_path), str(book), "--dry-run"]
    if which == "mapping":
        args += ["--sheet", "Ops", "--key", "A", "--map", str(fifo)]
    done = subprocess.run([sys.executable, "-m", "ogsm_desktop", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=60)
    assert done.returncode == 1 and done.stderr.count("\n") == 1
    assert "not a regular file" in done.stderr


def test_ctrl_c_is_one_line(demo_path, tmp_path):
    """Ctrl-C printed a 44-line traceback ending in KeyboardInterrupt, in every command."""
    import os
    import signal
    import subprocess
    import sys
    import time

    for delay in (1.0, 0.3, 2.0, 0.1):               # a delay at which the report is still being made
        out = tmp_path / f"r{delay}.pdf"
        proc = subprocess.Popen([sys.executable, "-m", "ogsm_desktop", "report", str(demo_path), str(out)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        err = proc.communicate(timeout=60)[1].decode()
        if proc.returncode != 0:
            break
    assert proc.returncode == 130 and err.count("\n") == 1 and "interrupted" in err, err
    assert not out.exists()


def test_output_that_cannot_be_written_is_not_blamed_on_the_plan(demo_path):
    """stdout on a full device said "<plan>: the disk is full", as if the plan could not be written."""
    import subprocess
    import sys

    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "ogsm_desktop", "tree", str(demo_path)], stdout=full,
                              stderr=subprocess.PIPE, text=True, encoding="utf-8")
    assert done.returncode == 1 and done.stderr.count("\n") == 1
    assert "the output cannot be written" in done.stderr and str(demo_path) not in done.stderr
