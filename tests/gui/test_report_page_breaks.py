"""Where the printed tables go onto a new page, checked on the PDF itself: a row of the review, the alerts or
the changes is never cut across two pages (its long title half at the foot of one page and half at the top
of the next), a unit's heading never ends a page without its first change, and each page a table continues
on starts with the table's header row again."""

import pypdf
import pytest

from ogsm_desktop.cli import main
from ogsm_desktop.core import demo
from ogsm_desktop.core.storage import Plan

from .test_report_print import AS_OF, LONG, pages_text, placed_outside, squeeze

STRATEGIES = 4


def _long_titles_with_numbers(path) -> list[str]:
    """D1 with long Chinese titles everywhere, more strategies, and an October actual with a long comment
    on each of its measures; returns the titles of the measures added, each different."""
    titles = []
    with Plan.open(path) as plan, plan.batch(reason="long titles"):
        d1 = plan.nodes.by_code("D1")
        for node in [d1] + plan.nodes.tree().descendants(d1.id):
            if node.kind != "objective" or node.id == d1.id:
                plan.nodes.update(node.id, title=f"{node.title}：{LONG}")
        for i in range(STRATEGIES):
            strategy = plan.nodes.add_new(d1.id, "strategy", title=f"新增策略{i + 1}：{LONG}", owner="孙丽")
            for j in range(3):
                titles.append(f"衡量{i + 1}.{j + 1}：{LONG}")
                plan.nodes.add_new(strategy.id, "measure", title=titles[-1], target=100.0)
    with Plan.open(path) as plan, plan.batch(reason="numbers"):
        measures = [n for n in plan.nodes.tree().descendants(plan.nodes.by_code("D1").id) if n.kind == "measure"]
        plan.actuals.write([(m.id, "2026-10", 50.0, 100.0, f"对策{k}：{LONG}") for k, m in enumerate(measures)])
    return titles


@pytest.fixture
def long_pack(demo_path, tmp_path, qapp):
    titles = _long_titles_with_numbers(demo_path)
    out = tmp_path / "pack.pdf"
    assert main(["report", str(demo_path), str(out), "--as-of", AS_OF, "--preset", "department", "--unit", "D1",
                 "--review", "2026-10", "--changes-since", demo.V1[0], "--lang", "zh"]) == 0
    return out, pages_text(out), titles


def _tables_start(pages: list[str]) -> int:
    """The first page after the one-page OGSMs and the map: the review's."""
    return next(i for i, text in enumerate(pages) if "2026-10回顾" in text)


PLAN_NAME = "京东新能源汽车 OGSM 2026"          # the demo's: the footer starts with it


def test_no_row_of_a_table_is_cut_across_two_pages(long_pack):
    out, pages, titles = long_pack
    start = _tables_start(pages)
    assert len(pages) - start >= 4                      # the tables do take several pages
    head, whole, tail = squeeze(LONG)[:10], squeeze(LONG), squeeze(LONG)[-10:]
    for number, text in enumerate(pages[start:], start=start + 1):
        assert text.count(head) == text.count(whole) == text.count(tail), number   # no title or comment cut
        for title in titles:
            assert text.count(squeeze(title)[:6]) == text.count(squeeze(title)), (number, title)
    reader = pypdf.PdfReader(out)
    for number, page in enumerate(reader.pages, start=1):
        assert placed_outside(page) == [], number


def test_a_units_heading_is_never_left_alone_at_the_foot_of_a_page(long_pack):
    _out, pages, _titles = long_pack
    start = _tables_start(pages)
    headings = {"D1": squeeze("用户洞察团队 — D1"), "P1": squeeze("陈静（个人） — P1")}
    for code, heading in headings.items():
        where = [i for i, text in enumerate(pages[start:], start=start) if heading in text]
        assert where, code
        for i in where:
            after = pages[i][pages[i].index(heading) + len(heading):].split(squeeze(PLAN_NAME))[0]
            assert f"{code}-" in after, (code, i + 1)


def test_a_table_continued_on_a_new_page_starts_with_its_header_row(long_pack):
    _out, pages, _titles = long_pack
    start = _tables_start(pages)
    header = squeeze("编号标题内容旧值→新值")
    continued = [text for text in pages[start:] if squeeze("变更") not in text[:20] and "D1-" in text[:60]]
    assert continued
    for text in continued:
        assert text.startswith(header) or squeeze("编号标题") in text[:40], text[:60]


def test_a_units_changes_continued_on_a_new_page_start_with_the_units_heading(long_pack):
    """Found by a new user: a unit's changes running onto the next pages repeated the column headings only;
    twenty pages of codes followed one another with no word of whose changes they were. The unit's heading
    is repeated above the table's header on each page it continues on."""
    _out, pages, _titles = long_pack
    first = next(i for i, text in enumerate(pages) if text.startswith(squeeze("自版本")))     # "Changes since …"
    header = squeeze("编号标题内容旧值→新值")
    continued = [text for text in pages[first + 1:] if header in text[:80]]
    assert continued
    for text in continued:
        assert text.startswith(squeeze("用户洞察团队 — D1")) or text.startswith(squeeze("陈静（个人） — P1")), text[:60]
