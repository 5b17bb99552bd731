"""Found by a tester: "12%" typed for a measure not measured in per cent (试驾预约量, counted in 次) was stored as
12 — the per cent sign silently dropped. It is refused, in the window (the Numbers grid, the detail editor),
the command line and the import alike, with a message that says why and how to type it; a measure in % still
takes "12%" as 12, and a cell formatted as a per cent still reads as the per cent it shows."""

import openpyxl
import pytest

from ogsm_desktop.core import i18n, numbers
from ogsm_desktop.core.excel import importer
from ogsm_desktop.core.fields import ValueProblem, parse_amount
from ogsm_desktop.core.storage import Plan
from tests.helpers import values_of


@pytest.fixture
def plan(demo_path):
    with Plan.open(demo_path) as p:
        yield p


def test_a_per_cent_typed_for_a_count_is_refused_and_says_why(plan):
    count = plan.nodes.by_code("C-S1-M2")                 # 试驾预约量, in 次
    with pytest.raises(ValueProblem) as refused:
        numbers.parse_value("actual", "12%", count)
    message = str(refused.value)
    assert "“12%” is a per cent, but C-S1-M2 is measured in 次" in message
    assert "without the per cent sign" in message and "make % the unit of C-S1-M2" in message
    assert numbers.parse_value("actual", "12", count) == 12.0
    assert numbers.parse_value("target", "1,200", count) == 1200.0


def test_a_per_cent_for_a_measure_without_a_unit_is_refused_too():
    with pytest.raises(ValueProblem, match="C-X has no unit"):
        parse_amount("12 %", "", "C-X")
    with pytest.raises(ValueProblem, match="C-X has no unit"):
        parse_amount("１２％", "  ", "C-X")                  # full-width, as a Chinese input method types it


def test_a_measure_in_per_cent_still_takes_the_per_cent_sign(plan):
    in_percent = plan.nodes.by_code("C-S1-M1")            # 线上试驾转化率, in %
    assert numbers.parse_value("actual", "12%", in_percent) == 12.0
    assert numbers.parse_value("actual", "12", in_percent) == 12.0
    assert parse_amount("7.5％", "％", "C-X") == 7.5
    assert parse_amount("", "次", "C-X") is None


def test_the_refusal_is_said_in_chinese_in_a_chinese_window(plan):
    i18n.set_language("zh_CN")
    with pytest.raises(ValueProblem) as refused:
        numbers.parse_value("actual", "12%", plan.nodes.by_code("C-S1-M2"))
    message = str(refused.value)
    assert "C-S1-M2" in message and "次" in message and "百分" in message
    assert "per cent" not in message and "unit" not in message


def _book(path, rows, percent=()):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Actuals"
    for row in rows:
        ws.append(row)
    for ref in percent:
        ws[ref].number_format = "0.0%"
    wb.save(path)
    return path


def test_an_import_refuses_a_per_cent_text_for_a_count_and_names_the_cell(plan, tmp_path):
    before = values_of(plan, "C-S1-M2")
    path = _book(tmp_path / "pct.xlsx", [["Code", "Period", "Actual", "Target"],
                                         ["C-S1-M1", "2026-11", "9.1%", 8],
                                         ["C-S1-M2", "2026-11", "12%", None]])
    preview = importer.analyse(plan, path)
    assert not preview.ok
    (problem,) = preview.problems
    assert (problem.row, problem.column) == (3, 2)
    assert "“12%” is a per cent, but C-S1-M2 is measured in 次" in str(problem)
    assert values_of(plan, "C-S1-M2") == before


def test_an_import_refuses_a_per_cent_cell_for_a_count(plan, tmp_path):
    """50% in a cell formatted as a per cent is 0.5 in the file: for a count, neither 0.5 nor 50 is what was
    meant for certain — refused, as the same text typed is; for a measure in %, 50 as it shows."""
    path = _book(tmp_path / "pct.xlsx", [["Code", "Period", "Actual", "Target"],
                                         ["P2-S1-M1", "2026-11", 0.076, 0.12],
                                         ["C-S1-M2", "2026-11", 0.5, None]], percent=("C2", "D2", "C3"))
    preview = importer.analyse(plan, path)
    assert not preview.ok
    (problem,) = preview.problems
    assert (problem.row, problem.column) == (3, 2)
    assert "the cell shows 50% (it holds 0.5), but C-S1-M2 is measured in 次" in str(problem)
    assert "a number format without %" in str(problem)


