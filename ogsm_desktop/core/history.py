"""The journal as people read it: batches with a one-line summary, and one node's changes."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

from .departments import DEPARTMENT_KEY, MERGES_KEY, PLAN_ID_KEY, REFRESH_KEY
from .errors import NotFoundError
from .i18n import _, enumerated, listed, ngettext
from .labels import BASIS_LABELS, CHOICE_LABELS, RULE_LABELS, choice_label, field_label, label, setting_label
from .storage import Batch, Plan

SHORT = 60          # characters of a value shown in a list of changes


def short(value, most: int = SHORT) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, float):                 # 1,000,000 and 12.5, not 1e+06
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.4f}".rstrip("0").rstrip(".")
    text = str(value).replace("\n", " ")
    return text if len(text) <= most else text[:most - 3] + "…"


def short_pair(old, new, most: int = SHORT) -> tuple[str, str]:
    """``old`` and ``new`` as :func:`short` says them; two long texts that would look alike, cut at the same
    place, are both cut around where they first differ instead ("…体验，旧版" → "…体验，新版")."""
    a, b = short(old, most), short(new, most)
    if a != b or not isinstance(old, str) or not isinstance(new, str) or old == new:
        return a, b
    flat_old, flat_new = old.replace("\n", " "), new.replace("\n", " ")
    if flat_old == flat_new:                 # they differ by a line break only: shown as one
        flat_old, flat_new = old.replace("\n", "↵"), new.replace("\n", "↵")
        if len(flat_old) <= most and len(flat_new) <= most:
            return flat_old, flat_new
    start = max(0, len(os.path.commonprefix([flat_old, flat_new])) - 20)
    return _window(flat_old, start, most - 4), _window(flat_new, start, most - 4)


def _window(text: str, start: int, width: int) -> str:
    return ("…" if start else "") + text[start:start + width] + ("…" if len(text) > start + width else "")


def _rules(value) -> str:
    """Alert rules as stored ("stale,red") by their names."""
    names = [r for r in str(value).split(",") if r]
    return enumerated(label(RULE_LABELS, r) for r in names) if names else short(None)


def value_text(field: str, value) -> str:
    """A node field's value as people read it, in the language spoken: a choice in words ("higher is
    better", 越低越好), the alert rules switched off by their names, a place among siblings counted from 1;
    anything else as :func:`short` says it. Every list of changes (history, comparison, report) says a
    value through here."""
    if value is None or value == "":
        return short(value)
    if field in CHOICE_LABELS:
        return choice_label(field, value)
    if field == "alerts_off":
        return _rules(value)
    if field == "position" and type(value) is int:
        return str(value + 1)
    return short(value)


def change_text(field: str, old, new, most: int = SHORT) -> tuple[str, str]:
    """A node field's old and new values as :func:`value_text` says them; two long texts that would look
    alike are cut where they differ (:func:`short_pair`), each text within ``most`` characters."""
    if isinstance(old, str) and isinstance(new, str) and field not in CHOICE_LABELS and field != "alerts_off":
        return short_pair(old, new, most)
    return value_text(field, old), value_text(field, new)


def setting_text(key: str, value) -> str:
    """A plan setting's stored value as people read it (the alert rules, the status basis in words)."""
    if value is None or value == "":
        return short(value)
    if key == "alerts_off":
        return _rules(value)
    if key == "status_basis":
        return label(BASIS_LABELS, value)
    if key in _RECORDS:
        return _record_text(key, value)
    return short(value)


# The department files' bookkeeping, kept as settings in JSON (core/departments.py): said in words.
_RECORDS = (DEPARTMENT_KEY, MERGES_KEY, REFRESH_KEY, PLAN_ID_KEY)


def _record_text(key: str, value) -> str:
    if key == PLAN_ID_KEY:                             # a long random name: its first letters tell two apart
        return short(value) if len(str(value)) <= 8 else str(value)[:8] + "…"
    try:
        record = json.loads(value)
    except ValueError:
        return short(value)
    if not isinstance(record, dict):
        return short(value)
    if key == DEPARTMENT_KEY:
        return _("{unit} of {plan}").format(unit=record.get("unit_code") or "?", plan=record.get("plan_name") or "?")
    if key == REFRESH_KEY:
        n = len(record.get("batches") or [])
        return ngettext("{n} refresh taken", "{n} refreshes taken", n).format(n=n)
    merged = [(str(r.get("unit") or "?"), len(r.get("batches") or [])) for r in record.values() if isinstance(r, dict)]
    if not merged:
        return short(None)
    return enumerated(ngettext("{unit} merged once", "{unit} merged {n} times", n).format(unit=unit, n=n)
                      for unit, n in sorted(merged))


def actual_text(value: tuple | None) -> str:
    if value is None:
        return "—"
    actual, target, comment = value
    out = short(actual)
    if target is not None:
        out = _("{actual} (target {target})").format(actual=out, target=short(target))
    return out + (f" “{comment}”" if comment else "")


CODES_SHOWN = 4       # codes a batch's line names before "…"


