"""The scans' unpacking of a package's parts (books/unpack.py): zlib-ng's inflate of a part's packed bytes gives what
Python's zip reader gives, CHUNK at a time, and refuses what it refuses (a checksum that does not match, a part
longer or shorter than the zip's directory says, packed data broken or cut off), in the user's words; without
zlib-ng, the zip reader reads the part itself. The blocks are looked at on two threads, in order."""

import io
import os
import random
import struct
import threading
import zipfile
import zlib

import pytest

from ogsm_desktop.core.excel.books import unpack
from ogsm_desktop.core.excel.books.unpack import PackageError


@pytest.fixture(params=["zlib-ng", "zip reader"])
def reading(request, monkeypatch):
    """Both ways a part is unpacked: zlib-ng's inflate of its packed bytes, and Python's zip reader alone."""
    if request.param == "zip reader":
        monkeypatch.setattr(unpack, "_zlib_ng", lambda: None)
    elif unpack._zlib_ng() is None:
        pytest.skip("python-zlib-ng (a dependency of the program on this machine) is not installed here")
    monkeypatch.setattr(unpack, "CHUNK", 4096)            # many chunks, cut anywhere
    monkeypatch.setattr(unpack, "_PACKED_READ", 1000)     # many reads of packed bytes, each chunk from several
    return request.param


def contents(rng: random.Random, size: int) -> bytes:
    """Sheet-like text (packs well) with stretches of random bytes (packs badly: stored blocks)."""
    out = bytearray()
    while len(out) < size:
        if rng.random() < 0.2:
            out += rng.randbytes(rng.randint(1, 3000))
        else:
            r = rng.randint(1, 1048576)
            out += f'<row r="{r}"><c r="A{r}" t="s"><v>{rng.randint(0, 99)}</v></c></row>'.encode()
    return bytes(out[:size])


def hand_made_zip(name: str, packed: bytes, *, crc: int, size: int, method: int = zipfile.ZIP_DEFLATED,
                  packed_size: int | None = None) -> bytes:
    """A zip of one member whose packed bytes, checksum and lengths are given as they are (a damaged file)."""
    encoded = name.encode()
    packed_size = len(packed) if packed_size is None else packed_size
    local = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, method, 0, 0, crc, packed_size, size, len(encoded), 0)
    central = struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, method, 0, 0, crc, packed_size, size,
                          len(encoded), 0, 0, 0, 0, 0, 0)
    body = local + encoded + packed
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 1, 1, len(central) + len(encoded), len(body), 0)
    return body + central + encoded + end


def deflated(data: bytes, finish: bool = True) -> bytes:
    pack = zlib.compressobj(6, zlib.DEFLATED, -15)
    return pack.compress(data) + pack.flush(zlib.Z_FINISH if finish else zlib.Z_SYNC_FLUSH)


@pytest.mark.parametrize("seed", range(6))
def test_a_part_unpacks_to_what_the_zip_reader_reads_chunk_by_chunk(tmp_path, reading, seed):
    rng = random.Random(seed)
    path = tmp_path / "book.xlsx"
    sizes = [0, 1, 4095, 4096, 4097, 3 * 4096, rng.randint(1, 200_000), rng.randint(200_000, 600_000)]
    with zipfile.ZipFile(path, "w") as z:
        for i, size in enumerate(sizes):
            z.writestr(f"xl/worksheets/sheet{i}.xml", contents(rng, size), compress_type=zipfile.ZIP_DEFLATED,
                       compresslevel=rng.choice([0, 1, 6, 9]))
        z.writestr("stored.xml", contents(rng, 10_000), compress_type=zipfile.ZIP_STORED)
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            source = unpack._packed_source(z, info.filename)
            if source is not None:
                source[0].close()
            assert (source is not None) == (reading == "zlib-ng" and info.compress_type == zipfile.ZIP_DEFLATED)
            chunks = list(unpack.inflated(z, info.filename))
            assert b"".join(chunks) == z.read(info.filename), info.filename
            assert all(len(c) == 4096 for c in chunks[:-1]) and all(chunks), [len(c) for c in chunks]


