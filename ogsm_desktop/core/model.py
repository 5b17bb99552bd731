"""The OGSM domain grammar: node kinds, fields, which kind may hold which, and the Node record.

One tree: Objective → Goal* / Strategy*; Strategy → Measure* / Action* / Objective* (the cascade).
Nothing here touches storage; the store turns rows into :class:`Node` and back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from enum import StrEnum
from operator import attrgetter

from .errors import GrammarError
from .i18n import _, enumerated
from .labels import KIND_LABELS, a_kind_label, label


class Kind(StrEnum):
    OBJECTIVE = "objective"
    GOAL = "goal"
    STRATEGY = "strategy"
    MEASURE = "measure"
    ACTION = "action"


_KINDS = {str(k): k for k in Kind} | {k: k for k in Kind}


class Status(StrEnum):
    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    DONE = "done"
    NO_DATA = "no_data"          # derived: no figure to judge
    NO_TARGET = "no_target"      # derived: a figure, and no target to judge it by


DERIVED_STATUSES = frozenset({Status.NO_DATA, Status.NO_TARGET})     # judged, never set by a person


class Direction(StrEnum):
    HIGHER = "higher"   # higher is better
    LOWER = "lower"     # lower is better


class Frequency(StrEnum):
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"


class Aggregation(StrEnum):
    """How a measure's period values make a quarter's or a year's figure."""

    SUM = "sum"           # sales add up
    AVERAGE = "average"   # a satisfaction score averages
    LAST = "last"         # a headcount takes the last value


class TargetMode(StrEnum):
    """What a period's target means: that period's own figure, or the figure due by its end this year."""

    PERIOD = "period"
    CUMULATIVE = "cumulative"


# The grammar: which kinds a parent of each kind may hold, in display order.
ALLOWED_CHILDREN: dict[Kind | None, tuple[Kind, ...]] = {
    None: (Kind.OBJECTIVE,),
    Kind.OBJECTIVE: (Kind.GOAL, Kind.STRATEGY),
    Kind.STRATEGY: (Kind.MEASURE, Kind.ACTION, Kind.OBJECTIVE),
    Kind.GOAL: (),
    Kind.MEASURE: (),
    Kind.ACTION: (),
}

QUANTIFIED = frozenset({Kind.GOAL, Kind.MEASURE})

def place_among(parent_kind: Kind, sibling_kinds: list[Kind], kind: Kind) -> int | None:
    """Where a ``kind`` goes among siblings of ``sibling_kinds`` (in order) under a ``parent_kind`` (None:
    last): after the last sibling of its kind, else before the first of the kinds shown after it (a new
    goal after the objective's goals, before its strategies; a measure before the actions)."""
    order = ALLOWED_CHILDREN[parent_kind]
    rank = order.index(kind) if kind in order else len(order)
    same = [i for i, k in enumerate(sibling_kinds) if k is kind]
    if same:
        return same[-1] + 1
    later = [i for i, k in enumerate(sibling_kinds) if k in order and order.index(k) > rank]
    return later[0] if later else None


def kind_name(kind) -> str:
    """The name of ``kind`` (a Kind or its value) in the language spoken (labels.KIND_LABELS); anything
    else as it is."""
    return label(KIND_LABELS, kind)


def check_child(parent_kind: Kind | None, child_kind: Kind) -> None:
    """Raise :class:`GrammarError` unless a ``child_kind`` may sit under ``parent_kind``."""
    allowed = ALLOWED_CHILDREN[parent_kind]
    if child_kind in allowed:
        return
    if parent_kind is None:
        raise GrammarError(_("only an objective can be the top of a plan, not {a_kind}").format(
            a_kind=a_kind_label(child_kind)))
    if not allowed:
        raise GrammarError(_("{a_parent} holds nothing below it (it cannot take {a_child})").format(
            a_parent=a_kind_label(parent_kind), a_child=a_kind_label(child_kind)))
    names = enumerated(kind_name(k) for k in allowed)
    raise GrammarError(_("{a_child} cannot sit under {a_parent}; {a_parent} holds: {names}").format(
        a_child=a_kind_label(child_kind), a_parent=a_kind_label(parent_kind), names=names))


