"""The command line: ``ogsm-desktop [PLAN]`` opens the window; ``ogsm-desktop COMMAND …`` works without one.

Exit codes: 0 success, 1 input refused (nothing written), 2 usage error. Messages go to stderr and
name the file (and, for spreadsheets, the sheet, row and column). Qt and matplotlib are imported
only by the commands that need them, so the command line starts fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .. import __version__
from ..core import versions as ver
from ..core.errors import PlanError
from ..core.fields import ValueProblem, check_text
from ..core.places import os_problem
from ..core.storage.errors import StorageError, one_line, plan_error
from .common import PROG, OutputClosed, UsageError, drop_output, err, flush
from .excel_commands import cmd_export, cmd_import
from .history_commands import cmd_diff, cmd_history, cmd_restore, cmd_snapshot, cmd_versions
from .numbers_commands import cmd_numbers, cmd_review
from .plan_commands import cmd_check, cmd_demo, cmd_lint, cmd_tree
from .report_commands import cmd_alerts, cmd_report

COMMANDS: dict[str, tuple[Callable, str]] = {
    "demo": (cmd_demo, "write the demo plan (JD.com's new-energy-vehicle OGSM) to a new file"),
    "tree": (cmd_tree, "print the cascade, indented, with owner, org unit, status and progress"),
    "lint": (cmd_lint, "print the method warnings (advice, never a block)"),
    "history": (cmd_history, "print the journal: every change with when, who, old → new and reason"),
    "versions": (cmd_versions, "list the named versions"),
    "snapshot": (cmd_snapshot, "save the current state as a named version (a reason is required)"),
    "diff": (cmd_diff, "compare two versions, or a version and now, with the impact of each change"),
    "restore": (cmd_restore, "bring back a version's plan (structure, definitions, targets) as one journaled change"),
    "import": (cmd_import, "import measures and actuals from a workbook (.xlsx .xlsm .xlsb .ods .xls .csv): all or "
                           "nothing, problems named"),
    "export": (cmd_export, "export the cascade, measures and actuals to an xlsx"),
    "alerts": (cmd_alerts, "print the alerts: measures below target, stale, off course, past red"),
    "report": (cmd_report, "write the whole-plan report (one-page OGSM per unit, overview, charts, alerts) as PDF"),
    "numbers": (cmd_numbers, "print a goal's or measure's numbers period by period; --set writes them (one batch)"),
    "review": (cmd_review, "print the period review of an org unit: target, actual, achieved, status, and the counts"),
    "check": (cmd_check, "check the plan file (structure, SQLite's integrity check, every row) and say so in one line"),
}
TEXT_ARGUMENTS = ("name", "reason", "code", "version", "a", "b", "sheet", "key", "changes_since", "unit", "period")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors: exit 2, one line that says where the usage is
        self.exit(2, f"{self.prog}: error: {one_line(message)} (see {self.prog} --help)\n")


def _day(text: str):
    """A date argument: read like every date in the program, within the years a plan can hold."""
    import datetime as dt

    from ..core.fields import ValueProblem, parse_date

    try:
        return dt.date.fromisoformat(parse_date(text))
    except (ValueProblem, ValueError):
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (for example 2026-11-30)") from None


AS_OF_COMMANDS = frozenset({"tree", "alerts", "report", "numbers", "review"})


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="OGSM Desktop: offline editor for OGSM strategy plans.",
                     epilog=f"Without a command, opens the window: {PROG} [PLAN]")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (_func, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        if name == "demo":
            p.add_argument("out", metavar="OUT.ogsm")
            p.add_argument("--force", action="store_true", help="replace OUT if it exists")
            continue
        p.add_argument("plan", metavar="PLAN")
        if name in AS_OF_COMMANDS:
            p.add_argument("--as-of", "--today", dest="as_of", type=_day, default=None,
                           help="judge the numbers as of this date (YYYY-MM-DD; default: today)")
        if name == "history":
            p.add_argument("--code", help="only the changes of the node with this code")
            p.add_argument("--limit", type=int, default=20,
                           help="list actual values one by one up to this many per batch (default 20)")
        elif name == "snapshot":
            p.add_argument("--name", required=True)
            p.add_argument("--reason", required=True)
        elif name == "diff":
            p.add_argument("a", metavar="A", help="a version name, or 'now'")
            p.add_argument("b", metavar="B", nargs="?", default=ver.NOW, help="a version name (default: now)")
        elif name == "restore":
            p.add_argument("version", metavar="A")
            p.add_argument("--reason", required=True)
            p.add_argument("--numbers", action="store_true",
                           help="also make the actual values as they were (by default those recorded since stay)")
        elif name == "import":
            p.add_argument("xlsx", metavar="WORKBOOK", help=".xlsx, .xlsm, .xlsb, .ods, .xls or .csv")
            p.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
            p.add_argument("--reason", help="the reason journaled with the import (default: the file name)")
            p.add_argument("--sheet", help="a sheet without plan codes, read through --key and --map")
            p.add_argument("--key", help="that sheet's key columns, as letters: A or A,B")
            p.add_argument("--map", help="a CSV of key,code[,actual|target] lines mapping keys to plan measures")
            p.add_argument("--period", metavar="COL",
                           help="a long sheet: the column of periods (with --value; default: periods across the header)")
            p.add_argument("--value", metavar="COL", help="a long sheet: the column of numbers (with --period)")
        elif name == "numbers":
            p.add_argument("code", metavar="CODE")
            p.add_argument("--set", action="append", metavar="PERIOD=VALUE",
                           help="write a value (repeatable; an empty VALUE clears it): 2026-05=1234")
            which = p.add_mutually_exclusive_group()
            which.add_argument("--target", action="store_true", help="the values are targets, not actuals")
            which.add_argument("--comment", action="store_true", help="the values are comments")
            p.add_argument("--reason", help="the reason journaled with the change")
        elif name == "review":
            p.add_argument("--unit", metavar="CODE", help="the org unit's objective (default: the whole plan)")
            p.add_argument("--period", help="2026-05, 2026Q2 or 2026 (default: the quarter of the as-of date)")
        elif name == "export":
            p.add_argument("out", metavar="OUT.xlsx")
        elif name == "report":
            p.add_argument("out", metavar="OUT.pdf")
            p.add_argument("--version", help="print this named version instead of the current plan")
            p.add_argument("--changes-since", metavar="VERSION", help="add the changes since this version")
            p.add_argument("--review", metavar="PERIOD", help="add the review of a period: 2026-05, 2026Q2 or 2026")
    return parser


def _utf8_stdio() -> None:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(encoding="utf-8", errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:            # Ctrl-C: a batch in progress was rolled back, an output not put in place
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130


def _main(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _utf8_stdio()
    if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-")) or argv[0] == "--gui":
        if argv and argv[0] == "--gui":
            argv = argv[1:]
        if len(argv) > 1:
            build_parser().error(f"unknown command {argv[0]!r} (or more than one plan file given)")
        from ..gui.app import run_gui

        return run_gui(argv[0] if argv else None)
    args = build_parser().parse_args(argv)
    if args.command is None:
        build_parser().error("a command is required")
    func = COMMANDS[args.command][0]
    try:
        _check_text(args)
        code = func(args)
        flush()
        return code
    except OutputClosed as exc:
        drop_output()
        return _refused(args, f"the output cannot be written ({exc})")
    except UsageError as exc:
        build_parser().error(str(exc))
    except PlanError as exc:
        return _refused(args, exc)
    except StorageError as exc:          # SQLite, past the storage's own checks: still one line
        return _refused(args, plan_error(exc, getattr(args, "plan", None) or args.out))
    except BrokenPipeError:      # `… | head` closed the pipe: not an error of ours
        drop_output()
        return 0
    except OSError as exc:
        return _refused(args, os_problem(Path(exc.filename or getattr(args, "plan", "") or "."), exc))
    except Exception as exc:             # the last net: one line, never a traceback (OGSM_DESKTOP_DEBUG=1 shows it)
        if os.environ.get("OGSM_DESKTOP_DEBUG"):
            raise
        plan = getattr(args, "plan", None)
        hint = f"; if the plan file is damaged, `{PROG} check {plan}` says so" if plan else ""
        return _refused(args, f"unexpected error ({type(exc).__name__}: {exc}){hint}. Nothing was changed.")


def _refused(args, problem) -> int:
    err(f"{PROG} {args.command}: {problem}")
    return 1


def _check_text(args) -> None:
    """Names, reasons and codes go into the plan: they must be text (a terminal in another encoding can
    hand over bytes that are not)."""
    for name in TEXT_ARGUMENTS:
        value = getattr(args, name, None)
        if isinstance(value, str):
            try:
                check_text(value, "the text")
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise UsageError(f"{_spelled(name, args.command)}: not valid text (check the terminal's encoding)") from None
            except ValueProblem as exc:
                raise UsageError(f"{_spelled(name, args.command)}: {exc}") from None


def _spelled(name: str, command: str) -> str:
    """How the user typed the argument: --reason, or the positional's name as --help shows it (A, B)."""
    if name in ("a", "b") or (name == "version" and command == "restore"):
        return "A" if name in ("a", "version") else "B"
    return f"--{name.replace('_', '-')}"


if __name__ == "__main__":
    sys.exit(main())
