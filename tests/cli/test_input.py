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
    assert f"not a date: {today!r}" in err and "Traceback" not in err


def test_a_date_in_other_forms_is_read(demo_path, capsys):
    assert main(["alerts", str(demo_path), "--today", "2026/11/22"]) == 0
    assert "alert(s)" in capsys.readouterr().out


@pytest.mark.parametrize("args", [["snapshot", "{plan}", "--name", "v\udcff", "--reason", "r"],
                                  ["snapshot", "{plan}", "--name", "v", "--reason", "坏\udce4\udcb8"],
                                  ["restore", "{plan}", "2026年度计划", "--reason", "\udcff"]])
def test_names_and_reasons_that_are_not_text_are_refused(demo_path, capsys, args):
    """A terminal in another encoding hands over bytes that are not UTF-8 (Python keeps them as surrogates)."""
    digest = file_digest(demo_path)
    with pytest.raises(SystemExit) as exc:
        main([a.format(plan=demo_path) for a in args])
    assert exc.value.code == 2
    assert "not valid text" in capsys.readouterr().err
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
