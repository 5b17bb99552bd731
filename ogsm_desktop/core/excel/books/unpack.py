"""A package's part unpacked as the scans read it: in blocks, on threads of their own, each failure said in
the user's words.

A big sheet's part is unpacked while the blocks before it are scanned (:func:`inflated`), with zlib-ng's inflate
where it is installed (python-zlib-ng: 0.13 s for a million rows' sheet, where zlib takes 0.31-0.34 s). zlib-ng's
inflate is zlib's, made faster: it reads and refuses what zlib does (80,000 damaged streams, 1,000 cut ones: not one
read otherwise), so the scan checks the bytes the reader library will load. (ISA-L, faster still, read 248 of the
80,000 otherwise: a crafted file could show the scan other bytes.) Python's zip reader still opens the part, with its
checks (the local header, the name, encryption, the method); only its packed bytes are then read again and inflated
here, and checked as it checks them when it reads a part in blocks: the length the zip's directory gives (what
follows is not read: python-calamine refuses a part longer than that itself), and the checksum.
"""

from __future__ import annotations

import lzma
import os
import queue
import re
import threading
import zipfile
import zlib
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from functools import cache

from ...i18n import _

CHUNK = 1024**2                    # unpacked bytes a block: the scan of a million rows took 0.47-0.49 s in blocks
                                   # of 1 MB, 0.50-0.54 s of 2 and 4 MB, 0.59-0.60 s of 8 MB (0.55-0.72 s below 1 MB)
_PACKED_READ = 2 * 1024**2         # packed bytes read at a time (fewer, larger reads: faster, whatever the block)
_LOCAL_HEADER = 30                 # the fixed part of a zip member's local header


class PackageError(ValueError):
    """The package is refused; the message says why, in the user's words."""


# What reading a part that does not unpack raises, however it is packed: the zip reader's own refusals, zlib's,
# LZMA's — and bzip2's, an OSError without an errno (one with an errno is the system's: see does_not_unpack).
UNPACKING_ERRORS = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, NotImplementedError)


def does_not_unpack(exc: BaseException) -> bool:
    """Whether ``exc`` says a part does not unpack (a damaged or crafted file), not that the system refused it."""
    return isinstance(exc, UNPACKING_ERRORS) or _broken_data(exc)


def _broken_data(exc: BaseException) -> bool:
    """Whether ``exc`` is an inflater's refusal of the packed data: zlib's, LZMA's, bzip2's ("Invalid data stream":
    an OSError without an errno)."""
    return isinstance(exc, (zlib.error, lzma.LZMAError)) or (isinstance(exc, OSError) and exc.errno is None)


def unpack_problem(exc: BaseException) -> str:
    """What is wrong with a zip archive or a part of it that does not unpack, in the user's language (the
    zip and zlib libraries' own words are English: "Bad CRC-32 for file …", "Error -3 while decompressing")."""
    if isinstance(exc, zipfile.BadZipFile):
        if "crc" in str(exc).lower():
            return _("a checksum does not match what it holds")
        return _("its zip structure is broken")
    if _broken_data(exc):
        return _("its packed data is broken")
    if isinstance(exc, EOFError):
        return _("it is cut off before its end")
    if isinstance(exc, NotImplementedError):
        return _("it is packed in a way this program does not read")
    if isinstance(exc, OSError):
        return _("it points outside the file")
    return _("it does not unpack")


def blocks(archive: zipfile.ZipFile, part: str, cut_at=None):
    """The part's bytes in blocks cut after a complete tag (``cut_at(block)``: where to cut it instead, when given); a
    part that does not unpack says which."""
    tail = b""
    for chunk in inflated(archive, part):
        block = tail + chunk
        cut = block.rfind(b"<") if cut_at is None else cut_at(block)
        if cut <= 0:        # no tag begins in it (a value or text over a block long): cut before a space then, so
            cut = _space_cut(block)     # that no attribute's name is parted from the space before it (r="XFD400"
        if cut <= 0:                    # unseen), nor from its value
            tail, cut = b"", len(block)
        else:
            tail = block[cut:]
        yield block[:cut]
    if tail:
        yield tail


_SPACES = re.compile(rb"\s+")


def _space_cut(block: bytes) -> int:
    """Where the last run of spaces, tabs or line breaks of ``block`` begins that is not between an attribute's
    name and its value's opening quote (r = "A1"), so that no reference is parted from its name (-1: none)."""
    runs = [m.span() for m in _SPACES.finditer(block)]
    for start, end in reversed(runs):
        if start > 0 and block[start - 1:start] != b"=" and block[end:end + 1] not in (b"=", b'"', b"'"):
            return start
    return -1


def inflated(archive: zipfile.ZipFile, part: str):
    """The part's bytes, CHUNK at a time, each unpacked on a thread of its own while the one before is
    scanned (zlib and zlib-ng let go of Python's lock: on a big sheet the two then run side by side)."""
    ahead: queue.Queue = queue.Queue(maxsize=1)
    stop = threading.Event()

    def put(chunk: bytes) -> bool:
        ahead.put(chunk)
        return not stop.is_set()

    def unpack() -> None:
        try:
            try:
                fh = archive.open(part)                   # Python's zip reader checks the part's header
            except NotImplementedError:                   # (a method it does not read: said below)
                raise
            except RuntimeError:                          # (its word for an encrypted member)
                raise PackageError(_("it is password-protected; save it without a password and import that")) from None
            with fh:
                packed = _packed_source(archive, part)
                if packed is None:
                    while not stop.is_set():
                        chunk = fh.read(CHUNK)
                        ahead.put(chunk)
                        if not chunk:
                            return
                    return
            with packed[0]:
                _inflate_packed(packed[0], archive.getinfo(part), packed[1], put)
            ahead.put(b"")
        except BaseException as exc:                  # (the system refusing the file: said where the scan was asked)
            ahead.put(PackageError(_("its part {part} does not unpack (a damaged file: {reason})").format(
                part=part, reason=unpack_problem(exc))) if does_not_unpack(exc) else exc)

    worker = threading.Thread(target=unpack, name="ogsm-unpack", daemon=True)
    worker.start()
    try:
        while True:
            chunk = ahead.get()
            if isinstance(chunk, BaseException):
                raise chunk
            if not chunk:
                return
            yield chunk
    finally:
        stop.set()
        while worker.is_alive():                      # a scan ended early: let the unpacking end too
            try:
                ahead.get(timeout=0.05)
            except queue.Empty:
                pass
        worker.join()


