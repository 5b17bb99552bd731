"""The scan's vector search of cell references (books/refs.py) against the regular expression it stands in for
(``_slow``, what a block written in an unusual way is read with): the last row, the last column, the
count of cells and the first row of blocks written as programs write them, and the references no program writes refused."""

import random

import pytest

from ogsm_desktop.core.excel.books.refs import BeyondTheGrid, _slow, last_cell

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def column_letters(col: int) -> str:
    out = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        out = LETTERS[rest] + out
    return out


def random_block(rng: random.Random) -> bytes:
    """Rows of cells as Excel, LibreOffice and other programs write them: in order or not, quoted either way,
    some letters in lower case, typed cells, styles, rows with spans or hidden, a range reference (sqref)
    that is no cell, and the block ending right after a reference (the vector search reads past it)."""
    parts = []
    for _ in range(rng.randint(0, 40)):
        row = rng.choice([rng.randint(1, 9), rng.randint(1, 1048576), rng.randint(99990, 100010)])
        q = rng.choice('"\'')
        extra = rng.choice(["", ' spans="1:5"', ' hidden="1"', ' ht="15"'])
        parts.append(f"<row r={q}{row}{q}{extra}>")
        for _ in range(rng.randint(0, 6)):
            col = rng.choice([rng.randint(0, 30), rng.randint(0, 16383), rng.randint(700, 710)])
            letters = column_letters(col)
            if rng.random() < 0.1:
                letters = letters.lower()
            cell_row = row if rng.random() < 0.9 else rng.randint(1, 1048576)
            kind = rng.choice(["", ' t="s"', ' t="e"', " t='n'", ' s="3"', ' t="inlineStr"'])
            parts.append(f"<c r={q}{letters}{cell_row}{q}{kind}><v>{rng.randint(0, 99)}</v></c>")
        parts.append("</row>")
        if rng.random() < 0.05:
            parts.append('<selection sqref="A1:XFD1048576"/>')
    if parts and rng.random() < 0.3:
        parts.append(f'<row r="{rng.randint(1, 1048576)}">')          # the block cut right after it
    return "".join(parts).encode()


@pytest.mark.parametrize("seed", range(40))
def test_the_vector_search_finds_what_the_regular_expression_finds(seed):
    rng = random.Random(seed)
    for _ in range(50):
        block = random_block(rng)
        found = last_cell(block)
        got = (found.row, found.col, found.cells, found.first)
        assert got == _slow(block) or (got == (-1, -1, 0, -1) and len(block) < 20 + 16), block


@pytest.mark.parametrize("block, row, col", [
    (b'<row r="999"><c r="ZZ999"/></row><row r="1000"><c r="AAA1000"/></row>', 999, 702),
    (b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', 1048575, 16383),
    (b'<row r="1048576"><c r="xfd1048576"><v>1</v></c></row>', 1048575, 16383),
    (b"<row r='7'><c r='B7' t='e'><v>#N/A</v></c><c r='C7'/></row>", 6, 2),
    (b'<row r="20"><c r="A20"/></row><row r="3"><c r="Z3"/></row>            <row r="1048576">', 1048575, 25),
])
def test_the_largest_row_and_column_whatever_their_order_and_length(block, row, col):
    assert last_cell(block)[:2] == (row, col)


@pytest.mark.parametrize("block, first", [
    (b'<row r="999"><c r="ZZ999"/></row><row r="1000"><c r="AAA1000"/></row>        ', 998),
    (b'<row r="20"><c r="A20"/></row><row r="3"><c r="Z3"/></row>            <row r="1048576">', 2),
    (b'<row r="20"><c r="A20"/><c r="B9"/></row><row r="100"><c r="C100"/></row>      ', 8),
    (b'<row r="12"><c r="A12"/></row><row r="2"><c r="A2"/></row><row r="19"><c r="A19"/></row>', 1),
])
def test_the_smallest_row_whatever_the_order_and_length(block, first):
    assert last_cell(block).first == first


@pytest.mark.parametrize("block", [
    b'<row r="2"><c r="ZZZZ2"><v>1</v></c></row>                ',       # four letters
    b'<row r="2"><c r="A12345678"><v>1</v></c></row>             ',      # eight digits
    b'<row r="12345678"><c r="A1"><v>1</v></c></row>              ',     # a row of eight digits
    b'<row r="2"><c r="AB"><v>1</v></c></row>                    ',       # a cell without its row
])
def test_a_reference_no_program_writes_is_refused(block):
    with pytest.raises(BeyondTheGrid):
        last_cell(block)


def test_the_first_row_with_a_zero_or_leading_zeros():
    """Found by a review: the shortest number was taken for the smallest (L0000001 is row 1), and a row 0
    (which the reader refuses) hid a block's rows."""
    pad = b" " * 16
    assert last_cell(b'<row r="150"><c r="A150"><v>1</v></c><c r="L0000001"><v>7</v></c></row>' + pad).first == 0
    refs = last_cell(b'<row r="5"><x r="0"/><c r="A5"><v>1</v></c></row>' + pad)
    assert refs.row == 4 and refs.first >= 0            # first=-1: "no reference", and _note drops the block


def test_the_slow_way_s_first_row_after_a_zero():
    # L1 seen (first 0), then r = "0" (first -1), then A150: "first_row < 0" takes 149
    assert _slow(b'<row r="150"><c r="L1"><v>7</v></c><x r = "0"/><c r="A150"><v>1</v></c></row>')[3] == 0
