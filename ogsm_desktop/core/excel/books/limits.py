"""How big a sheet may be, decided from what is really in the file before the reader library loads it.

The reader library (python-calamine) holds a sheet as one rectangle, from the first cell to the last:
two cells far apart (A1 and XFD1048576) make a rectangle of 17 billion cells that no machine can hold,
and the process is killed instead of failing. So each sheet is scanned first (its cell references, not
the size it declares) and refused, in one line, when its rectangle is far bigger than the cells it
holds, or bigger than the file's size makes plausible. Memory then stays proportional to the cells
present: below 300 MB for any file under 10 MB.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...i18n import _, ngettext
from .sheet import cell_name

MAX_ROWS = 3_000_000              # rows one import takes
ROOM_PER_CELL = 32                # bytes the reader library holds per cell of the rectangle
ANY_SHAPE = 1_000_000             # cells: a rectangle this small is read whatever its shape (32 MB)
SPREAD = 3                        # a bigger rectangle may hold as little as a third of its cells
SMALL_FILE = 10 * 1024**2         # bytes: a file under this size …
SMALL_FILE_AREA = 7_000_000       # … spans at most this many cells (224 MB)
MAX_AREA = 60_000_000             # cells: no sheet spans more (about 2 GB)
MAX_PERCENT = 200_000             # per-cent cells the scan of an .ods or .xls sheet notes (its whole book at once)


class ExtentError(ValueError):
    """A sheet too big to read, or spread too thin; the message says which, in the user's words."""


@dataclass
class Extent:
    """What a scan found in one sheet: its last row and column (0-based; -1: none) and the number of cells
    the file writes (with a value; in .xlsx also those written for their format alone, a bound kept in
    check by the absolute limits below)."""

    last_row: int = -1
    last_col: int = -1
    cells: int = 0

    def take(self, row: int, col: int) -> None:
        if row > self.last_row:
            self.last_row = row
        if col > self.last_col:
            self.last_col = col

    @property
    def area(self) -> int:
        return (self.last_row + 1) * (self.last_col + 1)


def check_extent(extent: Extent, file_size: int) -> None:
    """Refuse (ExtentError) a sheet whose rectangle would not fit, before anything is loaded."""
    rows, area = extent.last_row + 1, extent.area
    if rows > MAX_ROWS:
        raise ExtentError(_("{rows:,} rows, more than the {most:,} one import takes; split the file").format(
            rows=rows, most=MAX_ROWS))
    if area > max(ANY_SHAPE, SPREAD * extent.cells):
        raise ExtentError(ngettext(
            "its {cells:,} cell lies far apart (the last at {last}), which would take room for {area:,} cells; "
            "refused (a damaged or crafted file?). Delete the far cells, or copy the data to a new sheet",
            "its {cells:,} cells lie far apart (the last at {last}), which would take room for {area:,} cells; "
            "refused (a damaged or crafted file?). Delete the far cells, or copy the data to a new sheet",
            extent.cells).format(cells=extent.cells, last=cell_name(extent.last_row, extent.last_col), area=area))
    limit = SMALL_FILE_AREA if file_size < SMALL_FILE else MAX_AREA
    if area > limit:
        raise ExtentError(_("{cells:,} cells over {rows:,} rows, more than a file of {size} can hold (a packed or "
                            "crafted file?); split the file").format(cells=extent.cells, rows=rows,
                                                                     size=_size(file_size)))


def _size(size: int) -> str:
    return f"{size / 1024**2:.1f} MB" if size >= 1024**2 else f"{max(1, round(size / 1024))} KB"
