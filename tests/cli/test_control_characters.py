"""Control characters (an escape sequence, a bell, a newline in a code) never reach the plan from a
workbook, never break an export, never reach the terminal, and never split a message in two."""

import sqlite3

from ogsm_desktop.cli import main
from ogsm_desktop.core.excel import importer
from ogsm_desktop.core.storage import Plan
from tests.helpers import file_digest, write_xlsx


def tamper(path, sql):
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(sql)
    conn.close()


def test_a_title_with_an_escape_sequence_is_a_problem_of_its_cell(demo_path, tmp_path):
    """`_x001B_[31m` in a title cell is ESC [31m once read (as Excel reads it): it was stored, and every
    export failed from then on."""
    path = write_xlsx(tmp_path / "measures.xlsx", {
        "Measures": [["Code", "Parent", "Title", "Unit", "Target"],
                     ["C-S2-M1", "C-S2", "满意度_x001B_[31m", "分", 92]]})
    digest = file_digest(demo_path)
    with Plan.open(demo_path) as plan:
        preview = importer.analyse(plan, path)
    assert not preview.ok
    assert [(p.row, p.column) for p in preview.problems if "control character" in p.message] == [(2, 2)]
    assert file_digest(demo_path) == digest


def test_a_plan_holding_control_characters_exports_and_prints_them_visibly(demo_path, tmp_path, capsys):
    tamper(demo_path, "UPDATE nodes SET title = 'A' || char(27) || '[31m红' || char(7) WHERE code = 'C-S1'")
    out = tmp_path / "plan.xlsx"
    assert main(["export", str(demo_path), str(out)]) == 0, capsys.readouterr().err
    capsys.readouterr()
    import openpyxl

    titles = [c.value for row in openpyxl.load_workbook(out)["Cascade"].iter_rows() for c in row]
    assert any(isinstance(t, str) and t.strip() == "A␛[31m红␇" for t in titles)
    assert main(["tree", str(demo_path)]) == 0
    printed = capsys.readouterr().out
    assert "\x1b" not in printed and "\x07" not in printed and "A␛[31m红␇" in printed


def test_a_message_naming_a_code_with_a_newline_stays_one_line(demo_path, capsys):
    assert main(["history", str(demo_path), "--code", "C-S1\nC-S2"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "\n" not in err.rstrip("\n")


def test_the_report_prints_no_warnings(demo_path, tmp_path, capfd, qapp):
    tamper(demo_path, "UPDATE nodes SET title = 'A' || char(27) || '红' WHERE code = 'C-S1-M1'")
    assert main(["report", str(demo_path), str(tmp_path / "r.pdf")]) == 0
    captured = capfd.readouterr()
    assert captured.err == "", captured.err
