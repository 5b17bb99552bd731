"""The spreadsheet formats python-calamine reads (.xlsx, .xlsm, .xlsb, .ods, .xls), each sheet scanned and
sized (limits.py) before the reader library loads it."""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path

from ...i18n import _
from ...native import is_rust_panic, quiet_panics
from .limits import ExtentError, check_extent
from .ods import scan_ods
from .ooxml import Package, PackageError, SheetScan, check_sizes, percent_styles_bin
from .parts import joined, load_parts, remove
from .properties import custom_properties
from .sheet import Between, Sheet
from .sniff import Found
from .styles import percent_styles
from .xls import scan_xls

SUFFIXES = {"xlsx": (".xlsx", ".xltx"), "xlsm": (".xlsm", ".xltm"), "xlsb": (".xlsb",), "ods": (".ods", ".ots"),
            "xls": (".xls", ".xlt")}


class ReaderError(ValueError):
    """The reader library could not read the file or a sheet; the message says what, in plain words."""


def plain(exc: Exception) -> str:
    """What the reader library said, in words a planner can act on (never its parser's jargon)."""
    text = " ".join(str(exc).split())
    low = text.lower()
    if "entity" in low or "doctype" in low or "dtd" in low:
        return _("it contains an XML entity expansion (or a document type definition) and was refused")
    if "deflate" in low or "checksum" in low or "crc" in low:
        return _("a part of it does not unpack (a damaged file)")
    if "not found" in low or "missing" in low:
        return _("a part of it is missing (a damaged file)")
    if "password" in low or "encrypt" in low:
        return _("it is password-protected; save it without a password and import that")
    # The library's own words (English, its parser's) go to the log for whoever looks into it; the planner is
    # told what the file is and what to do, in their language.
    logging.getLogger("ogsm_desktop").info("the reader library could not read a sheet: %s", text[:500])
    return _("its cells are not written as the format says (a damaged file, or one an unusual program wrote); open "
             "it in Excel or LibreOffice, save it, and import that")


def _reader_stopped(exc: BaseException) -> str:
    """The reader library stopped on something it does not handle (a cell pointing past the table of texts
    of an .xlsb, say): said with the library's own first line, and what to try."""
    first = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
    return _("the reader stopped on something it does not handle ({reason}); if Excel or LibreOffice opens "
             "the file, save it again there and import that copy").format(reason=first)


