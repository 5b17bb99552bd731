"""The subset tag on the fonts of the PDFs Qt writes.

Qt embeds only the glyphs a document uses, and names the subset with its tag in the font descriptor's /FontName
(``QUBAAA+WenQuanYiMicroHei``), but not in the fonts' own /BaseFont, which the PDF standard asks to be the same
name (ISO 32000-1, 9.6.4 and 9.7.4). Readers go by /BaseFont: ``pdffonts`` and a PDF reader's document
properties then say the whole font is embedded. :func:`subset_names` gives the fonts their tagged names as an
incremental update (ISO 32000-1, 7.5.6): a few objects and a cross-reference section appended after the file,
the bytes Qt wrote left as they are. A file laid out otherwise than Qt writes it gets no update: nothing is
guessed in a file this does not understand.
"""

from __future__ import annotations

import re

_START_XREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_SUBSECTION = re.compile(rb"(\d+) (\d+)[ \t]*\r?\n")
_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])(?: \r| \n|\r\n)")
_TRAILER = re.compile(rb"trailer\s*<<(.*?)>>\s*startxref", re.S)
_FONT = re.compile(rb"/Type\s*/Font\s*/Subtype\s*/Type0\b")       # (Qt writes every font as a Type 0 font)
_OBJECT = re.compile(rb"(\d+) (\d+) obj\s*")
_BASE_FONT = re.compile(rb"/BaseFont\s*/([^\s/<>\[\]()]+)")
_DESCRIPTOR = re.compile(rb"/FontDescriptor\s+(\d+) 0 R")
_DESCENDANT = re.compile(rb"/DescendantFonts\s*\[\s*(\d+) 0 R\s*\]")
_FONT_NAME = re.compile(rb"/FontName\s*/([A-Z]{6}\+[^\s/<>\[\]()]+)")
_KEPT_KEYS = re.compile(rb"/(Root|Info)\s+(\d+ \d+ R)|/ID\s*(\[[^\]]*\])")


def subset_names(pdf: bytes) -> bytes:
    """The incremental update that names each font subset of ``pdf`` (as Qt writes it) with its tag; b"" when
    there is none to name, or the file is not laid out as expected."""
    xref = _xref(pdf)
    if xref is None:
        return b""
    offsets, trailer, at = xref
    objects: dict[int, bytes] = {}                      # number → the object's text (its dictionary)

    def read(number: int) -> bytes | None:
        if number not in objects:
            start = offsets.get(number)
            found = _OBJECT.match(pdf, start) if start is not None else None
            end = pdf.find(b"endobj", start) if found else -1
            if not found or int(found.group(1)) != number or end < 0:
                return None
            objects[number] = pdf[found.end():end]
        return objects[number]

    renamed: dict[int, bytes] = {}
    for font in _FONT.finditer(pdf):
        start = pdf.rfind(b" obj", 0, font.start())
        head = _OBJECT.match(pdf, pdf.rfind(b"\n", 0, start) + 1)
        if head is None or offsets.get(int(head.group(1))) != head.start():   # (not an object of the file: skipped)
            continue
        number = int(head.group(1))
        body = read(number)
        if body is None or not body.lstrip().startswith(b"<<"):
            continue
        descendant = _DESCENDANT.search(body)
        cid = read(int(descendant.group(1))) if descendant is not None else None
        descriptor = _DESCRIPTOR.search(cid) if cid is not None else None
        named = read(int(descriptor.group(1))) if descriptor is not None else None
        tagged = _FONT_NAME.search(named) if named is not None else None
        if tagged is None:
            continue
        full, name = tagged.group(1), tagged.group(1).split(b"+", 1)[1]
        fonts = {number: body, int(descendant.group(1)): cid}         # the font and its descendant, named alike
        bases = {n: _BASE_FONT.search(text) for n, text in fonts.items()}
        if any(base is None or base.group(1) != name for base in bases.values()):    # named already, or otherwise
            continue
        for n, base in bases.items():
            renamed[n] = fonts[n][:base.start(1)] + full + fonts[n][base.end(1):]
    if not renamed:
        return b""
    return _update(len(pdf), renamed, trailer, at)


def _xref(pdf: bytes) -> tuple[dict[int, int], bytes, int] | None:
    """The file's last cross-reference table (``object → offset``, in use), its trailer, and where it is; None
    when it is not a plain table (a cross-reference stream, an update already made, a damaged end)."""
    end = _START_XREF.search(pdf, max(0, len(pdf) - 1024))
    if end is None:
        return None
    at = int(end.group(1))
    if not pdf.startswith(b"xref", at):
        return None
    pos = at + 4
    while pdf[pos:pos + 1] in (b" ", b"\r", b"\n"):
        pos += 1
    offsets: dict[int, int] = {}
    while True:
        sub = _SUBSECTION.match(pdf, pos)
        if sub is None:
            break
        first, count = int(sub.group(1)), int(sub.group(2))
        pos = sub.end()
        for number in range(first, first + count):
            entry = _ENTRY.match(pdf, pos)
            if entry is None:
                return None
            if entry.group(3) == b"n":
                offsets[number] = int(entry.group(1))
            pos = entry.end()
    trailer = _TRAILER.match(pdf, pos)
    if trailer is None or b"/Prev" in trailer.group(1) or b"/Encrypt" in trailer.group(1):
        return None
    return offsets, trailer.group(1), at


def _update(length: int, renamed: dict[int, bytes], trailer: bytes, previous: int) -> bytes:
    """The objects ``renamed`` appended after ``length`` bytes, their cross-reference section and the trailer."""
    size = re.search(rb"/Size\s+(\d+)", trailer)
    if size is None:
        return b""
    out = bytearray(b"\n")
    where: dict[int, int] = {}
    for number in sorted(renamed):
        where[number] = length + len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, renamed[number].rstrip())
    xref = length + len(out)
    out += b"xref\n0 1\n0000000000 65535 f \n"          # (the head of the free list, as the first section says it)
    for number in sorted(where):
        out += b"%d 1\n%010d 00000 n \n" % (number, where[number])
    kept = b" ".join(m.group(0) for m in _KEPT_KEYS.finditer(trailer))
    out += b"trailer\n<< /Size %s %s /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (size.group(1), kept, previous, xref)
    return bytes(out)
