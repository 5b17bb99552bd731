"""Copy and paste of a node with everything below it.

A copy is a plain snapshot of the nodes (their definitions: titles, owners, units, targets, thresholds…),
kept as JSON on the clipboard, with an indented outline for other programs. Pasting inserts a copy
under a parent the grammar allows, in one journaled batch, the way the cascade and a new node are
added (``plan.nodes.add_new``): every pasted node gets a new id and a new code made as for any new node,
and the copy goes where a new node of its kind would. Actual values are facts of the measure they were
recorded for and are not copied.

Cut and paste within one plan is not a copy but a move (``plan.nodes.move``): :func:`place` says where
the moved node goes among its new siblings, as a new node of its kind would.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from .errors import CancelledError, GrammarError, ValidationError
from .fields import as_copied
from .i18n import _
from .model import ALL_FIELDS, Kind, Node, Tree, check_child, place_among
from .storage import Plan

FORMAT = "ogsm-desktop/subtree"
FORMAT_VERSION = 1
COPIED_FIELDS: tuple[str, ...] = tuple(f for f in ALL_FIELDS if f not in ("id", "kind", "code", "parent_id", "position"))
_SERVING = ("serves_id", "serves_title", "serves_target")
MAX_NODES = 100_000          # a clipboard holding more is not a copy made by this program
PROGRESS_EVERY = 200         # nodes pasted between two calls of the progress callback

Progress = Callable[[str, int, int], bool]       # (what, done, total) → keep going?


class PasteCancelled(CancelledError):
    """The user cancelled a paste under way; nothing was written."""


def _no_progress(_what: str, _done: int, _total: int) -> bool:
    return True


def snapshot(tree: Tree, node_id: int, source: str = "") -> dict:
    """The node ``node_id`` and its subtree as plain data; ``source`` names the plan it came from."""

    def item(node: Node) -> dict:
        data = {"id": node.id, "kind": str(node.kind), "code": node.code}
        data.update({f: getattr(node, f) for f in COPIED_FIELDS})
        data["children"] = [item(tree.nodes[c]) for c in tree.children.get(node.id, [])]
        return data

    return {"format": FORMAT, "version": FORMAT_VERSION, "source": source, "root": item(tree.nodes[node_id])}


def walk(data: dict) -> Iterator[tuple[dict, int]]:
    """``(item, depth)`` for every node of a snapshot, parents first, in display order."""
    stack = [(data["root"], 0)]
    while stack:
        item, depth = stack.pop()
        yield item, depth
        stack.extend((c, depth + 1) for c in reversed(item["children"]))


def has_numbers(plan: Plan, data: dict) -> bool:
    """Whether nodes of the snapshot, copied from ``plan``, hold period numbers there (actuals, targets; not
    comments alone): a copy starts without any, and the user is told so."""
    if not data.get("source") or data.get("source") != str(plan.path or ""):
        return False
    return plan.actuals.any_numbers(item["id"] for item, _depth in walk(data) if isinstance(item.get("id"), int))


def count(data: dict) -> int:
    return sum(1 for _item in walk(data))


def to_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False)


def from_json(text: str | bytes) -> dict:
    """A snapshot read back from the clipboard; ValidationError when it is not one (another program's
    data, a newer format, a damaged copy)."""
    refused = ValidationError(_("the clipboard does not hold OGSM nodes that this version can paste"))
    try:
        data = json.loads(text)
    except (ValueError, TypeError, RecursionError):
        raise refused from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != FORMAT_VERSION:
        raise refused
    seen = 0
    stack = [data.get("root")]
    while stack:
        item = stack.pop()
        seen += 1
        if (not isinstance(item, dict) or item.get("kind") not in {str(k) for k in Kind}
                or not isinstance(item.get("children"), list) or seen > MAX_NODES):
            raise refused
        stack.extend(item["children"])
    return data


def outline(data: dict) -> str:
    """The snapshot as indented text (code and title, two spaces per level), for other programs."""
    return "\n".join(f"{'  ' * depth}{item.get('code', '')}  {item.get('title', '')}".rstrip()
                     for item, depth in walk(data)) + "\n"


def paste_refusal(parent: Node | None, data: dict) -> GrammarError | None:
    """Why the snapshot cannot go under ``parent`` (None: the top of the plan), or None when it can."""
    try:
        check_child(parent.kind if parent is not None else None, Kind(data["root"]["kind"]))
    except GrammarError as exc:
        return exc
    return None


def paste(plan: Plan, parent_id: int | None, data: dict, index: int | None = None, reason: str = "",
          progress: Progress = _no_progress) -> Node:
    """Insert a copy of the snapshot under ``parent_id`` in one batch; returns the new top node. The top
    node goes at ``index`` among its siblings, by default where a new node of its kind goes (after the
    last of its kind); the nodes below it keep the copy's order. ``progress`` is told every few hundred
    nodes; when it answers False the paste stops with :class:`PasteCancelled` and nothing is written.

    Links from a cascaded goal to the measure it serves follow the copy when that measure is copied
    with it; a link to a measure outside the copy is kept when pasting into the plan it was copied
    from and that measure is still there, and dropped otherwise.

    A copy of this plan's nodes carries their text as undo does (an older program's longer text included); a
    copy from elsewhere (another plan, another program, text made by hand) is new text, held to what a
    workbook's cell takes as typing is.
    """
    refusal = paste_refusal(plan.nodes.get(parent_id) if parent_id is not None else None, data)
    if refusal is not None:
        raise refusal
    same_plan = bool(data.get("source")) and data.get("source") == str(plan.path or "")
    new_ids: dict[int, int] = {}
    links: list[tuple[int, dict]] = []          # (new node, the serving fields it was copied with)
    total = count(data)
    with plan.batch("edit", reason):
        top: Node | None = None
        done = 0
        stack: list[tuple[dict, int | None]] = [(data["root"], parent_id)]
        while stack:
            item, parent = stack.pop()
            values = as_copied({f: item[f] for f in COPIED_FIELDS if f in item})
            serving = {f: values.pop(f) for f in _SERVING if f in values}
            if top is None:      # placed as a new node is (it keeps the owner and unit it was copied with)
                node = top = plan.nodes.add_new(parent, item["kind"], index, carried=same_plan, **values)
            else:
                node = plan.nodes.add(parent, item["kind"], None, carried=same_plan, **values)
            if isinstance(item.get("id"), int):
                new_ids[item["id"]] = node.id
            if serving.get("serves_id") is not None:
                links.append((node.id, serving))
            stack.extend((child, node.id) for child in reversed(item["children"]))
            done += 1
            if done % PROGRESS_EVERY == 0 and not progress(_("pasting nodes"), done, total):
                raise PasteCancelled(_("paste cancelled; nothing was written"))
        for node_id, serving in links:
            served = serving["serves_id"]
            if served in new_ids:
                plan.nodes.update(node_id, carried=same_plan, **{**serving, "serves_id": new_ids[served]})
            elif same_plan and isinstance(served, int) and plan.nodes.exists(served):
                plan.nodes.update(node_id, carried=True, **serving)
        if not progress(_("pasting nodes"), total, total):
            raise PasteCancelled(_("paste cancelled; nothing was written"))
    return plan.nodes.get(top.id)


def place(tree: Tree, node_id: int, parent_id: int | None) -> int | None:
    """Where ``node_id`` goes among ``parent_id``'s other children when it is moved there by a cut and
    paste (None: last): as a new node of its kind would go — after the last sibling of its kind, else
    before the first of the kinds shown after it (a measure after the measures, before the actions)."""
    if parent_id is None:
        return None
    kinds = [tree.nodes[c].kind for c in tree.children.get(parent_id, []) if c != node_id]
    return place_among(tree.nodes[parent_id].kind, kinds, tree.nodes[node_id].kind)
