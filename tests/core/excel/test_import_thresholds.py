"""The import's warnings about thresholds (excel/thresholds.py): its short way for the usual case — a plan's measure
whose periods have no targets yet, judged against its periods' targets as they are — says what the general way
says, on random plans and workbooks (some measures with targets already, some judged on quarters' sums, some
rows giving no target)."""

import random

import pytest

from ogsm_desktop.core import lint
from ogsm_desktop.core.excel import importer, thresholds
from ogsm_desktop.core.model import Kind
from ogsm_desktop.core.storage import Plan
from tests.helpers import write_xlsx


def random_plan(path, rng: random.Random) -> tuple[list[str], str]:
    codes = []
    with Plan.create(path) as plan:
        top = plan.nodes.add(None, Kind.OBJECTIVE, title="增长")
        s = plan.nodes.add(top.id, Kind.STRATEGY, title="渠道", owner="李娜")
        for i in range(40):
            target = rng.choice([100.0, 1200.0, -50.0, 0.0])
            limits = rng.choice([{}, {"amber": target * 0.9, "red": target * 0.8}, {"amber": target * 1.1},
                                 {"red": target + 5}, {"amber": 95.0, "red": 90.0}])
            node = plan.nodes.add(s.id, Kind.MEASURE, title=f"指标{i}", code=f"M{i}", target=target,
                                  aggregation=rng.choice(["sum", "average", "last"]),
                                  direction=rng.choice(["higher", "lower"]), **limits)
            if rng.random() < 0.3:                          # targets the plan has already
                plan.actuals.write([(node.id, f"2026-{k:02d}", None, rng.choice([100.0, 80.0, 1000.0]), "")
                                    for k in rng.sample(range(1, 13), 4)])
            codes.append(node.code)
        if rng.random() < 0.5:
            plan.meta.set("status_basis", "quarter")
    return codes, s.code


@pytest.mark.parametrize("seed", range(12))
def test_the_short_way_says_what_the_general_way_says(tmp_path, monkeypatch, seed):
    rng = random.Random(seed)
    path = tmp_path / "p.ogsm"
    codes, parent = random_plan(path, rng)
    measures = [["Code", "Parent", "Title", "Target", "Amber", "Red", "Aggregation"]]
    for code in rng.sample(codes, 6):                     # thresholds the workbook changes
        measures.append([code, parent, f"指标{code}", 100.0, rng.choice([None, 90.0, 120.0]), rng.choice([80.0, 130.0]),
                         "sum"])
    measures.append(["M99", parent, "新指标", 100.0, 120.0, 80.0, "sum"])     # and a measure it adds
    codes.append("M99")
    rows = [["Code", "Period", "Actual", "Target"]]
    for code in rng.sample(codes, 30):
        for k in rng.sample(range(1, 13), rng.randint(1, 12)):
            rows.append([code, f"2026-{k:02d}", rng.choice([None, 50.0]),
                         rng.choice([None, 100.0, 90.0, 1000.0, 100.0 * k, -40.0])])
    book = write_xlsx(tmp_path / "t.xlsx", {"Measures": measures, "Actuals": rows})
    with Plan.open(path) as plan:
        short = importer.analyse(plan, book)
        monkeypatch.setattr(thresholds, "_short_way", lambda *_args: False)     # the general way only
        general = importer.analyse(plan, book)
    assert short.ok and general.ok, (short.problems, general.problems)
    assert short.warnings == general.warnings
    assert any(w.startswith("M") for w in short.warnings) or seed % 4, short.warnings   # (warnings tried)


def test_the_comparison_above_can_tell_them_apart(tmp_path, monkeypatch):
    """The general way, made to forget a new target, says less: the comparison would see it."""
    rng = random.Random(1)
    path = tmp_path / "p.ogsm"
    random_plan(path, rng)
    book = write_xlsx(tmp_path / "t.xlsx", {"Actuals": [["Code", "Period", "Target"]] + [
        [f"M{i}", f"2026-{k:02d}", 100.0 * k] for i in range(40) for k in range(1, 13)]})
    with Plan.open(path) as plan:
        short = importer.analyse(plan, book)
        monkeypatch.setattr(thresholds, "_short_way", lambda *_args: False)
        monkeypatch.setattr(thresholds, "threshold_problem", lambda node, settings, targets=(), level=True: (
            lint.threshold_problem(node, settings, [t for t in targets if t != 1200.0], level)))
        general = importer.analyse(plan, book)
    assert short.warnings != general.warnings
