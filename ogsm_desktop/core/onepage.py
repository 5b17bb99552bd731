"""The one-page OGSM of one objective: Objective | Goals | Strategies | Measures & actions.

:meth:`OnePage.grid` gives the page's content as runs of text in cells, which the printed report paints
directly; :meth:`OnePage.html` writes the same grid as HTML in the subset Qt's rich text understands, for
the window. No Qt here: labels come in from the caller (translated there); the default ones are the
catalogue's, translated when a page is built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from typing import NamedTuple

from .i18n import N_, _, bracketed, listed
from .labels import STATUS_LABELS
from .lint import serving_changed
from .model import Kind, Node, Tree
from .status import STATUS_COLOURS, Standing

DEFAULT_LABELS = {                   # English, marked for the catalogue: translated in OnePage()
    "objective": N_("Objective"), "goals": N_("Goals"), "strategies": N_("Strategies"),
    "measures": N_("Measures & actions"), "owner": N_("owner"), "due": N_("due"), "target": N_("target"),
    "latest": N_("latest"), "judged": N_("status judged on"), "cascade": N_("cascaded to"), "none": "—", "serves": N_("serves"),
    "changed_above": N_("changed above: check"),
    # a department file's locked context (the objectives above the unit and the strategies it serves)
    "in_company": N_("in the company's plan"),
    "context": N_("from the company's plan, locked in this file: its goals, its other strategies and its status "
                  "are there"),
    **STATUS_LABELS,
}


WIDTHS = (20, 24, 24, 32)           # the columns' shares of the page, in per cent
CODE_COLOUR, NOTE_COLOUR, FLAG_COLOUR = "#666", "#444", "#c62828"


LINE = "\u2028"                    # Unicode's line separator: where a block's lines break


class Block(NamedTuple):
    """One item of a cell (a goal, a measure, …): its lines joined by :data:`LINE`, and its styled
    stretches as ``(start, end, colour, small, bold)`` in characters (colour empty: the text's own)."""

    text: str
    spans: tuple[tuple[int, int, str, bool, bool], ...] = ()


Cell = tuple[Block, ...]            # a cell's items, a blank line between each two


@dataclass(frozen=True)
class Grid:
    """A one-page OGSM: the column headings, the objective's and the goals' cells (spanning every row),
    and a row per strategy with its measures and actions."""

    headers: tuple[str, str, str, str]
    objective: Cell
    goals: Cell
    rows: tuple[tuple[Cell, Cell], ...]
    objective_again: Cell           # the objective's cell on a page that continues this one: its name alone


def _number(value) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")


_BREAKS = re.compile("\r\n|[\r\n\u2029\u0085]")
_AWKWARD = re.compile("[\t\r\n\u2028\u2029\u0085]")


def plain(text: str) -> str:
    """A text as the page shows it: each of its line breaks (CR LF, CR, LF, Unicode's) one :data:`LINE`,
    a tab a space, and no break nor blank around them at its ends (no empty first or last line)."""
    if _AWKWARD.search(text) is None:
        return text
    return _BREAKS.sub(LINE, text.replace("\t", " ")).strip()     # (LINE is a blank too)


class _Writer:
    """Writes a block: text in styles, line by line."""

    __slots__ = ("parts", "spans", "at")

    def __init__(self):
        self.parts: list[str] = []
        self.spans: list[tuple[int, int, str, bool, bool]] = []
        self.at = 0

    def add(self, text: str, colour: str = "", small: bool = False, bold: bool = False) -> _Writer:
        text = plain(text)
        end = self.at + len(text)
        if colour or small or bold:
            last = self.spans[-1] if self.spans else None
            if last is not None and last[1] == self.at and last[2:] == (colour, small, bold):
                self.spans[-1] = (last[0], end, colour, small, bold)
            else:
                self.spans.append((self.at, end, colour, small, bold))
        self.parts.append(text)
        self.at = end
        return self

    def line(self) -> _Writer:
        """Start a new line (unless the block is still empty)."""
        if self.at:
            self.parts.append(LINE)
            self.at += 1
        return self

    def block(self) -> Block:
        return Block("".join(self.parts), tuple(self.spans))


class OnePage:
    """Builds the one-page grid for objectives of a tree with their standings."""

    def __init__(self, tree: Tree, standing: dict[int, Standing], labels: dict[str, str] | None = None):
        self.tree, self.standing = tree, standing
        self.labels = {**{k: _(v) for k, v in DEFAULT_LABELS.items()}, **(labels or {})}

    def _status(self, out: _Writer, node: Node) -> None:
        s = self.standing.get(node.id)
        if s is None:
            return
        key = str(s.status)
        text = self.labels.get(key, key)
        if s.progress is not None and node.kind is not Kind.ACTION:
            text += f" {s.progress:.0%}"
        out.line().add(f"●\u00a0{text}", STATUS_COLOURS.get(key, "#000"), small=True)

    def _head(self, out: _Writer, node: Node, bold: bool = False, small: bool = False) -> _Writer:
        return (out.add(node.code, CODE_COLOUR, small).add(" ", small=small)
                .add(node.title or self.labels["none"], small=small, bold=bold))

    def _quantified(self, node: Node) -> list[tuple[str, str]]:
        parts = []
        if node.target is not None:
            parts.append((f"{self.labels['target']} {_number(node.target)}{node.unit}", ""))
        standing = self.standing.get(node.id)
        last = standing.reading if standing is not None else None
        if last is not None:
            value = last.latest[1]
            if last.newer is None:
                parts.append((f"{self.labels['latest']} {_number(value)}{node.unit}{bracketed(last.latest_label)}", ""))
            else:                    # a newer figure without a target: said, and the one the status is judged on
                said = bracketed(listed([last.latest_label, self.labels["no_target"]]))
                parts.append((f"{self.labels['latest']} {_number(value)}{node.unit}{said}", ""))
                parts.append((f"{self.labels['judged']} {_number(last.actual)}{node.unit}{bracketed(last.label)}", ""))
        if node.due_date:
            parts.append((f"{self.labels['due']} {node.due_date}", ""))
        above = self.tree.nodes.get(node.serves_id) if node.serves_id is not None else None
        if above is not None:
            parts.append((f"{self.labels['serves']} {above.code}", ""))
            if serving_changed(self.tree, node):
                parts.append((bracketed(self.labels['changed_above']), FLAG_COLOUR))
        return parts

    def _item(self, node: Node) -> Block:
        if node.kind in (Kind.GOAL, Kind.MEASURE):
            detail = self._quantified(node)
        else:
            detail = [(f"{self.labels['due']} {node.due_date}", "")] if node.due_date else []
        extra = ([(f"{self.labels['owner']} {node.owner}", "")] if node.owner else []) + detail
        out = self._head(_Writer(), node)
        if extra:                    # the parts with " · " between them; a flag stays beside its part
            out.line()
            for number, (text, colour) in enumerate(extra):
                if number and not colour:
                    out.add(" · ", small=True)
                out.add(text, colour, small=True)
        self._status(out, node)
        return out.block()

    def _objective_cell(self, obj: Node) -> Cell:
        out = self._head(_Writer(), obj, bold=True)
        belongs = " · ".join(x for x in (obj.org_unit, obj.owner) if x)
        if belongs:
            out.line().add(belongs, small=True)
        self._status(out, obj)
        strategy_above = self.tree.nodes.get(obj.parent_id) if obj.parent_id is not None else None
        if strategy_above is not None:              # a department's page names the strategy it serves
            self._head(out.line().add(f"{self.labels['serves']} ", small=True), strategy_above, small=True)
        if obj.id in self.tree.context:             # the company's objective, as a department file holds it
            out.line().add(self.labels["context"], NOTE_COLOUR, small=True)
        if not obj.description:
            return (out.block(),)
        return out.block(), _Writer().add(obj.description, NOTE_COLOUR, small=True).block()

    def _below(self, strategy: Node) -> Cell:
        below = self.tree.kids(strategy.id)
        items = [self._item(k) for k in below if k.kind is Kind.MEASURE]
        items += [self._item(k) for k in below if k.kind is Kind.ACTION]
        items += [self._head(_Writer().add(f"→ {self.labels['cascade']} "), k, bold=True)
                  .add(bracketed(k.org_unit), small=True).block() for k in below if k.kind is Kind.OBJECTIVE]
        return tuple(items) or self._none()

    def _none(self) -> Cell:
        return (Block(self.labels["none"]),)

    def grid(self, objective_id: int) -> Grid:
        """The grid of ``objective_id``."""
        obj = self.tree.nodes[objective_id]
        kids = self.tree.kids(obj.id)
        lab = self.labels
        return Grid(
            headers=(lab["objective"], lab["goals"], lab["strategies"], lab["measures"]),
            objective=self._objective_cell(obj),
            goals=tuple(self._item(g) for g in kids if g.kind is Kind.GOAL) or (
                (Block(lab["in_company"]),) if obj.id in self.tree.context else self._none()),
            rows=tuple(((self._item(s),), self._below(s)) for s in kids if s.kind is Kind.STRATEGY)
            or ((self._none(), self._none()),),
            objective_again=(self._head(_Writer(), obj, bold=True).block(),))

    def html(self, objective_id: int, *, title: str = "", widths: tuple[int, int, int, int] = WIDTHS) -> str:
        """The grid of ``objective_id`` as an HTML table."""
        grid = self.grid(objective_id)
        head = "".join(
            f'<th width="{w}%" style="background:#37474f;color:white;padding:4px">{escape(text)}</th>'
            for text, w in zip(grid.headers, widths, strict=True))
        out = []
        for i, (strategy, below) in enumerate(grid.rows):
            cells = []
            if i == 0:
                cells += [f'<td rowspan="{len(grid.rows)}" valign="top" style="padding:4px">{cell_html(cell)}</td>'
                          for cell in (grid.objective, grid.goals)]
            cells += [f'<td valign="top" style="padding:4px">{cell_html(cell)}</td>' for cell in (strategy, below)]
            out.append(f"<tr>{''.join(cells)}</tr>")
        caption = f"<h3>{escape(title)}</h3>" if title else ""
        return (f'{caption}<table width="100%" border="1" cellspacing="0" cellpadding="4" '
                f'style="border-collapse:collapse;border-color:#90a4ae">'
                f"<tr>{head}</tr>{''.join(out)}</table>")


def cell_html(cell: Cell) -> str:
    """A cell as rich text: its lines broken, a blank line between its items, its styles as spans."""
    return "<br/><br/>".join(map(block_html, cell))


def block_html(block: Block) -> str:
    text, out, at = block.text, [], 0
    for start, end, colour, small, bold in block.spans:
        out.append(escape(text[at:start]))
        styled = escape(text[start:end])
        if bold:
            styled = f"<b>{styled}</b>"
        style = ";".join(([f"color:{colour}"] if colour else []) + (["font-size:small"] if small else []))
        out.append(f'<span style="{style}">{styled}</span>' if style else styled)
        at = end
    out.append(escape(text[at:]))
    return "".join(out).replace(LINE, "<br/>")
