"""A big sheet loaded in parts, side by side.

python-calamine reads a sheet on one core: a sheet of a million rows took 2.6-2.8 s of a 6 s import, the other
core idle. While the scan reads the sheet's bytes (as it must before the reader library may load them), they are
also written, as they pass, into a few packages on disk (:class:`SheetParts`): each holds the workbook's other parts
but its other sheets, and the sheet's head, a run of its rows and its tail, stored rather than packed (the reader then
need not unpack them again). The packages are loaded on as many threads at once (:func:`load_parts`) and their rows
handed out in order as one sheet's (:func:`joined`): what the whole sheet would give, row for row.

Only the bytes the scan read are loaded, so no part holds what the scan did not check; and the parts are loaded only
when the rows each refers to lie apart from the other parts' (checked from the scan, before any load), so that
together they take no more room than the whole sheet the scan sized. The sheet is loaded whole, as before, whenever
a part cannot be written (no room on the disk), the rows cannot be cut safely (a comment, CDATA or processing
instruction in the sheet, a row without its number or a first cell without its place where a part would begin, a
tag across two blocks), the parts' rows do not lie apart, or, once loaded, they do not line up (the reader numbering
a row otherwise) or say other merged cells.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from itertools import chain, islice, pairwise, repeat
from pathlib import Path

from .refs import XML_DECLARATION, Refs, element_prefix, last_cell, row_tags

MIN_PART = 16 * 1024**2            # unpacked bytes: no part is smaller (a sheet under 32 MB loads whole, in < 0.5 s)
MOST_PARTS = 4
MOST_BYTES = 1024**3               # a bigger sheet is loaded whole (its parts would need the zip's 64-bit form)
ROOM_LEFT = 512 * 1024**2          # bytes the disk keeps free beside the parts
STALE = 12 * 3600                  # seconds: parts older than this are a killed import's, removed when parts are next
FOLDER_PREFIX = "ogsm-sheet-"      # written (no import takes that long)

_LOG = logging.getLogger("ogsm_desktop")
# The reader library knows an element by its local name, whatever its prefix: so do these.
_SHEET_DATA = re.compile(rb"<(?:[\w.-]+:)?sheetData\s*>")
_END_TAG = re.compile(rb"</(?:[\w.-]+:)?sheetData")
_END_OF_ROWS = re.compile(rb"\s*>")
_ROW = re.compile(rb"<(?:[\w.-]+:)?row[\s>/]")
_ROW_END = re.compile(rb"</(?:[\w.-]+:)?row\s*>")
_CELL = re.compile(rb"<(?:[\w.-]+:)?c[\s>/]")
_TAG_REST = re.compile(rb"""(?:[^>"']|"[^"]*"|'[^']*')*>""")   # up to a tag's ">", not one in a quoted value
_ATTRIBUTE = re.compile(rb"""([^\s=<>/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ROW_NUMBER = re.compile(rb"\d+")
_CELL_PLACE = re.compile(rb"[A-Za-z]+\d+")
TAIL_SHARE = 20                    # a sheet whose tail (merged cells…) is over this fraction of it loads whole


def parts_for(size: int, members: int) -> int:
    """How many parts to load a sheet part of ``size`` unpacked bytes in, each with ``members`` bytes of the
    workbook's other parts: 1 (whole) for a small sheet, on one core, or where the parts would leave the disk short
    of room (twice what they take and ROOM_LEFT: a disk nearly full is not filled up by an import); else one a
    core, each at least MIN_PART."""
    n = min(cores(), MOST_PARTS, size // MIN_PART)
    if n < 2 or size > MOST_BYTES:
        return 1
    try:
        free = shutil.disk_usage(tempfile.gettempdir()).free
    except OSError:
        return 1
    return n if free >= 2 * (size + n * members) + ROOM_LEFT else 1


def cores() -> int:
    """The cores this process may run on (not all the machine's, in a container or under an affinity mask)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class SheetParts:
    """The sheet part ``part`` of ``archive`` (the sheet ``name``) written into ``n`` packages as :meth:`feed` is
    given its bytes in order, each block with what the scan found in it (``members``: the workbook's parts copied
    into each package). :meth:`finish` gives their paths, or None when the sheet is to be loaded whole. Neither
    raises but for an interruption: a failure only means no parts, and nothing left on the disk."""

    def __init__(self, archive: zipfile.ZipFile, part: str, members: list[str], n: int, name: str):
        self.folder: Path | None = None
        self._archive, self._part, self._members, self._name = archive, part, members, name
        size = archive.getinfo(part).file_size
        self._cuts = [size * k // n for k in range(1, n)]          # a part begins at the first row past each
        self._zips: list[zipfile.ZipFile] = []
        self._streams: list = []
        self._rows: list[list[int]] = []      # each part's first and last row referred to ([big, -1]: none yet)
        self._everywhere = [1 << 40, -1]      # the rows the head and the tail refer to (in every part)
        self._size = size
        self._seen = 0                        # bytes fed so far
        self._head: bytes | None = None
        self._prefix = b""                    # the sheet's elements' (the root's)
        self._ended = False                   # the end of the rows (</sheetData>) passed: the rest is tail
        self._tail = 0                        # bytes of tail, written in every part
        self._failed = False

    def feed(self, block: bytes, refs: Refs, tags: int) -> None:
        """The next block of the sheet's bytes; ``refs``: its references, ``tags``: how many rows it opens."""
        if self._failed:
            return
        if refs.cells_opened > refs.cells_placed:       # where the reader puts such a cell follows all the rows
            self._fail("cells without their place")     # before it: the parts' rows could overlap (a review)
            self._seen += len(block)
            return
        try:
            self._feed(block, refs, tags)
        except Exception as exc:  # noqa: BLE001 - no room on the disk, or anything else: the sheet loads whole
            self._fail(str(exc))
        except BaseException:
            self._fail("interrupted")
            raise
        finally:
            self._seen += len(block)

    def finish(self) -> list[Path] | None:
        """The packages written (None: load the sheet whole; nothing is left on the disk then)."""
        if self._failed:
            return None
        if not self._ended or len(self._streams) < 2:
            self._fail("no place to cut its rows")
            return None
        if not self._apart():
            self._fail("its parts' rows do not lie apart")
            return None
        if self._tail * (len(self._streams) - 1) * TAIL_SHARE > self._size:
            self._fail("its tail (merged cells…) is big, and each part would hold it again")
            return None
        try:
            for stream, archive in zip(self._streams, self._zips, strict=True):
                stream.close()
                archive.close()
        except Exception as exc:  # noqa: BLE001
            self._fail(str(exc))
            return None
        except BaseException:
            self._fail("interrupted")
            raise
        return [self.folder / f"part{k}.xlsx" for k in range(len(self._streams))]

    def discard(self) -> None:
        if not self._failed:
            self._fail("its scan ended early")

    # ----------------------------------------------------------------- cutting
    def _feed(self, block: bytes, refs: Refs, tags: int) -> None:
        start = 0
        if self._head is None:
            start = self._take_head(block)
        if _marked_up(block, start):
            raise ValueError("a comment, CDATA or processing instruction in the sheet")
        end = _end_of_rows(block, start)
        if end == -1 or (self._ended and end is not None):
            raise ValueError("an end of the rows the reader would stop at before their end")
        if self._ended:
            self._write_tail(block[start:])
            return
        rows = block[start:] if end is None else block[start:end]
        written = self._cut(rows, start)
        if len(written) == 1 and start == 0 and end is None:
            self._note(written[0][0], refs, tags)        # the block all one part's: as the scan found it
        else:
            for k, piece in written:
                refs = last_cell(piece)
                self._note(k, refs, row_tags(piece, self._prefix, refs))
        if end is not None:
            self._ended = True
            self._cuts.clear()
            self._write_tail(block[end:])

    def _take_head(self, block: bytes) -> int:
        """The sheet's head, up to its rows, from its first block (written in every part); where the rows begin."""
        found = _SHEET_DATA.search(block)
        if found is None:
            raise ValueError("its rows do not begin in its first block")
        declared = XML_DECLARATION.match(block)
        if _marked_up(block[:found.start()], declared.end() if declared else 0):
            raise ValueError("a comment, CDATA or processing instruction in the sheet")
        if block.find(b"sheetData", 0, found.start()) >= 0:
            raise ValueError("its rows named twice")
        self._head = block[:found.end()]
        self._prefix = element_prefix(self._head)
        self._open()
        self._write(0, self._head)
        self._note_everywhere(last_cell(self._head))
        return found.end()

    def _cut(self, rows: bytes, offset: int) -> list[tuple[int, bytes]]:
        """Write ``rows`` (the block's rows, from ``offset`` in it), beginning the next part at the first row past
        each cut where one may begin; the pieces written, with their parts."""
        written: list[tuple[int, bytes]] = []
        at, cut = 0, False
        look = self._cuts[0] - self._seen - offset if self._cuts else 0
        while self._cuts and self._seen + offset + len(rows) > self._cuts[0]:
            found = _ROW.search(rows, max(at + cut, look))
            if found is None:
                break                                  # (the next block's first row, then)
            if not self._may_begin_at(rows, found.start()):
                look = found.start() + 1               # (its first cell in the next block: the row after it)
                continue
            written.append((len(self._streams) - 1, rows[at:found.start()]))
            self._cuts.pop(0)
            self._open()
            self._write(len(self._streams) - 1, self._head)
            at, cut = found.start(), True
            look = self._cuts[0] - self._seen - offset if self._cuts else 0
        written.append((len(self._streams) - 1, rows[at:] if at else rows))
        for k, piece in written:
            self._write(k, piece)
        return written

    def _may_begin_at(self, rows: bytes, at: int) -> bool:
        """Whether a part may begin at the row whose tag is at ``at``: where the reader library places it and its
        cells as it would in the whole sheet. The row must say its number (a row without one is numbered after the
        row before it), and so must its first cell (one without is placed after the cell before it, which may lie
        outside the row): ValueError when either does not. False when that cannot be told in this block."""
        close = _tag_end(rows, at)
        if close < 0:
            return False                               # (a tag across two blocks)
        number = _attributes(rows[at:close]).get(b"r")
        if number is None or not _ROW_NUMBER.fullmatch(number):
            raise ValueError("a row without its number where a part would begin")
        if rows[close - 1:close] == b"/":
            return True                                # <row r="9"/>: no cells
        cell, row_end = _CELL.search(rows, close), _ROW_END.search(rows, close)
        if cell is None or (row_end is not None and cell.start() > row_end.start()):
            return row_end is not None                 # no cell: fine, once its end is seen
        cell_close = _tag_end(rows, cell.start())
        if cell_close < 0:
            return False
        place = _attributes(rows[cell.start():cell_close]).get(b"r")
        if place is None or not _CELL_PLACE.fullmatch(place):
            raise ValueError("a first cell without its place where a part would begin")
        return True

    def _write_tail(self, tail: bytes) -> None:
        """The end of the sheet (its closing tags, merged cells…), in every part."""
        for k in range(len(self._streams)):
            self._write(k, tail)
        self._tail += len(tail)
        self._note_everywhere(last_cell(tail))

    # ----------------------------------------------------------------- the rows each part refers to
    def _note(self, k: int, refs: Refs, tags: int) -> None:
        """Note the rows a piece of part ``k`` refers to (``refs``), and opens (``tags``). Every row must say its
        number: one without is numbered after the row before it, past the rows the references say."""
        if tags != refs.rows:
            raise ValueError("a row without its number, or with another prefix than the sheet's")
        if refs.row >= 0:
            rows = self._rows[k]
            rows[0], rows[1] = min(rows[0], max(refs.first, 0)), max(rows[1], refs.row)

    def _note_everywhere(self, refs: Refs) -> None:
        if refs.row >= 0:
            first = max(refs.first, 0)
            self._everywhere = [min(self._everywhere[0], first), max(self._everywhere[1], refs.row)]

    def _apart(self) -> bool:
        """Whether each part's rows lie below the part before's (the head's and tail's counted in each): then no
        part's rectangle reaches into another's, and together they are no bigger than the whole sheet's."""
        spans = []
        for first, last in self._rows:
            if self._everywhere[1] >= 0:
                first, last = min(first, self._everywhere[0]), max(last, self._everywhere[1])
            if last >= 0:
                spans.append((first, last))
        return all(a[1] < b[0] for a, b in pairwise(spans))

    # ----------------------------------------------------------------- the packages
    def _open(self) -> None:
        if self.folder is None:
            _sweep()
            self.folder = Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX))
        path = self.folder / f"part{len(self._streams)}.xlsx"
        archive = zipfile.ZipFile(path, "w", zipfile.ZIP_STORED)
        self._zips.append(archive)
        for name in self._members:
            archive.writestr(name, self._archive.read(name))
        info = zipfile.ZipInfo(self._part, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_STORED
        self._streams.append(archive.open(info, "w", force_zip64=False))
        self._rows.append([1 << 40, -1])

    def _write(self, k: int, data: bytes) -> None:
        if data:
            self._streams[k].write(data)

    def _fail(self, why: str) -> None:
        _LOG.info("sheet %r is loaded whole, not in parts: %s", self._name, why)
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


def _tag_end(data: bytes, at: int) -> int:
    """Where the tag opening at ``at`` ends (its ">"; not one in a quoted value); -1 when not in ``data``."""
    found = _TAG_REST.match(data, at + 1)
    return found.end() - 1 if found is not None else -1


def _end_of_rows(block: bytes, start: int) -> int | None:
    """Where the rows end in ``block`` (their closing tag, which the reader stops at); None when no tag holding the
    name sheetData is in the block from ``start``; -1 when one is that is not ``</sheetData>`` (with the sheet's
    prefix or another: the reader goes by the name after the last colon, whatever comes before it), or there is
    more than one: the reader would stop at the first (a crafted sheet). (The name looked for as plain bytes: a
    text may hold it, outside any tag.)"""
    found: int | None = None
    at = block.find(b"sheetData", start)
    while at >= 0:
        tag = block.rfind(b"<", start, at)
        if tag >= 0 and block.find(b">", tag, at) < 0:           # inside a tag: its name, or an attribute's
            if found is not None or _END_TAG.fullmatch(block, tag, at + 9) is None or \
                    _END_OF_ROWS.match(block, at + 9) is None:
                return -1
            found = tag
        at = block.find(b"sheetData", at + 9)
    return found


def _attributes(tag: bytes) -> dict[bytes, bytes]:
    """A tag's attributes (the first of a name written twice)."""
    found: dict[bytes, bytes] = {}
    for m in _ATTRIBUTE.finditer(tag):
        found.setdefault(m.group(1), m.group(2) if m.group(2) is not None else m.group(3))
    return found


def _marked_up(block: bytes, start: int) -> bool:
    """Whether ``block`` holds from ``start`` a comment, CDATA or processing instruction (``<!``, ``<?``), in which
    a row's tag may be written that is none; a "!" or "?" opening the block counts (its "<" may end the block
    before). (Found by their rare second byte: "<" is in every few bytes, and a search for ``<!`` took ten times
    as long.)"""
    for mark in (b"!", b"?"):
        at = block.find(mark, start)
        while at >= 0:
            if at == 0 or block[at - 1] == 0x3C:
                return True
            at = block.find(mark, at + 1)
    return False


def remove(folder: Path | None) -> None:
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def _sweep() -> None:
    """Remove the parts a killed import left (older than STALE) from the temporary folder."""
    try:
        entries = list(os.scandir(tempfile.gettempdir()))
    except OSError:
        return
    now = time.time()
    for entry in entries:
        try:
            if (entry.name.startswith(FOLDER_PREFIX) and entry.is_dir(follow_symlinks=False)
                    and now - entry.stat(follow_symlinks=False).st_mtime > STALE):
                shutil.rmtree(entry.path, ignore_errors=True)
        except OSError:
            continue


def load_parts(paths: list[Path], load: Callable[[Path], object]) -> list:
    """``load(path)`` of every part at once, one thread each; the first failure is raised once all have ended (also
    an interruption: the loads cannot be stopped half-way, and their files are removed after)."""
    pool = ThreadPoolExecutor(len(paths), thread_name_prefix="ogsm-part")
    futures = [pool.submit(load, path) for path in paths]
    try:
        wait(futures)
    except BaseException:
        for future in futures:
            future.cancel()
        while not all(future.done() for future in futures):
            try:
                wait(futures)
            except BaseException:  # noqa: BLE001, S112 - interrupted again: the loads still end first
                continue
        raise
    finally:
        pool.shutdown(wait=False)
    return [future.result() for future in futures]


def joined(sheets: list) -> tuple[Iterator[list], int, list] | None:
    """The rows of the parts loaded (python-calamine's sheets, in order) as the whole sheet's would be, cells under
    their letters, its height and its merged cells; None when the parts do not line up (a row numbered otherwise
    than in the whole sheet) or say other merged cells (written among the rows): the sheet is then loaded whole."""
    merged = sheets[0].merged_cell_ranges if sheets else []
    if any(s.merged_cell_ranges != merged for s in sheets[1:]):
        return None
    held = [s for s in sheets if s.start is not None and s.end is not None]
    if not held:
        return iter(()), 0, merged
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
    return chain.from_iterable(runs), next_row, merged
