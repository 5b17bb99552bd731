"""Filling the %1, %2 … of a translated text (PySide's ``tr()`` gives a Python str, without ``arg()``), and a
command's name without its menu key."""

from __future__ import annotations

import re

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
