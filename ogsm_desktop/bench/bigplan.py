"""The big plan of DESIGN.md §9: 1 company, 30 departments, 300 teams, 3,000 people; 50,000 nodes and
1,000,000 actuals. ``python -m ogsm_desktop.bench.bigplan OUT.ogsm`` writes it."""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

from ..core.model import Kind
from ..core.storage import Plan

NODES = 50_000
ACTUALS = 1_000_000
FAN_OUT = (30, 10, 10)          # departments under the company, teams per department, people per team
GOALS, STRATEGIES = 3, 3
MEASURES = (2, 2, 2, 1)         # per strategy, by level (people keep one each, then the top-up)
LEVELS = (("C", "公司"), ("D", "部门"), ("T", "团队"), ("P", "个人"))


def _weeks(count: int) -> list[str]:
    out, year, week = [], 2025, 1
    while len(out) < count:
        out.append(f"{year}-W{week:02d}")
        week += 1
        if week > 52:
            year, week = year + 1, 1
    return out


def build_rows(seed: int = 7) -> tuple[list[dict], list[tuple]]:
    """Node dicts (ids, codes, positions) and actual rows for the big plan, deterministic for a seed."""
    rng = random.Random(seed)
    nodes: list[dict] = []

    def add(parent, kind, code, title, position, **extra) -> dict:
        node = {"id": len(nodes) + 1, "parent_id": parent["id"] if parent else None, "position": position,
                "kind": kind, "code": code, "title": title, "description": "", "owner": extra.pop("owner", ""),
                "org_unit": extra.pop("org_unit", ""), "status": "not_started", "unit": "", "baseline": None,
                "target": None, "due_date": "", "direction": "higher", "frequency": "weekly", "amber": None,
                "red": None, "weight": None}
        node.update(extra)
        nodes.append(node)
        return node

    counters = [0, 0, 0, 0]

    def objective(parent, level: int, position: int) -> None:
        counters[level] += 1
        prefix, unit_name = LEVELS[level]
        code = prefix if level == 0 else f"{prefix}{counters[level]}"
        org = f"{unit_name}{counters[level]}"
        owner = f"负责人{level}-{counters[level]}"
        obj = add(parent, Kind.OBJECTIVE, code, f"{org}的目的：成为客户的第一选择", position,
                  owner=owner, org_unit=org)
        for g in range(GOALS):
            add(obj, Kind.GOAL, f"{code}-G{g + 1}", f"{org} 目标 {g + 1}", g, owner=owner, org_unit=org,
                unit="件", baseline=0.0, target=float(rng.randint(50, 500)) * 10, due_date="2026-12-31")
        fan = FAN_OUT[level] if level < len(FAN_OUT) else 0
        children_per_strategy = [fan // STRATEGIES + (1 if s < fan % STRATEGIES else 0) for s in range(STRATEGIES)]
        for s in range(STRATEGIES):
            strategy = add(obj, Kind.STRATEGY, f"{code}-S{s + 1}", f"{org} 策略 {s + 1}", GOALS + s,
                           owner=owner, org_unit=org)
            position = 0
            for m in range(MEASURES[level]):
                lower = rng.random() < 0.2
                add(strategy, Kind.MEASURE, f"{code}-S{s + 1}-M{m + 1}", f"{org} 策略{s + 1} 指标{m + 1}",
                    position, owner=owner, org_unit=org, unit="%", target=80.0 if not lower else 20.0,
                    amber=75.0 if not lower else 25.0, red=65.0 if not lower else 35.0,
                    direction="lower" if lower else "higher")
                position += 1
            if level == len(LEVELS) - 1 or s < STRATEGIES - 1:
                add(strategy, Kind.ACTION, f"{code}-S{s + 1}-A1", f"{org} 行动 {s + 1}", position,
                    owner=owner, org_unit=org, due_date="2026-12-31")
                position += 1
            for _ in range(children_per_strategy[s]):
                objective(strategy, level + 1, position)
                position += 1

    objective(None, 0, 0)
    # Top up with measures under people's strategies until the plan has exactly NODES nodes.
    people_strategies = [n for n in nodes if n["kind"] == Kind.STRATEGY and n["code"].startswith("P")]
    extra = 0
    while len(nodes) < NODES:
        strategy = people_strategies[extra % len(people_strategies)]
        number = 2 + extra // len(people_strategies)
        add(strategy, Kind.MEASURE, f"{strategy['code']}-M{number}", f"补充指标 {number}", 10 + number,
            owner=strategy["owner"], org_unit=strategy["org_unit"], unit="%", target=80.0, amber=75.0, red=65.0)
        extra += 1
    assert len(nodes) == NODES, len(nodes)

    quantified = [n for n in nodes if n["kind"] in (Kind.GOAL, Kind.MEASURE)]
    per_node, rest = divmod(ACTUALS, len(quantified))
    weeks = _weeks(per_node + 1)
    actuals: list[tuple] = []
    for i, node in enumerate(quantified):
        target = node["target"]
        level = target * rng.uniform(0.7, 1.1)
        for week in weeks[: per_node + (1 if i < rest else 0)]:
            level += rng.uniform(-0.03, 0.03) * target
            actuals.append((node["id"], week, round(level, 2), target, ""))
    return nodes, actuals


def write(path: str | Path, seed: int = 7, with_actuals: bool = True) -> Path:
    path = Path(path)
    nodes, actuals = build_rows(seed)
    with Plan.create(path, overwrite=True, durable=False) as plan:     # one big load: no fsync needed
        with plan.batch("create", "bulk load"):
            plan.nodes.bulk_insert(nodes)
            plan.actuals.insert(actuals if with_actuals else [])
        plan.meta.set("name", "Big plan (50,000 nodes)")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ogsm_desktop.bench.bigplan", description=__doc__)
    parser.add_argument("out", help="the .ogsm file to write (replaced if it exists)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    write(args.out, args.seed)
    print(f"wrote {args.out} in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
