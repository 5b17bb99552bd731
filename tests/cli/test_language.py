"""The language of the command line: ``--lang en|zh`` before or after the command (``--lang=zh`` too),
else the locale; chosen before the parser is built, and taken out before the window's argument is read.

The language is observed inside the command (a stand-in for ``versions``) or by ``i18n.language()``;
the Chinese words themselves are the catalogue's business (tests/test_translations.py)."""

import sys
import types

import pytest

from ogsm_desktop import cli
from ogsm_desktop.cli import main
from ogsm_desktop.core import i18n


@pytest.fixture
def spoken(monkeypatch):
    """The languages ``versions`` was run in (it runs nothing else)."""
    seen: list[str] = []

    def versions(args):
        seen.append(i18n.language())
        return 0

    monkeypatch.setitem(cli.COMMANDS, "versions", (versions, cli.COMMANDS["versions"][1]))
    return seen


@pytest.mark.parametrize("args", [
    ["--lang", "zh", "versions", "plan.ogsm"],
    ["versions", "plan.ogsm", "--lang", "zh"],
    ["versions", "--lang", "zh", "plan.ogsm"],
    ["--lang=zh", "versions", "plan.ogsm"],
    ["versions", "plan.ogsm", "--lang=zh"],
    ["versions", "plan.ogsm", "--lang=zh_CN"],
    ["--lang", "en", "versions", "plan.ogsm", "--lang", "zh"],          # the last one given
])
def test_lang_before_or_after_the_command(spoken, args):
    assert main(args) == 0
    assert spoken == ["zh_CN"]


