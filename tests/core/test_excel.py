"""Excel in and out: round trips, the forms people write, all-or-nothing refusals that name the cell."""

import datetime as dt
import zipfile

import openpyxl
import pytest

from ogsm_desktop.cli import main
from ogsm_desktop.core.excel import importer, workbook
from ogsm_desktop.core.excel.exporter import export
from ogsm_desktop.core.excel.values import ValueProblem, parse_number, parse_period
from ogsm_desktop.core.excel.workbook import WorkbookError
from ogsm_desktop.core.store import Plan
from tests.conftest import SHARED
from tests.helpers import file_digest

REAL_WORLD = SHARED / "data" / "real-world" / "BalancedScorecard_FINAL.xlsx"


@pytest.fixture
def plan(demo_path):
    with Plan.open(demo_path) as p:
        yield p


def write_xlsx(path, sheets: dict[str, list[list]], merge: dict[str, str] | None = None):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for rng in (merge or {}).get(name, "").split():
            ws.merge_cells(rng)
    wb.save(path)
    return path


def values_of(plan, code):
    return {a.period: (a.actual, a.target, a.comment) for a in plan.actuals(plan.node_by_code(code).id)}


# --------------------------------------------------------------------------- reading values
@pytest.mark.parametrize(("value", "frequency", "expected"), [
    (dt.date(2026, 3, 15), "monthly", "2026-03"), (dt.datetime(2026, 3, 15, 8), "weekly", "2026-W11"),
    (dt.date(2026, 3, 15), "quarterly", "2026-Q1"), (46096, "monthly", "2026-03"), ("2026-03-15", "monthly", "2026-03"),
    ("2026-03", "monthly", "2026-03"), ("2026/3", "monthly", "2026-03"), ("202603", "monthly", "2026-03"),
    ("2026年3月", "monthly", "2026-03"), ("2026-W05", "weekly", "2026-W05"), ("2026w5", "weekly", "2026-W05"),
    ("2026年第5周", "weekly", "2026-W05"), ("2026Q1", "quarterly", "2026-Q1"), ("Q1 2026", "quarterly", "2026-Q1"),
    ("2026年第一季度", "quarterly", "2026-Q1"), ("２０２６年３月", "monthly", "2026-03"), (2026, "monthly", "2026"),
])
def test_periods_in_every_form(value, frequency, expected):
    assert parse_period(value, frequency) == expected


@pytest.mark.parametrize("value", ["March", "2026-13", "1850-01", "2026-W60", True, "", 12.5])
def test_not_periods(value):
    with pytest.raises(ValueProblem):
        parse_period(value)


@pytest.mark.parametrize(("value", "expected"), [
    (12.5, 12.5), ("12.5%", 12.5), ("1,234.5", 1234.5), ("１２３", 123.0), ("−4", -4.0), (" 7 ", 7.0), ("", None),
    (None, None), ("1 000", 1000.0)])
def test_numbers_as_people_type_them(value, expected):
    assert parse_number(value) == expected


@pytest.mark.parametrize("value", ["abc", "12..5", "nan", True])
def test_not_numbers(value):
    with pytest.raises(ValueProblem):
        parse_number(value)