def test_a_measures_sheet_refuses_a_per_cent_target_for_a_count(plan, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Measures"
    ws.append(["Code", "Parent", "Title", "Unit", "Target"])
    ws.append(["C-S1-M2", "C-S1", "试驾预约量", "次", "12%"])
    ws.append(["C-S1-M9", "C-S1", "新指标", "%", "12%"])                  # a new measure in %: taken
    wb.save(tmp_path / "defs.xlsx")
    preview = importer.analyse(plan, tmp_path / "defs.xlsx")
    (problem,) = preview.problems
    assert (problem.row, problem.column) == (2, 4)
    assert "“12%” is a per cent, but C-S1-M2 is measured in 次" in str(problem)


@pytest.mark.parametrize("unit", ["百分比", "percent", "Percent", "per cent", "pct", "百分率", " ％ "])
def test_a_unit_that_names_per_cent_in_words_takes_a_per_cent(unit):
    """A measure whose unit says per cent in words (百分比, percent, pct) is measured in per cent: "12%" typed
    for it is the 12 it says (as it was before per cents were checked), and a cell formatted as a per cent
    reads as the per cent it shows — neither refused, nor 0.12."""
    assert parse_amount("12%", unit, "C-X") == 12.0
    assert parse_amount(0.543, unit, "C-X", percent_format=True) == 54.3
    assert parse_amount("12", unit, "C-X") == 12.0


@pytest.mark.parametrize("unit", ["%pts", "百分点", "ppm", "‰", "pp", "元", "% of sales"])
def test_a_unit_that_is_not_per_cent_still_refuses_a_per_cent(unit):
    with pytest.raises(ValueProblem):
        parse_amount("12%", unit, "C-X")
    with pytest.raises(ValueProblem):
        parse_amount(0.12, unit, "C-X", percent_format=True)


def _two_sheets(path, unit, code, actual):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Measures"
    ws.append(["Code", "Parent", "Title", "Unit"])
    ws.append([code, "C-S1", "试驾预约量", unit])
    ws = wb.create_sheet("Actuals")
    ws.append(["Code", "Period", "Actual"])
    ws.append([code, "2026-11", actual])
    wb.save(path)
    return path


def test_an_actuals_sheet_reads_per_cents_in_the_unit_the_same_file_gives(plan, tmp_path):
    """The Measures sheet of a workbook makes 试驾预约量 (in 次) a measure in %, and its Actuals sheet gives
    12%: taken as 12, as the Measures sheet's own numbers are — the unit the import leaves, not the one
    it changes."""
    preview = importer.analyse(plan, _two_sheets(tmp_path / "to_pct.xlsx", "%", "C-S1-M2", "12%"))
    assert preview.ok, [str(p) for p in preview.problems]
    assert [(r[1], r[3]) for r in preview.rows] == [("2026-11", 12.0)]


def test_an_actuals_sheet_refuses_a_per_cent_for_a_measure_the_same_file_takes_out_of_per_cent(plan, tmp_path):
    """线上试驾转化率 (in %) made a count (次) by the Measures sheet: 12% in the Actuals sheet is refused, named at
    its cell, never stored as 12 次; the plan is unchanged."""
    before = plan.path.read_bytes()
    preview = importer.analyse(plan, _two_sheets(tmp_path / "from_pct.xlsx", "次", "C-S1-M1", "12%"))
    assert not preview.ok
    (problem,) = preview.problems
    assert (problem.sheet, problem.row, problem.column) == ("Actuals", 2, 2)
    assert "C-S1-M1 is measured in 次" in str(problem)
    assert plan.path.read_bytes() == before


def test_a_sheet_of_definitions_named_otherwise_is_read_before_the_numbers_too(plan, tmp_path):
    """The user says the sheet 口径 (after the Actuals sheet) holds definitions: the unit it gives is the one
    the Actuals sheet's per cents are read in, whatever the order of the sheets."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Actuals"
    ws.append(["Code", "Period", "Actual"])
    ws.append(["C-S1-M2", "2026-11", "12%"])
    ws = wb.create_sheet("口径")
    ws.append(["Code", "Parent", "Title", "Unit"])
    ws.append(["C-S1-M2", "C-S1", "试驾预约量", "%"])
    wb.save(tmp_path / "later.xlsx")
    preview = importer.analyse(plan, tmp_path / "later.xlsx", kinds={"口径": "definitions", "Actuals": "numbers"})
    assert preview.ok, [str(p) for p in preview.problems]
    assert [(r[1], r[3]) for r in preview.rows] == [("2026-11", 12.0)]


def test_a_sheet_named_measures_that_holds_numbers_is_read_after_the_definitions(plan, tmp_path):
    """A sheet named 指标 the user says holds numbers, before the sheet of definitions: read after it all the
    same, in the unit the definitions give."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "指标"
    ws.append(["Code", "Period", "Actual"])
    ws.append(["C-S1-M2", "2026-11", "12%"])
    ws = wb.create_sheet("口径")
    ws.append(["Code", "Parent", "Title", "Unit"])
    ws.append(["C-S1-M2", "C-S1", "试驾预约量", "%"])
    wb.save(tmp_path / "named.xlsx")
    preview = importer.analyse(plan, tmp_path / "named.xlsx", kinds={"口径": "definitions", "指标": "numbers"})
    assert preview.ok, [str(p) for p in preview.problems]
    assert [(r[1], r[3]) for r in preview.rows] == [("2026-11", 12.0)]


@pytest.mark.parametrize("text", ["%", " ％ ", "-%", "'%"])
def test_a_per_cent_sign_alone_is_no_number_and_clears_nothing(plan, text):
    """'%' alone was read as an empty value: typed in the Numbers grid (or 'numbers --set 2026-01=%') it
    cleared the period's actual of 试驾预约量 (in 次) without a word; in an import it was left for empty."""
    count = plan.nodes.by_code("C-S1-M2")
    with pytest.raises(ValueProblem, match="not a number"):
        numbers.parse_value("actual", text, count)
    with pytest.raises(ValueProblem, match="not a number"):
        parse_amount(text, "%", "C-X")
    assert numbers.parse_value("actual", "", count) is None
    assert numbers.parse_value("actual", "-", count) is numbers.DASH      # none where none is; over a number, refused
