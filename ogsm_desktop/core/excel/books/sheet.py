"""One sheet as the importers see it: rows of cell values (row 0 = Excel row 1, column 0 = A), the merged
ranges, the cells shown as a per cent, and the cells whose formula has no saved value."""

from __future__ import annotations

from collections.abc import Callable
from itertools import chain, count, islice

from ...fields import UNSAVED

# Called between two blocks of a sheet's check (a sheet of hundreds of MB takes a while), to raise if whoever asked
# for the sheet no longer wants it: a cancel.
Between = Callable[[], None] | None


class Sheet:
    """One sheet's cells, row index = Excel row - 1, column 0 = A.

    The first rows are kept for finding the header; the rest streams by once through
    :meth:`iter_rows` (a big sheet never sits in memory as Python lists), or is all read by :attr:`rows`.
    """

    HEAD = 30

    def __init__(self, name: str, rows, merged: list[tuple[int, int, int, int]], height: int,
                 percent_cells: frozenset[tuple[int, int]] = frozenset(),
                 unsaved: frozenset[tuple[int, int]] = frozenset(), separated: bool = False,
                 decimal_comma: bool = False, errors: dict[tuple[int, int], str | None] | None = None,
                 error_counts: dict[int, int] | None = None, hidden: bool = False, hidden_rows: frozenset[int] = frozenset(),
                 hidden_cols: frozenset[int] = frozenset()):
        self.name = name
        # Hidden in the workbook (an .xlsx's): the sheet itself, rows, columns — read as the rest, and said.
        self.hidden, self.hidden_rows, self.hidden_cols = hidden, hidden_rows, hidden_cols
        # Cells that show an error (#N/A…), which the reader gives as empty: what each shows (None: not said).
        self.errors = errors or {}
        self.error_counts = error_counts or {}      # how many each column has (errors names the first ones)
        # Cells separated by semicolons, as Excel saves a CSV where the comma is the decimal mark: a comma in a
        # number may be a decimal comma (1,234 is 1.234 there), not a thousands one.
        self.decimal_comma = decimal_comma
        # Cells split at a separator (CSV): a row wider than its header had a value split at a comma not in
        # quotes (90,000), not a note beside the table.
        self.separated = separated
        self.merged = merged                   # (first row, first col, last row, last col), 0-based
        self.height = height
        self.percent_cells = percent_cells     # (row, col) of cells formatted as a per cent
        if unsaved:
            rows = _marked(rows, unsaved)
        # Rows given as a list (a CSV's) are read as often as asked; a stream (a big workbook's) once.
        self._rows: list[list] | None = rows if isinstance(rows, list) else None
        self._rest = iter(rows)
        self.head: list[list] = [row for _, row in zip(range(self.HEAD), self._rest, strict=False)]
        self._streamed = False

    def iter_rows(self, start: int = 0):
        """``(row index, cells)`` from ``start`` on. Made of iterators written in C, so that a million rows take
        no Python step each. A stream's rows past the head are read once only: asked twice, it says so
        (RuntimeError) rather than hand out the rows left — none — as if they were all."""
        if self._rows is not None:           # a list, or all read already (by :attr:`rows`)
            return zip(count(start), islice(self._rows, start, None))
        self._stream_once()
        past_head = start - len(self.head)
        rest = islice(self._rest, past_head, None) if past_head > 0 else self._rest
        return zip(count(start), chain(self.head[start:], rest))

    @property
    def rows(self) -> list[list]:
        if self._rows is None:
            self._stream_once()
            self._rows = self.head + list(self._rest)
        return self._rows

    def _stream_once(self) -> None:
        if self._streamed:
            raise RuntimeError(f"the rows of sheet {self.name!r} past its head were read already")
        self._streamed = True


def _marked(rows, unsaved: frozenset[tuple[int, int]]):
    """The rows with :data:`UNSAVED` in each cell whose formula has no saved value."""
    by_row: dict[int, list[int]] = {}
    for r, c in unsaved:
        by_row.setdefault(r, []).append(c)
    for r, row in enumerate(rows):
        cols = by_row.get(r)
        if cols:
            row = list(row)
            for c in cols:
                if c >= len(row):
                    row.extend([""] * (c + 1 - len(row)))
                row[c] = UNSAVED
        yield row


def cell_name(row: int, col: int) -> str:
    """A1-style name of a 0-based (row, col)."""
    return f"{column_name(col)}{row + 1}"


def column_name(col: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_number(letters: str | bytes) -> int:
    """0-based column of A1-style letters (either case)."""
    number = 0
    for ch in letters.upper() if isinstance(letters, str) else letters.upper().decode("ascii"):
        number = number * 26 + ord(ch) - 64
    return number - 1