# --------------------------------------------------------------------------- export and round trip
def test_export_is_a_readable_workbook_that_round_trips(plan, tmp_path):
    path = export(plan, tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Cascade", "Measures", "Actuals"]
    cascade, measures, actuals = wb["Cascade"], wb["Measures"], wb["Actuals"]
    assert [c.value for c in cascade[1]][:3] == ["Code", "Kind", "Title"] and cascade["A1"].font.bold
    assert cascade.freeze_panes == "A2" and actuals.freeze_panes == "A2"
    assert cascade["C2"].value == "成为新能源汽车消费的第一入口"
    assert cascade.row_dimensions[3].outlineLevel == 1                       # C-G1 folds under C
    d1_row = next(r for r in range(2, cascade.max_row + 1) if cascade.cell(r, 1).value == "D1-G1")
    assert cascade.row_dimensions[d1_row].outlineLevel == 3                  # C › C-S1 › D1 › D1-G1
    m2 = next(r for r in measures.iter_rows(min_row=2) if r[0].value == "C-S2-M2")
    assert m2[9].value == 200 and m2[9].number_format == "#,##0.###"
    assert m2[10].value == dt.datetime(2026, 12, 31) and m2[10].number_format == "yyyy-mm-dd"
    rows = [[c.value for c in r] for r in actuals.iter_rows(min_row=2)]
    assert ["C-S1-M2", "2026-10", 17600, 20000, None] in rows
    assert len(rows) == plan.count_actuals()
    preview = importer.analyse(plan, path)
    assert preview.ok and not preview.changes_anything
    assert preview.counts()["values unchanged"] == plan.count_actuals()
    assert preview.counts()["measures unchanged"] == sum(n.kind in ("goal", "measure") for n in plan.tree().nodes.values())


def test_long_form_in_chinese_with_a_title_row_and_every_period_form(plan, tmp_path, demo_path):
    path = write_xlsx(tmp_path / "actuals.xlsx", {"十月实际值": [
        ["京东汽车 2026年10–11月 实际值"], [],
        ["指标编码", "月份", "实际值", "目标值", "备注"],
        ["C-S1-M2", "2026年11月", "18,900", "20,000", "回升"],
        ["C-S1-M1", dt.date(2026, 11, 30), "9.1%", 8, ""],
        ["C-G1", (dt.date(2026, 11, 11) - dt.date(1899, 12, 30)).days, "８８，０００", None, "双十一"],
        ["D1-S1-M1", "2026/11", 9500, None, None],
    ]})
    before = plan.last_batch_id()
    preview = importer.analyse(plan, path)
    assert preview.ok, preview.problems
    assert preview.layouts[0].describe().startswith("sheet '十月实际值': actuals-long, header row 3")
    assert preview.counts()["values new"] == 4
    batch = importer.apply(plan, preview, "")
    assert batch > before and plan.batch_info(batch).reason == "import actuals.xlsx"
    assert values_of(plan, "C-S1-M2")["2026-11"] == (18900.0, 20000.0, "回升")
    assert values_of(plan, "C-S1-M1")["2026-11"] == (9.1, 8.0, "")
    assert values_of(plan, "C-G1")["2026-11"] == (88000.0, None, "双十一")
    again = importer.analyse(plan, path)                      # re-importing the same file changes nothing
    assert not again.changes_anything and again.counts()["values unchanged"] == 4


def test_wide_form(plan, tmp_path):
    path = write_xlsx(tmp_path / "wide.xlsx", {"Sheet1": [
        ["Code", "2026-11", "2026-12"],
        ["C-S3-M1", 61, 66],
        ["C-S3-M2", 760, None],
    ]})
    preview = importer.analyse(plan, path)
    assert preview.ok and preview.layouts[0].kind == "actuals-wide"
    importer.apply(plan, preview)
    assert values_of(plan, "C-S3-M1")["2026-12"] == (66.0, None, "")
    assert "2026-12" not in values_of(plan, "C-S3-M2")


def test_measures_sheet_creates_and_updates(plan, tmp_path):
    path = write_xlsx(tmp_path / "measures.xlsx", {
        "Measures": [["Code", "Parent", "Title", "Unit", "Target", "Due date", "Direction"],
                     ["C-S2-M4", "C-S2", "换电平均等待时间", "分钟", 5, "2026-12-31", "lower"],
                     ["C-S2-M1", "C-S2", "换电服务满意度", "分", 92, dt.date(2026, 12, 31), "higher"]],
        "Actuals": [["Code", "Period", "Actual"], ["C-S2-M4", "2026-10", 6.5]],
    })
    preview = importer.analyse(plan, path)
    assert preview.ok, preview.problems
    assert [m["code"] for m in preview.new_measures] == ["C-S2-M4"]
    assert preview.changed_measures[0][1] == {"target": 92.0, "due_date": "2026-12-31"}
    importer.apply(plan, preview, "年终指标更新")
    new = plan.node_by_code("C-S2-M4")
    assert (new.kind, new.direction, new.unit, new.target) == ("measure", "lower", "分钟", 5.0)
    assert plan.node(new.parent_id).code == "C-S2"
    assert values_of(plan, "C-S2-M4") == {"2026-10": (6.5, None, "")}
    assert plan.node_by_code("C-S2-M1").target == 92.0
    assert not importer.analyse(plan, path).changes_anything
    # the import is one batch: one undo takes all of it back
    plan.revert_batch(plan.last_batch, "undo import")
    assert plan.node_by_code("C-S2-M1").target == 90.0
    with pytest.raises(Exception, match="no node with code"):
        plan.node_by_code("C-S2-M4")


# --------------------------------------------------------------------------- problems: named, nothing written
def test_every_problem_is_named_and_nothing_is_written(demo_path, tmp_path):
    path = write_xlsx(tmp_path / "bad.xlsx", {"Actuals": [
        ["Code", "Period", "Actual", "Target"],
        ["C-S1-M2", "2026-11", 18000, 20000],
        ["NOPE-1", "2026-11", 1, None],
        ["C-S1-M1", "2026-11", "lots", None],
        ["C-S1-M2", "2026-11", 18500, 20000],
        ["C-S1", "2026-11", 3, None],
        ["C-G1", "1850-01", 3, None],
        ["C-G2", "someday", 3, None],
    ]})
    digest = file_digest(demo_path)
    with Plan.open(demo_path, readonly=True) as plan:
        preview = importer.analyse(plan, path)
    found = [(p.sheet, p.row, p.column, p.message.split(":")[0]) for p in preview.problems]
    assert found == [
        ("Actuals", 3, 0, "unknown code 'NOPE-1'"),
        ("Actuals", 4, 2, "not a number"),
        ("Actuals", 5, 0, "C-S1-M2 2026-11 appears again with other values (first in sheet 'Actuals', row 2)"),
        ("Actuals", 6, 0, "C-S1 is a strategy; only goals and measures take actual values"),
        ("Actuals", 7, 1, "date out of range"),
        ("Actuals", 8, 1, "not a period"),
    ]
    assert str(preview.problems[1]) == "sheet 'Actuals', row 4, column C: not a number: 'lots'"
    assert file_digest(demo_path) == digest


def test_cli_import_refuses_with_exit_1_and_writes_nothing(demo_path, tmp_path, capsys):
    path = write_xlsx(tmp_path / "bad.xlsx", {"Actuals": [["Code", "Period", "Actual"], ["NOPE", "2026-11", 1]]})
    digest = file_digest(demo_path)
    assert main(["import", str(demo_path), str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}, sheet 'Actuals', row 2, column A: unknown code 'NOPE'" in err
    assert file_digest(demo_path) == digest


def test_cli_dry_run_then_import(demo_path, tmp_path, capsys):
    path = write_xlsx(tmp_path / "ok.xlsx", {"Actuals": [["Code", "Period", "Actual"], ["C-S1-M2", "2026-11", 18800]]})
    digest = file_digest(demo_path)
    assert main(["import", str(demo_path), str(path), "--dry-run"]) == 0
    assert "1 new, 0 changed, 0 unchanged actual value(s)" in capsys.readouterr().out
    assert file_digest(demo_path) == digest
    assert main(["import", str(demo_path), str(path), "--reason", "11月数据"]) == 0
    assert "11月数据 (ok.xlsx)" in capsys.readouterr().out
    assert main(["import", str(demo_path), str(path)]) == 0
    assert "nothing changed" in capsys.readouterr().out


def test_cli_export(demo_path, tmp_path, capsys):
    out = tmp_path / "out.xlsx"
    assert main(["export", str(demo_path), str(out)]) == 0
    assert openpyxl.load_workbook(out, read_only=True).sheetnames == ["Cascade", "Measures", "Actuals"]


# --------------------------------------------------------------------------- bad files
def _bad_file_cases(tmp_path):
    text = tmp_path / "notes.xlsx"
    text.write_text("not a workbook", encoding="utf-8")
    ole = tmp_path / "locked.xlsx"
    ole.write_bytes(workbook.OLE_MAGIC + b"\x00" * 1024)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (60 * 1024**2) + b"/>")
    return [(text, "not an Excel workbook"), (ole, "password-protected (encrypted) workbook, or an old .xls"),
            (broken, "damaged workbook"), (bomb, "a zip bomb?")]


def test_bad_files_are_refused_with_a_clear_message(plan, tmp_path):
    for path, message in _bad_file_cases(tmp_path):
        with pytest.raises(WorkbookError, match=message.replace("(", r"\(").replace(")", r"\)").replace("?", r"\?")):
            importer.analyse(plan, path)


def test_formulas_without_saved_values_are_refused(plan, tmp_path):
    path = write_xlsx(tmp_path / "formulas.xlsx", {"Actuals": [
        ["Code", "Period", "Actual"], ["C-S1-M2", "2026-11", "=1+1"], ["C-S1-M1", "2026-11", "=B3*2"]]})
    with pytest.raises(WorkbookError, match=r"sheet 'Actuals': formulas without saved values in C2, C3"):
        importer.analyse(plan, path)


def test_merged_header_cells_are_named(plan, tmp_path):
    path = write_xlsx(tmp_path / "merged.xlsx", {"Actuals": [
        ["Code", "Period", "Actual", ""], ["C-S1-M2", "2026-11", 1, None]]}, merge={"Actuals": "C1:D1"})
    preview = importer.analyse(plan, path)
    assert [str(p) for p in preview.problems] == [
        "sheet 'Actuals', row 1, column C: merged cells C1:D1 in the header row; unmerge them so that every "
        "column has its own header"]


def test_a_sheet_over_the_row_limit_is_refused(plan, tmp_path, monkeypatch):
    monkeypatch.setattr(workbook, "MAX_ROWS", 100)
    path = write_xlsx(tmp_path / "big.xlsx", {"Actuals": [["Code", "Period", "Actual"]] +
                                              [["C-S1-M2", f"2020-{m:02d}", 1] for m in range(1, 13)] * 10})
    with pytest.raises(WorkbookError, match=r"sheet 'Actuals': 121 rows, more than the 100 one import takes"):
        importer.analyse(plan, path)


# --------------------------------------------------------------------------- a workbook written by someone else
def test_real_world_scorecard_is_refused_without_a_mapping(plan):
    preview = importer.analyse(plan, REAL_WORLD)
    assert not preview.ok
    message = preview.problems[0].message
    assert "no sheet of measures or actuals was recognised" in message
    assert "sheet 'Operations': no column of plan codes (found 'Table', 'State', 'Total' and 12 period column(s))" in message


def test_real_world_scorecard_imports_through_a_mapping(demo_path, tmp_path, capsys):
    mapping = tmp_path / "map.csv"
    mapping.write_text("key,code,field\nNo of Calls Act | AZ,C-S1-M2,actual\nNo of Calls Plan | AZ,C-S1-M2,target\n",
                       encoding="utf-8")
    args = ["import", str(demo_path), str(REAL_WORLD), "--sheet", "Operations", "--key", "A,B", "--map", str(mapping)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "recognised sheet 'Operations': mapped, header row 1; key1=A, key2=B; 12 period column(s) C–N" in out
    assert "12 new, 0 changed" in out
    with Plan.open(demo_path, readonly=True) as plan:
        values = values_of(plan, "C-S1-M2")
    wb = openpyxl.load_workbook(REAL_WORLD, read_only=True, data_only=True)
    rows = {(r[0], r[1]): r[2:14] for r in wb["Operations"].iter_rows(min_row=2, values_only=True) if r[0]}
    expected_actual, expected_plan = rows[("No of Calls Act", "AZ")], rows[("No of Calls Plan", "AZ")]
    assert [values[f"2022-{m:02d}"][:2] for m in range(1, 13)] == [
        (float(a), float(t)) for a, t in zip(expected_actual, expected_plan, strict=True)]


def test_a_sheet_declaring_ten_million_rows_is_refused_before_it_is_read(plan, tmp_path):
    path = tmp_path / "huge.xlsx"
    write_xlsx(path, {"Actuals": [["Code", "Period", "Actual"], ["C-S1-M2", "2026-11", 1]]})
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n) for n in z.namelist()}
    sheet = next(n for n in members if n.startswith("xl/worksheets/"))
    members[sheet] = members[sheet].replace(b'<dimension ref="A1:C2" />', b'<dimension ref="A1:C10000000" />')
    assert b"A1:C10000000" in members[sheet]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    with pytest.raises(WorkbookError, match=r"sheet 'Actuals': 10,000,000 rows, more than the 3,000,000 one import takes"):
        importer.analyse(plan, path)
