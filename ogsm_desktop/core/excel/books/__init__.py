"""Opening a spreadsheet for import, whatever wrote it: .xlsx, .xlsm, .xlsb, .ods, .xls and CSV.

:func:`open_book` decides from the content what the file is (sniff.py), refuses what it cannot read
with one line that says what the file is and what to do, and hands out each sheet after checking
where its cells really are (limits.py), so that no file can make the program run out of memory.
"""

from __future__ import annotations

import errno
import threading
from concurrent.futures import Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import Protocol

from ...errors import PlanError
from ...i18n import _, labelled
from ...inputs import check_input
from ...places import os_problem
from .calamine_book import CalamineBook, ReaderError
from .csv_book import CsvBook, CsvError
from .limits import MAX_ROWS, ExtentError
from .refs import BeyondTheGrid
from .sheet import Between, Sheet, cell_name, column_name
from .sniff import NotASpreadsheet, sniff
from .unpack import UNPACKING_ERRORS, PackageError, does_not_unpack, unpack_problem

__all__ = ["MAX_ROWS", "Book", "Sheet", "WorkbookError", "cell_name", "column_name", "open_book"]


class WorkbookError(PlanError):
    """The workbook cannot be imported; nothing was read into the plan."""


class _Closed(Exception):
    """The book was closed while one of its sheets was being checked on a thread of its own."""


class Book(Protocol):
    path: Path
    label: str
    sheet_names: list[str]

    def sheet(self, name: str, between: Between = None) -> Sheet: ...

    def check(self, name: str, between: Between = None): ...     # refuses a sheet that cannot be loaded safely

    def load(self, name: str, scan) -> Sheet: ...   # a sheet :meth:`check` passed

    def close(self) -> None: ...


def _refusals():
    import defusedxml
    from defusedxml.ElementTree import ParseError

    return (ReaderError, PackageError, ExtentError, CsvError, BeyondTheGrid, ParseError,
            defusedxml.DefusedXmlException)


def _said(exc: Exception) -> str:
    import defusedxml

    if isinstance(exc, defusedxml.DefusedXmlException):
        return _("it contains an XML entity expansion (or a document type definition) and was refused")
    if isinstance(exc, BeyondTheGrid):
        return _("{problem}; refused (a damaged or crafted file)").format(problem=exc)
    if exc.__class__.__name__ == "ParseError":
        return _("its XML is damaged")
    return str(exc)


