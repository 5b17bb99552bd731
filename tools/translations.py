"""The translation sources and their compiled files — `make translations`, and the checks the tests run.

Two catalogues, each with one source of truth in the code:

- the window's words: literal ``self.tr("…")`` / ``QCoreApplication.translate("Context", "…")`` in
  ``ogsm_desktop/gui``, extracted by Qt's ``pyside6-lupdate`` into ``ogsm_<lang>.ts`` and compiled by
  ``pyside6-lrelease`` into ``ogsm_<lang>.qm`` (loaded by a QTranslator);
- what the core and the command line say: literal ``_("…")`` / ``N_("…")`` / ``ngettext(…)`` (see
  ``ogsm_desktop/core/i18n.py``), extracted by Babel into ``<lang>/LC_MESSAGES/ogsm.po`` and compiled into
  ``ogsm.mo`` (read by the standard library's gettext).

All four files are committed and ship inside the package (``ogsm_desktop/assets/locale``).

    python tools/translations.py update     # refresh .ts and .po from the code (new entries untranslated)
    python tools/translations.py compile    # .ts → .qm, .po → .mo
    python tools/translations.py check      # what is unfinished, obsolete or stale; exit 1 if anything
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "ogsm_desktop"
LOCALE = PACKAGE / "assets" / "locale"
LANGUAGES = ("zh_CN",)            # besides English, the source language
DOMAIN = "ogsm"
CORE_SOURCES = [PACKAGE / "core", PACKAGE / "cli"]
GUI_SOURCES = PACKAGE / "gui"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
BIN = Path(sys.executable).parent


def ts_file(lang: str) -> Path:
    return LOCALE / f"ogsm_{lang}.ts"


def qm_file(lang: str) -> Path:
    return LOCALE / f"ogsm_{lang}.qm"


def po_file(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_file(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


def _tool(name: str) -> str:
    found = BIN / name
    return str(found) if found.exists() else (shutil.which(name) or name)


def _gui_files() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in GUI_SOURCES.rglob("*.py"))


# ------------------------------------------------------------------------------------------ Qt (.ts)
def lupdate(lang: str, target: Path) -> None:
    """Refresh ``target`` (a .ts) from the window's code; obsolete entries dropped, no source lines kept
    (they would change with every edit)."""
    subprocess.run([_tool("pyside6-lupdate"), "-silent", "-no-obsolete", "-locations", "none",
                    "-source-language", "en", "-target-language", lang, *_gui_files(), "-ts", str(target)],
                   cwd=ROOT, check=True, capture_output=True, text=True)


def lrelease(source: Path, target: Path) -> None:
    subprocess.run([_tool("pyside6-lrelease"), "-silent", str(source), "-qm", str(target)], check=True,
                   capture_output=True, text=True)


def ts_problems(path: Path) -> list[str]:
    """Entries of a .ts that are not finished: untranslated, marked unfinished, obsolete or vanished, or
    whose translation loses a %1-style placeholder."""
    out = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            tr = message.find("translation")
            kind = tr.get("type") if tr is not None else "missing"
            text = "".join(tr.itertext()) if tr is not None else ""
            if kind in ("unfinished", "obsolete", "vanished", "missing") or not text.strip():
                out.append(f"{path.name}: {name}: {kind or 'empty'}: {source!r}")
            elif sorted(re.findall(r"%\d", source)) != sorted(re.findall(r"%\d", text)):
                out.append(f"{path.name}: {name}: placeholders differ: {source!r} → {text!r}")
    return out


# --------------------------------------------------------------------------------------- gettext (.po)
def extract_template():
    """The core's and the command line's messages, from the code."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    template = Catalog(project="OGSM Desktop", domain=DOMAIN)
    for folder in CORE_SOURCES:
        for filename, lineno, message, comments, context in extract_from_dir(
                str(folder), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("Translators:", "TRANSLATORS:")):
            template.add(message, None, [(str(Path(folder.name) / filename), lineno)], auto_comments=comments,
                         context=context)
    return template


def _read_po(path: Path):
    from babel.messages.pofile import read_po

    with open(path, "rb") as f:
        return read_po(f)


def update_po(lang: str) -> None:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    path = po_file(lang)
    template = extract_template()
    if path.exists():
        catalog = _read_po(path)
        template.creation_date = catalog.creation_date     # the header stays as it is: no churn in the .mo
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
    else:
        catalog = Catalog(locale=lang, domain=DOMAIN, project="OGSM Desktop")
        catalog.update(template, no_fuzzy_matching=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        write_po(f, catalog, width=0, no_location=True, sort_output=True, omit_header=False,
                 include_previous=False)


def mo_bytes(lang: str) -> bytes:
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, _read_po(po_file(lang)), use_fuzzy=False)
    return buffer.getvalue()


def _placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"\{[a-z_0-9]*\}", text))


def po_problems(lang: str) -> list[str]:
    """Messages of the code missing from the .po, untranslated, fuzzy or obsolete ones, translations that
    lose a {placeholder}, and a .mo that is not the compiled .po."""
    path = po_file(lang)
    if not path.exists():
        return [f"{path}: missing (make translations)"]
    catalog = _read_po(path)
    out = []
    known = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}
    for message in extract_template():
        key = message.id if isinstance(message.id, str) else message.id[0]
        if message.id and key not in known:
            out.append(f"{path.name}: not in the catalogue (make translations): {key!r}")
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(s.strip() for s in strings):
            out.append(f"{path.name}: {'fuzzy' if message.fuzzy else 'untranslated'}: {ids[0]!r}")
            continue
        for s in strings:
            if _placeholders(s) != _placeholders(ids[-1]) and _placeholders(s) != _placeholders(ids[0]):
                out.append(f"{path.name}: placeholders differ: {ids[0]!r} → {s!r}")
    for key in catalog.obsolete:
        out.append(f"{path.name}: obsolete: {key!r}")
    if not mo_file(lang).exists() or mo_file(lang).read_bytes() != mo_bytes(lang):
        out.append(f"{mo_file(lang).name} of {lang} is not the compiled .po (make translations)")
    return out


# ------------------------------------------------------------------------------------------- commands
def update() -> None:
    for lang in LANGUAGES:
        LOCALE.mkdir(parents=True, exist_ok=True)
        lupdate(lang, ts_file(lang))
        update_po(lang)


def compile_all() -> None:
    for lang in LANGUAGES:
        lrelease(ts_file(lang), qm_file(lang))
        mo_file(lang).write_bytes(mo_bytes(lang))


def check() -> list[str]:
    """Every problem of every language's translations; empty when all is translated and compiled."""
    out = []
    for lang in LANGUAGES:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / ts_file(lang).name
            if ts_file(lang).exists():
                shutil.copy(ts_file(lang), fresh)
            lupdate(lang, fresh)                  # the committed .ts merged with the code as it is now
            out += ts_problems(fresh)
            if fresh.read_bytes() != (ts_file(lang).read_bytes() if ts_file(lang).exists() else b""):
                out.append(f"{ts_file(lang).name} is not up to date with the code (make translations)")
            qm = Path(tmp) / "fresh.qm"
            lrelease(ts_file(lang), qm)
            if not qm_file(lang).exists() or qm.read_bytes() != qm_file(lang).read_bytes():
                out.append(f"{qm_file(lang).name} is not the compiled .ts (make translations)")
        out += po_problems(lang)
    return out


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "check":
        problems = check()
        print("\n".join(problems) or "translations complete")
        return 1 if problems else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
