"""The language the program speaks: English (the source) or Simplified Chinese.

What the core and the command line say — errors, lint warnings, alerts, statuses, kinds, Excel headers,
report headings — is written in English inside ``_("…")`` (or ``N_("…")`` where a constant is kept and
translated when used) and translated through the gettext catalogue ``ogsm`` in
``ogsm_desktop/assets/locale/<language>/LC_MESSAGES/``. The window's own words are Qt's ``tr()`` and
its ``.qm`` file beside it; both are refreshed by ``make translations``.

One language per process: the command line takes it from ``--lang`` or the locale, the window from its
preferences (else the system's locale), before anything is said.
"""

from __future__ import annotations

import gettext
import os
import string

from ..resources import resource_path

DOMAIN = "ogsm"
LANGUAGES = ("en", "zh_CN")          # the first is the source language
_current: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def locale_dir():
    return resource_path("locale")


def normalise(name: str | None) -> str | None:
    """``zh``, ``zh_CN.UTF-8``, ``zh-Hans``, ``zh_SG`` → ``zh_CN``; ``en…`` → ``en``; anything else None."""
    if not name:
        return None
    low = name.strip().lower().replace("-", "_")
    if low.startswith("zh"):
        return "zh_CN"
    if low.startswith("en") or low in ("c", "posix") or low.startswith("c."):
        return "en"
    return None


def system_language(environ=None) -> str:
    """The language of the locale the program was started in (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``,
    ``LANG``, the first that is set), English for any language it does not speak."""
    env = os.environ if environ is None else environ
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value:
            first = value.split(":")[0]
            return normalise(first) or "en"
    return "en"


def set_language(language: str | None) -> str:
    """Speak ``language`` (one of :data:`LANGUAGES`, or a locale name) from now on; returns the one set."""
    global _current, _language
    chosen = normalise(language) or "en"
    if chosen == "en":
        _current = gettext.NullTranslations()
    else:
        _current = gettext.translation(DOMAIN, str(locale_dir()), languages=[chosen], fallback=True)
    _language = chosen
    return chosen


def language() -> str:
    return _language


class _Quoting(string.Formatter):
    """``{value!r}`` of a text gives it in quotation marks, as the window quotes what a user typed:
    “12abc”, 工作表“实际值” — not Python's '12abc' (and '工作表' beside Chinese punctuation)."""

    def convert_field(self, value, conversion):
        if conversion == "r":
            return quoted(value)
        return super().convert_field(value, conversion)


_QUOTING = _Quoting()


class Message(str):
    """A message in the language spoken; its :meth:`format` quotes the texts given with ``!r``."""

    __slots__ = ()

    def format(self, /, *args, **kwargs) -> str:
        if "!r" not in self:
            return str.format(self, *args, **kwargs)
        return _QUOTING.vformat(self, args, kwargs)


def quoted(value) -> str:
    """A text in quotation marks, its control characters shown as their symbols (ESC → ␛), so that what
    is quoted is seen whole: “a value ”, “a␊b”; anything else as Python writes it (120, None)."""
    from .fields import visible  # (fields speaks through this module)

    return f"“{visible(value)}”" if isinstance(value, str) else repr(value)


def _(message: str) -> str:
    """``message`` (English, a literal so the extractor finds it) in the language spoken."""
    return Message(_current.gettext(message))


def ngettext(singular: str, plural: str, n: int) -> str:
    return Message(_current.ngettext(singular, plural, n))


def N_(message: str) -> str:
    """Marks a constant for the catalogue; it is translated with ``_()`` where it is used."""
    return message


def labelled(label: str, text: str) -> str:
    """``text`` after what it is about — a place and its problem, a period and its refusal — with the colon
    of the language spoken ("row 2: …", "第 2 行：…")."""
    # TRANSLATORS: a text after what it is about (a place, a period): keep both, change only the colon
    return _("{label}: {text}").format(label=label, text=text)


def bracketed(text) -> str:
    """``text`` as a remark after what it is about, in the round brackets of the language spoken (" (2026-10)"
    with its space; "（2026-10）", whose brackets bring their own)."""
    # TRANSLATORS: a remark in round brackets after a word: " ({text})" in English (keep the space),
    # "（{text}）" in Chinese
    return _(" ({text})").format(text=text)


def enumerated(items) -> str:
    """Names, codes or choices listed as one enumeration, with its comma in the language spoken ("D1-G2,
    D1-S2-M1"; "D1-G2、D1-S2-M1"). Parts of a place or of a sentence take :func:`listed`."""
    out = None
    # TRANSLATORS: two items of an enumeration (names, codes, choices): "{first}, {second}" in English,
    # "{first}、{second}" in Chinese (the enumeration comma)
    template = _("{first}, {second}")
    for item in items:
        out = str(item) if out is None else template.format(first=out, second=item)
    return out or ""


def listed(items, *, parts: bool = False) -> str:
    """The parts of a place or of a clause one after another, with the comma of the language spoken
    ("sheet “A”, row 2"); ``parts``: the parts of a description, with its semicolon. A list of names
    or choices is :func:`enumerated`."""
    if parts:
        # TRANSLATORS: the separator of the parts of a description: "; " in English, "；" in Chinese
        return str(_("; ")).join(str(i) for i in items)
    # TRANSLATORS: the separator of the parts of a place or a clause: ", " in English, "，" in Chinese
    return str(_(", ")).join(str(i) for i in items)
