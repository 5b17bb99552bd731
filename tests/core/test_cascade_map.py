"""The cascade map's pages: one per unit with units below, in tree order; every box on its page and
none overlapping; a unit with more units than a page holds goes on over pages that say so."""

import itertools

from ogsm_desktop.core import cascade_map
from ogsm_desktop.core.model import Kind, Node, Tree
from ogsm_desktop.core.storage import Plan

WIDTH, HEIGHT = 770.0, 500.0


def _inside(page):
    boxes = [page.top, *page.chips, *page.boxes]
    for box in boxes:
        assert 0 <= box.x and box.x + box.width <= WIDTH and 0 <= box.y and box.bottom <= HEIGHT, box.node.code
    for a, b in itertools.combinations(boxes, 2):
        apart = a.x + a.width <= b.x or b.x + b.width <= a.x or a.bottom <= b.y or b.bottom <= a.y
        assert apart, (a.node.code, b.node.code)
    for line in page.lines:
        assert all(0 <= x <= WIDTH and 0 <= y <= HEIGHT for x, y in line.points)


def test_the_demo_has_a_page_per_unit_with_units_below(demo_path):
    with Plan.open(demo_path, readonly=True) as plan:
        tree = plan.nodes.tree()
    pages = cascade_map.pages(tree, {}, WIDTH, HEIGHT)
    assert [(p.unit.code, p.continued) for p in pages] == [("C", False), ("D1", False), ("D2", False)]
    company = pages[0]
    assert [c.node.code for c in company.chips] == ["C-S1", "C-S2", "C-S3"]
    assert [b.node.code for b in company.boxes] == ["D1", "D2"]
    assert [(b.strategies, b.units_below) for b in company.boxes] == [(3, 1), (3, 1)]
    assert company.top.units_below == 4
    for box in company.boxes:                      # each unit joined to the strategy it came from
        chip = next(c for c in company.chips if c.node.id == box.node.parent_id)
        assert any(line.points[0] == (chip.centre, chip.bottom) and line.points[-1] == (box.centre, box.y)
                   for line in company.lines)
    for page in pages:
        _inside(page)


def _wide_plan(units: int) -> Tree:
    nodes = {1: Node(1, Kind.OBJECTIVE, "C", "公司", None, 0), 2: Node(2, Kind.STRATEGY, "C-S1", "一个策略", 1, 0),
             3: Node(3, Kind.STRATEGY, "C-S2", "另一个策略", 1, 1)}
    for i in range(units):
        nodes[10 + i] = Node(10 + i, Kind.OBJECTIVE, f"D{i + 1}", "部门" * 20, 2 if i % 3 else 3, i)
    return Tree.build(nodes)


def test_a_unit_with_many_units_below_goes_on_over_pages_that_say_so():
    tree = _wide_plan(40)
    pages = cascade_map.pages(tree, {}, WIDTH, HEIGHT)
    assert len(pages) > 2 and not pages[0].continued and all(p.continued for p in pages[1:])
    shown = [b.node.code for p in pages for b in p.boxes]
    assert sorted(shown) == sorted(f"D{i + 1}" for i in range(40))           # every unit once
    for page in pages:
        assert page.top.node.code == "C"
        _inside(page)
    parts = [c for p in pages for c in p.chips if c.node.code == "C-S1"]
    assert parts[0].units_below == 0 and all(c.units_below for c in parts[1:])   # later parts: continued


def test_one_unit_asked_for_gets_its_page_even_without_units_below(demo_path):
    with Plan.open(demo_path, readonly=True) as plan:
        tree = plan.nodes.tree()
    p1 = next(n for n in tree.nodes.values() if n.code == "P1")
    pages = cascade_map.pages(tree, {}, WIDTH, HEIGHT, [p1.id])
    assert [(p.unit.code, [c.node.code for c in p.chips], p.boxes) for p in pages] == [("P1", ["P1-S1"], [])]


def test_a_department_files_context_box_says_it_is_judged_in_the_companys_plan(demo_path, tmp_path):
    """Found by a tester: D1's file drew the company's box "no data" (its part only holds no figures of it)."""
    from ogsm_desktop.core import departments, monitoring

    with Plan.open(demo_path) as plan:
        departments.split(plan, "D1", tmp_path / "d1.ogsm")
    with Plan.open(tmp_path / "d1.ogsm", readonly=True) as plan:
        tree = plan.nodes.tree()
        pages = cascade_map.pages(tree, monitoring.standings(plan, plan_day()), WIDTH, HEIGHT)
    company = pages[0]
    assert (company.top.node.code, company.top.context, company.top.standing) == ("C", True, None)
    assert [(b.node.code, b.context) for b in company.boxes] == [("D1", False)]
    assert company.boxes[0].standing is not None


def plan_day():
    import datetime as dt

    return dt.date(2026, 11, 15)