class CalamineBook:
    """An opened workbook: its sheets' names, and each sheet on demand."""

    def __init__(self, path: Path, found: Found, between: Between = None):
        """``between``: called between two blocks of the scan of an .ods or .xls, made whole as it is opened
        (sheet.Between)."""
        import python_calamine as pc

        self.path, self.found = path, found
        self.label = found.label
        self.size = path.stat().st_size
        self._archive: zipfile.ZipFile | None = None
        self._package: Package | None = None
        self._scans: dict[str, SheetScan] = {}
        self._percent: frozenset[int] = frozenset()
        self._opened = None
        self._in_parts = False
        self._written: set[Path] = set()       # folders of sheets written in parts, not loaded yet
        try:
            self._load(pc, between)
        except BaseException:                  # refused: no file is left open (Windows would keep it locked)
            self._close_files()
            raise

    def _load(self, pc, between: Between) -> None:
        path, found = self.path, self.found
        source: object = str(path)
        if found.kind in ("xlsx", "xlsm", "xlsb"):
            self._archive = zipfile.ZipFile(path)
            self._package = Package(self._archive, found.workbook_part or "xl/workbook.xml", found.kind == "xlsb")
            self._package.check_shared_strings()
            self._percent = (percent_styles_bin if found.kind == "xlsb" else percent_styles)(
                self._archive, self._package.styles)
            if not self._package.standard:
                source = self._package.normalised()
        elif found.kind == "ods":
            self._archive = zipfile.ZipFile(path)
            check_sizes(self._archive)
            self._scans = scan_ods(self._archive, between)
        else:
            self._scans = scan_xls(path, between)
        if self._scans:                       # the reader library loads these formats whole when it opens them
            for name, scan in self._scans.items():
                try:
                    check_extent(scan.extent, self.size)
                except ExtentError as exc:
                    raise ExtentError(_("sheet {name!r}: {problem}").format(name=name, problem=exc)) from None
        if isinstance(source, str) and path.suffix.lower() not in SUFFIXES[found.kind]:
            source = path.open("rb")          # named as another kind: the reader library goes by the name
            self._opened = source
        # a big sheet of a package the reader library reads as it is may be loaded in parts (parts.py)
        self._in_parts = found.kind in ("xlsx", "xlsm") and isinstance(source, str)
        try:
            with quiet_panics():
                self._book = (pc.CalamineWorkbook.from_path(source) if isinstance(source, str)
                              else pc.CalamineWorkbook.from_filelike(source))
        except pc.PasswordError:
            raise ReaderError(_("it is password-protected; save it without a password and import that")) from None
        except (pc.CalamineError, pc.XmlError, pc.ZipError, ValueError, OSError) as exc:
            raise ReaderError(plain(exc)) from None
        except BaseException as exc:
            if not is_rust_panic(exc):
                raise
            raise ReaderError(_reader_stopped(exc)) from None
        self.sheet_names: list[str] = list(self._book.sheet_names)
        # hidden sheets as the reader library reads them (an .ods's are in the sheet's style, an .xlsb's in its
        # records); an .xlsx's and an .xls's are read by the scans too
        self._hidden = {m.name for m in self._book.sheets_metadata if m.visible != pc.SheetVisibleEnum.Visible}

    def properties(self) -> dict[str, str]:
        """The workbook's custom document properties (none for an .xls)."""
        return custom_properties(self._archive) if self._archive is not None else {}

    def close(self) -> None:
        self._close_files()
        self._book.close()
        for folder in list(self._written):        # a sheet checked, never loaded (a cancel)
            self._written.discard(folder)
            remove(folder)

    def _close_files(self) -> None:
        if self._archive is not None:
            self._archive.close()
        if self._opened is not None:
            self._opened.close()

    def sheet(self, name: str, between: Between = None) -> Sheet:
        """One sheet, scanned and sized first; ExtentError or PackageError when it is refused."""
        return self.load(name, self.check(name, between))

    def check(self, name: str, between: Between = None) -> SheetScan:
        """Scan and size the sheet ``name`` before the reader library may load it (ExtentError or
        PackageError when it is refused); what the scan found goes to :meth:`load`."""
        try:
            scan = (self._package.scan(name, self._percent, self._in_parts, between) if self._package is not None
                    else self._scans.get(name))
        except ExtentError as exc:         # (cells without their place the scan cannot follow: unplaced.py)
            raise ExtentError(_("sheet {name!r}: {problem}").format(name=name, problem=exc)) from None
        if scan is None:
            raise PackageError(_("sheet {name!r} cannot be checked before it is read (its part is not where the "
                                 "workbook says); refused").format(name=name))
        if scan.parts:
            self._written.add(scan.parts[0].parent)
        try:
            self._refuse(name, scan)
        except BaseException:
            self._let_go(scan)
            raise
        return scan

    def _refuse(self, name: str, scan: SheetScan) -> None:
        """Refuse the sheet ``name`` if what its scan found says it cannot be loaded, or read as it shows."""
        try:
            check_extent(scan.extent, self.size)
        except ExtentError as exc:
            raise ExtentError(_("sheet {name!r}: {problem}").format(name=name, problem=exc)) from None
        if scan.percent_capped:            # the cells past the limit would be read as 0.076 for 7.6 %
            raise ExtentError(_("sheet {name!r}: more than {most:,} cells formatted as a per cent, more than this "
                                "program notes in this kind of file; save the workbook as .xlsx (which has no such "
                                "limit) and import that").format(name=name, most=scan.percent_capped))
        if scan.unplaced:                  # a per cent would be read as 0.076 for 7.6 %, a formula as empty
            raise ExtentError(_("sheet {name!r}: cells formatted as a per cent, or formulas, are written without "
                                "their place in the sheet (as some programs write a workbook), so they cannot be read "
                                "as they show; open the workbook in Excel or LibreOffice, save it, and import "
                                "that").format(name=name))

    def _let_go(self, scan: SheetScan) -> None:
        """Remove the parts a sheet was written in (loaded, or never to be)."""
        if scan.parts:
            folder = scan.parts[0].parent
            scan.parts = None
            self._written.discard(folder)
            remove(folder)

    def load(self, name: str, scan: SheetScan) -> Sheet:
        """The sheet ``name``, checked by :meth:`check` (``scan``), loaded by the reader library: in parts side by
        side when it was written in parts, else (or when they do not line up) whole."""
        if scan.parts:
            try:
                sheet = self._load_in_parts(name, scan)
            finally:
                self._let_go(scan)
            if sheet is not None:
                return sheet
        return self._load_whole(name, scan)

    def _load_in_parts(self, name: str, scan: SheetScan) -> Sheet | None:
        """The sheet loaded from its parts, one thread each; None when they cannot be (then it is loaded whole, and
        any problem of the sheet's own is said from that)."""
        import python_calamine as pc

        def load(path: Path):
            book = pc.CalamineWorkbook.from_path(str(path))
            try:
                return book.get_sheet_by_name(name)
            finally:
                book.close()

        try:
            with quiet_panics():                  # (one hold of the standard error for all the threads)
                loaded = load_parts(scan.parts, load)
        except (pc.CalamineError, pc.XmlError, pc.ZipError, pc.WorksheetNotFound, ValueError, OSError) as exc:
            logging.getLogger("ogsm_desktop").info("sheet %r loaded whole, its parts were not read: %s", name, exc)
            return None
        except BaseException as exc:
            if not is_rust_panic(exc):
                raise
            logging.getLogger("ogsm_desktop").info("sheet %r loaded whole, a part stopped the reader", name)
            return None
        found = joined(loaded)
        if found is None:
            logging.getLogger("ogsm_desktop").info("sheet %r loaded whole: its parts do not line up, or say other "
                                                   "merged cells", name)
            return None
        rows, height, merged = found
        return self._sheet(name, scan, rows, height, merged)

    def _load_whole(self, name: str, scan: SheetScan) -> Sheet:
        import python_calamine as pc

        try:
            with quiet_panics():
                sheet = self._book.get_sheet_by_name(name)
        except (pc.CalamineError, pc.XmlError, pc.ZipError, pc.WorksheetNotFound, ValueError) as exc:
            raise ReaderError(_("sheet {name!r}: {problem}").format(name=name, problem=plain(exc))) from None
        except BaseException as exc:
            if not is_rust_panic(exc):
                raise
            raise ReaderError(_("sheet {name!r}: {problem}").format(name=name, problem=_reader_stopped(exc))) from None
        height = sheet.end[0] + 1 if sheet.end else 0
        offset = sheet.start[1] if sheet.start else 0
        rows = sheet.iter_rows()
        if offset:      # iter_rows starts at the first used column: put the cells back under their letters
            rows = ([""] * offset + row for row in rows)
        return self._sheet(name, scan, rows, height, sheet.merged_cell_ranges)

    def _sheet(self, name: str, scan: SheetScan, rows, height: int, merged_ranges) -> Sheet:
        merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in (merged_ranges or [])]
        return Sheet(name, rows, merged, height, frozenset(scan.percent), frozenset(scan.unsaved),
                     errors=scan.errors, error_counts=scan.error_counts,
                     hidden=scan.hidden or name in self._hidden or (
                         self._package is not None and name in self._package.hidden_sheets),
                     hidden_rows=frozenset(scan.hidden_rows), hidden_cols=frozenset(scan.hidden_cols))