def test_lang_en(spoken, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert main(["versions", "plan.ogsm", "--lang", "en"]) == 0
    assert main(["--lang=en", "versions", "plan.ogsm"]) == 0
    assert spoken == ["en", "en"]


def test_without_lang_the_locale_decides(spoken, monkeypatch):
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert main(["versions", "plan.ogsm"]) == 0
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert main(["versions", "plan.ogsm"]) == 0
    assert spoken == ["zh_CN", "en"]


@pytest.mark.parametrize(("variables", "expected"), [
    ({"LANGUAGE": "zh_CN:en", "LANG": "C.UTF-8"}, "zh_CN"),
    ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh_CN"),
    ({"LC_MESSAGES": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
    ({"LANG": "fr_FR.UTF-8"}, "en"),                   # a language the program does not speak: English
])
def test_the_first_locale_variable_set_decides(spoken, monkeypatch, variables, expected):
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert main(["versions", "plan.ogsm"]) == 0
    assert spoken == [expected]


def test_lang_overrides_the_locale(spoken, monkeypatch):
    monkeypatch.setenv("LANGUAGE", "en_US")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert main(["versions", "plan.ogsm", "--lang", "zh"]) == 0
    monkeypatch.setenv("LANGUAGE", "zh_CN")
    assert main(["--lang", "en", "versions", "plan.ogsm"]) == 0
    assert spoken == ["zh_CN", "en"]


def test_each_run_chooses_again(spoken):
    """A --lang of one run (in the same process, as the tests run them) is not the next run's language."""
    assert main(["versions", "plan.ogsm", "--lang", "zh"]) == 0
    assert main(["versions", "plan.ogsm"]) == 0
    assert spoken == ["zh_CN", "en"]


def test_an_abbreviated_lang_is_honoured_too(spoken):
    assert main(["versions", "plan.ogsm", "--lan", "zh"]) == 0
    assert spoken == ["zh_CN"]


@pytest.mark.parametrize("args", [
    ["--lang", "fr", "versions", "plan.ogsm"],
    ["versions", "plan.ogsm", "--lang", "de"],
    ["versions", "plan.ogsm", "--lang="],
    ["versions", "plan.ogsm", "--lang"],
    ["--lang", "klingon"],                              # not a window opened on a plan named klingon
    ["versions", "plan.ogsm", "--lan", "fr"],
])
def test_an_unknown_language_is_a_usage_error(spoken, capsys, args):
    with pytest.raises(SystemExit) as exc:
        main(args)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "error:" in err and "--lang" in err and "--help" in err
    assert spoken == []


def test_help_shows_lang_and_is_said_in_the_language_chosen(capsys, monkeypatch):
    said = []
    real = i18n._

    def recording(message):
        said.append((message, i18n.language()))
        return real(message)

    monkeypatch.setattr(cli, "_", recording)
    with pytest.raises(SystemExit) as exc:
        main(["--lang", "zh", "--help"])
    assert exc.value.code == 0
    assert "--lang" in capsys.readouterr().out
    assert ("list the named versions", "zh_CN") in said          # a command's help, translated in Chinese
    with pytest.raises(SystemExit) as exc:
        main(["alerts", "--help", "--lang=en"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "--lang" in out and "print the alerts" in out


def test_a_command_runs_in_chinese(demo_path, capsys):
    assert main(["alerts", str(demo_path), "--lang", "zh"]) == 0
    assert i18n.language() == "zh_CN"
    out = capsys.readouterr().out
    assert "低于目标值" in out and "below target" not in out


@pytest.mark.parametrize("args, said", [
    (["split", "c.ogsm"], "ogsm-desktop split：错误：缺少以下参数：CODE, OUT.ogsm（参见 ogsm-desktop split --help）"),
    (["report", "c.ogsm", "x.pdf", "--preset", "boss"],
     "ogsm-desktop report：错误：参数 --preset：无效的选项：'boss'（可选 'board', 'department'）"
     "（参见 ogsm-desktop report --help）"),
])
def test_a_usage_error_is_said_in_chinese_whole(capsys, args, said):
    """Found by a tester: under --lang zh, argparse's own part of a usage error (a missing argument, an
    invalid choice) was still English."""
    with pytest.raises(SystemExit) as exc:
        main([*args, "--lang", "zh"])
    assert exc.value.code == 2
    assert capsys.readouterr().err == said + "\n"


def test_without_the_catalogue_chinese_is_said_in_english(demo_path, tmp_path, monkeypatch, capsys):
    """A build without the compiled catalogue still runs the commands asked in Chinese."""
    monkeypatch.setattr(i18n, "locale_dir", lambda: tmp_path / "nowhere")
    assert main(["lint", str(demo_path), "--lang", "zh"]) == 0
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert main(["lint", str(demo_path)]) == 0
    assert capsys.readouterr().out.count("method warning") == 2


@pytest.fixture
def window(monkeypatch):
    """The window's entry point replaced (no Qt here): what it was asked to open, in which language (None:
    the window's own preference decides)."""
    import gc

    class Opened(list):
        collecting: list[bool] = []       # whether Python's cycle collector ran on its own as the window started

    opened = Opened()

    def run_gui(argument=None, language=None):
        opened.append((argument, language))
        return 0

    def imported(name):                 # ``from ..gui.app import run_gui``, as the window's modules are imported
        if name != "run_gui":
            raise AttributeError(name)
        opened.collecting.append(gc.isenabled())
        return run_gui

    app = types.ModuleType("ogsm_desktop.gui.app")
    app.__getattr__ = imported
    monkeypatch.setitem(sys.modules, "ogsm_desktop.gui.app", app)
    was = gc.isenabled()
    yield opened
    if was:
        gc.enable()                 # (no window here, whose collector would have taken over)


@pytest.mark.parametrize(("args", "expected"), [
    (["--lang", "zh", "demo.ogsm"], ("demo.ogsm", "zh_CN")),
    (["--lang=zh", "demo.ogsm"], ("demo.ogsm", "zh_CN")),
    (["demo.ogsm", "--lang", "zh"], ("demo.ogsm", "zh_CN")),
    (["--gui", "--lang", "en", "demo.ogsm"], ("demo.ogsm", "en")),
    (["--lang", "zh"], (None, "zh_CN")),
    (["demo.ogsm"], ("demo.ogsm", None)),
    ([], (None, None)),
])
def test_the_window_still_opens_on_the_plan(window, args, expected):
    assert main(args) == 0
    assert window == [expected]


def test_the_window_command_leaves_collecting_to_the_window_before_importing_it(window):
    """The window collects cycles on a timer of its own; its modules are imported with Python's collector off."""
    assert main(["demo.ogsm"]) == 0
    assert window.collecting == [False]


def test_two_plans_for_the_window_are_still_a_usage_error(window, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--lang", "zh", "a.ogsm", "b.ogsm"])
    assert exc.value.code == 2 and capsys.readouterr().err.count("\n") == 1
    assert window == []


def test_without_a_display_the_window_says_so_in_the_language_chosen(monkeypatch, capsys):
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert main(["--lang", "zh"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "DISPLAY" in err and not err.isascii()
    assert main([]) == 1
    assert "no display to open the window on" in capsys.readouterr().err


def test_help_headings_take_the_colon_of_the_language(capsys):
    """Found in the Chinese review: argparse ends its headings with an ASCII colon ("选项:")."""
    import pytest

    from ogsm_desktop.cli import main

    for lang, headings in (("zh", ("位置参数：", "选项：")), ("en", ("positional arguments:", "options:"))):
        with pytest.raises(SystemExit):
            main(["--lang", lang, "lint", "--help"])
        lines = capsys.readouterr().out.splitlines()
        assert all(h in lines for h in headings), (lang, lines[:10])