@cache
def _zlib_ng():
    """zlib-ng's zlib (python-zlib-ng), loaded when a workbook is first read: off the start-up path; None where it is
    not installed (a platform without its wheel: Python's zip reader then reads every part, at half the speed)."""
    try:
        from zlib_ng import zlib_ng
    except ImportError:
        return None
    return zlib_ng


def _packed_source(archive: zipfile.ZipFile, part: str):
    """``(file, where)``: the archive's file opened again, and where the packed bytes of ``part`` start in it, for a
    part this module inflates itself — deflated, not encrypted, in a file on disk that its name still names, with
    zlib-ng at hand (None: Python's zip reader reads it, through its own handle)."""
    info = archive.getinfo(part)
    if (_zlib_ng() is None or info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 0x1
            or not isinstance(archive.filename, str) or archive.fp is None):
        return None
    try:
        fh = open(archive.filename, "rb")  # noqa: SIM115 - handed to the caller, which closes it
    except OSError:                                   # moved or deleted since it was opened
        return None
    try:
        if not _same_file(fh, archive.fp):            # saved over since it was opened
            fh.close()
            return None
        fh.seek(info.header_offset)
        header = fh.read(_LOCAL_HEADER)
    except BaseException:
        fh.close()
        raise
    if len(header) < _LOCAL_HEADER or header[:4] != b"PK\x03\x04":
        fh.close()
        return None                                   # (the zip reader said nothing: its own reading then)
    name_length = int.from_bytes(header[26:28], "little")
    extra_length = int.from_bytes(header[28:30], "little")
    return fh, info.header_offset + _LOCAL_HEADER + name_length + extra_length


def _same_file(fh, other) -> bool:
    """Whether two open files are the same file on disk (a name now naming another file: False)."""
    try:
        mine, theirs = os.fstat(fh.fileno()), os.fstat(other.fileno())
    except (OSError, AttributeError, ValueError):
        return False
    return (mine.st_dev, mine.st_ino) == (theirs.st_dev, theirs.st_ino) and mine.st_ino != 0


def _inflate_packed(fh, info: zipfile.ZipInfo, start: int, put) -> None:
    """Inflate the part ``info`` from its packed bytes at ``start`` in ``fh``, handing each CHUNK to ``put`` (False:
    stop), checked as Python's zip reader checks it: inflated at least once, no more than the length the directory
    gives, then the checksum."""
    fast = _zlib_ng()
    inflate = fast.decompressobj(-15)
    packed_left, left, crc = info.compress_size, info.file_size, 0
    pieces: list[bytes] = []
    held = 0
    fh.seek(start)
    packed = b""
    while True:
        if not packed and packed_left > 0:
            packed = fh.read(min(packed_left, _PACKED_READ))
            if not packed:
                raise EOFError("the file ends inside the packed data")
            packed_left -= len(packed)
        try:                                           # (all read, output may still wait inside: asked with b"")
            piece = inflate.decompress(packed, CHUNK - held)
        except fast.error as exc:
            raise zlib.error(str(exc)) from None
        packed = inflate.unconsumed_tail
        if len(piece) > left:                          # longer than the directory says: cut there, as the zip
            piece = piece[:left]                       # reader does (the checksum then tells)
        left -= len(piece)
        crc = fast.crc32(piece, crc)
        pieces.append(piece)
        held += len(piece)
        if held >= CHUNK:
            if not put(b"".join(pieces)):
                return
            pieces, held = [], 0
        if left <= 0 or inflate.eof or (not piece and not packed and packed_left <= 0):
            break                                      # (the last: no end marker; the checksum tells, as for
    if crc != info.CRC:                                # the zip reader)
        raise zipfile.BadZipFile(f"Bad CRC-32 for file {info.filename!r}")
    if held:
        put(b"".join(pieces))


def looked_at(source, look, ahead: int = 2):
    """Each block of ``source`` with ``look(block)``, in order, worked out on two threads side by side while the next
    blocks are unpacked and cut (numpy lets go of Python's lock): at most ``ahead`` blocks wait beyond the one
    given out."""
    pending: deque = deque()
    with ThreadPoolExecutor(2, thread_name_prefix="ogsm-scan") as pool:
        try:
            for block in source:
                pending.append((block, pool.submit(look, block)))
                if len(pending) > ahead:
                    block, looked = pending.popleft()
                    yield block, looked.result()
            while pending:
                block, looked = pending.popleft()
                yield block, looked.result()
        finally:
            for _block, looked in pending:         # a scan ended early (refused, cancelled): no more looking,
                looked.cancel()
            pending.clear()
            close = getattr(source, "close", None)  # and no more unpacking, now: not once the error that ended
            if close is not None:                  # it (which holds this frame) is let go
                close()
