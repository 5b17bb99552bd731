"""The last row and column that a block of sheet XML refers to, found fast enough for a million rows.

A cell names its place in an ``r`` attribute (``<c r="XFD1048576">``). The block is searched with numpy
(vector operations over its bytes: a Python loop over four million cells would take seconds), and only
the references with the most letters and the most digits are turned into numbers. Blocks where an
attribute is written in an unusual way (spaces around ``=``) are read with a regular expression instead.

The same pass over the block's attributes says whether it may hold a cell typed as an error (``t="e"``) or
something hidden (``hidden=``): the scan looks for those only then (searching every block's bytes for them
took a third of the scan of a million rows).

It also counts the cells the block may open and those opened with their place first (``<c r="A1"``): where
some are not, the sheet is read again as the reader reads it (unplaced.py) to size where they land.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from ...i18n import _

if TYPE_CHECKING:
    import numpy as np

_UNUSUAL = re.compile(rb"""\sr\s*=\s*["']([A-Za-z]*)(\d*)["']""")
_NUMBERED_ROW = re.compile(rb"[<:]row\s+r\s*=")
_ROOT = re.compile(rb"<(\w+:)?worksheet\b")
# The XML declaration a part may begin with (after a byte-order mark), matched at its start.
XML_DECLARATION = re.compile(rb"(?:\xef\xbb\xbf)?\s*<\?xml\b[^<>]*\?>")
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
    first: int = -1     # the first row referred to (0-based; -1 when none)
    rows: int = 0       # how many rows are opened with their number first (<row r="…": never counted for text)
    opened: int = 0     # how many times "<row" is written (rows opened without a prefix; a rowBreaks too)
    colons: int = 0     # how many times ":row" is written (prefixed rows, opened or closed)
    cells_opened: int = 0   # how many cells may be opened (<c, <x:c; never fewer than there are)
    cells_placed: int = 0   # how many of them are opened with their place first (<c r="…")


_NONE = Refs(-1, -1, 0, False, False)


def last_cell(block: bytes) -> Refs:
    """The last row and column of the cell references in ``block``, how many there are, and whether it may
    hold error cells or hidden rows and columns. ``block`` must not end inside a tag."""
    import numpy as np  # only when a workbook is read: off the start-up path
    a = np.frombuffer(block + b"    " * 4, np.uint8)               # room to look past the last reference
    if len(a) < 20:
        return _NONE._replace(opened=block.count(b"<row"), colons=block.count(b":row"), cells_opened=block.count(b"c"))
    # the rows opened, counted here beside the other threads' blocks (bytes.count took the scan's thread 0.25 s
    # for a million rows, holding Python's lock): the block's bytes read four at a time as one number
    words = np.ndarray((len(a) - 3,), ">u4", a, 0, (1,))
    counted = {"opened": int(np.count_nonzero(words == 0x3C726F77)), "colons": int(np.count_nonzero(words == 0x3A726F77))}
    plain, prefixed = _cell_starts(a)
    counted["cells_opened"] = len(plain) + len(prefixed)
    eq = np.flatnonzero(a[1:-16] == 0x3D) + 1                      # every "=" with a byte either side
    before, after = a[eq - 1], a[eq + 1]
    if _space(before).any() or _space(after).any():                # r = "A1": rare, read the slow way
        return Refs(*_slow_refs(block), **counted)
    quoted = (after == 0x22) | (after == 0x27)
    typed = eq[(before == 0x74) & quoted]                           # t="e" (or t='e')
    errors = bool(((a[typed + 2] == 0x65) & (a[typed + 3] == a[typed + 1])).any())
    ending = eq[(before == 0x6E) & quoted]                          # hidden=
    ending = ending[ending >= 6]
    hidden = bool(((a[ending - 6] == 0x68) & (a[ending - 5] == 0x69) & (a[ending - 4] == 0x64)
                   & (a[ending - 3] == 0x64) & (a[ending - 2] == 0x65)).any())
    attr = eq[(before == 0x72) & quoted & (eq >= 2) & _space(a[eq - 2])]   # " r=": the attribute r, not "sqref="
    if not len(attr):
        return Refs(-1, -1, 0, errors, hidden, **counted)
    found = _numbers(a, attr + 2)
    if found is None:                                               # a number with a leading zero: the slow way
        return Refs(*_slow_refs(block), **counted)
    # rows opened with their number first: each one of the "<row" (":row") counted above, so that no text or
    # attribute value holding r="5" makes a row without its number look numbered
    tag = attr[attr >= 6]
    lead = a[tag - 6]
    rows = int(((a[tag - 5] == 0x72) & (a[tag - 4] == 0x6F) & (a[tag - 3] == 0x77) & ((lead == 0x3C) | (lead == 0x3A)))
               .sum())
    if rows < counted["opened"] + counted["colons"] // 2:           # <row   r="5" (spaces, a line break): counted
        rows = len(_NUMBERED_ROW.findall(block))                    # the slow way, in the blocks written so
    # cells opened with their place first: the " r=" right after "<c" (or a ":c" that opens a cell)
    named = attr[a[attr - 3] == 0x63]
    lead = a[named - 4]
    placed = int(np.count_nonzero(lead == 0x3C)) + _among(prefixed, named[lead == 0x3A] - 3)
    row, col, cells, first = found
    return Refs(row, col, cells, errors, hidden, first, rows, cells_placed=placed, **counted)


def _cell_starts(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where the name of each element that may be a cell ends (the position of its "c"), sorted, without a prefix
    and with one: every "<c" and ":c" followed by a space, ">" or "/" (``a``: the block, with room after it) — but
    a ":c" only in a tag that is not an end tag (``</x:c>``), so that a cell's end is not counted as a cell opened.
    Never fewer than the cells the reader opens (a name in a value counts too)."""
    import numpy as np  # only when a workbook is read: off the start-up path
    head = a[:-1]
    named = np.flatnonzero(((head == 0x3C) | (head == 0x3A)) & (a[1:] == 0x63)) + 1
    named = named[_name_ends(a[named + 1])]
    lead = a[named - 1]
    plain, prefixed = named[lead == 0x3C], named[lead == 0x3A]
    if len(prefixed):
        # (a "<" and a ">" at -1 and -2 when the block has none: then each ":c" is counted)
        opens = np.concatenate(([-1], np.flatnonzero(a == 0x3C)))
        closes = np.concatenate(([-2], np.flatnonzero(a == 0x3E)))
        tag = opens[np.searchsorted(opens, prefixed) - 1]              # the "<" before each ":c"
        shut = closes[np.searchsorted(closes, prefixed) - 1]           # the ">" before it: after that "<", in text
        ending = (tag >= 0) & (a[tag + 1] == 0x2F)
        prefixed = prefixed[(shut < tag) & ~ending]
    return plain, prefixed


def _name_ends(values: np.ndarray) -> np.ndarray:
    return _space(values) | (values == 0x3E) | (values == 0x2F)


def _among(sorted_values: np.ndarray, values: np.ndarray) -> int:
    """How many of ``values`` are in ``sorted_values``."""
    import numpy as np  # only when a workbook is read: off the start-up path
    if not len(sorted_values) or not len(values):
        return 0
    at = np.minimum(np.searchsorted(sorted_values, values), len(sorted_values) - 1)
    return int(np.count_nonzero(sorted_values[at] == values))


def whole(digits: bytes) -> int:
    """A number written in digits, leading zeros and all (int() reads at most 4,300 digits: 5,000 zeros are more)."""
    return int(digits.lstrip(b"0") or b"0")


def _slow_refs(block: bytes) -> tuple:
    row, col, cells, first = _slow(block)
    return row, col, cells, True, True, first, len(_NUMBERED_ROW.findall(block))


def _space(values: np.ndarray) -> np.ndarray:
    return (values == 0x20) | (values == 0x09) | (values == 0x0A) | (values == 0x0D)


def _numbers(a: np.ndarray, start: np.ndarray) -> tuple[int, int, int, int] | None:
    import numpy as np  # only when a workbook is read: off the start-up path

    # Each reference's first eight bytes, read once as one number (a big-endian word: in the order of its
    # bytes) and looked at byte by byte as a row of a table, not gathered from the block byte by byte: up to
    # three letters (XFD) and a fourth that is wrong, then, from the first byte that is no letter, up to
    # seven digits (1048576) and an eighth that is wrong. The block has room past its last reference.
    words = np.ndarray((len(a) - 7,), ">u8", a, 0, (1,))
    head = words[start]
    letters = _leading(head, lambda b: ((b & 0xDF) >= 65) & ((b & 0xDF) <= 90), 4)
    first = start + letters
    tail = words[first]
    digits = _leading(tail, lambda b: b - 48 <= 9, 8)              # uint8: below "0" wraps round, above 9
    cells = letters > 0                                             # row elements have digits only
    if ((a[first] == 0x30) & (digits > 0)).any():
        return None             # 0000200 is row 200 to the reader: the longest number is not the largest then
    if (letters > 3).any() or (digits > 7).any() or (cells & (digits < 1)).any():
        raise BeyondTheGrid(_("a cell reference no spreadsheet program writes (beyond the last cell)"))
    row = _largest(tail, digits, 10, 48, 0xFF)
    col = _largest(head, letters, 26, 64, 0xDF) if cells.any() else 0       # (rows have no letters)
    first = max(_smallest(tail, digits) - 1, 0) if (digits > 0).any() else -1     # (row 0: the reader refuses it)
    return row - 1, col - 1, int(cells.sum()), first


def _leading(words: np.ndarray, matches, most: int) -> np.ndarray:
    """Per word of ``words``, how many of its first ``most`` bytes in a row ``matches`` (a test of a column of
    bytes) says yes to."""
    import numpy as np  # only when a workbook is read: off the start-up path
    table = words.view(np.uint8).reshape(-1, 8)
    going = matches(table[:, 0])
    count = going.astype(np.int32)
    for k in range(1, most):
        if not going.any():
            break
        going &= matches(table[:, k])
        count += going
    return count


def _largest(words: np.ndarray, length: np.ndarray, base: int, zero: int, fold: int) -> int:
    """The largest number written at the start of ``words`` (each a reference's first eight bytes) with
    ``length`` characters (digits, or letters for base 26, their case folded by ``fold``): among the
    longest, the one whose word is largest. A word's order is that of its bytes, so of its characters
    (what follows them tells apart only words of the same number)."""
    import numpy as np  # only when a workbook is read: off the start-up path
    if not len(words):
        return 0
    longest = int(length.max())
    if longest == 0:
        return 0
    chosen = words[length == longest]
    if fold != 0xFF:
        chosen = chosen & np.uint64(int.from_bytes(bytes([fold]) * 8, "big"))
    number = 0
    for ch in int(chosen.max()).to_bytes(8, "big")[:longest]:
        number = number * base + ch - zero
    return number


def _smallest(words: np.ndarray, length: np.ndarray) -> int:
    """The smallest number written in digits at the start of ``words`` (``length`` of them; 0: none, not
    counted): among the shortest, the one whose word is smallest (as :func:`_largest`). 0 when there is none."""
    written = length > 0
    if not written.any():
        return 0
    shortest = int(length[written].min())
    number = 0
    for ch in int(words[length == shortest].min()).to_bytes(8, "big")[:shortest]:
        number = number * 10 + ch - 48
    return number


def _slow(block: bytes) -> tuple[int, int, int, int]:
    """The last row, last column, number of cells and first row the references of ``block`` name, read with a
    regular expression."""
    last_row = last_col = -1
    first_row: int | None = None
    cells = 0
    for m in _UNUSUAL.finditer(block):
        letters, digits = m.group(1).upper(), m.group(2)
        if len(letters) > 3 or len(digits.lstrip(b"0")) > 7 or not digits:
            raise BeyondTheGrid(_("a cell reference beyond the last cell a spreadsheet has"))
        number = whole(digits)
        last_row = max(last_row, number - 1)
        first_row = number - 1 if first_row is None else min(first_row, number - 1)
        if letters:
            cells += 1
            col = 0
            for ch in letters:
                col = col * 26 + ch - 64
            last_col = max(last_col, col - 1)
    first = -1 if first_row is None else max(first_row, 0)                       # (row 0: the reader refuses it)
    return last_row, last_col, cells, first


def row_tags(block: bytes, prefix: bytes, refs: Refs) -> int:
    """How many rows ``block`` opens (``refs``: :func:`last_cell`'s; the reader knows a row by its local name,
    whatever its prefix): exact for rows without a prefix or with the sheet's own (``prefix``), more for others
    (their closing tags too), never fewer."""
    tags, others = refs.opened, refs.colons
    if prefix:
        own = block.count(b"<" + prefix + b"row")
        tags += own
        others -= own + block.count(b"</" + prefix + b"row")
    return tags + max(0, others)


def element_prefix(block: bytes) -> bytes:
    """The prefix of the sheet's elements (most files have none), from its first block: its root's."""
    root = _ROOT.search(block)
    return root.group(1) or b"" if root else b""
