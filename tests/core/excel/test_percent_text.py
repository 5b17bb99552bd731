"""Review (r4): a per-cent cell holding text ("54.3%" typed as text — Excel's '54.3% — or pasted as text)
is read as 54.3 by parse_number and then scaled again by percent_shown: 5430 is imported, silently."""
import openpyxl

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
