"""A unit's one-page OGSM painted directly on the printed page: what the fit measures is what is painted,
and a unit too big for a page continues on further pages without losing or repeating anything, even when
a single strategy's row, the goals or a single text is taller than a page."""

import re

import pytest

from ogsm_desktop.core.onepage import LINE, Block, OnePage, plain
from ogsm_desktop.core.storage import Plan
from ogsm_desktop.gui.fonts import document_font
from ogsm_desktop.gui.onepage_fit import BALANCES
from ogsm_desktop.gui.onepage_paint import Typeset, column_edges, inner_widths
from tests.gui.test_report_print import LONG, _lengthen, _one_pages, squeeze

A4_BODY_WIDTH = 1032.0


def _blocks(plan_path):
    with Plan.open(plan_path, readonly=True) as plan:
        tree = plan.nodes.tree()
    page = OnePage(tree, {})
    for unit in (n for n in tree.nodes.values() if n.kind == "objective"):
        grid = page.grid(unit.id)
        yield from ((0, b) for b in grid.objective)
        yield from ((1, b) for b in grid.goals)
        for strategy, below in grid.rows:
            yield from ((2, b) for b in strategy)
            yield from ((3, b) for b in below)


def styled(*parts) -> Block:
    """A block of ``(text, colour, small)`` parts (LINE between lines), its spans counted in characters."""
    text, spans = "", []
    for part, colour, small in parts:
        if colour or small:
            spans.append((len(text), len(text) + len(part), colour, small, False))
        text += part
    return Block(text, tuple(spans))


AWKWARD = [
    styled(("C-S1", "#666", False), (" 😀🚗 新能源" + LINE, "", False), ("owner 张伟 · target 1,000辆 😀", "", True),
           (LINE, "", False), ("●\u00a0on track 80%", "#2e7d32", True)),
    styled(("X", "#666", False), (" " + "Supercalifragilisticexpialidocious" * 4 + " 混排English文字" * 9, "", False)),
    styled(("line", "#c62828", True), (" one\nline two\r\nline three\ttabbed " + LONG * 3, "", False)),
    styled(("A" * 24, "#666", False), (" " + "x" * 80, "", False)),     # a colour's edge moved this cut
]


def test_the_fit_measures_exactly_what_is_painted(demo_path, qapp):
    """What the fit measures must be what is painted, or a page that fitted would run over (a fit that
    left the colours out, being faster, cut a code longer than its line elsewhere)."""
    blocks = [*_blocks(demo_path), *((column, b) for b in AWKWARD for column in range(4))]
    for points in (8.0, 7.5, 7.0):
        typeset = Typeset(document_font, points)
        for widths in BALANCES:
            inner = inner_widths(column_edges(A4_BODY_WIDTH, widths))
            for column, block in blocks:
                laid = typeset.lay_out(block, inner[column])
                assert typeset.height(block, inner[column]) == laid.height > 0, block.text[:30]


def test_styles_land_on_their_text_beside_emoji(qapp):
    """Qt counts text in UTF-16 units: a style after an emoji must still cover its own words."""
    layout = Typeset(document_font, 8.0).lay_out(AWKWARD[0], 200).layout
    units = layout.text().encode("utf-16-le")
    styled = [units[2 * r.start:2 * (r.start + r.length)].decode("utf-16-le") for r in layout.formats()]
    assert styled == ["C-S1", "owner 张伟 · target 1,000辆 😀", "●\u00a0on track 80%"]


def _found_once(pages, words):
    text = "".join(pages)
    return {w: text.count(squeeze(w)) for w in words if text.count(squeeze(w)) != 1}


def _continues(pages):
    assert len(pages) > 1
    assert "(continued)" not in pages[0] and all("(continued)" in t for t in pages[1:])


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_strategy_with_more_measures_than_a_page_holds_continues_them(demo_path, tmp_path, qapp, paper):
    with Plan.open(demo_path) as plan, plan.batch(reason="a long strategy"):
        d1 = plan.nodes.by_code("D1")
        strategy = plan.nodes.add_new(d1.id, "strategy", title="超长策略：覆盖全部门店", owner="孙丽")
        for i in range(45):
            plan.nodes.add_new(strategy.id, "measure", title=f"衡量第{i:02d}项：{LONG}", target=100.0)
    _content, pages = _one_pages(demo_path, tmp_path, paper, code="D1")
    _continues(pages)
    assert _found_once(pages, [f"衡量第{i:02d}项" for i in range(45)] + ["超长策略：覆盖全部门店"]) == {}


def test_goals_longer_than_a_page_continue_on_the_next(demo_path, tmp_path, qapp):
    with Plan.open(demo_path) as plan, plan.batch(reason="many goals"):
        d1 = plan.nodes.by_code("D1")
        for i in range(40):
            plan.nodes.add_new(d1.id, "goal", title=f"目标第{i:02d}项：{LONG}", target=10.0)
    _content, pages = _one_pages(demo_path, tmp_path, "a4", code="D1")
    _continues(pages)
    assert _found_once(pages, [f"目标第{i:02d}项" for i in range(40)]) == {}


