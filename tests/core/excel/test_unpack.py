"""The scans' unpacking of a package's parts (books/unpack.py): ISA-L's inflate of a part's packed bytes gives what
Python's zip reader gives, CHUNK at a time, and refuses what it refuses (a checksum that does not match, a part
longer or shorter than the zip's directory says, packed data broken or cut off), in the user's words; without
ISA-L, the zip reader reads the part itself. The blocks are looked at on two threads, in order."""

import io
import random
import struct
import threading
import zipfile
import zlib

import pytest

from ogsm_desktop.core.excel.books import unpack
from ogsm_desktop.core.excel.books.unpack import PackageError


@pytest.fixture(params=["ISA-L", "zip reader"])
def reading(request, monkeypatch):
    """Both ways a part is unpacked: ISA-L's inflate of its packed bytes, and Python's zip reader alone."""
    if request.param == "zip reader":
        monkeypatch.setattr(unpack, "_isal", lambda: None)
    elif unpack._isal() is None:
        pytest.skip("python-isal (a dependency of the program) is not installed here")
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


def hand_made_zip(name: str, packed: bytes, *, crc: int, size: int, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip of one member whose packed bytes, checksum and length are given as they are (a damaged file)."""
    encoded = name.encode()
    local = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, method, 0, 0, crc, len(packed), size, len(encoded), 0)
    central = struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, method, 0, 0, crc, len(packed), size,
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
            fast = unpack._packed_start(z, info.filename) is not None
            assert fast == (reading == "ISA-L" and info.compress_type == zipfile.ZIP_DEFLATED), info.filename
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
           "no end, shorter than said", "broken"]


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
        "broken": lambda: hand_made_zip("s.xml", packed[:100] + bytes(b ^ 0x5A for b in packed[100:140]) + packed[140:],
                                        crc=crc, size=len(data)),
    }[how]()
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(made)
    return path


@pytest.mark.parametrize("how", DAMAGES)
def test_a_member_not_as_the_directory_says_is_read_or_refused_as_the_zip_reader_does(tmp_path, reading, how):
    """What Python's zip reader reads of it, the part is (the length the directory gives, with its checksum
    matching what is read: the bytes past it are not read); what it refuses is refused, naming the part, in the
    user's words — never a part handed on other than the zip reader reads it."""
    path = damaged(tmp_path, how)
    with zipfile.ZipFile(path) as z:
        try:
            expected, refused = z.read("s.xml"), None
        except (zipfile.BadZipFile, zlib.error) as exc:
            expected, refused = None, exc
        if refused is None:
            assert b"".join(unpack.inflated(z, "s.xml")) == expected
            return
        with pytest.raises(PackageError) as exc:
            b"".join(unpack.inflated(z, "s.xml"))
    message = str(exc.value)
    assert "s.xml" in message and "does not unpack" in message, message
    assert ("packed data is broken" if isinstance(refused, zlib.error) else "checksum") in message, message


def test_the_damages_tried_include_refusals_of_each_kind(tmp_path):
    """(The test above compares with the zip reader: it would pass on a list of damages none of which is refused.)"""
    said = set()
    for how in DAMAGES:
        with zipfile.ZipFile(damaged(tmp_path, how)) as z:
            try:
                z.read("s.xml")
            except (zipfile.BadZipFile, zlib.error) as exc:
                said.add(type(exc))
    assert said == {zipfile.BadZipFile, zlib.error}


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


def test_a_file_replaced_on_disk_while_open_is_read_as_the_zip_reader_reads_it(tmp_path, reading):
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
        os.replace(other, path)
        assert unpack._packed_start(z, "s.xml") is None
        assert b"".join(unpack.inflated(z, "s.xml")) == z.read("s.xml") == first
