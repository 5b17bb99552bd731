"""The printed report as a review meeting reads it, checked on the PDF itself: the footer with "page N of M"
on every page, charts drawn inside the page (no text or picture outside the page box), "no numbers yet"
for a measure without numbers, a small file with subset fonts whose text extracts exactly, and the
changes since a version told one by one (old → new, why and who), grouped by unit."""

import re
import unicodedata

import pypdf
import pytest

from ogsm_desktop.cli import main
from ogsm_desktop.core import demo
from ogsm_desktop.core.storage import Plan
from tests.helpers import assert_fonts_named_as_subsets

AS_OF = "2026-11-15"


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def pages_text(path) -> list[str]:
    return [squeeze(page.extract_text() or "") for page in pypdf.PdfReader(path).pages]


def report(plan, out, *extra) -> list[str]:
    assert main(["report", str(plan), str(out), "--as-of", AS_OF, "--changes-since", demo.V1[0], *extra]) == 0
    return pages_text(out)


EMPTY = "C-S2-M9"          # a measure added without any number: no actual, no target


@pytest.fixture
def english(demo_path, tmp_path, qapp):
    with Plan.open(demo_path) as plan, plan.batch(reason="a measure without numbers"):
        plan.nodes.add(plan.nodes.by_code("C-S2").id, "measure", code=EMPTY, title="门店覆盖率", unit="家")
    out = tmp_path / "report.pdf"
    return out, report(demo_path, out, "--lang", "en")


def _apply(m, p):
    """The point ``p`` through the PDF matrix ``m`` (a, b, c, d, e, f)."""
    return m[0] * p[0] + m[2] * p[1] + m[4], m[1] * p[0] + m[3] * p[1] + m[5]


def _times(m, n):
    """``m`` then ``n``, as PDF concatenates matrices."""
    return [m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3], m[2] * n[0] + m[3] * n[2],
            m[2] * n[1] + m[3] * n[3], m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5]]


PRINTER_MARGIN = 9 / 25.4 * 72          # 9 mm: what a printer may leave unprinted at each edge


def placed_outside(page) -> list[str]:
    """Every glyph (its origin and half an em to its right) and every image that is not inside the
    page's media box less the margin a printer leaves, named by what it is and where."""
    box = page.mediabox
    left, bottom = float(box.left) + PRINTER_MARGIN, float(box.bottom) + PRINTER_MARGIN
    right, top = float(box.right) - PRINTER_MARGIN, float(box.top) - PRINTER_MARGIN
    bad: list[str] = []
    state = {"size": 0.0}

    def inside(x, y, slack=0.5):
        return left - slack <= x <= right + slack and bottom - slack <= y <= top + slack

    def before(operator, operands, cm, tm):
        if operator == b"Tf":
            state["size"] = float(operands[1])
        elif operator in (b"Tj", b"TJ", b"'", b'"'):
            m = _times(tm, cm)
            x0, y0 = _apply(m, (0, 0))
            x1, y1 = _apply(m, (state["size"] * 0.5, 0))        # at least half an em of the glyph
            if not (inside(x0, y0) and inside(x1, y1)):
                bad.append(f"glyph at ({x0:.0f}, {y0:.0f})–({x1:.0f}, {y1:.0f})")
        elif operator == b"Do":
            corners = [_apply(cm, p) for p in ((0, 0), (1, 0), (0, 1), (1, 1))]
            if not all(inside(x, y) for x, y in corners):
                bad.append(f"image {operands[0]} at {[(round(x), round(y)) for x, y in corners]}")

    page.extract_text(visitor_operand_before=before)
    return bad


def test_every_page_has_the_footer_with_page_n_of_m(english):
    _out, pages = english
    total = len(pages)
    assert total > 5
    for number, text in enumerate(pages, start=1):
        assert squeeze(f"page {number} of {total}") in text, (number, text[-200:])
        assert squeeze("京东新能源汽车") in text and "version:current" in text
        assert squeeze(f"as of {AS_OF}") in text and "printedon" in text


def test_a_measure_without_numbers_says_so_instead_of_empty_axes(english):
    _out, pages = english
    measures = [t for t in pages if t.startswith("Measures")]
    assert measures
    page = next(t for t in measures if EMPTY in t)
    at = page.index(EMPTY)
    assert "nonumbersyet" in page[at:at + 60].lower(), page[at:at + 60]
    assert "".join(measures).lower().count("nonumbersyet") == 1        # the measures with numbers have their charts


