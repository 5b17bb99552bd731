"""A workbook exported, edited by someone else the way people edit workbooks, and imported back, over many
random edits: the plan then holds exactly what the workbook says — a number typed, a number typed as text
with a thousands separator, a per-cent cell of a measure in %, a new row, a comment — and keeps what it leaves out (an emptied cell, a deleted
row), and the values the plan changed since the export that the workbook left as they were."""

import random

import openpyxl
import pytest

from ogsm_desktop.core.excel import importer
from ogsm_desktop.core.excel.exporter import export
from ogsm_desktop.core.model import QUANTIFIED
from ogsm_desktop.core.storage import Plan

MONTHS = [f"2026-{m:02d}" for m in range(1, 13)]


def _numbers(plan: Plan) -> dict[tuple[str, str], tuple]:
    """Every current value by (code, period): (actual, target, comment)."""
    return {(code, period): (a, t, c) for code, period, a, t, c in plan.conn.execute(
        "SELECT n.code, a.period, a.actual, a.target, a.comment FROM actuals a JOIN nodes n ON n.id = a.node_id "
        "WHERE a.ended_batch IS NULL")}


def _typed(rng: random.Random, value: float):
    """A number as a person types it: a number, or text with a thousands separator or spaces around."""
    shape = rng.random()
    if shape < 0.6:
        return value
    if shape < 0.8:
        return f"{value:,.2f}"
    return f"  {value} "


@pytest.mark.parametrize("seed", range(6))
def test_an_edited_workbook_imports_back_exactly(demo_path, tmp_path, seed):
    rng = random.Random(seed)
    book_path = tmp_path / "plan.xlsx"
    with Plan.open(demo_path) as plan:
        export(plan, book_path)
        measures = sorted(n.code for n in plan.nodes.tree().nodes.values()
                          if n.kind in QUANTIFIED and n.frequency == "monthly")
        in_percent = {n.code for n in plan.nodes.tree().nodes.values() if n.unit == "%"}
        before = _numbers(plan)
        wb = openpyxl.load_workbook(book_path)
        ws = wb["Actuals"]
        rows = [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]
        expected = dict(before)
        edited: set[tuple[str, str]] = set()
        percent_cells: set[tuple[int, int]] = set()            # (row, column) written as 12.5% shows
        for i, row in enumerate(rows):
            key = (row[0], row[1])
            now = expected[key]
            op = rng.random()
            if row[0] in in_percent and op < 0.3:              # 12.5% typed in a cell formatted as per cent
                value = round(rng.uniform(0, 100), 1)
                row[2] = round(value / 100, 6)                 # what Excel keeps of 54.3%: 0.543
                percent_cells.add((i, 2))
                expected[key] = (value, now[1], now[2])
            elif op < 0.25:                                    # a new actual
                value = round(rng.uniform(0, 50000), 2)
                row[2] = _typed(rng, value)
                expected[key] = (value, now[1], now[2])
            elif op < 0.35:                                    # a new target
                value = float(rng.randint(1, 90000))
                row[3] = _typed(rng, value)
                expected[key] = (now[0], value, now[2])
            elif op < 0.42:                                    # an emptied cell: the plan's value stays
                row[rng.choice((2, 3))] = None
            elif op < 0.48:                                    # a comment
                row[4] = rng.choice(["checked with finance", "财务已核对", "见附件 p.3"])
                expected[key] = (now[0], now[1], row[4])
            elif op < 0.55:                                    # a deleted row: the plan's values stay
                rows[i] = None
            else:
                continue
            edited.add(key)
        for _ in range(rng.randint(1, 6)):                     # new rows: a month the plan has no value for
            code, month = rng.choice(measures), rng.choice(MONTHS)
            if (code, month) in expected:
                continue
            value = round(rng.uniform(0, 100), 1)
            rows.append([code, month, _typed(rng, value), None, None])
            expected[(code, month)] = (value, None, "")
            edited.add((code, month))
        # the plan changes meanwhile, on values the workbook leaves as they were: the plan's values stay
        untouched = sorted(k for k in before if k not in edited)
        codes = {n.code: n.id for n in plan.nodes.tree().nodes.values()}
        later = []
        for code, period in rng.sample(untouched, min(5, len(untouched))):
            value = round(rng.uniform(0, 10), 3)
            later.append((codes[code], period, value, expected[(code, period)][1], expected[(code, period)][2]))
            expected[(code, period)] = (value, *expected[(code, period)][1:])
        plan.actuals.write(later)
        ws.delete_rows(2, ws.max_row)
        for i, row in enumerate(rows):
            if row is not None:
                ws.append(row)
                for _i, column in (c for c in percent_cells if c[0] == i):
                    ws.cell(ws.max_row, column + 1).number_format = "0.0%"
        wb.save(book_path)

        preview = importer.analyse(plan, book_path)
        assert preview.ok, preview.problems[:5]
        assert preview.conflicts == []
        importer.apply(plan, preview, "from finance")
        assert _numbers(plan) == expected
        again = importer.analyse(plan, book_path)          # imported twice: nothing more changes
        assert again.ok and again.diff.counts["new"] == 0 and again.diff.counts["changed"] == 0