def test_a_text_taller_than_a_page_is_printed_whole_across_pages(demo_path, tmp_path, qapp):
    """An objective's description of 150 lines: each line on exactly one page, none cut or repeated."""
    lines = [f"说明第{i:03d}行" for i in range(150)]
    with Plan.open(demo_path) as plan, plan.batch(reason="a long description"):
        plan.nodes.update(plan.nodes.by_code("D1").id, description="\n".join(lines))
    _content, pages = _one_pages(demo_path, tmp_path, "a4", code="D1")
    _continues(pages)
    assert _found_once(pages, lines) == {}
    found = [int(n) for page in pages for n in re.findall(r"说明第(\d{3})行", page)]
    assert found == list(range(150))                            # in order, page after page


def test_a_strategy_whose_own_cell_is_taller_than_a_page_continues_it(demo_path, tmp_path, qapp):
    words = [f"Stok{i:04d}x" for i in range(500)]
    with Plan.open(demo_path) as plan, plan.batch(reason="a huge strategy"):
        d1 = plan.nodes.by_code("D1")
        strategy = plan.nodes.add_new(d1.id, "strategy", title=" ".join(words), owner="孙丽")
        plan.nodes.add_new(strategy.id, "measure", title="衡量：唯一的一项", target=1.0)
    _content, pages = _one_pages(demo_path, tmp_path, "a4", code="D1")
    _continues(pages)
    assert _found_once(pages, words + ["衡量：唯一的一项"]) == {}


def test_a_heading_too_long_for_three_lines_is_cut_short_and_the_unit_still_fits(demo_path, tmp_path, qapp):
    """An org unit of 600 characters: its heading is cut with "…", the grid names the unit in full."""
    org = "".join(f"部门{i:03d}" for i in range(120))
    with Plan.open(demo_path) as plan, plan.batch(reason="a long org unit"):
        plan.nodes.update(plan.nodes.by_code("D1").id, org_unit=org)
    _content, pages = _one_pages(demo_path, tmp_path, "a4", code="D1")
    assert len(pages) == 1 and squeeze("…") in pages[0]
    assert squeeze(org) in pages[0]                                  # in the objective's cell, whole


def test_continued_pages_name_a_very_long_objective_within_the_page(demo_path, tmp_path, qapp):
    """The objective's name is repeated on every continued page; however long, it stays inside it."""
    with Plan.open(demo_path) as plan, plan.batch(reason="a long objective"):
        plan.nodes.update(plan.nodes.by_code("D1").id, title="".join(f"目标名{i:04d}" for i in range(240)))
    _lengthen(demo_path, extra_strategies=8)
    _content, pages = _one_pages(demo_path, tmp_path, "a4", code="D1")     # no glyph outside any page
    _continues(pages)


def test_line_breaks_of_any_kind_break_a_line_once_and_tabs_are_spaces():
    assert [plain(t) for t in ("a\r\nb", "a\rb", "a\nb\n", "\n\na\u2029b\u0085c\td", "plain")] == \
        ["a\u2028b", "a\u2028b", "a\u2028b", "a\u2028b\u2028c d", "plain"]
    # blanks beside a break at a text's ends make no empty first or last line
    assert [plain(t) for t in ("\t\nx", "x \n ", " \r\n\t x\ty \n\n", "a \n b", "\u3000\nx", "x\n\xa0")] == \
        ["x", "x", "x y", "a \u2028 b", "x", "x"]


def test_a_heading_is_cut_short_between_whole_characters_as_a_reader_sees_them(qapp):
    """A cut inside a flag or a family emoji (several code points shown as one) left half of it."""
    for text in ("बिक्री विभाग 🚗 " * 60, "ก" + "😀" * 300):     # a boundary Qt reports inside an emoji
        laid = Typeset(document_font, 8.0).heading(text, " (continued)", 300).layout.text()
        assert laid.endswith("… (continued)") and text.startswith(laid[:laid.index("…")])
    flag, family = "\U0001F1E8\U0001F1F3", "\U0001F468\u200d\U0001F469\u200d\U0001F467"
    for unit in (flag, family, "e\u0301", "각"):
        for repeat, width in ((150, 300), (151, 300), (157, 240), (190, 361), (160, 333)):
            laid = Typeset(document_font, 8.0).heading(unit * repeat, " (continued)", width)
            text = laid.layout.text()
            assert text.endswith("… (continued)"), unit
            kept = text[:text.index("…")]
            assert kept and len(kept) % len(unit) == 0 and kept == unit * (len(kept) // len(unit)), (unit, repeat)
