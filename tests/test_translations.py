"""The translations: complete, compiled from their sources, shipped in the package, and used.

The sources are refreshed from the code in a temporary copy (Qt's lupdate for the window, Babel for the
core and the command line), so a string added to the code without a translation fails here, as does
a .qm or .mo that was not compiled again after its source changed."""

import ast
import importlib.util
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ogsm_desktop.core import i18n

ROOT = Path(__file__).resolve().parents[1]


def _tools():
    spec = importlib.util.spec_from_file_location("translations_tool", ROOT / "tools" / "translations.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tools():
    return _tools()


def test_every_string_is_translated_and_compiled(tools):
    problems = tools.check()
    assert not problems, "\n".join(problems[:40]) + (f"\n… and {len(problems) - 40} more" if len(problems) > 40 else "")


def _said_in_the_window() -> set[str]:
    """Every literal the window's code passes to tr() or QCoreApplication.translate(), read with ast."""
    found = set()
    for path in (ROOT / "ogsm_desktop" / "gui").rglob("*.py"):
        for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Attribute):
                continue
            at = {"tr": 0, "translate": 1}.get(call.func.attr)
            if at is not None and len(call.args) > at and isinstance(call.args[at], ast.Constant) \
                    and isinstance(call.args[at].value, str):
                found.add(call.args[at].value)
    return found


def test_lupdate_finds_every_string_the_window_says():
    """lupdate's Python reader skips a call it cannot read (a count given as ``box.units_below``): such a
    string would stay English whatever the catalogue holds."""
    in_catalogue = {m.findtext("source") for m in ET.parse(ROOT / "ogsm_desktop" / "assets" / "locale" /
                                                             "ogsm_zh_CN.ts").iter("message")}
    missed = sorted(_said_in_the_window() - in_catalogue)
    assert not missed, missed


def test_the_compiled_files_are_package_data(tools):
    for lang in tools.LANGUAGES:
        for path in (tools.qm_file(lang), tools.mo_file(lang)):
            assert path.exists() and path.is_relative_to(ROOT / "ogsm_desktop"), path
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"assets/**/*"' in pyproject


def test_the_core_speaks_chinese_when_asked():
    from ogsm_desktop.core.labels import RULE_LABELS

    assert i18n.set_language("zh_CN.UTF-8") == "zh_CN"
    said = i18n._(RULE_LABELS["stale"])
    assert said != RULE_LABELS["stale"] and not said.isascii()
    i18n.set_language("en")
    assert i18n._(RULE_LABELS["stale"]) == RULE_LABELS["stale"]


@pytest.mark.parametrize(("name", "expected"), [
    ("zh_CN.UTF-8", "zh_CN"), ("zh_TW", "zh_CN"), ("zh-Hans", "zh_CN"), ("en_GB.UTF-8", "en"),
    ("C.UTF-8", "en"), ("POSIX", "en"), ("de_DE.UTF-8", None), ("", None)])
def test_locale_names(name, expected):
    assert i18n.normalise(name) == expected


def test_the_system_language_follows_the_first_locale_variable_set():
    assert i18n.system_language({"LANG": "zh_CN.UTF-8"}) == "zh_CN"
    assert i18n.system_language({"LANGUAGE": "en_US:zh_CN", "LANG": "zh_CN.UTF-8"}) == "en"
    assert i18n.system_language({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}) == "zh_CN"
    assert i18n.system_language({"LANG": "fr_FR.UTF-8"}) == "en"
    assert i18n.system_language({}) == "en"
