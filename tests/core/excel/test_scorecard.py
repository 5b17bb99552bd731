"""A workbook written by someone else (a balanced scorecard made in Excel): refused without a mapping,
imported through one. Runs on the generated workbook of the same shape, and on the real file when
``../shared/data`` is there."""

import openpyxl

from ogsm_desktop.cli import main
from ogsm_desktop.core.excel import importer
from ogsm_desktop.core.storage import Plan
from tests.helpers import values_of


def test_a_scorecard_is_refused_without_a_mapping(plan, scorecard):
    preview = importer.analyse(plan, scorecard)
    assert not preview.ok
    message = preview.problems[0].message
    assert "no sheet of measures or actuals was recognised" in message
    assert "sheet “Operations”: no column of plan codes (found “Table”, “State”, “Total” and 12 period column(s))" in message


def test_a_scorecard_imports_through_a_mapping(demo_path, tmp_path, capsys, scorecard):
    mapping = tmp_path / "map.csv"
    mapping.write_text("key,code,field\nNo of Calls Act | AZ,C-S1-M2,actual\nNo of Calls Plan | AZ,C-S1-M2,target\n",
                       encoding="utf-8")
    args = ["import", str(demo_path), str(scorecard), "--sheet", "Operations", "--key", "A,B", "--map", str(mapping)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert ("recognised sheet “Operations”: numbers per period, read through your mapping; header on row 1: "
            "Table (column A) → key column 1, State (column B) → key column 2; 12 period column(s) C–N; not used: Total (column O)") in out
    assert "12 new, 0 changed" in out
    with Plan.open(demo_path, readonly=True) as plan:
        values = values_of(plan, "C-S1-M2")
    wb = openpyxl.load_workbook(scorecard, read_only=True, data_only=True)
    rows = {(r[0], r[1]): r[2:14] for r in wb["Operations"].iter_rows(min_row=2, values_only=True) if r[0]}
    expected_actual, expected_plan = rows[("No of Calls Act", "AZ")], rows[("No of Calls Plan", "AZ")]
    assert [values[f"2022-{m:02d}"][:2] for m in range(1, 13)] == [
        (float(a), float(t)) for a, t in zip(expected_actual, expected_plan, strict=True)]