def test_a_part_written_as_a_stream_unpacks_too(tmp_path, reading):
    """A zip written to a stream (its lengths and checksum after the packed bytes, flag bit 3)."""
    class Stream(io.RawIOBase):
        def __init__(self):
            self.data = bytearray()

        def writable(self):
            return True

        def write(self, b):
            self.data += b
            return len(b)

    stream, data = Stream(), contents(random.Random(7), 50_000)
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as z, z.open("xl/worksheets/sheet1.xml", "w") as fh:
        fh.write(data)
    path = tmp_path / "streamed.xlsx"
    path.write_bytes(bytes(stream.data))
    with zipfile.ZipFile(path) as z:
        assert z.getinfo("xl/worksheets/sheet1.xml").flag_bits & 0x8
        assert b"".join(unpack.inflated(z, "xl/worksheets/sheet1.xml")) == data


DAMAGES = ["checksum", "longer than said", "shorter than said", "cut to the length said", "no end",
           "no end, shorter than said", "no end, cut anywhere", "broken", "empty, broken", "past the file's end"]


def damaged(tmp_path, how: str) -> tuple:
    """A zip whose member is not as its directory says, and the bytes it holds."""
    data = contents(random.Random(3), 30_000)
    packed, crc = deflated(data), zlib.crc32(data)
    made = {
        "checksum": lambda: hand_made_zip("s.xml", packed, crc=crc ^ 1, size=len(data)),
        "longer than said": lambda: hand_made_zip("s.xml", packed, crc=zlib.crc32(data[:20_000]), size=20_000),
        "cut to the length said": lambda: hand_made_zip("s.xml", packed, crc=crc, size=20_000),
        "shorter than said": lambda: hand_made_zip("s.xml", packed, crc=crc, size=len(data) + 10),
        "no end": lambda: hand_made_zip("s.xml", deflated(data, finish=False), crc=crc, size=len(data)),
        "no end, shorter than said": lambda: hand_made_zip("s.xml", deflated(data, finish=False), crc=crc,
                                                           size=len(data) + 10),
        "no end, cut anywhere": lambda: hand_made_zip("s.xml", packed[:len(packed) * 2 // 3], crc=crc, size=len(data)),
        "broken": lambda: hand_made_zip("s.xml", packed[:100] + bytes(b ^ 0x5A for b in packed[100:140]) + packed[140:],
                                        crc=crc, size=len(data)),
        "empty, broken": lambda: hand_made_zip("s.xml", b"\xff\xff\xff\xff", crc=0, size=0),
        "past the file's end": lambda: hand_made_zip("s.xml", packed[:len(packed) // 2], crc=crc, size=len(data),
                                                     packed_size=len(packed) + 100_000),
    }[how]()
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(made)
    return path


@pytest.mark.parametrize("how", DAMAGES)
def test_a_member_not_as_the_directory_says_is_read_or_refused_as_the_zip_reader_does(tmp_path, reading, how):
    """What Python's zip reader reads of it, the part is (the length the directory gives, with its checksum
    matching what is read: the bytes past it are not read); what it refuses is refused, naming the part, in the
    user's words — never a part handed on other than the zip reader reads it."""
    with zipfile.ZipFile(damaged(tmp_path, how)) as z:
        said = read_as_both(z, "s.xml")
    assert said[0] == said[1], said


READINGS = {zipfile.BadZipFile: "a checksum does not match", zlib.error: "its packed data is broken",
            EOFError: "it is cut off before its end"}


def read_as_both(z: zipfile.ZipFile, name: str) -> tuple:
    """What Python's zip reader reads of a part (its bytes, or what its refusal says in the user's words), and what
    the scan's unpacking does, on a thread of its own: a reading that never ends fails, not hangs."""
    try:
        expected = z.read(name)
    except tuple(READINGS) as exc:
        expected = READINGS[type(exc)]
    got = []

    def scan():
        try:
            got.append(b"".join(unpack.inflated(z, name)))
        except PackageError as exc:
            message = str(exc)
            assert name in message and "does not unpack" in message, message
            got.append(next((said for said in READINGS.values() if said in message), message))

    reading = threading.Thread(target=scan, daemon=True)
    reading.start()
    reading.join(20)
    assert not reading.is_alive(), "the unpacking never ended"
    return expected, got[0]


@pytest.mark.parametrize("seed", range(4))
def test_damaged_packed_data_is_read_or_refused_as_the_zip_reader_does(tmp_path, reading, seed):
    """Bytes flipped in the packed data, as a damaged disk or a crafted file has them: the part is read, or refused
    for the same reason, as Python's zip reader (zlib's inflate) does — never other bytes handed to the scan than the
    reader library loads (ISA-L's inflate read 248 of 80,000 such streams that zlib refuses, or otherwise)."""
    rng = random.Random(seed)
    data = [contents(rng, 5000), rng.randbytes(3000), b"a" * 5000][seed % 3]
    for k in range(150):
        pack = zlib.compressobj(rng.choice([1, 6, 9]), zlib.DEFLATED, -15, 9, rng.choice([0, 1, 2, 3, 4]))
        packed = bytearray(pack.compress(data) + pack.flush())
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(min(len(packed), 64 if rng.random() < 0.7 else len(packed)))
            packed[at] ^= 1 << rng.randrange(8)
        path = tmp_path / f"d{k}.zip"
        path.write_bytes(hand_made_zip("s.xml", bytes(packed), crc=zlib.crc32(data), size=len(data)))
        with zipfile.ZipFile(path) as z:
            said = read_as_both(z, "s.xml")
        assert said[0] == said[1], (k, said)


def test_the_damages_tried_include_refusals_of_each_kind(tmp_path):
    """(The test above compares with the zip reader: it would pass on a list of damages none of which is refused.)"""
    said = set()
    for how in DAMAGES:
        with zipfile.ZipFile(damaged(tmp_path, how)) as z:
            try:
                z.read("s.xml")
            except tuple(READINGS) as exc:
                said.add(type(exc))
    assert said == set(READINGS)


def _threads(prefix: str) -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith(prefix)]


def test_a_scan_that_ends_early_leaves_no_thread_unpacking(tmp_path, reading):
    path = tmp_path / "big.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("s.xml", contents(random.Random(1), 400_000))
    with zipfile.ZipFile(path) as z:
        chunks = unpack.inflated(z, "s.xml")
        assert len(next(chunks)) == 4096
        chunks.close()
    assert _threads("ogsm-unpack") == []


def test_blocks_are_looked_at_in_order_and_a_refusal_stops_the_looking():
    seen = []

    def look(block: bytes) -> int:
        if block == b"7":
            raise ValueError("refused")
        seen.append(block)
        return int(block) * 2

    assert list(unpack.looked_at((str(i).encode() for i in range(7)), look)) == [
        (str(i).encode(), i * 2) for i in range(7)]
    got = []
    with pytest.raises(ValueError, match="refused"):
        for _block, looked in unpack.looked_at((str(i).encode() for i in range(20)), look):
            got.append(looked)
    assert got == [i * 2 for i in range(7)]
    assert len(seen) <= 7 + 7 + 2                            # (at most two blocks looked at past the refusal)
    assert _threads("ogsm-scan") == []


@pytest.mark.parametrize("how", ["saved over", "moved away"])
def test_a_file_replaced_on_disk_while_open_is_read_as_the_zip_reader_reads_it(tmp_path, reading, how):
    """Another program saves over the workbook while it is read: its name now names another file. The part is read
    from the file the zip's directory came from, as Python's zip reader reads it (never the new file's bytes at the
    old file's places)."""
    import os

    path, other = tmp_path / "book.xlsx", tmp_path / "saved.xlsx"
    first, second = contents(random.Random(5), 100_000), contents(random.Random(6), 100_000)
    for where, data in ((path, first), (other, second)):
        with zipfile.ZipFile(where, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("s.xml", data)
    with zipfile.ZipFile(path) as z:
        if how == "saved over":
            os.replace(other, path)
        else:
            os.replace(path, tmp_path / "elsewhere.xlsx")
        assert unpack._packed_source(z, "s.xml") is None
        assert b"".join(unpack.inflated(z, "s.xml")) == z.read("s.xml") == first


def test_a_scan_refused_leaves_nothing_unpacking_while_its_error_is_kept(tmp_path, reading, monkeypatch):
    """Found by a review: a sheet refused by the look at a block (a reference beyond the grid) left the unpacking
    thread waiting, the workbook open (locked on Windows) and its blocks alive for as long as the error was kept —
    the window keeps its jobs' errors."""
    from ogsm_desktop.core.excel.books import ooxml
    from ogsm_desktop.core.excel.books.refs import BeyondTheGrid

    monkeypatch.setattr(unpack, "CHUNK", 64 * 1024)
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(2, 60_000))
    xml = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           f'<sheetData><row r="1"><c r="AAAA1"><v>1</v></c></row>{rows}</sheetData></worksheet>')
    path = tmp_path / "beyond.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("s.xml", xml)
    with zipfile.ZipFile(path) as z, pytest.raises(BeyondTheGrid) as refused:
        ooxml._scan_xml(z, "s.xml", frozenset())
    assert refused.value.__traceback__ is not None          # (the error, and the frames it holds, kept)
    assert _threads("ogsm-unpack") == [] and _threads("ogsm-scan") == []
    assert not any(str(path) in os.readlink(f"/proc/self/fd/{fd}") for fd in _fds()), "the workbook is still open"


def _fds() -> list[str]:
    try:
        fds = os.listdir("/proc/self/fd")
    except OSError:
        pytest.skip("no /proc here to see open files in")
    out = []
    for fd in fds:
        try:
            os.readlink(f"/proc/self/fd/{fd}")
            out.append(fd)
        except OSError:
            pass
    return out


def test_a_scan_that_stops_stops_the_unpacking_too(tmp_path, reading, monkeypatch):
    """A scan ended early (refused, cancelled) does not wait for the rest of the part to be unpacked."""
    handed = []
    real = unpack.queue.Queue

    class Counting(real):
        def put(self, item, *args, **kwargs):
            handed.append(len(item) if isinstance(item, bytes) else item)
            return super().put(item, *args, **kwargs)

    monkeypatch.setattr(unpack.queue, "Queue", Counting)
    path = tmp_path / "big.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("s.xml", contents(random.Random(2), 2_000_000))
    with zipfile.ZipFile(path) as z:
        chunks = unpack.inflated(z, "s.xml")
        next(chunks)
        chunks.close()
    assert len(handed) < 10, f"{len(handed)} chunks of 4096 unpacked after the scan stopped at the first"


def _refusal_said(path) -> dict[str, str]:
    """What opening the workbook at ``path`` and reading its sheet "Actuals" is refused with, in English and in
    Chinese (the file's path left out)."""
    from ogsm_desktop.core import i18n
    from ogsm_desktop.core.excel.books import WorkbookError, open_book

    said = {}
    try:
        for language in ("en", "zh_CN"):
            i18n.set_language(language)
            with pytest.raises(WorkbookError) as exc, open_book(path) as book:
                book.sheet("Actuals")
            said[language] = str(exc.value).replace(str(path), "")
    finally:
        i18n.set_language("en")
    return said


@pytest.mark.parametrize("how", ["unknown method", "encrypted"])
def test_a_sheet_packed_in_a_way_not_read_is_refused_in_the_users_words(tmp_path, how):
    """Found by a review: a sheet part with a compression method Python's zip reader does not know, or marked as
    encrypted, escaped the import as its raw English error (NotImplementedError, RuntimeError): the window's
    "unexpected error"."""
    from tests.helpers import write_xlsx

    path = write_xlsx(tmp_path / "book.xlsx", {"Actuals": [["Code", "Period", "Actual"], ["C-S1-M1", "2026-01", 5]]})
    data = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    for signature, name_at, method_at, flags_at in ((b"PK\x03\x04", 30, 8, 6), (b"PK\x01\x02", 46, 10, 8)):
        at = data.find(signature)
        while at >= 0:
            if data[at + name_at:at + name_at + len(name)] == name:
                if how == "unknown method":
                    data[at + method_at:at + method_at + 2] = (99).to_bytes(2, "little")
                else:
                    data[at + flags_at] |= 1
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    expected = {"unknown method": "packed in a way this program does not read", "encrypted": "password-protected"}
    said = _refusal_said(path)
    assert expected[how] in said["en"], said
    assert not any(word in said["zh_CN"] for word in ("password", "packed", "compression", "encrypted")), said


def _repacked(path, part: str, method: int):
    """The workbook at ``path`` with ``part`` packed with ``method`` and bytes in the middle of its packed data
    spoiled (its lengths and checksum as the directory says)."""
    with zipfile.ZipFile(path) as z:
        members = [(info.filename, z.read(info.filename)) for info in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in members:
            z.writestr(name, body, compress_type=method if name == part else zipfile.ZIP_DEFLATED)
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(part)
    raw = bytearray(path.read_bytes())
    name_length, extra_length = struct.unpack_from("<HH", raw, info.header_offset + 26)
    start = info.header_offset + 30 + name_length + extra_length + info.compress_size // 2
    raw[start:start + 8] = bytes(b ^ 0x55 for b in raw[start:start + 8])
    path.write_bytes(bytes(raw))
    return path


@pytest.mark.parametrize("method", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA], ids=["bzip2", "LZMA"])
@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"])
def test_a_part_packed_another_way_and_damaged_is_refused_in_the_users_words(tmp_path, method, part):
    """Found by a review: a sheet (or its table of texts) packed with bzip2 or LZMA — which Python's zip reader
    reads — with its packed data damaged escaped the import as the raw English "OSError: Invalid data stream" or
    "LZMAError: Corrupt input data" (the window's "unexpected error"), or was said to point outside the file."""
    import xlsxwriter


    path = tmp_path / "book.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Actuals")
    for r in range(600):
        sheet.write_row(r, 0, ["Code", "Period", "Comment"] if r == 0 else [f"C-S1-M{r % 9 + 1}", "2026-01", f"text {r}"])
    book.close()
    said = _refusal_said(_repacked(path, part, method))
    assert "its packed data is broken" in said["en"], said
    assert not any(word in said["zh_CN"] for word in ("Invalid", "Corrupt", "data", "stream")), said


@pytest.mark.parametrize("method", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA], ids=["bzip2", "LZMA"])
def test_an_opendocument_content_part_packed_another_way_and_damaged_is_refused_in_the_users_words(tmp_path, method):
    """As above, for an .ods: its content part (read whole, before the reader library opens the file)."""

    rows = "".join(f"<table:table-row><table:table-cell office:value-type=\"string\"><text:p>C-S1-M{r}</text:p>"
                   "</table:table-cell></table:table-row>" for r in range(2000))
    content = ('<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
               'office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:'
               f'tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Actuals">'
               f'{rows}</table:table></office:spreadsheet></office:body></office:document-content>')
    path = tmp_path / "book.ods"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    said = _refusal_said(_repacked(path, "content.xml", method))
    assert "its content part does not unpack" in said["en"] and "its packed data is broken" in said["en"], said
    assert not any(word in said["zh_CN"] for word in ("Invalid", "Corrupt", "data", "stream")), said
