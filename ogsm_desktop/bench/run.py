"""``make bench``: the speed and size figures of DESIGN.md §9 on the big plan, each beside the bare
library doing the same work in the same run, so a ratio holds on a noisy machine.

The big plan is generated once into ``bench-data/`` (kept between runs); every run works on a copy.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

from ..core import versions as ver
from ..core.storage import Plan
from . import bigplan
from .scripts import EXCEL_SCRIPT, REPORT_SCRIPT, WINDOW_SCRIPT

STARTS = 15                  # fresh processes each side for the start-up figure
ALERT_RUNS = 5               # the alerts and the bare read, taking turns (1.5-1.9 s each: 3 moved the median a tenth)
GENERATOR_VERSION = "9"      # bump when the generator or the plan format changes
ROOT = Path(__file__).resolve().parents[2]


def _timed(func, *args, **kwargs) -> float:
    start = time.perf_counter()
    func(*args, **kwargs)
    return time.perf_counter() - start


def big_plan(folder: Path) -> Path:
    """The big plan, generated when missing or made by an older generator."""
    path = folder / "big.ogsm"
    if path.exists():
        try:
            with Plan.open(path, readonly=True) as plan:
                if plan.meta.get("bench_generator") == GENERATOR_VERSION:
                    return path
        except Exception:
            pass
    folder.mkdir(parents=True, exist_ok=True)
    print(f"generating the big plan into {path} …", file=sys.stderr)
    bigplan.write(path)
    with Plan.open(path) as plan:
        plan.meta.set("bench_generator", GENERATOR_VERSION)
        plan.checkpoint()
    return path


def _work_copy(source: Path, folder: Path, name: str) -> Path:
    target = folder / name
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, target)
    return target


# ------------------------------------------------------------------------------------ measurements


def _window_time(mode: str, plan: Path, folder: Path) -> dict[str, float]:
    # (both sides with the bench's own settings and log: the program started as a user starts it must not
    # change the user's window layout or last plan)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", OGSM_DESKTOP_LOG_DIR=str(folder / "logs"))
    out = subprocess.run([sys.executable, "-c", WINDOW_SCRIPT, mode, str(plan), str(folder / "settings")],
                         capture_output=True, text=True, env=env, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def compile_package() -> None:
    """Our modules' bytecode, written before the window is timed, as an installed program has it (pip compiles
    what it installs; the packaged app ships it). A Python told to write none (PYTHONDONTWRITEBYTECODE, as on
    some build machines) would otherwise compile every module from its source at each start: about 0.2 s
    that the bare window, made of compiled libraries alone, never pays. Written by a process of its own, so that
    this one's memory (which later figures measure) holds nothing of it."""
    done = subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "ogsm_desktop")],
                          capture_output=True, text=True)
    if done.returncode:                 # a read-only tree, say: the start-up is then timed compiling from source
        print(f"our modules' bytecode could not be written ({done.stderr.strip()[:200]}); the start-up is timed "
              "compiling them from source", file=sys.stderr)


def measure_window(plan: Path, folder: Path, repeats: int
                   ) -> tuple[list[float], list[float], list[float], list[float]]:
    """From the first line of a fresh process to the main window shown on ``plan`` (imports included),
    against a bare PySide6 window with a tree of the same plan's first rows, in fresh processes taking turns
    (the machine's drift hits both alike); ours until the plan can be edited (a big plan is shown first,
    then checked and read in the background), and until its alerts are listed."""
    ours, bare = [], []
    _window_time("ours", plan, folder)      # untimed: a first start (no layout saved yet) and the files read once
    _window_time("bare", plan, folder)
    for _ in range(repeats):
        ours.append(_window_time("ours", plan, folder))
        bare.append(_window_time("bare", plan, folder)["shown"])
    return [t["shown"] for t in ours], bare, [t["ready"] for t in ours], [t["alerts"] for t in ours]


def measure_edit(path: Path, count: int) -> tuple[list[float], list[float]]:
    """Median time of one committed edit with its journal row, against one bare sqlite3 UPDATE committed
    with the same durability (WAL, synchronous=FULL)."""
    rng = random.Random(1)
    with Plan.open(path) as plan:
        ids = rng.sample(sorted(plan.nodes.tree().nodes), count)
        ours = [_timed(plan.nodes.update, nid, title=f"edited {i}") for i, nid in enumerate(ids)]
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    bare = []
    for i, nid in enumerate(ids):
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE nodes SET title = ? WHERE id = ?", (f"bare {i}", nid))
        conn.execute("COMMIT")
        bare.append(time.perf_counter() - start)
    conn.close()
    return ours, bare