class _Checked:
    """A book whose every failure is one WorkbookError naming the file, what it is, and the sheet."""

    def __init__(self, book, path: Path):
        self._book, self.path = book, path
        self.label = book.label
        self.sheet_names = list(book.sheet_names)
        self._loading: tuple[str, Future] | None = None
        self._checked = threading.Event()
        self._checked.set()
        self._closed = threading.Event()        # set by close(): a sheet still being checked is then not loaded

    def prepare(self, name: str) -> None:
        """Start checking and loading the sheet ``name`` on a thread of its own, while the caller goes on
        (reading the plan, say): the reader library loads a sheet without holding Python's lock, so the
        two run side by side. :meth:`sheet` then waits for it; one sheet is prepared at a time, and no
        workbook of the library is used from two threads at once (a big sheet's parts, each a workbook of
        its own, load side by side: parts.py). The check before the load (a scan of the
        sheet's bytes) does need Python's lock: :meth:`checked` says when it is over."""
        if self._loading is not None:
            return
        checked = self._checked = threading.Event()
        closed = self._closed

        def stop_once_closed() -> None:
            if closed.is_set():
                raise _Closed

        def check_and_load() -> Sheet | None:
            try:
                scan = self._book.check(name, stop_once_closed)
            except _Closed:                # closed during the check (a cancel): stopped between two blocks
                return None
            finally:
                checked.set()
            if closed.is_set():            # closed during the check (a cancel): no load nobody waits for
                return None
            return self._book.load(name, scan)

        pool = ThreadPoolExecutor(1, thread_name_prefix="ogsm-sheet")
        try:
            self._loading = (name, pool.submit(check_and_load))
        finally:
            pool.shutdown(wait=False)          # the thread ends with its one load

    def checked(self, timeout: float | None = None) -> bool:
        """Whether the sheet prepared is past its check (refused or loading), waiting up to ``timeout``
        seconds: work that needs Python's lock then runs beside the load, not against the scan."""
        return self._checked.wait(timeout)

    def sheet(self, name: str, between: Between = None) -> Sheet:
        """The sheet ``name``, checked and loaded. ``between``: called between two blocks of the sheet's check (a
        sheet of hundreds of MB takes a while), to raise if the caller no longer wants it (a cancel)."""
        try:
            if self._loading is not None:
                prepared, loading = self._loading
                try:
                    if prepared == name:
                        return loading.result()
                    wait([loading])            # another sheet: the library takes one call at a time
                finally:
                    if loading.done():         # an interrupted wait (Ctrl+C) leaves it to close()
                        self._loading = None
            return self._book.sheet(name, between)
        except _refusals() as exc:
            raise WorkbookError(_("{path}: {what}, {problem}").format(path=self.path, what=self.label,
                                                                      problem=_said(exc))) from None
        except _UNREADABLE as exc:                     # a part read whole (not scanned), or the system refusing
            raise _unreadable(self.path, self.label, exc) from None

    def properties(self) -> dict[str, str]:
        """The workbook's custom document properties; {} for a format without them (CSV, .xls)."""
        read = getattr(self._book, "properties", None)
        return read() if read is not None else {}

    def close(self) -> None:
        """Close the file. A sheet still loading (its library cannot stop half-way) is left to end on its
        thread, which then closes the file, never under the library: a cancel or a failure meanwhile is said
        at once, not after the load. A sheet still being checked is not loaded at all."""
        self._closed.set()
        loading, self._loading = self._loading, None
        if loading is None or loading[1].done():
            self._book.close()
        else:
            loading[1].add_done_callback(lambda _loaded: self._book.close())

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _damage(exc: OSError) -> bool:
    """An OSError that says the file is damaged, not that the system refused it: raised by the program or a
    library (no errno: see ``unpack.does_not_unpack``), or a seek before the file's start (EINVAL: a zip's offsets
    pointing outside it)."""
    return does_not_unpack(exc) or exc.errno == errno.EINVAL


# What a zip or a sheet that cannot be read raises: a part that does not unpack, in a compression Python does
# not read, offsets pointing outside the file — or the system refusing it (an OSError with its errno).
_UNREADABLE = (*UNPACKING_ERRORS, OSError)


def _unreadable(path: Path, label: str, exc: BaseException) -> WorkbookError:
    """The one line a workbook that cannot be read is refused with: damaged, saying how; or the system's refusal."""
    if isinstance(exc, OSError) and not _damage(exc):            # the system refused it: not damaged
        return WorkbookError(os_problem(path, exc, "read"))
    return WorkbookError(_("{path}: {what}, but damaged ({reason})").format(path=path, what=label,
                                                                           reason=unpack_problem(exc)))


def open_book(path: str | Path, between: Between = None) -> _Checked:
    """The spreadsheet at ``path``, checked; WorkbookError (one line) when it cannot be imported. ``between``:
    called between two blocks of what is scanned as it opens (an .ods's or an .xls's sheets: sheet.Between)."""
    path = check_input(path)
    try:
        found = sniff(path)
    except NotASpreadsheet as exc:
        raise WorkbookError(labelled(str(path), str(exc))) from None
    except _UNREADABLE as exc:
        if isinstance(exc, OSError) and exc.errno != errno.EINVAL:
            raise WorkbookError(os_problem(path, exc, "read")) from None
        raise WorkbookError(_("{path}: a damaged zip archive (an .xlsx or .ods that did not finish writing?); save "
                              "it again and import that").format(path=path)) from None
    label = found.label
    try:
        book = CsvBook(path) if found.kind == "csv" else CalamineBook(path, found, between)
    except _refusals() as exc:
        raise WorkbookError(_("{path}: {what}, but {problem}").format(path=path, what=label, problem=_said(exc))) from None
    except _UNREADABLE as exc:
        raise _unreadable(path, label, exc) from None
    return _Checked(book, path)
