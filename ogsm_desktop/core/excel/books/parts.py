"""A big sheet loaded in parts, side by side.

python-calamine reads a sheet on one core: a sheet of a million rows took 2.6-2.8 s of a 6 s import, the other
core idle. While the scan reads the sheet's bytes (as it must before the reader library may load them), they are
also written, as they pass, into a few packages on disk (:class:`SheetParts`): each holds the workbook's parts the
reader needs, and the sheet's head, a run of its rows and its tail, stored rather than packed (the reader then need
not unpack them again). The packages are loaded on as many threads at once (:func:`load_parts`) and their rows
handed out in order as one sheet's (:func:`joined`): what the whole sheet would give, row for row.

Only the bytes the scan read are loaded, so no part holds what the scan did not check. The sheet is loaded whole,
as before, whenever a part cannot be written (no room on the disk), its rows cannot be cut safely (a row without
its number where a part would begin, an XML comment, CDATA or processing instruction among the rows, a tag across
two blocks), or the parts do not line up once loaded (a cell numbered outside its run of rows).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import chain, islice, pairwise, repeat
from pathlib import Path

MIN_PART = 16 * 1024**2            # unpacked bytes: no part is smaller (a sheet under 32 MB loads whole, in < 0.5 s)
MOST_PARTS = 4
MOST_BYTES = 1024**3               # a bigger sheet is loaded whole (its parts would need the zip's 64-bit form)
ROOM_LEFT = 512 * 1024**2          # bytes the disk keeps free beside the parts

_LOG = logging.getLogger("ogsm_desktop")
_SHEET_DATA = re.compile(rb"<(\w+:)?sheetData\s*>")
_NUMBERED = re.compile(rb"""\sr\s*=\s*["']\d+["']""")


def parts_for(size: int) -> int:
    """How many parts to load a sheet part of ``size`` unpacked bytes in: 1 (whole) for a small one, else one a
    core, each at least MIN_PART — and 1 where the parts would leave the disk short of room (for twice their
    size and ROOM_LEFT: a disk nearly full is not filled up by an import)."""
    n = min(cores(), MOST_PARTS, size // MIN_PART)
    if n < 2 or size > MOST_BYTES:
        return 1
    try:
        free = shutil.disk_usage(tempfile.gettempdir()).free
    except OSError:
        return 1
    return n if free >= 2 * size + ROOM_LEFT else 1


def cores() -> int:
    return os.cpu_count() or 1


class SheetParts:
    """The sheet part ``part`` of ``archive`` written into ``n`` packages as :meth:`feed` is given its bytes in
    order (``members``: the other parts the reader library reads, copied into each). :meth:`finish` gives their
    paths, or None when the sheet is to be loaded whole. Never raises: a failure only means no parts."""

    def __init__(self, archive: zipfile.ZipFile, part: str, members: list[str], n: int):
        self.folder: Path | None = None
        self._part, self._n = part, n
        self._size = archive.getinfo(part).file_size
        self._cuts = [self._size * k // n for k in range(1, n)]     # a part begins at the first row past each
        self._zips: list[zipfile.ZipFile] = []
        self._streams: list = []
        self._members = [(name, archive.read(name)) for name in members]
        self._seen = 0                 # bytes fed so far
        self._head: bytes | None = None
        self._row: re.Pattern | None = None
        self._end = self._row_end = b""
        self._ended = False            # the end of the rows (</sheetData>) passed: all written from there on is tail
        self._failed = False

    def feed(self, block: bytes) -> None:
        if self._failed:
            return
        try:
            self._feed(block)
        except Exception as exc:  # noqa: BLE001 - no room on the disk, or anything else: the sheet loads whole
            _LOG.info("the sheet is loaded whole, not in parts: %s", exc)
            self._fail()
        finally:
            self._seen += len(block)

    def finish(self) -> list[Path] | None:
        """The packages written (None: load the sheet whole; nothing is left on the disk then)."""
        if self._failed or not self._ended or len(self._streams) < 2:
            self._fail()
            return None
        try:
            for stream, archive in zip(self._streams, self._zips, strict=True):
                stream.close()
                archive.close()
        except Exception as exc:  # noqa: BLE001
            _LOG.info("the sheet is loaded whole, not in parts: %s", exc)
            self._fail()
            return None
        return [self.folder / f"part{k}.xlsx" for k in range(len(self._streams))]

    def discard(self) -> None:
        self._fail()

    # ----------------------------------------------------------------- cutting
    def _feed(self, block: bytes) -> None:
        start = 0
        if self._head is None:                        # the first block: the head, up to the rows
            found = _SHEET_DATA.search(block)
            if found is None:
                raise ValueError("no rows at the start of the sheet")
            prefix = found.group(1) or b""
            self._head = block[:found.end()]
            self._row = re.compile(b"<" + re.escape(prefix) + rb"row[\s>/]")
            self._end = b"</" + prefix + b"sheetData"
            self._row_end = b"</" + prefix + b"row>"
            self._open()
            self._write(0, self._head)
            start = found.end()
        if _marked_up(block, start):
            raise ValueError("a comment, CDATA or processing instruction among the rows")
        if self._ended:
            self._write_tail(block[start:])
            return
        # (the rows' end looked for after the block's last row: a search of every block's bytes for it took as long
        # as the scan)
        end = block.find(self._end, max(start, block.rfind(self._row_end)))
        rows = block[start:] if end < 0 else block[start:end]
        self._cut(rows, start)
        if end >= 0:
            self._ended = True
            self._cuts.clear()
            self._write_tail(block[end:])

    def _cut(self, rows: bytes, offset: int) -> None:
        """Write ``rows`` (the block's rows, from ``offset`` in it), beginning the next part at the first row past
        each cut."""
        at, cut = 0, False
        while self._cuts and self._seen + offset + len(rows) > self._cuts[0]:
            found = self._row.search(rows, max(at + cut, self._cuts[0] - self._seen - offset))
            if found is None:
                break                                  # (the next block's first row, then)
            close = rows.find(b">", found.start())
            if close < 0:
                raise ValueError("a row's tag across two blocks")
            if not _NUMBERED.search(rows, found.start(), close):
                raise ValueError("a row without its number where a part would begin")
            self._write(len(self._streams) - 1, rows[at:found.start()])
            self._cuts.pop(0)
            self._open()
            self._write(len(self._streams) - 1, self._head)
            at, cut = found.start(), True
        self._write(len(self._streams) - 1, rows[at:])

    def _write_tail(self, tail: bytes) -> None:
        """The end of the sheet (its closing tags, merged cells…), in every part."""
        for k in range(len(self._streams)):
            self._write(k, tail)

    # ----------------------------------------------------------------- the packages
    def _open(self) -> None:
        if self.folder is None:
            self.folder = Path(tempfile.mkdtemp(prefix="ogsm-sheet-"))
        path = self.folder / f"part{len(self._streams)}.xlsx"
        archive = zipfile.ZipFile(path, "w", zipfile.ZIP_STORED)
        self._zips.append(archive)
        for name, data in self._members:
            archive.writestr(name, data)
        info = zipfile.ZipInfo(self._part, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_STORED
        self._streams.append(archive.open(info, "w", force_zip64=False))

    def _write(self, k: int, data: bytes) -> None:
        if data:
            self._streams[k].write(data)

    def _fail(self) -> None:
        self._failed = True
        for stream in self._streams:
            try:
                stream.close()
            except Exception:  # noqa: BLE001, S110 - removed below whatever state it is in
                pass
        for archive in self._zips:
            try:
                archive.close()
            except Exception:  # noqa: BLE001, S110
                pass
        self._streams, self._zips = [], []
        remove(self.folder)
        self.folder = None


def _marked_up(block: bytes, start: int) -> bool:
    """Whether ``block`` holds from ``start`` a comment, CDATA or processing instruction (``<!``, ``<?``), in which
    a row's tag may be written that is none. (Found by their rare second byte: "<" is in every few bytes, and a
    search for ``<!`` took ten times as long.)"""
    for mark in (b"!", b"?"):
        at = block.find(mark, start)
        while at >= 0:
            if at and block[at - 1] == 0x3C:
                return True
            at = block.find(mark, at + 1)
    return False


def remove(folder: Path | None) -> None:
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def load_parts(paths: list[Path], load: Callable[[Path], object]) -> list:
    """``load(path)`` of every part at once, one thread each; the first failure is raised once all have ended."""
    with ThreadPoolExecutor(len(paths), thread_name_prefix="ogsm-part") as pool:
        futures = [pool.submit(load, path) for path in paths]
    return [future.result() for future in futures]


def joined(sheets: list) -> tuple[Iterator[list], int] | None:
    """The rows of the parts loaded (python-calamine's sheets, in order) as the whole sheet's would be, cells under
    their letters, and its height; None when the parts do not line up (a cell numbered outside its run of rows:
    the sheet is then loaded whole)."""
    held = [s for s in sheets if s.start is not None and s.end is not None]
    if not held:
        return iter(()), 0
    for a, b in pairwise(held):
        if not a.end[0] < b.start[0]:
            return None
    width = max(s.end[1] for s in held) + 1
    runs: list[Iterator[list]] = []
    next_row = 0
    for s in held:
        (first, left), last = s.start, s.end[0]
        rows = s.iter_rows()                          # (from the sheet's first row: a later part's begin empty)
        if next_row:
            rows = islice(rows, first, None)
            runs.append(map(list, repeat([""] * width, first - next_row)))   # rows between the parts, empty
        right = width - (s.end[1] + 1)
        if left:
            rows = map(list.__add__, repeat([""] * left), rows)
        if right:
            rows = map(list.__add__, rows, repeat([""] * right))
        runs.append(rows)
        next_row = last + 1
    return chain.from_iterable(runs), next_row
