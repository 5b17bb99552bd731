"""Review (r4): a per-cent cell holding text ("54.3%" typed as text — Excel's '54.3% — or pasted as text)
is read as 54.3 by parse_number and then scaled again by percent_shown: 5430 is imported, silently."""
import openpyxl
import pytest

from ogsm_desktop.core.excel import importer
from ogsm_desktop.core.excel.exporter import export
from ogsm_desktop.core.storage import Plan


def test_a_per_cent_typed_as_text_in_a_per_cent_cell_is_read_as_shown(demo_path, tmp_path):
    book = tmp_path / "plan.xlsx"
    with Plan.open(demo_path) as plan:
        export(plan, book)
        in_percent = {n.code for n in plan.nodes.tree().nodes.values() if n.unit == "%"}
        assert in_percent
        wb = openpyxl.load_workbook(book)
        ws = wb["Actuals"]
        row = next(r for r in ws.iter_rows(min_row=2) if r[0].value in in_percent)
        code, period = row[0].value, row[1].value
        row[2].value = "54.3%"                        # text, as '54.3% keeps it
        row[2].number_format = "0.0%"
        wb.save(book)
        preview = importer.analyse(plan, book)
        assert preview.ok, preview.problems[:3]
        importer.apply(plan, preview, "r4")
        (actual,) = plan.conn.execute(
            "SELECT a.actual FROM actuals a JOIN nodes n ON n.id = a.node_id WHERE n.code = ? AND a.period = ? "
            "AND a.ended_batch IS NULL", (code, period)).fetchone()
        assert actual == 54.3


def test_a_weight_in_a_cell_formatted_as_a_per_cent_is_the_per_cent_it_shows(demo_path, tmp_path):
    """Found by a tester: of two sibling measures' weights, "25%" typed as text was stored as 25 and a cell
    formatted as a per cent showing 75% as 0.75 — counting a thirty-third of what it shows. A weight is read as
    the cell shows it, as a target is."""
    from openpyxl import Workbook

    from ogsm_desktop.core.excel import importer
    from ogsm_desktop.core.storage import Plan

    wb = Workbook()
    ws = wb.active
    ws.title = "Measures"
    ws.append(["Code", "Parent", "Title", "Weight"])
    ws.append(["C-S1-M1", "C-S1", "线上试驾转化率", "25%"])
    ws.append(["C-S1-M2", "C-S1", "试驾预约量", 0.75])
    ws["D3"].number_format = "0%"
    wb.save(tmp_path / "weights.xlsx")
    with Plan.open(demo_path) as plan:
        preview = importer.analyse(plan, tmp_path / "weights.xlsx")
        assert preview.ok, [str(p) for p in preview.problems]
        importer.apply(plan, preview)
        assert [plan.nodes.by_code(c).weight for c in ("C-S1-M1", "C-S1-M2")] == [25.0, 75.0]


@pytest.mark.parametrize("percent_format", [(10, None), (164, '0.0"%"'), (165, "0.0%")],
                         ids=["built-in 0.00%", "a quoted % (no per cent)", "a custom 0.0%"])
def test_an_xlsb_cell_formatted_as_a_per_cent_is_read_as_it_shows(demo_path, tmp_path, percent_format):
    """Found by a tester: the per-cent formats of an .xlsb were not looked up — 0.123 shown as 12.30% was stored
    as 0.123 for a measure in %, and taken for any other measure, where the .xlsx twin stores 12.3 (or is
    refused). The binary styles are read as the XML ones are."""
    from ogsm_desktop.core.excel import importer
    from ogsm_desktop.core.storage import Plan
    from tests.fixtures.xlsb import write_xlsb

    path = write_xlsb(tmp_path / "pct.xlsb", {"Actuals": [["Code", "Period", "Actual"], ["C-S1-M1", "2026-11", 0.123],
                                                          ["C-S1-M2", "2026-11", 0.5]]},
                      percent={"Actuals": {(1, 2), (2, 2)}}, percent_format=percent_format)
    with Plan.open(demo_path) as plan:
        assert plan.nodes.by_code("C-S1-M1").unit == "%" and plan.nodes.by_code("C-S1-M2").unit != "%"
        preview = importer.analyse(plan, path)
        if percent_format[1] == '0.0"%"':              # the % in quotes is text: the cell shows 0.1% (no per cent)
            assert preview.ok, [str(p) for p in preview.problems]
            return
        assert [(p.row, p.column) for p in preview.problems] == [(3, 2)]      # 50% for a measure not in %
        alone = write_xlsb(tmp_path / "alone.xlsb", {"Actuals": [["Code", "Period", "Actual"],
                                                                 ["C-S1-M1", "2026-11", 0.123]]},
                           percent={"Actuals": {(1, 2)}}, percent_format=percent_format)
        preview = importer.analyse(plan, alone)
        assert preview.ok and [r[3] for r in preview.rows] == [12.3], [str(p) for p in preview.problems]