def move_refusal(node: Node, new_parent: Node | None, chain: Iterable[int]) -> GrammarError | None:
    """Why ``node`` may not move under ``new_parent`` (None: the top of the plan), or None when it may.

    ``chain``: the ids of ``new_parent`` and of every node above it. The window asks this while a
    drag is under way; the storage asks it again before it moves anything.
    """
    if new_parent is not None and node.id in set(chain):
        where = _("itself") if new_parent.id == node.id else _("{code}, which is below it").format(
            code=new_parent.code)
        return GrammarError(_("{code} cannot move into its own subtree ({where})").format(code=node.code, where=where))
    try:
        check_child(new_parent.kind if new_parent else None, node.kind)
    except GrammarError as exc:
        where = _("the top of the plan") if new_parent is None else new_parent.code
        return GrammarError(_("{code} cannot move to {where}: {reason}").format(code=node.code, where=where, reason=exc))
    return None


@dataclass
class Node:
    """One node of the plan, as stored. ``id`` is stable for the node's whole life."""

    id: int
    kind: Kind
    code: str
    title: str
    parent_id: int | None = None
    position: int = 0
    description: str = ""
    owner: str = ""
    org_unit: str = ""
    status: str = Status.NOT_STARTED    # the settable status; derived status comes from actuals
    # Quantified fields (goals and measures); due_date also for actions.
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    due_date: str = ""                  # ISO date, "" when none
    direction: str = Direction.HIGHER
    frequency: str = Frequency.MONTHLY
    amber: float | None = None          # at risk when worse than this
    red: float | None = None            # off track when worse than this
    weight: float | None = None         # roll-up weight; None = equal
    # Alert settings of a goal or measure (schema 2): periods below target that raise an alert
    # (None: the plan's default), and the rules switched off for it (comma-separated names).
    streak: int | None = None
    alerts_off: str = ""
    # How periods add up (schema 4): quarter and year-to-date figures; what a period's target means.
    aggregation: str = Aggregation.AVERAGE      # a level by default: each period against the target
    target_mode: str = TargetMode.PERIOD
    # A cascaded goal's link to the measure (or goal) above it that it serves (schema 5), with that
    # measure's title and target as the goal last saw them: when they change, the goal is flagged.
    serves_id: int | None = None
    serves_title: str = ""
    serves_target: float | None = None

    def as_dict(self) -> dict:
        data = {name: getattr(self, name) for name in ALL_FIELDS}
        data["kind"] = str(self.kind)
        return data


ALL_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Node))
NODE_DEFAULTS: dict[str, object] = {f.name: f.default for f in fields(Node) if f.name not in ("id", "kind", "code", "title")}
FIELD_INDEX: dict[str, int] = {name: i for i, name in enumerate(ALL_FIELDS)}
node_values = attrgetter(*ALL_FIELDS)     # Node → tuple of every field, in ALL_FIELDS order


def node_from_values(values) -> Node:
    """A Node from a sequence in ALL_FIELDS order (the kind as text or Kind)."""
    return Node(values[0], _KINDS[values[1]], *values[2:])


def node_fields(node: Node) -> dict[str, object]:
    """A copy of ``node``'s fields by name (kind as Kind), cheap enough for tens of thousands of nodes.

    ``copy()``, not ``dict()``: the copy shares the node's key table, so it is made three times faster and
    takes a third of the memory."""
    return node.__dict__.copy()


def node_from_fields(data: dict[str, object]) -> Node:
    """The Node whose fields are ``data`` (every field by name, the kind as Kind or its text), taken over: the
    fast way back from :func:`node_fields` after a few fields were changed."""
    data["kind"] = _KINDS[data["kind"]]
    node = object.__new__(Node)
    node.__dict__ = data
    return node


def node_from_dict(data: dict) -> Node:
    """A Node from :meth:`Node.as_dict` (as the journal keeps it); fields it lacks take their defaults
    (a node journaled by an older program has fewer fields)."""
    return node_from_values([data.get(name, NODE_DEFAULTS.get(name)) for name in ALL_FIELDS])