@dataclass(frozen=True)
class BatchLine:
    batch: Batch
    codes: list[str]       # the first codes of the nodes it changed
    settings: list[str]    # the plan settings it changed
    nodes: int = 0         # how many nodes it changed

    def summary(self) -> str:
        b = self.batch
        parts = []
        if b.node_changes:
            more = "…" if len(self.codes) > CODES_SHOWN else ""       # (one more was read to know)
            parts.append(ngettext("{count} node changed: {codes}", "{count} nodes changed: {codes}",
                                  self.nodes).format(count=f"{self.nodes:,}",
                                                     codes=enumerated(self.codes[:CODES_SHOWN]) + more))
        if b.actuals_added:
            parts.append(ngettext("{count} actual value written", "{count} actual values written",
                                  b.actuals_added).format(count=f"{b.actuals_added:,}"))
        removed = b.actuals_ended - b.actuals_added
        if removed > 0:
            parts.append(ngettext("{count} actual value removed", "{count} actual values removed",
                                  removed).format(count=f"{removed:,}"))
        if self.settings:
            parts.append(_("plan settings: {keys}").format(keys=enumerated(setting_label(k) for k in self.settings)))
        return listed(parts, parts=True) or "—"


def batch_page(plan: Plan, before: int | None = None, limit: int = 200,
               known: dict[int, BatchLine] | None = None) -> list[BatchLine]:
    """The next page of the plan's history, newest first. ``known``: the lines of this plan read before, by
    batch id, taken from there (a batch does not change once committed), the others added to it: the
    history listed again after each edit counted the nodes of every batch of the page again (the big plan's
    first batch, 50,000 nodes: 0.08 s at every edit)."""
    lines = []
    known = {} if known is None else known
    for b in plan.journal.batches_page(before, limit):
        line = known.get(b.id)
        if line is None or line.batch != b:
            count, codes = plan.journal.batch_nodes(b.id, CODES_SHOWN + 1) if b.node_changes else (0, [])
            settings = list(dict.fromkeys(m.key for m in plan.journal.meta_rows(batch_id=b.id))) if b.meta_changes else []
            line = known[b.id] = BatchLine(b, codes, settings, count)
        lines.append(line)
    return lines


@dataclass(frozen=True)
class ChangeLine:
    batch: Batch
    code: str
    what: str
    old: str
    new: str


def _code_of(plan: Plan, node_id: int) -> str:
    """A node's code now, or its last code in the journal (a deleted node), or its row id."""
    try:
        return plan.nodes.get(node_id).code
    except NotFoundError:
        rows = plan.journal.rows(node_ids=[node_id])
        return rows[-1].code if rows else f"#{node_id}"


def _value_what(old: tuple | None, new: tuple | None) -> str:
    """What a period's change is called: by the one of actual, target and comment that changed alone (a
    comment written beside the same actual is no change of the actual)."""
    old, new = old or (None, None, ""), new or (None, None, "")
    changed = [i for i in range(3) if (None if old[i] == "" else old[i]) != (None if new[i] == "" else new[i])]
    if changed == [1]:
        return _("target {period}")
    if changed == [2]:
        return _("comment {period}")
    return _("actual {period}")


def field_change(plan: Plan, row, parents: dict[int, str]) -> tuple[str, str]:
    """A journal row's field, old and new, as words: a parent by its code, not its row id (``parents``: the codes
    found so far, by id)."""
    old, new = row.old, row.new
    if row.field == "parent_id":
        for i in (old, new):
            if type(i) is int and i not in parents:
                parents[i] = _code_of(plan, i)
        old, new = (parents[i] if type(i) is int else i for i in (old, new))
    return change_text(row.field, old, new)


def node_changes(plan: Plan, node_ids: list[int]) -> list[ChangeLine]:
    """Every change of these nodes (fields, moves, creation, deletion, actual values), newest first."""
    batches = {b.id: b for b in plan.journal.batches()}
    codes = {}
    parents: dict[int, str] = {}
    lines: list[tuple[int, int, ChangeLine]] = []
    for r in plan.journal.rows(node_ids=node_ids):
        codes[r.node_id] = r.code
        if r.action == "create":
            what, old, new = _("created"), "—", short((r.new or {}).get("title"))
        elif r.action == "delete":
            what, old, new = _("deleted"), short((r.old or {}).get("title")), "—"
        else:
            what, (old, new) = field_label(r.field), field_change(plan, r, parents)
        lines.append((r.batch_id, r.id, ChangeLine(batches[r.batch_id], r.code, what, old, new)))
    for c in plan.actuals.history(node_ids):
        lines.append((c.batch_id, 0, ChangeLine(batches[c.batch_id], codes.get(c.node_id, f"#{c.node_id}"),
                                                _value_what(c.old, c.new).format(period=c.period),
                                                actual_text(c.old), actual_text(c.new))))
    lines.sort(key=lambda x: (x[0], x[1]), reverse=True)
    return [line for *_keys, line in lines]