def test_a_measure_with_a_target_and_no_actual_yet_is_charted_as_the_dashboard_charts_it(english):
    """Found by a tester: partner stores (C-S2-M3, a target and no actual yet) printed "No numbers yet" while
    the Dashboard drew its target; both now draw the target and say there is no actual yet."""
    _out, pages = english
    measures = [t for t in pages if t.startswith("Measures")]
    page = next(t for t in measures if "C-S2-M3" in t)
    chart = page[page.index("C-S2-M3"):]                         # (its ticks and words come before its title)
    assert "target" in chart[:80] and "nonumbersyet" not in chart[:80].lower() and "noactualsyet" in page.lower(), page
    assert "".join(measures).lower().count("noactualsyet") == 1          # the one measure without an actual


def test_charts_are_drawn_inside_the_page_with_their_words_as_text(english):
    out, pages = english
    reader = pypdf.PdfReader(out)
    for number, page in enumerate(reader.pages, start=1):
        assert placed_outside(page) == [], number
    charts = "".join(t for t in pages if t.startswith("Measures"))
    assert squeeze("C-S1-M2 试驾预约量") in charts                 # the chart's title, as text
    assert "target" in charts and "actual" in charts and "2026-09" in charts    # legend and ticks


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_report_is_small_its_fonts_subset_and_its_text_exact(demo_path, tmp_path, qapp, language):
    out = tmp_path / f"report-{language}.pdf"
    pages = report(demo_path, out, "--lang", language)
    size = out.stat().st_size
    assert size < 350_000, f"{size:,} bytes"
    reader = pypdf.PdfReader(out)
    fonts = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                data = descriptor.get("/FontFile2") or descriptor.get("/FontFile3") or descriptor.get("/FontFile")
                fonts[str(descriptor["/FontName"])] = len(data.get_object().get_data()) if data else 0
    assert fonts
    for name, length in fonts.items():
        assert re.fullmatch(r"/[A-Z]{6}\+.+", name), name                     # a subset's tag
        assert length < 200_000, (name, length)                           # the bundled .ttc is 5 MB
    assert_fonts_named_as_subsets(out)                # and so named where readers look (pdffonts: "sub yes")
    text = "".join(pages)
    with Plan.open(demo_path, readonly=True) as plan:
        titles = [n.title for n in plan.nodes.tree().nodes.values() if n.kind in ("objective", "goal")]
    for title in titles:
        assert squeeze(title) in text, title
    assert "18,200<21,000" in text and "2026-10" in text and squeeze("试驾预约量") in text


def test_changes_since_a_version_tell_each_change_with_why_and_who(english, demo_path):
    _out, pages = english
    with Plan.open(demo_path, readonly=True) as plan:
        batches = [b for b in plan.journal.batches() if b.kind != "version"]
        replan = next(b for b in batches if "宁德时代换电站建设进度滞后" in b.reason)
        imported = batches[-1]
    start = next(i for i, t in enumerate(pages) if squeeze(f"Changes since {demo.V1[0]}") in t)
    text = "".join(pages[start:])
    text = text[:text.index("Review")] if "Review" in text else text
    assert "value(s)" not in text
    assert squeeze("target400→200") in text                                 # C-S2-M2's target
    assert squeeze("duedate2026-09-30→2026-12-31") in text
    assert squeeze("actual 2026-10 —→84,200") in text                       # C-G1's October actual
    assert squeeze(replan.reason) in text and squeeze(imported.reason) in text
    assert squeeze(replan.who) in text
    company, d1 = text.index(squeeze("京东汽车 — C")), text.index("D1-G1")
    assert company < text.index("C-S2-M2") < text.index("C-G1") < d1 or company < text.index("C-G1") < d1


LONG = "围绕用户全生命周期的数字化运营体系建设，打通线上线下触点并持续提升转化效率与服务满意度"   # 44 characters


def _one_pages(plan_path, tmp_path, paper, code=None):
    from ogsm_desktop.core.report_data import ReportOptions, gather
    from ogsm_desktop.gui.report import write_pdf

    with Plan.open(plan_path, readonly=True) as plan:
        node = plan.nodes.by_code(code).id if code else None
        content = gather(plan, ReportOptions(scope="objective" if code else "plan", node_id=node, overview=False,
                                             charts=False, alerts=False))
    out = tmp_path / f"onepages-{paper}-{code}.pdf"
    pages = write_pdf(content, out, paper=paper)
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == pages
    for number, page in enumerate(reader.pages, start=1):
        assert placed_outside(page) == [], (paper, number)
    return content, pages_text(out)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_unit_of_the_demo_fits_one_landscape_page(demo_path, tmp_path, qapp, paper):
    content, pages = _one_pages(demo_path, tmp_path, paper)
    assert len(pages) == len(content.units) == 5
    for unit, text in zip(content.units, pages, strict=True):
        assert text.startswith(squeeze(f"{unit.org_unit} — {unit.title}")), text[:60]
        assert "(continued)" not in text


