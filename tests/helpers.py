"""Helpers shared by the tests."""

import hashlib
import os
from pathlib import Path


def file_digest(path: Path) -> str:
    """The bytes of a plan file and its WAL: equal digests mean nothing was written."""
    h = hashlib.sha256()
    for p in (path, Path(f"{path}-wal")):
        if p.exists():
            h.update(p.read_bytes())
    return h.hexdigest()


def write_xlsx(path: Path, sheets: dict[str, list[list]], merge: dict[str, str] | None = None) -> Path:
    """A workbook with these sheets and rows (openpyxl, as many programs write them)."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for rng in (merge or {}).get(name, "").split():
            ws.merge_cells(rng)
    wb.save(path)
    return path


def values_of(plan, code: str) -> dict[str, tuple]:
    """A measure's current values: period → (actual, target, comment)."""
    return {a.period: (a.actual, a.target, a.comment) for a in plan.actuals.of(plan.nodes.by_code(code).id)}


def open_on(path: Path) -> list[str] | None:
    """This process's open files on ``path`` (None where the system does not say)."""
    if not os.path.isdir("/proc/self/fd"):
        return None
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.path.realpath(f"/proc/self/fd/{fd}") == str(path.resolve()):
                found.append(fd)
        except OSError:
            pass
    return found


def font_names(pdf: Path) -> dict[str, tuple[str, str]]:
    """Each font of ``pdf`` (read back with a PDF reader, strictly), by its descriptor's name: its own name and
    its descendant's, as readers (pdffonts, a viewer's document properties) read them."""
    import pypdf

    out = {}
    for page in pypdf.PdfReader(pdf, strict=True).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descendant = descendant.get_object()
                out[str(descendant["/FontDescriptor"].get_object()["/FontName"])] = (str(font["/BaseFont"]),
                                                                                    str(descendant["/BaseFont"]))
    return out


def assert_fonts_named_as_subsets(pdf: Path) -> None:
    """Every font is a subset (its descriptor's name begins with a tag, ABCDEF+) and is called so by its own
    name and its descendant's (Qt tags only the descriptor's: core/pdf_subsets.py)."""
    import re

    names = font_names(pdf)
    assert names
    for descriptor, (own, descendant) in names.items():
        assert re.fullmatch(r"/[A-Z]{6}\+.+", descriptor), descriptor
        assert own == descendant == descriptor, (descriptor, own, descendant)
