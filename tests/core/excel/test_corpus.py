"""The generated corpus: every shape, written by every program we have, imports with the values it
holds — and, read again, changes nothing."""

import pytest

from ogsm_desktop.core.excel import importer
from ogsm_desktop.core.storage import Plan
from tests.fixtures.corpus import KEPT, SHAPES
from tests.helpers import values_of

WRITERS = ("xlsxwriter", "xlsxwriter-xlsm", "openpyxl", "libreoffice-ods", "libreoffice-xls", "libreoffice-xlsx")
PLAIN_WRITERS = ("xlsb", "csv-utf-8", "csv-utf-8-sig", "csv-gb18030")      # shapes without formulas or formats
CASE_IDS = [f"{writer}-{shape.name}" for shape in SHAPES
            for writer in WRITERS + (PLAIN_WRITERS if shape.csv else ())]


def _case(corpus, case_id):
    cases, why = corpus
    for case in cases:
        writer = case.writer + ("-xlsm" if case.path.suffix == ".xlsm" else "")
        if f"{writer}-{case.shape.name}" == case_id:
            return case
    if case_id.startswith("libreoffice"):
        pytest.skip(why or "LibreOffice did not write this one")
    raise AssertionError(f"{case_id} was not generated")


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_every_shape_by_every_writer_imports_its_values(corpus, case_id, demo_path):
    case = _case(corpus, case_id)
    with Plan.open(demo_path) as plan:
        codes = {n.code for n in plan.nodes.tree().nodes.values()}
        before = {code: values_of(plan, code) if code in codes else {} for code, _ in case.shape.expect}
        preview = importer.analyse(plan, case.path)
        assert preview.ok, [str(p) for p in preview.problems]
        importer.apply(plan, preview)
        for (code, period), (actual, target) in case.shape.expect.items():
            got = values_of(plan, code)[period]
            assert got[0] == pytest.approx(actual), (code, period, got)
            wanted = before[code].get(period, (None, None, ""))[1] if target == KEPT else target
            assert got[1] == (pytest.approx(wanted) if wanted is not None else None), (code, period, got)
        again = importer.analyse(plan, case.path)
        assert again.ok and not again.changes_anything
