"""The cascade map: company → department → team → person drawn as a diagram, one page per org unit.

A page shows one unit's objective at the top, its strategies below it as chips, and under each strategy
the objective(s) it was cascaded to — the units below, with their code, title, owner, status and progress,
and how much lies further below (their own pages). A unit whose strategies and units do not fit the page
continues on the next page, which repeats the unit and says "(continued)". A big plan is thus paginated
by its structure: one page (or a few) per unit that has units below it, in the order of the tree.

Only geometry is computed here (points, the top-left origin of the page's drawing area); the window and
the report draw it (``gui/cascade_map.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Kind, Node, Tree
from .status import Standing

BOX_W, BOX_H = 150.0, 74.0       # a unit's box
CHIP_H = 30.0                    # a strategy's chip (as wide as the boxes under it, at least BOX_W)
GAP_X, GAP_Y = 14.0, 16.0        # between boxes side by side; between a chip and its boxes
BAND_GAP = 22.0                  # between two bands of strategies
TOP_GAP = 26.0                   # between the unit at the top and the first band
TRUNK = 10.0                     # the left margin the line to the later bands runs down


@dataclass(frozen=True)
class Box:
    """A unit's objective (or, with ``kind == "strategy"``, a strategy's chip) placed on a page."""

    node: Node
    x: float
    y: float
    width: float
    height: float
    standing: Standing | None = None
    strategies: int = 0          # a unit's: how many strategies it has
    units_below: int = 0         # a unit's: how many units lie below it (on their own pages)
    context: bool = False        # a department file's locked context: judged in the company's plan

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def centre(self) -> float:
        return self.x + self.width / 2


@dataclass(frozen=True)
class Line:
    """An orthogonal connector through ``points``, from the box above to the box below."""

    points: tuple[tuple[float, float], ...]


def _elbow(x1: float, y1: float, x2: float, y2: float, via: float) -> Line:
    """Down from ``(x1, y1)`` to the level ``via``, across, and down to ``(x2, y2)``."""
    return Line(((x1, y1), (x1, via), (x2, via), (x2, y2)))


@dataclass
class MapPage:
    unit: Node
    continued: bool
    top: Box
    chips: list[Box] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    height: float = 0.0          # of what is drawn

    def extent(self) -> tuple[float, float]:
        """The left and right edges of what is drawn (the line down the margin included)."""
        boxes = [self.top, *self.chips, *self.boxes]
        left = min(b.x for b in boxes)
        if any(line.points[1][0] < left for line in self.lines):
            left = 0.0
        return left, max(b.x + b.width for b in boxes)


def units(tree: Tree) -> list[Node]:
    """Every unit's objective, in tree order: the top objectives and those cascaded from a strategy."""
    return [n for n, _depth in tree.walk() if n.kind is Kind.OBJECTIVE]


def units_below(tree: Tree, objective_id: int) -> list[Node]:
    """The objectives cascaded from ``objective_id``'s strategies, in order."""
    return [k for s in tree.kids(objective_id) if s.kind is Kind.STRATEGY
            for k in tree.kids(s.id) if k.kind is Kind.OBJECTIVE]


def _count_below(tree: Tree) -> dict[int, int]:
    """Per objective, how many objectives lie below it (at any depth)."""
    out: dict[int, int] = {}
    for node in reversed(units(tree)):
        out[node.id] = sum(1 + out.get(k.id, 0) for k in units_below(tree, node.id))
    return out


def pages(tree: Tree, standing: dict[int, Standing], width: float, height: float,
          unit_ids: list[int] | None = None) -> list[MapPage]:
    """The map's pages for a drawing area of ``width`` × ``height`` points: one or more per unit that has
    strategies (of ``unit_ids`` only, when given), in tree order."""
    below = _count_below(tree)
    wanted = None if unit_ids is None else set(unit_ids)
    out: list[MapPage] = []
    for unit in units(tree):
        if wanted is not None and unit.id not in wanted:
            continue
        strategies = [s for s in tree.kids(unit.id) if s.kind is Kind.STRATEGY]
        if wanted is None and not units_below(tree, unit.id):
            continue                                   # a unit with no units below: its one-page tells all
        out += _unit_pages(tree, standing, below, unit, strategies, width, height)
    return out


