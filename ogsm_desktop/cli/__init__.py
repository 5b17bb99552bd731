"""The command line: ``ogsm-desktop [PLAN]`` opens the window; ``ogsm-desktop COMMAND …`` works without one.

Exit codes: 0 success, 1 input refused (nothing written), 2 usage error. Messages go to stderr and
name the file (and, for spreadsheets, the sheet, row and column). Qt and matplotlib are imported
only by the commands that need them, so the command line starts fast.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType

from .. import __version__
from ..core import i18n
from ..core.errors import PlanError
from ..core.fields import ValueProblem, check_text
from ..core.i18n import N_, _, labelled, quoted
from ..core.places import os_problem
from ..core.storage.errors import StorageError, one_line, plan_error
from .common import PROG, OutputClosed, UsageError, drop_output, err, flush, has_display


class _Command:
    """The function ``name`` of the module ``load()`` returns, imported when the command runs: the window,
    started by the same entry point, does not import every command's modules (a tenth of its start-up). Each
    loader imports its module by name, as the packaged app's analysis (PyInstaller) reads them."""

    def __init__(self, load: Callable[[], ModuleType], name: str):
        self.load, self.__name__ = load, name

    def __call__(self, args) -> int:
        return getattr(self.load(), self.__name__)(args)


def _plan_commands() -> ModuleType:
    from . import plan_commands
    return plan_commands


def _history_commands() -> ModuleType:
    from . import history_commands
    return history_commands


def _department_commands() -> ModuleType:
    from . import department_commands
    return department_commands


def _excel_commands() -> ModuleType:
    from . import excel_commands
    return excel_commands


def _report_commands() -> ModuleType:
    from . import report_commands
    return report_commands


def _numbers_commands() -> ModuleType:
    from . import numbers_commands
    return numbers_commands


cmd_demo, cmd_tree = _Command(_plan_commands, "cmd_demo"), _Command(_plan_commands, "cmd_tree")
cmd_lint, cmd_check = _Command(_plan_commands, "cmd_lint"), _Command(_plan_commands, "cmd_check")
cmd_history, cmd_versions = _Command(_history_commands, "cmd_history"), _Command(_history_commands, "cmd_versions")
cmd_snapshot, cmd_diff = _Command(_history_commands, "cmd_snapshot"), _Command(_history_commands, "cmd_diff")
cmd_restore = _Command(_history_commands, "cmd_restore")
cmd_split, cmd_merge = _Command(_department_commands, "cmd_split"), _Command(_department_commands, "cmd_merge")
cmd_refresh = _Command(_department_commands, "cmd_refresh")
cmd_import, cmd_export = _Command(_excel_commands, "cmd_import"), _Command(_excel_commands, "cmd_export")
cmd_alerts, cmd_report = _Command(_report_commands, "cmd_alerts"), _Command(_report_commands, "cmd_report")
cmd_numbers, cmd_review = _Command(_numbers_commands, "cmd_numbers"), _Command(_numbers_commands, "cmd_review")

COMMANDS: dict[str, tuple[Callable, str]] = {          # the help texts are said with _() in build_parser
    "demo": (cmd_demo, N_("write the demo plan (JD.com's new-energy-vehicle OGSM) to a new file")),
    "tree": (cmd_tree, N_("print the cascade, indented, with owner, org unit, status and progress")),
    "lint": (cmd_lint, N_("print the method warnings (advice, never a block)")),
    "history": (cmd_history, N_("print the journal: every change with when, who, old → new and reason")),
    "versions": (cmd_versions, N_("list the named versions")),
    "snapshot": (cmd_snapshot, N_("save the current state as a named version (a reason is required)")),
    "diff": (cmd_diff, N_("compare two versions, or a version and now, with the impact of each change")),
    "restore": (cmd_restore, N_("bring back a version's plan (structure, definitions, targets) as one journaled "
                                "change")),
    "split": (cmd_split, N_("write one org unit's part of the plan to a department plan file, to be worked on "
                            "offline and merged back")),
    "merge": (cmd_merge, N_("merge a department plan file back: its changes since it was handed out, conflicts "
                            "named (exit 1 unless --prefer chooses)")),
    "refresh": (cmd_refresh, N_("bring the company plan's later changes into a department plan file (the merge the "
                                "other way; exit 1 on conflicts unless --prefer chooses)")),
    "import": (cmd_import, N_("import measures and actuals from a workbook (.xlsx .xlsm .xlsb .ods .xls .csv): all "
                              "or nothing, problems named")),
    "export": (cmd_export, N_("export the cascade, measures and actuals to an xlsx")),
    "alerts": (cmd_alerts, N_("print the alerts: measures below target, stale, off course, past red")),
    "report": (cmd_report, N_("write the whole-plan report (one-page OGSM per unit, overview, charts, alerts) as "
                              "PDF")),
    "numbers": (cmd_numbers, N_("print a goal's or measure's numbers period by period; --set writes them (one "
                                "batch)")),
    "review": (cmd_review, N_("print the period review of an org unit: target, actual, achieved, status, and the "
                              "counts")),
    "check": (cmd_check, N_("check the plan file (structure, SQLite's integrity check, every row) and say so in one "
                            "line")),
}
TEXT_ARGUMENTS = ("name", "reason", "code", "version", "a", "b", "sheet", "key", "changes_since", "unit", "period",
                  "as_new_under")