# Fields a user edits (everything except the identity and the place in the tree).
EDITABLE_FIELDS: tuple[str, ...] = tuple(
    f.name for f in fields(Node) if f.name not in ("id", "kind", "parent_id", "position")
)
ALERT_RULES = ("below_target", "stale", "forecast", "missed", "red", "overdue")


@dataclass
class Actual:
    """One period's value of a goal or measure."""

    node_id: int
    period: str
    actual: float | None
    target: float | None = None
    comment: str = ""


@dataclass
class Tree:
    """An in-memory snapshot of the plan's nodes with parent → children links, ordered by position."""

    nodes: dict[int, Node]
    children: dict[int | None, list[int]] = field(default_factory=dict)
    # a department file's locked context (the company's nodes above the department): judged in the
    # company's plan, not from the department's part alone
    context: frozenset[int] = frozenset()

    @classmethod
    def build(cls, nodes: dict[int, Node]) -> Tree:
        children: dict[int | None, list[int]] = {}
        for node in nodes.values():
            children.setdefault(node.parent_id, []).append(node.id)
        for ids in children.values():
            ids.sort(key=lambda i: (nodes[i].position, i))
        return cls(nodes, children)

    def copy(self) -> Tree:
        """A copy whose node map and child lists may change without this tree's changing (nodes are never
        changed in place, only replaced, so they are shared)."""
        return Tree(dict(self.nodes), {k: list(v) for k, v in self.children.items()}, self.context)

    def roots(self) -> list[Node]:
        return [self.nodes[i] for i in self.children.get(None, [])]

    def kids(self, node_id: int | None) -> list[Node]:
        return [self.nodes[i] for i in self.children.get(node_id, [])]

    def walk(self, node_id: int | None = None, depth: int = 0):
        """Yield ``(node, depth)`` depth-first in display order below ``node_id`` (None: the whole plan)."""
        nodes, children = self.nodes, self.children
        stack = [(i, depth) for i in reversed(children.get(node_id, []))]
        while stack:
            nid, d = stack.pop()
            yield nodes[nid], d
            below = children.get(nid)
            if below:                       # most nodes have none: no list built for them
                stack.extend([(c, d + 1) for c in reversed(below)])

    def in_order(self, node_ids) -> list[Node]:
        """The nodes of ``node_ids`` there are, in display order (that of :meth:`walk`). A few are put in order
        by their places, without walking the whole plan (50,000 nodes: 50 ms at each edit)."""
        nodes, children = self.nodes, self.children
        wanted = {i for i in node_ids if i in nodes}
        if len(wanted) * 16 >= len(nodes):
            return [n for n, _depth in self.walk() if n.id in wanted]

        rows: dict[int | None, dict[int, int]] = {}          # the rows under each parent met (wide: 5,000)

        def place(node_id: int | None) -> list[int]:          # the row of each, from the top
            out = []
            while node_id is not None:
                parent = nodes[node_id].parent_id
                if parent not in rows:
                    rows[parent] = {kid: row for row, kid in enumerate(children[parent])}
                out.append(rows[parent][node_id])
                node_id = parent
            out.reverse()
            return out
        return [nodes[i] for i in sorted(wanted, key=place)]

    def ancestors(self, node_id: int) -> list[Node]:
        """Parent first, root last."""
        out = []
        parent = self.nodes[node_id].parent_id
        while parent is not None:
            node = self.nodes[parent]
            out.append(node)
            parent = node.parent_id
        return out

    def unit_of(self, node: Node) -> Node:
        """The objective whose page ``node`` is on (``node`` itself for an objective): its org unit."""
        while node.kind is not Kind.OBJECTIVE and node.parent_id in self.nodes:
            node = self.nodes[node.parent_id]
        return node

    def descendants(self, node_id: int) -> list[Node]:
        return [n for n, _ in self.walk(node_id)]

    def objective_depth(self, node_id: int) -> int:
        """How many objectives stand above this node's own objective (0 for the company level)."""
        return sum(1 for a in self.ancestors(node_id) if a.kind is Kind.OBJECTIVE) - (
            0 if self.nodes[node_id].kind is Kind.OBJECTIVE else 1
        )
