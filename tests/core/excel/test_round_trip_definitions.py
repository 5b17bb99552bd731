"""The definitions of goals and measures exported, edited by someone else the way people edit workbooks, and
imported back, over many random edits: each field then holds exactly what its cell says — a title with spaces
around, an owner's staff number, a target typed as text or as a per cent, a due date in any of the ways
people write one, a direction in Chinese — and an emptied cell keeps the plan's value."""

import datetime as dt
import random

import openpyxl
import pytest

from ogsm_desktop.core.excel import importer
from ogsm_desktop.core.excel.exporter import export
from ogsm_desktop.core.model import QUANTIFIED
from ogsm_desktop.core.storage import Plan

FIELDS = ("title", "description", "owner", "org_unit", "unit", "baseline", "target", "due_date", "direction")


def _definitions(plan: Plan) -> dict[str, dict]:
    return {n.code: {f: getattr(n, f) for f in FIELDS} for n in plan.nodes.tree().nodes.values() if n.kind in QUANTIFIED}


def _day(rng: random.Random) -> tuple[object, str]:
    """A due date as people write it, and the day it is."""
    day = dt.date(2026, rng.randint(1, 12), rng.randint(1, 28))
    shape = rng.randrange(5)
    written = [dt.datetime(day.year, day.month, day.day), f"{day.year}年{day.month}月{day.day}日",
               f"{day.year}/{day.month}/{day.day}", day.isoformat(), (day - dt.date(1899, 12, 30)).days][shape]
    return written, day.isoformat()


@pytest.mark.parametrize("seed", range(6))
def test_edited_definitions_import_back_exactly(demo_path, tmp_path, seed):
    rng = random.Random(seed)
    book_path = tmp_path / "plan.xlsx"
    with Plan.open(demo_path) as plan:
        export(plan, book_path)
        expected, before = _definitions(plan), _definitions(plan)
        wb = openpyxl.load_workbook(book_path)
        ws = wb["Measures"]
        header = [c.value for c in ws[1]]
        col = {name: header.index(name) + 1 for name in header}
        for r in range(2, ws.max_row + 1):
            code = ws.cell(r, col["Code"]).value
            if code not in expected:
                continue
            want = expected[code]
            for _ in range(rng.randint(0, 3)):
                op = rng.randrange(8)
                if op == 0:
                    title = rng.choice(["线上试驾转化率", "Net revenue", "季度复购率（%）"]) + f" {r}"
                    ws.cell(r, col["Title"]).value = f"  {title} "
                    want["title"] = title
                elif op == 1:
                    staff = rng.randint(1000000, 9999999)
                    ws.cell(r, col["Owner"]).value = staff
                    want["owner"] = str(staff)
                elif op == 2:
                    target = round(rng.uniform(1, 90000), 2)
                    cell = ws.cell(r, col["Target"])
                    cell.value, cell.number_format = rng.choice([target, f"{target:,.2f}", f" {target} "]), "General"
                    want["target"] = target
                elif op == 3 and want["unit"] == "%":
                    target = round(rng.uniform(1, 100), 1)
                    cell = ws.cell(r, col["Target"])
                    cell.value, cell.number_format = round(target / 100, 6), "0.0%"
                    want["target"] = target
                elif op == 4:
                    written, day = _day(rng)
                    ws.cell(r, col["Due date"]).value = written
                    want["due_date"] = day
                elif op == 5:
                    word, direction = rng.choice([("越高越好", "higher"), ("越低越好", "lower"), ("lower is better", "lower"),
                                                  ("higher", "higher")])
                    ws.cell(r, col["Direction"]).value = word
                    want["direction"] = direction
                elif op == 6:                                  # emptied: the plan's value stays
                    name, field = rng.choice([("Owner", "owner"), ("Baseline", "baseline"), ("Description", "description")])
                    ws.cell(r, col[name]).value = None
                    want[field] = before[code][field]
                elif op == 7:
                    baseline = float(rng.randint(0, 500))
                    ws.cell(r, col["Baseline"]).value = int(baseline)
                    want["baseline"] = baseline
        wb.save(book_path)
        preview = importer.analyse(plan, book_path)
        assert preview.ok, preview.problems[:5]
        importer.apply(plan, preview, "from the department")
        assert _definitions(plan) == expected
        again = importer.analyse(plan, book_path)          # imported twice: nothing more changes
        assert again.ok and again.changed_measures == [] and again.new_measures == []
