"""The last row and column that a block of sheet XML refers to, found fast enough for a million rows.

A cell names its place in an ``r`` attribute (``<c r="XFD1048576">``). The block is searched with numpy
(vector operations over its bytes: a Python loop over four million cells would take seconds), and only
the references with the most letters and the most digits are turned into numbers. Blocks where an
attribute is written in an unusual way (spaces around ``=``) are read with a regular expression instead.

The same pass over the block's attributes says whether it may hold a cell typed as an error (``t="e"``) or
something hidden (``hidden=``): the scan looks for those only then (searching every block's bytes for them
took a third of the scan of a million rows).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from ...i18n import _

if TYPE_CHECKING:
    import numpy as np

_UNUSUAL = re.compile(rb"""\sr\s*=\s*["']([A-Za-z]*)(\d*)["']""")
_LAST_COLUMN = 16383
_LAST_ROW = 1048575


class BeyondTheGrid(ValueError):
    """A reference no spreadsheet program can make (four letters, nine digits): a crafted file."""


class Refs(NamedTuple):
    row: int            # the last row referred to (0-based; -1 when none)
    col: int            # the last column
    cells: int          # how many cell references
    errors: bool        # whether the block may hold a cell typed as an error (t="e"); False: it holds none
    hidden: bool        # whether it may hold a hidden= attribute


_NONE = Refs(-1, -1, 0, False, False)


def last_cell(block: bytes) -> Refs:
    """The last row and column of the cell references in ``block``, how many there are, and whether it may
    hold error cells or hidden rows and columns. ``block`` must not end inside a tag."""
    import numpy as np  # only when a workbook is read: off the start-up path
    a = np.frombuffer(block + b"    " * 4, np.uint8)               # room to look past the last reference
    if len(a) < 20:
        return _NONE
    eq = np.flatnonzero(a[1:-16] == 0x3D) + 1                      # every "=" with a byte either side
    before, after = a[eq - 1], a[eq + 1]
    if _space(before).any() or _space(after).any():                # r = "A1": rare, read the slow way
        return Refs(*_slow(block), True, True)
    quoted = (after == 0x22) | (after == 0x27)
    typed = eq[(before == 0x74) & quoted]                           # t="e" (or t='e')
    errors = bool(((a[typed + 2] == 0x65) & (a[typed + 3] == a[typed + 1])).any())
    ending = eq[(before == 0x6E) & quoted]                          # hidden=
    ending = ending[ending >= 6]
    hidden = bool(((a[ending - 6] == 0x68) & (a[ending - 5] == 0x69) & (a[ending - 4] == 0x64)
                   & (a[ending - 3] == 0x64) & (a[ending - 2] == 0x65)).any())
    attr = eq[(before == 0x72) & quoted]
    attr = attr[(attr >= 2)]
    attr = attr[_space(a[attr - 2])]                                # " r=": the attribute r, not "sqref="
    if not len(attr):
        return Refs(-1, -1, 0, errors, hidden)
    return Refs(*_numbers(a, attr + 2), errors, hidden)


def _space(values: np.ndarray) -> np.ndarray:
    return (values == 0x20) | (values == 0x09) | (values == 0x0A) | (values == 0x0D)


def _numbers(a: np.ndarray, start: np.ndarray) -> tuple[int, int, int]:
    import numpy as np  # only when a workbook is read: off the start-up path
    n = len(start)
    letters = np.zeros(n, np.int32)
    going = np.ones(n, bool)
    for k in range(4):                                              # up to three letters (XFD); a fourth is wrong
        upper = a[start + k] & 0xDF
        going &= (upper >= 65) & (upper <= 90)
        if not going.any():
            break
        letters += going
    first = start + letters
    digits = np.zeros(n, np.int32)
    going = np.ones(n, bool)
    for k in range(8):                                              # up to seven digits (1048576)
        value = a[first + k] - 48
        going &= value <= 9                                         # uint8: below "0" wraps round, above 9
        if not going.any():
            break
        digits += going
    cells = letters > 0                                             # row elements have digits only
    if (letters > 3).any() or (digits > 7).any() or (cells & (digits < 1)).any():
        raise BeyondTheGrid(_("a cell reference no spreadsheet program writes (beyond the last cell)"))
    row = _largest(a, first, digits, 10, 48)
    col = _largest(a, start[cells], letters[cells], 26, 64) if cells.any() else 0
    return row - 1, col - 1, int(cells.sum())


def _largest(a: np.ndarray, start: np.ndarray, length: np.ndarray, base: int, zero: int) -> int:
    """The largest number written at ``start`` with ``length`` characters (digits, or letters for base 26):
    among the longest, the one that is largest character by character (each step keeps only the
    references that are largest so far, so the work shrinks at once)."""
    if not len(start):
        return 0
    longest = int(length.max())
    if longest == 0:
        return 0
    chosen = start[length == longest]
    number = 0
    for k in range(longest):
        chars = a[chosen + k]
        if base == 26:
            chars = chars & 0xDF
        top = chars.max()
        chosen = chosen[chars == top]
        number = number * base + int(top) - zero
    return number


def _slow(block: bytes) -> tuple[int, int, int]:
    last_row = last_col = -1
    cells = 0
    for m in _UNUSUAL.finditer(block):
        letters, digits = m.group(1).upper(), m.group(2)
        if len(letters) > 3 or len(digits) > 7 or not digits:
            raise BeyondTheGrid(_("a cell reference beyond the last cell a spreadsheet has"))
        last_row = max(last_row, int(digits) - 1)
        if letters:
            cells += 1
            col = 0
            for ch in letters:
                col = col * 26 + ch - 64
            last_col = max(last_col, col - 1)
    return last_row, last_col, cells