def _lengthen(path, extra_strategies=0):
    """D1 with very long Chinese titles everywhere (and as many more strategies as asked, each with
    three measures and three actions)."""
    with Plan.open(path) as plan, plan.batch(reason="long titles"):
        d1 = plan.nodes.by_code("D1")
        below = [d1] + plan.nodes.tree().descendants(d1.id)
        for node in below:
            if node.kind != "objective" or node.id == d1.id:
                plan.nodes.update(node.id, title=f"{node.title}：{LONG}")
        for i in range(extra_strategies):
            strategy = plan.nodes.add_new(d1.id, "strategy", title=f"新增策略{i + 1}：{LONG}", owner="孙丽")
            for j in range(3):
                plan.nodes.add_new(strategy.id, "measure", title=f"衡量{i + 1}.{j + 1}：{LONG}", target=100.0)
                plan.nodes.add_new(strategy.id, "action", title=f"行动{i + 1}.{j + 1}：{LONG}", due_date="2026-12-31")


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_unit_with_very_long_chinese_titles_still_fits_one_page(demo_path, tmp_path, qapp, paper):
    _lengthen(demo_path)
    content, pages = _one_pages(demo_path, tmp_path, paper, code="D1")
    assert len(pages) == 1
    assert squeeze(LONG) in pages[0] and "D1-S3" in pages[0]


def test_only_a_unit_truly_too_big_continues_and_says_so(demo_path, tmp_path, qapp):
    _lengthen(demo_path, extra_strategies=8)
    content, pages = _one_pages(demo_path, tmp_path, "a4", code="D1")
    assert len(pages) > 1
    assert "(continued)" not in pages[0] and all("(continued)" in t for t in pages[1:])
    with Plan.open(demo_path, readonly=True) as plan:
        strategies = [n.code for n in plan.nodes.tree().kids(plan.nodes.by_code("D1").id) if n.kind == "strategy"]
    text = "".join(pages)
    assert all(code in text for code in strategies)
    assert squeeze("收集10万份用户需求数据") in pages[0] and all(squeeze("收集10万份用户需求数据") not in t
                                                                for t in pages[1:])   # goals: on the first page


def test_the_command_line_prints_on_letter_paper_too(demo_path, tmp_path, qapp):
    out = tmp_path / "letter.pdf"
    pages = report(demo_path, out, "--paper", "letter")
    reader = pypdf.PdfReader(out)
    assert [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages] == \
        [(792, 612)] * len(pages)
    assert all(placed_outside(page) == [] for page in reader.pages)
    assert all(squeeze(f"page {i} of {len(pages)}") in t for i, t in enumerate(pages, start=1))


def test_a_measure_without_numbers_is_titled_with_the_brackets_of_the_language(english):
    """Found by a review: its unit was in full-width brackets in an English report too."""
    out, _pages = english
    page = next(p.extract_text() for p in pypdf.PdfReader(out).pages if EMPTY in (p.extract_text() or "")
                and (p.extract_text() or "").startswith("Measures"))
    title = page[page.index(EMPTY):page.index("No\tnumbers")].strip()
    assert title.endswith("(家)") and "（" not in title, title


def test_an_overdue_action_gets_no_chart_and_stays_among_the_alerts(demo_path, tmp_path, qapp):
    """An action has no numbers: D2-S2-A1 (due 2026-11-30, not done) is overdue in December, and its
    alert no longer gives it a chart slot saying "No numbers yet" on the Measures pages."""
    out = tmp_path / "d2.pdf"
    assert main(["report", str(demo_path), str(out), "--as-of", "2026-12-15", "--unit", "D2", "--lang", "en"]) == 0
    pages = pages_text(out)
    measures = "".join(t for t in pages if t.startswith("Measures"))
    assert "D2-S2-M1" in measures and "D2-S2-A1" not in measures and "P2-S1-A1" not in measures
    assert "nonumbersyet" not in measures.lower()
    alerts = "".join(t for t in pages if squeeze("Alerts Rule Code") in t)
    assert "D2-S2-A1" in alerts and "overdue" in alerts.lower()
