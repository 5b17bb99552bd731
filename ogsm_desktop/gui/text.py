"""Filling the %1, %2 … of a translated text (PySide's ``tr()`` gives a Python str, without ``arg()``), a
command's name without its menu key, and names listed in the order of the user's language."""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import QCollator, QLocale, Qt

_PLACE = re.compile(r"%(\d)")
_MENU_KEY = re.compile(r"\s*\(&\w\)|&(?=\w)")       # "(&U)" after a CJK word, or the "&" of "&Undo"


def fill(template: str, *values) -> str:
    """``template`` with each %N replaced by the Nth value in one pass (a value that holds "%2" stays as it is)."""
    return _PLACE.sub(lambda m: str(values[int(m[1]) - 1]) if 0 < int(m[1]) <= len(values) else m[0], template)


def without_menu_key(text: str) -> str:
    """A command's menu text as a button or a tooltip names it: without its key ("&Undo" → "Undo", "撤销(&U)" →
    "撤销"; Qt only takes the "&" out, leaving "撤销(U)"). "&&" stays one "&"."""
    return _MENU_KEY.sub("", text).strip().replace("&&", "&")


def name_command(action, text: str) -> None:
    """A QAction's menu text (its key marked with "&") and, on buttons and in tooltips, its name without the key."""
    if text != action.text():
        action.setText(text)
        action.setIconText(without_menu_key(text))
        action.setToolTip(without_menu_key(text))


def in_name_order(names: Iterable[str]) -> list[str]:
    """Names (people, org units) as a reader of the window's language orders them: numbers in them by their
    value (个人2 before 个人10), Chinese by its pinyin, letters without regard to case — Qt's collation of
    the language (sorted as text, a big plan listed 个人1, 个人10, 个人100, 个人1000, …)."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:      # (no language chosen yet: the C locale sorts as text)
        locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    collator = QCollator(locale)
    collator.setNumericMode(True)
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return sorted(sorted(names), key=collator.sortKey)    # (names it takes as alike: in one order every time)