LANG_OPTION = "--lang"
LANG_VALUES = {"en": "en", "zh": "zh_CN", "zh_cn": "zh_CN"}     # what --lang takes (zh_CN too) → i18n's names


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)

    def format_help(self) -> str:
        """argparse ends each heading with an ASCII colon: the language's colon instead (选项：)."""
        text = super().format_help()
        for title in (_("positional arguments"), _("options")):
            text = text.replace(f"\n{title}:\n", "\n" + labelled(title, "").rstrip() + "\n")
        return text


# argparse's own error messages, as it writes them: in the catalogue, so that a missing argument or an
# invalid choice is said in the language spoken too (argparse looks each up through its module's ``_``).
ARGPARSE_MESSAGES = (
    N_("the following arguments are required: %s"), N_("unrecognized arguments: %s"),
    N_("argument %(argument_name)s: %(message)s"), N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"), N_("expected one argument"), N_("expected at least one argument"),
    N_("expected at most one argument"), N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"), N_("one of the arguments %s is required"))
argparse._ = lambda message: str(_(message))


class _Parser(argparse.ArgumentParser):
    """argparse in the language spoken: its headings, -h and the messages of its own errors (a missing
    argument, an invalid choice: :data:`ARGPARSE_MESSAGES`)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = _("positional arguments")
        self._optionals.title = _("options")
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help=_("show this help message and exit"))

    def error(self, message: str):  # usage errors: exit 2, one line that says where the usage is
        self.exit(2, _("{prog}: error: {message} (see {prog} --help)").format(prog=self.prog,
                                                                               message=one_line(message)) + "\n")


def _day(text: str):
    """A date argument: read like every date in the program, within the years a plan can hold."""
    import datetime as dt

    from ..core.fields import ValueProblem, parse_date

    try:
        return dt.date.fromisoformat(parse_date(text))
    except (ValueProblem, ValueError):
        raise argparse.ArgumentTypeError(_("not a date: {text} (for example 2026-11-30)").format(
            text=quoted(text))) from None


AS_OF_COMMANDS = frozenset({"tree", "alerts", "report", "numbers", "review"})


def build_parser() -> argparse.ArgumentParser:
    """The parser, its help in the language spoken (set it first)."""
    parser = _Parser(prog=PROG, description=_("OGSM Desktop: offline editor for OGSM strategy plans."),
                     epilog=_("Without a command, opens the window: {prog} [PLAN]").format(prog=PROG))
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                        help=_("show program's version number and exit"))
    _add_lang(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (_func, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=_(help_text), description=_(help_text))
        _add_arguments(p, name)
        _add_lang(p)                     # accepted after the command too
    return parser


def _add_arguments(p: argparse.ArgumentParser, name: str) -> None:
    """The arguments of the command ``name``."""
    from ..core import versions as ver
    from .excel_commands import LISTED

    if name == "demo":
        p.add_argument("out", metavar="OUT.ogsm")
        p.add_argument("--force", action="store_true", help=_("replace OUT if it exists"))
        return
    p.add_argument("plan", metavar="PLAN")
    if name in AS_OF_COMMANDS:
        p.add_argument("--as-of", "--today", dest="as_of", type=_day, default=None,
                       help=_("judge the numbers as of this date (YYYY-MM-DD; default: today)"))
    if name == "history":
        p.add_argument("--code", help=_("only the changes of the node with this code"))
        p.add_argument("--limit", type=int, default=20,
                       help=_("list actual values one by one up to this many per batch (default 20)"))
    elif name == "snapshot":
        p.add_argument("--name", required=True)
        p.add_argument("--reason", required=True)
    elif name == "diff":
        # Translators: 'now' and now are typed as they are (the word the command takes for the current plan).
        p.add_argument("a", metavar="A", help=_("a version name, or 'now'"))
        # Translators: now is typed as it is.
        p.add_argument("b", metavar="B", nargs="?", default=ver.NOW, help=_("a version name (default: now)"))
    elif name == "restore":
        p.add_argument("version", metavar="A")
        p.add_argument("--reason", required=True)
        p.add_argument("--numbers", action="store_true",
                       help=_("also make the actual values as they were (by default those recorded since stay)"))
    elif name == "split":
        p.add_argument("code", metavar="CODE", help=_("the org unit's objective (D1, …)"))
        p.add_argument("out", metavar="OUT.ogsm")
        p.add_argument("--reason", help=_("the reason kept in the department file's history"))
        p.add_argument("--force", action="store_true", help=_("replace OUT if it exists"))
    elif name == "merge":
        p.add_argument("department", metavar="DEPT.ogsm")
        p.add_argument("--dry-run", action="store_true", help=_("show the changes and conflicts, write nothing"))
        p.add_argument("--prefer", choices=("company", "department"),
                       help=_("how every conflict is resolved (without it, conflicts refuse the merge)"))
        p.add_argument("--reason", help=_("the reason journaled with the merge (default: the file and the unit)"))
        p.add_argument("--as-new-under", metavar="CODE",
                       help=_("a file whose unit was deleted in the plan: bring it back as a new unit under this "
                              "strategy"))
    elif name == "refresh":
        p.add_argument("company", metavar="COMPANY.ogsm", help=_("the company plan the department file was cut from"))
        p.add_argument("--dry-run", action="store_true", help=_("show the changes and conflicts, write nothing"))
        p.add_argument("--prefer", choices=("company", "department"),
                       help=_("how every conflict is resolved (without it, conflicts refuse the refresh)"))
        p.add_argument("--reason", help=_("the reason journaled with the refresh (default: the company plan's file)"))
    elif name == "import":
        p.add_argument("xlsx", metavar="WORKBOOK", help=_(".xlsx, .xlsm, .xlsb, .ods, .xls or .csv"))
        p.add_argument("--dry-run", action="store_true", help=_("check and count, write nothing"))
        p.add_argument("--reason", help=_("the reason journaled with the import (default: the file name)"))
        p.add_argument("--sheet", help=_("a sheet without plan codes, read through --key and --map"))
        p.add_argument("--key", help=_("that sheet's key columns, as letters: A or A,B"))
        p.add_argument("--map", help=_("a CSV of key,code[,actual|target] lines mapping keys to plan measures"))
        p.add_argument("--period", metavar="COL",
                       help=_("a long sheet: the column of periods (with --value; default: periods across the header)"))
        p.add_argument("--value", metavar="COL", help=_("a long sheet: the column of numbers (with --period)"))
        p.add_argument("--prefer", choices=("plan", "workbook"),
                       help=_("how every value changed in the plan since the workbook was exported is resolved "
                              "(without it, such conflicts refuse the import)"))
        p.add_argument("--all", action="store_true",
                       help=_("list every value that changes (default: the first {n})").format(n=LISTED))
    elif name == "numbers":
        p.add_argument("code", metavar="CODE")
        p.add_argument("--set", action="append", metavar="PERIOD=VALUE",
                       help=_("write a value (repeatable; an empty VALUE clears it): 2026-05=1234"))
        which = p.add_mutually_exclusive_group()
        which.add_argument("--target", action="store_true", help=_("the values are targets, not actuals"))
        which.add_argument("--comment", action="store_true", help=_("the values are comments"))
        p.add_argument("--reason", help=_("the reason journaled with the change"))
    elif name == "review":
        p.add_argument("--unit", metavar="CODE", help=_("the org unit's objective (default: the whole plan)"))
        p.add_argument("--period", help=_("2026-05, 2026Q2 or 2026 (default: the quarter of the as-of date)"))
    elif name == "export":
        p.add_argument("out", metavar="OUT.xlsx")
        p.add_argument("--unit", metavar="CODE", help=_("only this org unit's objective and everything below it (D1, "
                                                        "…; default: the whole plan)"))
    elif name == "report":
        p.add_argument("out", metavar="OUT.pdf")
        p.add_argument("--version", help=_("print this named version instead of the current plan"))
        p.add_argument("--changes-since", metavar="VERSION", help=_("add the changes since this version"))
        p.add_argument("--review", metavar="PERIOD", help=_("add the review of a period: 2026-05, 2026Q2 or 2026"))
        p.add_argument("--paper", choices=("a4", "letter"), default="a4",
                       help=_("the paper the landscape pages are for (default: a4)"))
        p.add_argument("--preset", choices=("board", "department"),
                       help=_("a pack for a review meeting: board (cover, the company's one-page OGSM, the cascade "
                              "map, the review of the period, alerts, changes since the last version) or department "
                              "(the same for --unit and everything below it)"))
        p.add_argument("--unit", metavar="CODE", help=_("the unit of a department pack (its objective: D1, …)"))
        p.add_argument("--cascade-map", action="store_true", help=_("add the cascade map of the units in the report"))


def _add_lang(parser: argparse.ArgumentParser) -> None:
    """--lang, for --help: it is taken out of the arguments (see :func:`_take_language`) before they are
    parsed; the parser sees it only abbreviated (--lan zh)."""
    parser.add_argument(LANG_OPTION, metavar="{en,zh}", default=argparse.SUPPRESS,
                        help=_("the language to speak: en (English) or zh (Simplified Chinese); default: the "
                               "locale's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG)"))


def _take_language(argv: list[str]) -> tuple[list[str], str | None, str | None]:
    """``--lang X`` and ``--lang=X``, before the command or after it (not after ``--``): the arguments
    without them, the value given last (None if none) and the problem with it (None if none)."""
    rest: list[str] = []
    value = problem = None
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            rest += argv[i:]
            break
        if arg == LANG_OPTION:
            if i + 1 >= len(argv):
                problem = _("{option}: expected en or zh").format(option=LANG_OPTION)
                break
            value = argv[i + 1]
            i += 2
            continue
        if arg.startswith(LANG_OPTION + "="):
            value = arg.partition("=")[2]
        else:
            rest.append(arg)
        i += 1
    if problem is None and value is not None and _language_named(value) is None:
        problem = _not_a_language(value)
    return rest, value, problem


def _language_named(value: str) -> str | None:
    return LANG_VALUES.get(value.strip().lower().replace("-", "_"))


def _not_a_language(value: str) -> str:
    return _("{option}: {value} is not a language the program speaks (en or zh)").format(option=LANG_OPTION,
                                                                                          value=quoted(value))


def _speak(language: str) -> None:
    """Speak ``language`` from now on (English where its catalogue is missing: gettext falls back)."""
    i18n.set_language(language)


def _utf8_stdio() -> None:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(encoding="utf-8", errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:            # Ctrl-C: a batch in progress was rolled back, an output not put in place
        print(_("{prog}: interrupted").format(prog=PROG), file=sys.stderr)
        return 130


def _main(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _utf8_stdio()
    # The language first, so that everything said (--help too) is said in it: --lang, else the locale.
    argv, lang, problem = _take_language(argv)
    _speak(_language_named(lang) if lang and not problem else i18n.system_language())
    if problem:
        build_parser().error(problem)
    if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-")) or argv[0] == "--gui":
        if argv and argv[0] == "--gui":
            argv = argv[1:]
        if len(argv) > 1:
            build_parser().error(_("unknown command {command} (or more than one plan file given)").format(
                command=quoted(argv[0])))
        if not has_display():
            err(_("{prog}: no display to open the window on (DISPLAY is not set). Use a desktop session, or "
                  "QT_QPA_PLATFORM=offscreen for a headless run; the commands ({prog} --help) need no display.")
                .format(prog=PROG))
            return 1
        # The window collects cycles on a timer of its own (gui/app.py's collector), from here: its modules are
        # imported without Python's collector looking through their objects, all kept, 60 times meanwhile.
        gc.disable()
        from ..gui.app import run_gui

        return run_gui(argv[0] if argv else None, _language_named(lang) if lang else None)
    args = build_parser().parse_args(argv)
    if getattr(args, "lang", None) is not None:      # abbreviated (--lan zh): from here on, at least
        chosen = _language_named(args.lang)
        if chosen is None:
            build_parser().error(_not_a_language(args.lang))
        _speak(chosen)
    if args.command is None:
        build_parser().error(_("a command is required"))
    func = COMMANDS[args.command][0]
    try:
        _check_text(args)
        code = func(args)
        flush()
        return code
    except OutputClosed as exc:
        drop_output()
        return _refused(args, _("the output cannot be written ({reason})").format(reason=exc))
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
        error = f"{type(exc).__name__}: {exc}"
        if plan:
            return _refused(args, _("unexpected error ({error}); if the plan file is damaged, `{prog} check {plan}` "
                                    "says so. Nothing was changed.").format(error=error, prog=PROG, plan=plan))
        return _refused(args, _("unexpected error ({error}). Nothing was changed.").format(error=error))


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
                check_text(value, _("the text"))
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise UsageError(_("{argument}: not valid text (check the terminal's encoding)").format(
                    argument=_spelled(name, args.command))) from None
            except ValueProblem as exc:
                raise UsageError(f"{_spelled(name, args.command)}: {exc}") from None


def _spelled(name: str, command: str) -> str:
    """How the user typed the argument: --reason, or the positional's name as --help shows it (A, B)."""
    if name in ("a", "b") or (name == "version" and command == "restore"):
        return "A" if name in ("a", "version") else "B"
    return f"--{name.replace('_', '-')}"


if __name__ == "__main__":
    sys.exit(main())
