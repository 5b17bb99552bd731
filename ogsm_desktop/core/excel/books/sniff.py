"""What a file is, from its content (never from its name alone): the spreadsheet formats the import
reads, and the look-alikes it names in the refusal (a Word document, a web page saved as .xls, a PDF)."""

from __future__ import annotations

import codecs
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ...i18n import N_, _

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"     # old .xls/.doc, and every encrypted Office file
TEXT_SUFFIXES = frozenset({".csv", ".txt", ".tsv"})

_MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": "xlsx",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml": "xlsm",
    "application/vnd.ms-excel.template.macroEnabled.main+xml": "xlsm",
    "application/vnd.ms-excel.sheet.binary.macroEnabled.main": "xlsb",
}
# What a file is, marked here and said with _() where it is named.
_OTHER_OFFICE = {"wordprocessingml": N_("a Word document"), "presentationml": N_("a PowerPoint presentation")}
_OTHER_OPENDOCUMENT = {"text": N_("an OpenDocument text document (.odt)"),
                       "presentation": N_("an OpenDocument presentation (.odp)"),
                       "graphics": N_("an OpenDocument drawing (.odg)")}

LABELS = {
    "xlsx": N_("an Excel workbook (.xlsx)"),
    "xlsm": N_("an Excel workbook with macros (.xlsm)"),
    "xlsb": N_("an Excel binary workbook (.xlsb)"),
    "ods": N_("an OpenDocument spreadsheet (.ods)"),
    "xls": N_("an Excel 97–2003 workbook (.xls)"),
    "csv": N_("a text file of comma-separated values (CSV)"),
}


class NotASpreadsheet(Exception):
    """The file is something else; the message says what."""


@dataclass(frozen=True)
class Found:
    kind: str                       # xlsx, xlsm, xlsb, ods, xls, csv
    workbook_part: str | None = None  # OOXML: the workbook part, found through the package relationships

    @property
    def label(self) -> str:
        """What the file is, in the language spoken."""
        return _(LABELS[self.kind])


def sniff(path: Path) -> Found:
    """The kind of spreadsheet ``path`` holds; NotASpreadsheet saying what it is otherwise. OSError when it
    cannot be read; zipfile.BadZipFile when it is a damaged zip."""
    with path.open("rb") as fh:
        head = fh.read(64 * 1024)
    if not head:
        raise NotASpreadsheet(_("an empty file (0 bytes), not a spreadsheet"))
    if head.startswith(b"PK"):
        with zipfile.ZipFile(path) as archive:
            return _zip_kind(archive)
    if head.startswith(OLE_MAGIC):
        return _ole_kind(path)
    if head.startswith(b"%PDF"):
        raise NotASpreadsheet(_("a PDF document, not a spreadsheet"))
    lowered = head[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in head:
        raise NotASpreadsheet(_("an Excel 2003 XML spreadsheet; open it in Excel or LibreOffice and save it as .xlsx"))
    if lowered.startswith((b"<html", b"<!doctype html", b"<table")) or b"<table" in lowered[:1024]:    # (after:
        raise NotASpreadsheet(_("a web page saved as a spreadsheet (HTML); open it in Excel or LibreOffice and save "
                                "it as .xlsx"))                                   # its <Table> is no web page's)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):    # Excel's "Unicode Text": UTF-16, tabs
        text = head[:len(head) // 2 * 2].decode("utf-16", "replace")
        if path.suffix.lower() in TEXT_SUFFIXES or _looks_delimited(text.encode("utf-8")):
            return Found("csv")
    if b"\x00" in head:
        raise NotASpreadsheet(_("not a spreadsheet (a file of another kind)"))
    if path.suffix.lower() in TEXT_SUFFIXES or _looks_delimited(head):
        return Found("csv")
    raise NotASpreadsheet(_("a text file, not a spreadsheet"))


def _looks_delimited(head: bytes) -> bool:
    lines = [line for line in head.splitlines()[:20] if line.strip()]
    if len(lines) < 2:
        return False
    for sep in (b",", b";", b"\t"):
        counts = {line.count(sep) for line in lines[:-1]}          # the last line may be cut
        if len(counts) == 1 and counts.pop() >= 1:
            return True
    return False


def _zip_kind(archive: zipfile.ZipFile) -> Found:
    names = set(archive.namelist())
    if "mimetype" in names:
        mime = archive.read("mimetype")[:200].decode("ascii", "replace").strip()
        if mime.startswith("application/vnd.oasis.opendocument.spreadsheet"):
            return Found("ods")
        if mime.startswith("application/vnd.oasis.opendocument."):
            kind = mime.rsplit(".", 1)[-1].split("-")[0]
            what = _(_OTHER_OPENDOCUMENT[kind]) if kind in _OTHER_OPENDOCUMENT else _("an OpenDocument file")
            raise NotASpreadsheet(_("{what}, not a spreadsheet").format(what=what))
    part = _office_document(archive)
    if part is not None:
        content_type = _content_type(archive, part)
        if content_type in _MAIN_TYPES:
            return Found(_MAIN_TYPES[content_type], part)
        for word, label in _OTHER_OFFICE.items():
            if word in content_type:
                raise NotASpreadsheet(_("{what}, not a spreadsheet").format(what=_(label)))
    if "xl/workbook.xml" in names:
        return Found("xlsx", "xl/workbook.xml")
    if "xl/workbook.bin" in names:
        return Found("xlsb", "xl/workbook.bin")
    if "content.xml" in names:
        return Found("ods")
    raise NotASpreadsheet(_("a zip archive, not a spreadsheet"))


def _office_document(archive: zipfile.ZipFile) -> str | None:
    """The package's main part, as its root relationships name it (it need not be xl/workbook.xml)."""
    import defusedxml.ElementTree as ET

    try:
        rels = ET.fromstring(archive.read("_rels/.rels"))
    except (KeyError, ET.ParseError, ValueError):
        return None
    for rel in rels:
        if str(rel.get("Type", "")).endswith("/officeDocument"):
            return str(rel.get("Target", "")).lstrip("/")
    return None


def _content_type(archive: zipfile.ZipFile, part: str) -> str:
    import defusedxml.ElementTree as ET

    try:
        types = ET.fromstring(archive.read("[Content_Types].xml"))
    except (KeyError, ET.ParseError, ValueError):
        return ""
    for item in types:
        if item.tag.endswith("Override") and str(item.get("PartName", "")).lstrip("/") == part:
            return str(item.get("ContentType", ""))
    suffix = part.rsplit(".", 1)[-1]
    for item in types:
        if item.tag.endswith("Default") and item.get("Extension") == suffix:
            return str(item.get("ContentType", ""))
    return ""


def _ole_kind(path: Path) -> Found:
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            streams = {"/".join(entry) for entry in ole.listdir(streams=True, storages=False)}
    except (OSError, ValueError, IndexError, struct.error):      # olefile's own errors are OSErrors
        raise NotASpreadsheet(_("a damaged Office file (its inner directory cannot be read)")) from None
    if "EncryptionInfo" in streams or "EncryptedPackage" in streams:
        raise NotASpreadsheet(_("a password-protected (encrypted) Office file; save it without a password and "
                                "import that"))
    if "Workbook" in streams or "Book" in streams:
        return Found("xls")
    if "WordDocument" in streams:
        raise NotASpreadsheet(_("an old Word document (.doc), not a spreadsheet"))
    if "PowerPoint Document" in streams:
        raise NotASpreadsheet(_("an old PowerPoint presentation (.ppt), not a spreadsheet"))
    raise NotASpreadsheet(_("an old Office file that is not a spreadsheet"))
