"""Qt names a font subset with its tag in the font descriptor only: the update appended gives the fonts' own
names the tag too (readers go by them), leaves the bytes written as they are, and touches no file it does not
understand."""

import io

import pypdf
import pytest

from ogsm_desktop.core.pdf_subsets import subset_names


def _pdf(objects: dict[int, bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF laid out as Qt writes one: numbered objects, one cross-reference table, a trailer with an ID."""
    out = bytearray(b"%PDF-1.4\n%\xc3\xa2\xc3\xa3\n")
    where = {}
    for number in sorted(objects):
        where[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d \n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % where[number] if number in where else b"0000000000 00000 f \n"
    out += (b"trailer\n<<\n/Size %d \n/Info 1 0 R\n/Root 2 0 R\n/ID [ <6162> <6162> ]\n%s>>\nstartxref\n%d \n%%%%EOF\n"
            % (size, trailer_extra, xref))
    return bytes(out)


def _objects(tag: bytes = b"QUBAAA", name: bytes = b"WenQuanYiMicroHei") -> dict[int, bytes]:
    return {
        1: b"<< /Producer (test) >>",
        2: b"<< /Type /Catalog /Pages 3 0 R >>",
        3: b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        4: b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 200 100] /Resources << /Font << /F11 11 0 R >> >> "
           b"/Contents 5 0 R >>",
        5: b"<< /Length 0 >>\nstream\n\nendstream",
        6: b"<< /Type /FontDescriptor\n/FontName /" + tag + b"+" + name + b"\n/Flags 4 >>",
        7: b"<< /Type /Font\n/Subtype /CIDFontType2\n/BaseFont /" + name + b"\n/CIDSystemInfo << /Registry (Adobe) "
           b"/Ordering (Identity) /Supplement 0 >>\n/FontDescriptor 6 0 R\n/CIDToGIDMap /Identity\n/W [0 [1000 ]\n]\n>>",
        11: b"<< /Type /Font\n/Subtype /Type0\n/BaseFont /" + name + b"\n/Encoding /Identity-H\n/DescendantFonts [7 0 R]>>",
    }


def _names(data: bytes) -> tuple:
    reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
    font = reader.pages[0]["/Resources"]["/Font"]["/F11"].get_object()
    cid = font["/DescendantFonts"][0].get_object()
    return str(font["/BaseFont"]), str(cid["/BaseFont"]), str(cid["/FontDescriptor"].get_object()["/FontName"])


def test_the_fonts_take_the_subset_s_tag_in_an_update_after_the_bytes_written():
    written = _pdf(_objects())
    assert _names(written) == ("/WenQuanYiMicroHei", "/WenQuanYiMicroHei", "/QUBAAA+WenQuanYiMicroHei")
    update = subset_names(written)
    assert update
    assert _names(written + update) == ("/QUBAAA+WenQuanYiMicroHei",) * 3
    reader = pypdf.PdfReader(io.BytesIO(written + update), strict=True)
    assert reader.trailer["/ID"] and str(reader.trailer["/Info"].get_object()["/Producer"]) == "test"
    assert subset_names(written + update) == b""            # named once: an update already made is left alone


@pytest.mark.parametrize("case", ["already-named", "another-name", "xref-stream", "encrypted", "cut-short",
                                  "offset-elsewhere"])
def test_a_file_that_needs_nothing_or_is_not_understood_gets_no_update(case):
    objects = _objects()
    if case == "already-named":
        objects[7] = objects[7].replace(b"/BaseFont /Wen", b"/BaseFont /QUBAAA+Wen")
        objects[11] = objects[11].replace(b"/BaseFont /Wen", b"/BaseFont /QUBAAA+Wen")
    if case == "another-name":                             # the descriptor names another font: not guessed
        objects[6] = objects[6].replace(b"WenQuanYiMicroHei", b"OtherFont")
    data = _pdf(objects, b"/Encrypt 9 0 R\n" if case == "encrypted" else b"")
    if case == "xref-stream":
        data = data.replace(b"xref\n0 12", b"12 0 obj\n<< /Type /XRef >>")
    if case == "cut-short":
        data = data[:-20]
    if case == "offset-elsewhere":                         # the table says the font is somewhere else
        at = data.index(b"11 0 obj")
        data = data.replace(b"%010d 00000 n \ntrailer" % at, b"%010d 00000 n \ntrailer" % (at - 1))
    assert subset_names(data) == b""
