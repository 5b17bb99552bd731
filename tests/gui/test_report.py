"""Printed reports, read back from the PDF: pages, every unit's objective, Chinese text, the footer."""

import re
import unicodedata

import pypdf
import pytest
from PySide6.QtGui import QPageLayout

from ogsm_desktop.cli import main
from ogsm_desktop.core import demo
from ogsm_desktop.core.report_data import ReportOptions, gather
from ogsm_desktop.core.storage import Plan
from ogsm_desktop.gui.dialogs.report_dialog import ReportDialog
from ogsm_desktop.gui.report import ReportBuilder, ReportCancelled, write_pdf
from tests.gui.conftest import answer_dialog


def pdf_pages(path) -> list[str]:
    """Each page's text as a reader extracts it, NFKC-normalised and without layout whitespace."""
    return [re.sub(r"\s+", "", unicodedata.normalize("NFKC", page.extract_text() or ""))
            for page in pypdf.PdfReader(path).pages]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def test_cli_report_has_every_unit_on_its_page_in_chinese(demo_path, tmp_path, capsys, qapp):
    out = tmp_path / "plan.pdf"
    assert main(["report", str(demo_path), str(out)]) == 0
    assert "5 one-page OGSM(s), version current" in capsys.readouterr().out
    pages = pdf_pages(out)
    with Plan.open(demo_path, readonly=True) as plan:
        units = [n for n in plan.nodes.tree().nodes.values() if n.kind == "objective"]
    starts = [next(i for i, text in enumerate(pages) if squeeze(f"{u.org_unit}—{u.title}") in text) for u in units]
    assert len(set(starts)) == len(units)                                  # each unit starts its own page
    assert squeeze("试驾预约量") in pages[0] and squeeze("2026年通过京东平台完成10万辆新能源车销售") in pages[0]
    assert all("version:current" in text for text in pages)
    assert all(f"page{i + 1}" in text for i, text in enumerate(pages))
    assert any(squeeze("Cascade overview") in t for t in pages) and any(squeeze("Alerts") in t for t in pages)
    assert any("worsethantarget2periodsinarow" in t and "18,200<21,000" in t for t in pages)


def test_cli_report_of_a_version_says_so(demo_path, tmp_path, qapp):
    out = tmp_path / "v1.pdf"
    assert main(["report", str(demo_path), str(out), "--version", demo.V1[0],
                 "--changes-since", demo.V1[0]]) == 0
    pages = pdf_pages(out)
    assert all(squeeze(f"version: {demo.V1[0]}") in text for text in pages)
    assert not any(squeeze("可提供换电+保养的合作门店数") in t for t in pages)     # added only in the re-plan
    assert main(["report", str(demo_path), str(tmp_path / "x.pdf"), "--version", "V9"]) == 1


def test_report_of_one_objective_and_cancelling(demo_path, tmp_path, qapp):
    with Plan.open(demo_path, readonly=True) as plan:
        d1 = plan.nodes.by_code("D1-S1-M1").id
        content = gather(plan, ReportOptions(scope="objective", node_id=d1, overview=False, charts=False,
                                             alerts=False))
    assert [u.code for u in content.units] == ["D1"]
    out = tmp_path / "d1.pdf"
    assert write_pdf(content, out) >= 1
    text = "".join(pdf_pages(out))
    assert squeeze("让用户需求直接定义定制车型") in text and squeeze("成为新能源汽车消费的第一入口") not in text
    cancelled = tmp_path / "cancelled.pdf"
    with pytest.raises(ReportCancelled):
        write_pdf(content, cancelled, lambda _what, _done, _total: False)
    assert not cancelled.exists()


def test_export_pdf_from_the_window(window, tmp_path):
    window.select_node(window.session.plan.nodes.by_code("D2").id)

    def choose(dialog):
        dialog.scope.setCurrentIndex(dialog.scope.findData("below"))
        dialog.charts.setChecked(False)
        dialog.since.setCurrentIndex(dialog.since.findData(demo.V2[0]))
        dialog.accept()

    answer_dialog(choose, ReportDialog)
    out = tmp_path / "d2.pdf"
    assert window.reports.export_pdf(str(out))
    pages = pdf_pages(out)
    assert squeeze("让更多年轻用户在京东了解并选择新能源车") in pages[0]
    assert any(squeeze("办好每一场线上发布会") in t for t in pages)                   # P2, below D2
    assert not any(squeeze("让用户需求直接定义定制车型") in t for t in pages)       # D1 is elsewhere
    assert any(squeeze(f"Changes since {demo.V2[0]}") in t for t in pages)


def test_print_preview_renders_the_same_report(window, qtbot):
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    def choose(dialog):
        dialog.accept()

    def look(preview):
        preview.reject()

    answer_dialog(choose, ReportDialog)
    rendered = []
    original = ReportBuilder.render

    def spy(self, device, progress=None):
        rendered.append(original(self, device, progress))
        return rendered[-1]

    ReportBuilder.render = spy
    try:
        answer_dialog(look, QPrintPreviewDialog)
        window.reports.print_preview()
    finally:
        ReportBuilder.render = original
    assert rendered and rendered[0] >= 5


def test_export_pdf_on_the_paper_chosen_which_the_next_report_starts_with(window, tmp_path):
    """Found by a new user: File → Export PDF… wrote A4 only (Letter only from the command line)."""
    from ogsm_desktop.gui.report import new_printer

    seen = []

    def choose(paper):
        def fill(dialog):
            seen.append(dialog.paper.currentData())
            dialog.paper.setCurrentIndex(dialog.paper.findData(paper))
            dialog.charts.setChecked(False)
            dialog.accept()
        return fill

    sizes = {}
    for paper in ("letter", "a4"):
        answer_dialog(choose(paper), ReportDialog)
        out = tmp_path / f"{paper}.pdf"
        assert window.reports.export_pdf(str(out))
        box = pypdf.PdfReader(out).pages[0].mediabox
        sizes[paper] = (round(float(box.width)), round(float(box.height)))
    assert sizes == {"letter": (792, 612), "a4": (842, 595)}          # landscape, in points
    assert seen[1] == "letter" and window.settings.paper == "a4"      # the dialog offered the last paper chosen
    window.settings.paper = "letter"
    assert round(new_printer(window.settings.paper).pageLayout().fullRect(QPageLayout.Unit.Point).width()) == 792


def test_the_paper_follows_the_systems_region_until_one_is_chosen(settings):
    from PySide6.QtCore import QLocale

    from ogsm_desktop.gui.settings import paper_of

    assert paper_of(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)) == "letter"
    assert paper_of(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)) == "a4"
    assert paper_of(QLocale(QLocale.Language.Chinese, QLocale.Country.China)) == "a4"
    assert settings.paper == paper_of(QLocale.system())
    settings.paper = "letter"
    assert settings.paper == "letter"
    settings.paper = "folio"                        # not one the report prints on: the region's again
    assert settings.paper == paper_of(QLocale.system())
