"""The one-page OGSM of one objective as HTML: Objective | Goals | Strategies | Measures & actions.

Plain HTML in the subset Qt's rich text understands, so the same page shows in the window, in print
preview and in PDFs. No Qt here: labels come in from the caller (translated there); the default ones are
the catalogue's, translated when a page is built.
"""

from __future__ import annotations

from html import escape

from .i18n import N_, _
from .labels import STATUS_LABELS
from .lint import serving_changed
from .model import Kind, Node, Tree
from .status import STATUS_COLOURS, Standing

DEFAULT_LABELS = {                   # English, marked for the catalogue: translated in OnePage()
    "objective": N_("Objective"), "goals": N_("Goals"), "strategies": N_("Strategies"),
    "measures": N_("Measures & actions"), "owner": N_("owner"), "due": N_("due"), "target": N_("target"),
    "latest": N_("latest"), "cascade": N_("cascaded to"), "none": "—", "serves": N_("serves"),
    "changed_above": N_("changed above: check"), **STATUS_LABELS,
}


WIDTHS = (20, 24, 24, 32)           # the columns' shares of the page, in per cent


def _number(value) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")


class OnePage:
    """Builds the one-page grid for objectives of a tree with their standings."""

    def __init__(self, tree: Tree, standing: dict[int, Standing], labels: dict[str, str] | None = None):
        self.tree, self.standing = tree, standing
        self.labels = {**{k: _(v) for k, v in DEFAULT_LABELS.items()}, **(labels or {})}

    def _status(self, node: Node) -> str:
        s = self.standing.get(node.id)
        if s is None:
            return ""
        key = str(s.status)
        text = self.labels.get(key, key)
        if s.progress is not None and node.kind is not Kind.ACTION:
            text += f" {s.progress:.0%}"
        return f'<span style="color:{STATUS_COLOURS.get(key, "#000")}">●&nbsp;{escape(text)}</span>'

    def _head(self, node: Node, bold: bool = False) -> str:
        title = escape(node.title) or self.labels["none"]
        title = f"<b>{title}</b>" if bold else title
        return f'<span style="color:#666">{escape(node.code)}</span> {title}'

    def _quantified(self, node: Node) -> str:
        parts = []
        if node.target is not None:
            parts.append(f"{self.labels['target']} {_number(node.target)}{escape(node.unit)}")
        standing = self.standing.get(node.id)
        last = standing.reading if standing is not None else None
        if last is not None:
            parts.append(f"{self.labels['latest']} {_number(last.actual)}{escape(node.unit)} ({escape(last.period)})")
        if node.due_date:
            parts.append(f"{self.labels['due']} {escape(node.due_date)}")
        above = self.tree.nodes.get(node.serves_id) if node.serves_id is not None else None
        if above is not None:
            flag = (f' <span style="color:#c62828">({escape(self.labels["changed_above"])})</span>'
                    if serving_changed(self.tree, node) else "")
            parts.append(f"{escape(self.labels['serves'])} {escape(above.code)}{flag}")
        return " · ".join(parts)

    def _item(self, node: Node) -> str:
        lines = [self._head(node)]
        detail = self._quantified(node) if node.kind in (Kind.GOAL, Kind.MEASURE) else (
            f"{self.labels['due']} {escape(node.due_date)}" if node.due_date else "")
        owner = f"{self.labels['owner']} {escape(node.owner)}" if node.owner else ""
        extra = " · ".join(x for x in (owner, detail) if x)
        if extra:
            lines.append(f'<span style="font-size:small">{extra}</span>')
        lines.append(f'<span style="font-size:small">{self._status(node)}</span>')
        return "<br/>".join(lines)

    def objective_of(self, node_id: int) -> Node:
        """The objective whose one-page plan shows ``node_id`` (the node itself when it is one)."""
        node = self.tree.nodes[node_id]
        while node.kind is not Kind.OBJECTIVE:
            node = self.tree.nodes[node.parent_id]
        return node

    def strategy_count(self, objective_id: int) -> int:
        return sum(1 for k in self.tree.kids(objective_id) if k.kind is Kind.STRATEGY)

    def html(self, objective_id: int, *, title: str = "", rows: tuple[int, int] | None = None,
             widths: tuple[int, int, int, int] = WIDTHS) -> str:
        """The grid of ``objective_id``; with ``rows`` (first, end), only those strategies' rows: a page that
        continues another (``first`` > 0) names the objective again but not its goals."""
        obj = self.tree.nodes[objective_id]
        kids = self.tree.kids(obj.id)
        goals = [k for k in kids if k.kind is Kind.GOAL]
        strategies = [k for k in kids if k.kind is Kind.STRATEGY]
        first, end = rows if rows is not None else (0, len(strategies))
        continued = first > 0
        strategies = strategies[first:end]
        lab = self.labels
        head = "".join(
            f'<th width="{w}%" style="background:#37474f;color:white;padding:4px">{escape(lab[k])}</th>'
            for k, w in zip(("objective", "goals", "strategies", "measures"), widths, strict=True))
        obj_cell = self._head(obj, bold=True)
        if not continued:
            obj_cell += (f'<br/><span style="font-size:small">'
                         f'{escape(obj.org_unit)}{" · " + escape(obj.owner) if obj.owner else ""}</span><br/>'
                         f'<span style="font-size:small">{self._status(obj)}</span>')
            strategy_above = self.tree.nodes.get(obj.parent_id) if obj.parent_id is not None else None
            if strategy_above is not None:              # a department's page names the strategy it serves
                obj_cell += (f'<br/><span style="font-size:small">{escape(lab["serves"])} '
                             f'{self._head(strategy_above)}</span>')
            if obj.description:
                obj_cell += f'<p style="font-size:small;color:#444">{escape(obj.description)}</p>'
        goals_cell = "" if continued else ("<br/><br/>".join(self._item(g) for g in goals) or lab["none"])
        out = []
        span = max(1, len(strategies))
        for i, strategy in enumerate(strategies or [None]):
            cells = []
            if i == 0:
                cells.append(f'<td rowspan="{span}" valign="top" style="padding:4px">{obj_cell}</td>')
                cells.append(f'<td rowspan="{span}" valign="top" style="padding:4px">{goals_cell}</td>')
            if strategy is None:
                cells += [f'<td style="padding:4px">{lab["none"]}</td>', f'<td style="padding:4px">{lab["none"]}</td>']
            else:
                below = self.tree.kids(strategy.id)
                items = [self._item(k) for k in below if k.kind is Kind.MEASURE]
                items += [self._item(k) for k in below if k.kind is Kind.ACTION]
                items += [f"→ {escape(lab['cascade'])} {self._head(k, bold=True)} "
                          f"<span style='font-size:small'>({escape(k.org_unit)})</span>"
                          for k in below if k.kind is Kind.OBJECTIVE]
                cells.append(f'<td valign="top" style="padding:4px">{self._item(strategy)}</td>')
                cells.append(f'<td valign="top" style="padding:4px">{"<br/><br/>".join(items) or lab["none"]}</td>')
            out.append(f"<tr>{''.join(cells)}</tr>")
        caption = f"<h3>{escape(title)}</h3>" if title else ""
        return (f'{caption}<table width="100%" border="1" cellspacing="0" cellpadding="4" '
                f'style="border-collapse:collapse;border-color:#90a4ae">'
                f"<tr>{head}</tr>{''.join(out)}</table>")