def _change_one_percent(plan: Plan, rng: random.Random, round_: int) -> None:
    ids = sorted(plan.nodes.tree().nodes)
    with plan.batch("edit", f"re-plan round {round_}"):
        for nid in rng.sample(ids, len(ids) // 100):
            field = rng.choice(("title", "owner", "target"))
            value = rng.uniform(1, 1000) if field == "target" else f"{field} r{round_} {rng.random():.6f}"
            plan.nodes.update(nid, **{field: value})


def _file_size(path: Path) -> int:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path.stat().st_size


def measure_versions(path: Path, rounds: int) -> dict[str, float]:
    """Save a version; compare the last two versions (1 % apart), the first and the last, and the first two
    (the states furthest back); and the file growth over ``rounds`` versions each changing 1 % of the plan; bare:
    sqlite3 copying the nodes table, and reading it twice."""
    rng = random.Random(2)
    size_before = _file_size(path)
    with Plan.open(path) as plan:
        save = [_timed(ver.save_version, plan, "base", "bench")]
        for r in range(rounds):
            _change_one_percent(plan, rng, r)
            save.append(_timed(ver.save_version, plan, f"v{r}", f"bench round {r}"))
        a, b = ver.resolve(plan, f"v{rounds - 2}"), ver.resolve(plan, f"v{rounds - 1}")
        diff = ver.compare(plan, a, b)
        first, second, last = (ver.resolve(plan, name) for name in ("base", "v0", f"v{rounds - 1}"))
        # Ours and the bare read take turns, five times, so that the machine's drift hits both alike.
        conn = sqlite3.connect(path, isolation_level=None)
        compare, first_last, first_two, bare_read = [], [], [], []
        for _ in range(5):
            compare.append(_timed(ver.compare, plan, a, b))
            first_last.append(_timed(ver.compare, plan, first, last))
            first_two.append(_timed(ver.compare, plan, first, second))
            bare_read.append(_timed(lambda: (conn.execute("SELECT * FROM nodes").fetchall(),
                                             conn.execute("SELECT * FROM nodes").fetchall())))
        conn.close()
    size_after = _file_size(path)
    conn = sqlite3.connect(path, isolation_level=None)
    bare_copy = _timed(lambda: (conn.execute("BEGIN"), conn.execute("CREATE TABLE bench_copy AS SELECT * FROM nodes"),
                                conn.execute("ROLLBACK")))
    conn.close()
    return {
        "save": save, "bare_copy": bare_copy,
        "compare": compare, "bare_read": bare_read, "compare_first_last": first_last, "compare_first_two": first_two,
        "changed_nodes": len(diff.nodes), "size_before": size_before, "size_after": size_after,
    }


def _excel(mode: str, xlsx: Path, plan: Path, folder: Path) -> dict:
    # The files the last run wrote (a plan, a database, a workbook: tens of MB) and the copies just made are
    # written out first: neither side pays for the other's writes, flushed while it runs.
    if hasattr(os, "sync"):
        os.sync()
    out = subprocess.run([sys.executable, "-c", EXCEL_SCRIPT, mode, str(xlsx), str(plan), str(folder)],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure_excel(source: Path, folder: Path, repeats: int, import_repeats: int) -> dict[str, list[dict]]:
    """Import the big plan's 1,000,000 actuals from xlsx into the same plan without actuals, and export the
    big plan; each against the bare libraries doing the same work, ``repeats`` times taking turns (the
    machine's drift hits both alike), the import and its bare side ``import_repeats`` times (some 6 s each,
    with a target 1.2× the bare side's: its median is taken over more runs). Every run is a fresh process."""
    xlsx = folder / "actuals.xlsx"
    if not xlsx.exists():
        print(f"writing {xlsx} (the big plan's actuals) …", file=sys.stderr)
        from ..core.excel.exporter import export

        with Plan.open(source, readonly=True) as plan:
            export(plan, xlsx, sheets=("Actuals",))
    empty = folder / "big-no-actuals.ogsm"
    if not empty.exists():
        bigplan.write(empty, with_actuals=False)
    results: dict[str, list[dict]] = {}
    for round_ in range(max(repeats, import_repeats)):
        modes = ("import-bare", "import-ours") if round_ < import_repeats else ()
        modes += ("import-openpyxl", "export-bare", "export-ours") if round_ < repeats else ()
        for mode in modes:
            if mode == "import-ours":          # each import into a fresh copy of the plan without actuals
                xlsx_used, plan = _work_copy(xlsx, folder, "import.xlsx"), _work_copy(empty, folder, "import.ogsm")
            else:
                xlsx_used, plan = xlsx, source if mode.startswith("export") else empty
            results.setdefault(mode, []).append(_excel(mode, xlsx_used, plan, folder))
    return results


def measure_report(source: Path, folder: Path, repeats: int = 3) -> dict[str, list[dict]]:
    """Every unit's one-page OGSM of the big plan to PDF, against Qt writing one line per unit page: each
    ``repeats`` times in fresh processes, taking turns."""
    out: dict[str, list[dict]] = {"ours": [], "bare": []}
    for _ in range(repeats):
        for mode in ("ours", "bare"):
            done = subprocess.run([sys.executable, "-c", REPORT_SCRIPT, mode, str(source),
                                   str(folder / f"{mode}.pdf")], capture_output=True, text=True, check=True, cwd=ROOT)
            out[mode].append(json.loads(done.stdout.strip().splitlines()[-1]))
    return out


# ------------------------------------------------------------------------------------ monitoring
def _median(func, repeats: int) -> tuple[list[float], object]:
    """Each run's time (the row shows their median, lowest and highest) and the last run's result."""
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return times, result


def _in_a_fresh_process(name: str, *args) -> list[str]:
    """The rows of ``name`` (a function of this module taking a path and a number) measured in a process of
    their own, as a planner's window or command runs them, not in this one after the versions and the
    workbooks: its heap of earlier figures moved the alerts' and the review's by a fifth from run to run."""
    code = (f"import json, sys; from pathlib import Path; from ogsm_desktop.bench.run import {name}; "
            f"print(json.dumps({name}(Path(sys.argv[1]), int(sys.argv[2]))))")
    out = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True, check=True,
                         cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def monitoring_rows(source: Path, repeats: int) -> list[str]:
    """The monthly routine on the big plan: alerts, the review of a quarter, one measure's Numbers panel,
    the statuses of the whole tree — each beside sqlite3 reading every current actual."""
    import datetime as dt

    from ..core import monitoring, numbers, plan_alerts
    from ..core.review import review

    with Plan.open(source, readonly=True) as plan:
        tree = plan.nodes.tree()
        last = plan.conn.execute("SELECT MAX(period_end) FROM actuals").fetchone()[0]
        as_of = dt.date.fromisoformat(last) + dt.timedelta(days=20)
        quarter = f"{last[:4]}-Q{(int(last[5:7]) - 1) // 3 + 1}"        # the quarter of the newest values
        conn = sqlite3.connect(source)

        def bare_read():
            return conn.execute("SELECT node_id, period, actual, target FROM actuals WHERE ended_batch IS NULL"
                                ).fetchall()

        # The bare read and the alerts take turns, as the windows do: the machine's drift hits both alike (read
        # all first, the bare read's median moved the alerts' ratio by a fifth between runs).
        bare, alerts_s, found = [], [], []
        for _ in range(max(ALERT_RUNS, repeats)):
            bare.append(_timed(bare_read))
            took, found = _median(lambda: plan_alerts.evaluate(plan, as_of, tree=tree), 1)
            alerts_s += took
        conn.close()
        review_s, result = _median(lambda: review(plan, quarter, None, as_of), repeats)
        statuses_s, _ = _median(lambda: monitoring.readings(plan, tree, as_of, to_date=False), repeats)
        to_date_s, _ = _median(lambda: monitoring.readings(plan, tree, as_of), repeats)
        measures = [n for n in tree.nodes.values() if n.kind == "measure"][:: max(1, len(tree.nodes) // 200)]
        panel = [_timed(numbers.period_rows, plan, m, as_of) for m in measures]
    return [
        _row(f"evaluate all alert rules on the big plan as of {as_of} ({len(found):,} alerts; bare: sqlite3 reads "
             "every current actual)", alerts_s, bare, "≤ 2 s and ≤ 1.5× bare",
             med(alerts_s) <= 2.0 and med(alerts_s) <= 1.5 * med(bare)),
        _row(f"review of {quarter} for the whole big plan ({len(result.rows):,} goals and measures; bare: as above)",
             review_s, bare, "≤ 2 s", med(review_s) <= 2.0),
        _row("open a measure's Numbers panel: its period rows, median of "
             f"{len(measures)} measures", panel, None, "≤ 50 ms", med(panel) <= 0.050, unit="ms"),
        _row("statuses of every node as the window opens (bare: as above)", statuses_s, bare, "in the open figure",
             True),
        _row("years to date of every measure (the progress column, on a worker thread; bare: as above)", to_date_s,
             bare, "—", True),
    ]


# ------------------------------------------------------------------------------------ departments
def department_rows(source: Path, folder: Path, repeats: int) -> list[str]:
    """Hand every unit of the big plan out to its own file, change 1 % of each file's nodes, merge all back."""
    import random

    from ..core import departments, merge
    from ..core.model import Kind

    work = folder / "departments"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    company = _work_copy(source, work, "company.ogsm")
    with Plan.open(company) as plan:
        top = plan.nodes.by_code("C")
        units = [n for n in plan.nodes.tree().nodes.values()
                 if n.kind is Kind.OBJECTIVE and len(plan.nodes.chain(n.parent_id)) == 2 and n.parent_id != top.id]
        departments.split(plan, units[0].code, work / "identity.ogsm")      # the plan's identity, once
        times = []
        for i in range(repeats):
            start = time.perf_counter()
            departments.split(plan, units[0].code, work / f"split-{i}.ogsm")
            times.append(time.perf_counter() - start)
        split_s, size = times, len(plan.nodes.subtree_ids(units[0].id))
        files = []
        for unit in units:
            path = work / f"{unit.code}.ogsm"
            departments.split(plan, unit.code, path)
            files.append(path)
    bare_split = _bare_copy_unit(company, work / "bare.db", units[0].id)
    rng = random.Random(8)
    changed = 0
    for path in files:
        with Plan.open(path, durable=False) as dept:
            tree = dept.nodes.tree()
            ids = [i for i in tree.nodes if i not in dept.nodes.locked]
            with dept.batch("edit", "bench"):
                for nid in rng.sample(ids, max(1, len(ids) // 100)):
                    dept.nodes.update(nid, title=tree.nodes[nid].title + " ·")
                    changed += 1
    with Plan.open(company) as plan:
        start = time.perf_counter()
        for path in files:
            merge.apply(plan, merge.preview(plan, path))
        merge_s = time.perf_counter() - start
    return [
        _row(f"split one department of the big plan to its file ({size:,} nodes, their numbers; median of {repeats}; "
             "bare: sqlite3 copies the same node and actual rows into a new database)", split_s, bare_split, "≤ 1 s",
             med(split_s) <= 1.0),
        _row(f"merge back {len(files)} department files, each with 1 % of its nodes changed ({changed:,} nodes in all; "
             "bare: —)", merge_s, None, "≤ 10 s", merge_s <= 10.0),
    ]


def _bare_copy_unit(source: Path, target: Path, unit_id: int) -> float:
    target.unlink(missing_ok=True)
    start = time.perf_counter()
    conn = sqlite3.connect(target)
    conn.execute("ATTACH DATABASE ? AS src", (str(source),))
    conn.execute("CREATE TABLE nodes AS SELECT * FROM src.nodes WHERE 0")
    conn.execute("CREATE TABLE actuals AS SELECT * FROM src.actuals WHERE 0")
    conn.execute("""INSERT INTO nodes SELECT * FROM src.nodes WHERE id IN (WITH RECURSIVE sub(id) AS (
                    SELECT ? UNION ALL SELECT n.id FROM src.nodes n JOIN sub ON n.parent_id = sub.id) SELECT id FROM sub)""",
                 (unit_id,))
    conn.execute("INSERT INTO actuals SELECT a.* FROM src.actuals a JOIN nodes n ON n.id = a.node_id "
                 "WHERE a.ended_batch IS NULL")
    conn.commit()
    conn.close()
    return time.perf_counter() - start


# ------------------------------------------------------------------------------------ report
def med(value) -> float:
    """The median of a figure's runs (a figure taken once is its own median)."""
    return statistics.median(value) if isinstance(value, list | tuple) else value


def _row(what: str, ours, bare, target: str, ok: bool | None, unit: str = "s") -> str:
    """A row of the table: each figure the median of its runs, with the lowest and highest beside it so a
    noisy run shows itself (a figure taken once says so)."""
    fmt = {"ms": lambda v: f"{v * 1000:.2f} ms", "MB": lambda v: f"{v:.0f} MB"}.get(unit, lambda v: f"{v:.3f} s")

    def shown(value) -> str:
        if isinstance(value, list | tuple) and len(value) > 1:
            return f"{fmt(med(value))} ({fmt(min(value))}–{fmt(max(value))}, {len(value)} runs)"
        return f"{fmt(med(value))} (1 run)"

    ratio = f"{med(ours) / med(bare):.2f}×" if bare else "—"
    return f"| {what} | {shown(ours)} | {shown(bare) if bare else '—'} | {ratio} | {target} | {'—' if ok is None else 'yes' if ok else 'NO'} |"


def _at_least_one(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("at least 1")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ogsm_desktop.bench", description=__doc__)
    parser.add_argument("--data", type=Path, default=ROOT / "bench-data", help="where the big plan is kept")
    parser.add_argument("--repeats", type=_at_least_one, default=3, help="fresh processes per open measurement")
    parser.add_argument("--edits", type=int, default=200, help="edits timed for the median")
    parser.add_argument("--rounds", type=int, default=100, help="versions, each changing 1%% of the plan")
    parser.add_argument("--excel-repeats", type=_at_least_one, default=3,
                        help="fresh processes per Excel measurement (each round about 2 minutes)")
    parser.add_argument("--import-repeats", type=_at_least_one, default=5,
                        help="fresh processes per side of the import measurement (each round some 12 s)")
    parser.add_argument("--skip-excel", action="store_true", help="leave out the Excel figures (several minutes)")
    parser.add_argument("--skip-report", action="store_true", help="leave out the PDF report figure")
    args = parser.parse_args(argv)

    args.data = args.data / f"v{GENERATOR_VERSION}"      # files of an older generator are left alone
    source = big_plan(args.data)
    with Plan.open(source, readonly=True) as plan:
        n_nodes, n_actuals = len(plan.nodes.tree().nodes), plan.actuals.count()
    print(f"big plan: {n_nodes:,} nodes, {n_actuals:,} actuals ({source})", file=sys.stderr)

    demo_plan = args.data / "demo.ogsm"
    if not demo_plan.exists():
        from ..core import demo

        demo.write(demo_plan)
    compile_package()
    # The start-up is a tenth of a second on either side, and a single slow start among 7 moved the ratio by a
    # tenth (2.37x over 25 runs, 2.53x over 7 in a bench the same hour): its median is taken over 15.
    start_ours, start_bare, start_ready, start_alerts = measure_window(
        _work_copy(demo_plan, args.data, "start.ogsm"), args.data, max(STARTS, args.repeats))
    open_ours, open_bare, open_ready, open_alerts = measure_window(
        _work_copy(source, args.data, "open.ogsm"), args.data, args.repeats)
    edit_ours, edit_bare = measure_edit(_work_copy(source, args.data, "edit.ogsm"), args.edits)
    v = measure_versions(_work_copy(source, args.data, "versions.ogsm"), args.rounds)
    growth = v["size_after"] / v["size_before"] - 1

    rows = [
        "| what | ours | bare | ratio | target | met |",
        "|---|---|---|---|---|---|",
        _row("start-up to the window shown on the default (demo) plan, started as `ogsm-desktop PLAN` starts it "
             "(the entry point, the log, the language), imports included, our modules' bytecode written as "
             "installed (bare: PySide6 window with a tree)", start_ours, start_bare, "≤ 2.5× bare", med(start_ours) <= 2.5 * med(start_bare)),
        _row("the same until every panel is built and painted (the detail editor, the views, the docks: built "
             "once the window's first frame is painted)", start_ready, start_bare, "—", None),
        _row("the same until the alerts are listed (worked out on a worker once the first frame is painted)",
             start_alerts, start_bare, "—", None),
        _row("open the big plan in the window, tree shown, imports included (bare: as above, on the big "
             "plan)", open_ours, open_bare, "≤ 0.5 s or ≤ 3× bare",
             med(open_ours) <= 0.5 or med(open_ours) <= 3 * med(open_bare)),
        _row("the same until the plan can be edited: checked, read, every status shown (it opens in the "
             "background behind the tree shown)", open_ready, open_bare, "—", None),
        _row("the same until the alerts are listed (on a worker)", open_alerts, open_bare, "—", None),
        _row("one edit committed with its journal, median (bare: sqlite3 UPDATE + COMMIT, same fsync)",
             edit_ours, edit_bare, "≤ 10 ms", med(edit_ours) <= 0.010, unit="ms"),
        _row("save a version, median (bare: sqlite3 copies the nodes table)", v["save"], v["bare_copy"],
             "≤ 0.5 s", med(v["save"]) <= 0.5),
        _row(f"compare two versions 1 % apart ({v['changed_nodes']} nodes differ; bare: sqlite3 reads all "
             "nodes twice)", v["compare"], v["bare_read"], "≤ 1× bare", med(v["compare"]) <= med(v["bare_read"])),
        _row(f"compare the first and the {args.rounds}th version (bare: as above)", v["compare_first_last"],
             v["bare_read"], "≤ 1× bare", med(v["compare_first_last"]) <= med(v["bare_read"])),
        _row(f"compare the first two versions, 1 % apart, both {args.rounds - 1} versions back (bare: as above)",
             v["compare_first_two"], v["bare_read"], "≤ 1× bare", med(v["compare_first_two"]) <= med(v["bare_read"])),
        f"| file growth over {args.rounds} versions each changing 1 % | {growth:+.1%} "
        f"({v['size_before'] / 1e6:.1f} → {v['size_after'] / 1e6:.1f} MB) | — | — | ≤ +20 % | "
        f"{'yes' if growth <= 0.20 else 'NO'} |",
    ]
    if not args.skip_excel:
        x = measure_excel(source, args.data, args.excel_repeats, args.import_repeats)

        def seconds(mode: str) -> list[float]:
            return [run["seconds"] for run in x[mode]]

        imp, bare = seconds("import-ours"), seconds("import-bare")
        count, slow = x["import-bare"][0]["count"], x["import-openpyxl"]
        openpyxl_full = [run["seconds"] * count / max(1, run["count"]) for run in slow]
        peak, bare_peak = [run["peak_mb"] for run in x["import-ours"]], [run["peak_mb"] for run in x["import-bare"]]
        rows += [
            _row(f"import {x['import-ours'][0]['count']:,} actuals from xlsx, validated, one batch (bare: "
                 "python-calamine read + one sqlite3 executemany)", imp, bare, "≤ 1.2×", med(imp) <= 1.2 * med(bare)),
            _row("peak memory of that import", peak, bare_peak, "≤ the bare read's", med(peak) <= med(bare_peak),
                 unit="MB"),
            _row(f"the same import against openpyxl read-only reading the rows (timed on {slow[0]['count']:,} rows, "
                 "scaled; shown for scale: openpyxl alone takes some 6× the bare read-and-insert, so the old ≥ 10× "
                 "is no target — the ≤ 1.2× above is)", imp, openpyxl_full, "—", None),
            _row(f"export the big plan to xlsx: cascade, measures, {x['export-ours'][0]['count']:,} actuals (bare: "
                 "openpyxl write-only writing the same cells unstyled)", seconds("export-ours"), seconds("export-bare"),
                 "≥ 4× faster (≤ 0.25×)", med(seconds("export-ours")) <= 0.25 * med(seconds("export-bare"))),
        ]
    if not args.skip_report:
        r = measure_report(source, args.data)
        ours, bare = r["ours"], r["bare"]
        per_100 = [run["seconds"] / run["pages"] * 100 for run in ours]
        rows.append(_row(f"print every unit's one-page OGSM of the big plan to PDF: {ours[0]['pages']:,} pages, "
                         f"{ours[0]['progress']:,} progress reports, cancellable (bare: Qt writes one line per unit "
                         "page; figure per 100 pages)", per_100, [run["seconds"] / run["pages"] * 100 for run in bare],
                         "≤ 1 s per 100 pages", med(per_100) <= 1.0))
    rows += _in_a_fresh_process("monitoring_rows", source, args.repeats)
    rows += department_rows(source, args.data, args.repeats)
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