def _unit_box(tree: Tree, standing, below, node: Node, x: float, y: float, width: float = BOX_W) -> Box:
    strategies = sum(1 for s in tree.kids(node.id) if s.kind is Kind.STRATEGY)
    return Box(node, x, y, width, BOX_H, standing.get(node.id), strategies, below.get(node.id, 0),
               node.id in tree.context)


def _groups(tree: Tree, strategies: list[Node], width: float) -> list[tuple[Node, list[Node], bool]]:
    """Each strategy with the units cascaded from it, a strategy with more units than a page row holds
    split into several groups (the later ones marked continued)."""
    per_row = max(1, int((width - TRUNK + GAP_X) // (BOX_W + GAP_X)))
    out = []
    for strategy in strategies:
        kids = [k for k in tree.kids(strategy.id) if k.kind is Kind.OBJECTIVE]
        for start in range(0, max(1, len(kids)), per_row):
            out.append((strategy, kids[start:start + per_row], start > 0))
    return out


def _group_width(kids: list[Node]) -> float:
    return max(BOX_W, len(kids) * (BOX_W + GAP_X) - GAP_X)


def _unit_pages(tree, standing, below, unit: Node, strategies: list[Node], width: float,
                height: float) -> list[MapPage]:
    top_w = min(width, 2 * BOX_W)
    band_h = CHIP_H + GAP_Y + BOX_H
    out: list[MapPage] = []
    page: MapPage | None = None
    y = x = 0.0
    band: list[tuple[Node, list[Node], bool]] = []

    def new_page() -> MapPage:
        top = _unit_box(tree, standing, below, unit, (width - top_w) / 2, 0.0, top_w)
        made = MapPage(unit, bool(out), top, height=top.bottom)
        out.append(made)
        return made

    def close_band() -> None:
        if band:
            _place_band(tree, standing, below, page, band, y, width)
        band.clear()

    for group in _groups(tree, strategies, width) or []:
        w = _group_width(group[1])
        if page is None or (band and x + w > width - TRUNK):   # a new band (or the first)
            if page is not None:
                close_band()
                y += band_h + BAND_GAP
            if page is None or y + band_h > height:
                page = new_page()
                y = page.top.bottom + TOP_GAP
            x = 0.0
        band.append(group)
        x += w + GAP_X
    if page is None:                                         # a unit without strategies: its box alone
        new_page()
    close_band()
    return out


def _place_band(tree, standing, below, page: MapPage, band, y: float, width: float) -> None:
    """Lay out one band of strategy groups, centred, at ``y``; with the lines from the unit above."""
    total = sum(_group_width(kids) for _s, kids, _c in band) + GAP_X * (len(band) - 1)
    x = TRUNK + (width - TRUNK - total) / 2
    first = not page.chips
    for strategy, kids, continued in band:
        w = _group_width(kids)
        chip = Box(strategy, x, y, w, CHIP_H, standing.get(strategy.id), units_below=int(continued))
        page.chips.append(chip)
        top = page.top
        if first:                                 # straight down from the unit
            page.lines.append(_elbow(top.centre, top.bottom, chip.centre, chip.y, y - TOP_GAP / 2))
        else:                                     # a later band: down the left margin, past the bands above
            middle, level = top.y + top.height / 2, chip.y + CHIP_H / 2
            page.lines.append(Line(((top.x, middle), (TRUNK / 2, middle), (TRUNK / 2, level), (chip.x, level))))
        kx = x + (w - (len(kids) * (BOX_W + GAP_X) - GAP_X)) / 2
        for kid in kids:
            box = _unit_box(tree, standing, below, kid, kx, chip.bottom + GAP_Y)
            page.boxes.append(box)
            page.lines.append(_elbow(chip.centre, chip.bottom, box.centre, box.y, chip.bottom + GAP_Y / 2))
            kx += BOX_W + GAP_X
        x += w + GAP_X
        page.height = max(page.height, chip.bottom + GAP_Y + BOX_H)
