"""Found by a tester: messages built from the system's error text ("Permission denied", "No such file or
directory") showed it in English inside Chinese sentences, app-wide. One function, places.os_problem, says
why a path could not be read or written in the user's language — the common errors each in their own words,
any other naming the path and the error's code — and every message about a file the system refused uses it."""

import errno
import os
import re
from pathlib import Path

import pytest

from ogsm_desktop.core import i18n
from ogsm_desktop.core.errors import PlanError
from ogsm_desktop.core.places import os_problem

WORD = re.compile(r"[A-Za-z][A-Za-z']+")
PATH = Path("/数据/计划/plan.ogsm")
COMMON = [errno.EACCES, errno.EPERM, errno.ENOENT, errno.ENOSPC, errno.EROFS, errno.EISDIR, errno.EEXIST]


def refused(code: int) -> OSError:
    return OSError(code, os.strerror(code), str(PATH))


def english_words(message: str) -> list[str]:
    """The English words of a message, its path left out (the file's name is the user's own)."""
    return WORD.findall(message.replace(str(PATH), ""))


@pytest.mark.parametrize("doing", ["read", "written", "opened"])
@pytest.mark.parametrize("code", [*COMMON, errno.EIO, errno.ENOTDIR, errno.EBUSY, None])
def test_a_chinese_message_holds_no_english_error_words(code, doing):
    i18n.set_language("zh_CN")
    exc = refused(code) if code is not None else OSError("cannot paint on the output")
    message = os_problem(PATH, exc, doing)
    assert str(PATH) in message
    assert english_words(message) in ([], [errno.errorcode.get(code)]), message    # (a rare one: its code, EIO)


@pytest.mark.parametrize("code", COMMON)
def test_each_common_error_is_said_in_its_own_words(code):
    said = {os_problem(PATH, refused(code), doing) for doing in ("read", "written")}
    assert all(str(PATH) in m and os.strerror(code) not in m for m in said)
    i18n.set_language("zh_CN")
    chinese = {os_problem(PATH, refused(code), doing) for doing in ("read", "written")}
    assert all(os.strerror(code) not in m for m in chinese)


def test_reading_a_file_that_is_not_there_says_so_not_that_its_folder_is_missing():
    assert os_problem(PATH, refused(errno.ENOENT), "read") == f"{PATH}: no such file"
    assert os_problem(PATH, refused(errno.ENOENT), "written") == f"{PATH}: the folder does not exist"
    assert os_problem(PATH, refused(errno.EISDIR), "written") == f"{PATH}: is a folder; nothing was written"
    assert os_problem(PATH, refused(errno.EEXIST), "written") == f"{PATH}: already exists; nothing was written"


def test_a_rare_error_names_the_path_and_says_the_systems_words_in_english_only():
    assert os_problem(PATH, refused(errno.EIO), "read") == f"{PATH}: cannot be read (Input/output error)"
    i18n.set_language("zh_CN")
    message = os_problem(PATH, refused(errno.EIO), "read")
    assert "Input/output" not in message and "EIO" in message and str(PATH) in message


def test_a_plan_that_cannot_be_opened_says_why_in_chinese(demo_path, monkeypatch):
    """The plan file's lock opens the file first: refused by the system (a share's permissions), the
    message said "(Permission denied)" in a Chinese sentence."""
    from ogsm_desktop.core import lock
    from ogsm_desktop.core.storage import Plan

    real_open = os.open

    def refuse(path, *args, **kwargs):
        if Path(path) == demo_path:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(lock.os, "open", refuse)
    i18n.set_language("zh_CN")
    with pytest.raises(PlanError) as exc:
        Plan.open(demo_path)
    message = str(exc.value)
    assert str(demo_path) in message and "Permission" not in message
    assert WORD.findall(message.replace(str(demo_path), "")) == []


def test_a_workbook_that_cannot_be_read_says_why_in_chinese(tmp_path, monkeypatch):
    from ogsm_desktop.core.excel import books

    path = tmp_path / "数据.xlsx"
    path.write_bytes(b"PK\x03\x04")

    def refuse(found):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(found))

    monkeypatch.setattr(books, "sniff", refuse)
    i18n.set_language("zh_CN")
    with pytest.raises(PlanError) as exc:
        books.open_book(path)
    message = str(exc.value)
    assert str(path) in message and "Permission" not in message
    assert WORD.findall(message.replace(str(path), "")) == []


def test_a_workbook_the_system_will_not_open_is_not_called_damaged(tmp_path, monkeypatch):
    """Sniffed, then refused by the system as it is opened to be read: it was said to be "damaged
    (Permission denied)"."""
    from ogsm_desktop.core.excel import books

    path = tmp_path / "数据.csv"
    path.write_text("Code,Period,Actual\n", encoding="utf-8")

    def refuse(found):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(found))

    monkeypatch.setattr(books, "CsvBook", refuse)
    with pytest.raises(PlanError) as exc:
        books.open_book(path)
    assert str(exc.value) == f"{path}: permission denied; nothing was read"
    i18n.set_language("zh_CN")
    with pytest.raises(PlanError) as exc:
        books.open_book(path)
    assert WORD.findall(str(exc.value).replace(str(path), "")) == []


@pytest.mark.parametrize(("text", "name"), [("unable to open database file", "SQLITE_CANTOPEN"),
                                            ("disk I/O error", "SQLITE_IOERR_WRITE"),
                                            ("something SQLite has not said before", "SQLITE_MISUSE")])
def test_sqlites_own_words_for_a_refusal_of_the_system_stay_out_of_a_chinese_message(text, name):
    """SQLite reports what the system refused in its own English ("unable to open database file", "disk I/O
    error"): said in a Chinese message, named by SQLite's error code instead (English keeps SQLite's words)."""
    import sqlite3

    from ogsm_desktop.core.storage.errors import plan_error

    exc = sqlite3.OperationalError(text)
    exc.sqlite_errorname = name
    assert text in str(plan_error(exc, PATH))
    i18n.set_language("zh_CN")
    message = str(plan_error(exc, PATH))
    assert str(PATH) in message and text not in message
    assert set(english_words(message.replace(name, ""))) <= {"SQLite"}, message


def test_a_refusal_while_doing_what_nobody_said_names_the_path_and_why():
    assert os_problem(PATH, refused(errno.EACCES), "used") == f"{PATH}: permission denied"
    i18n.set_language("zh_CN")
    assert os_problem(PATH, refused(errno.ENOENT), "used") == f"{PATH}：文件或文件夹不存在"


def _sqlite_refusal(text: str, name: str):
    import sqlite3

    exc = sqlite3.OperationalError(text)
    exc.sqlite_errorname = name
    return exc


def test_a_save_as_sqlite_refused_says_why_without_sqlites_english_in_chinese(demo_path, tmp_path, monkeypatch):
    """Save As copies the plan with SQLite: its refusal ('database or disk is full', 'disk I/O error') was put
    as it is inside the Chinese sentence; said by its code there, in SQLite's words in English."""
    from ogsm_desktop.core.storage import Plan, connection

    def refuse(conn, target):
        raise _sqlite_refusal("disk I/O error", "SQLITE_IOERR_WRITE")

    monkeypatch.setattr(connection, "copy_database", refuse)
    with Plan.open(demo_path) as plan:
        with pytest.raises(PlanError) as english:
            plan.copy_to(tmp_path / "副本.ogsm")
        assert "disk I/O error" in str(english.value)
        i18n.set_language("zh_CN")
        with pytest.raises(PlanError) as chinese:
            plan.copy_to(tmp_path / "副本.ogsm")
    message = str(chinese.value)
    assert "副本.ogsm" in message and "SQLITE_IOERR_WRITE" in message
    assert "disk I/O" not in message
    assert WORD.findall(message.replace(str(tmp_path / "副本.ogsm"), "").replace("SQLITE_IOERR_WRITE", "")) == ["SQLite"], message


def test_the_copy_kept_before_converting_says_sqlites_refusal_without_its_english_in_chinese(tmp_path):
    """The schema's backup copy before a migration: a refusal SQLite raised (not the system's) was put in the
    Chinese sentence in SQLite's English."""
    from ogsm_desktop.core.storage import schema

    class Refusing:
        def backup(self, dest):
            raise _sqlite_refusal("unable to open database file", "SQLITE_CANTOPEN")

    i18n.set_language("zh_CN")
    with pytest.raises(PlanError) as chinese:
        schema._backup(Refusing(), tmp_path / "计划.ogsm.v5")
    message = str(chinese.value)
    assert "unable to open" not in message and "SQLITE_CANTOPEN" in message, message
    assert not (tmp_path / ".计划.ogsm.v5.writing").exists()


def test_a_refusal_of_a_path_given_as_bytes_is_said_too():
    """An OSError's filename is bytes when the call was given bytes: the unexpected-error box says it through
    os_problem, which raised TypeError there (inside the excepthook: no box at all)."""
    exc = OSError(errno.EACCES, os.strerror(errno.EACCES), os.fsencode(str(PATH)))
    assert os_problem(exc.filename, exc, "used") == f"{PATH}: permission denied"



def test_a_workbook_whose_zip_points_before_its_start_is_called_damaged_not_refused(tmp_path):
    """A damaged .xlsx whose central directory says an offset past the file makes Python's zip reader seek
    before the start: OSError EINVAL, said as if the system refused it ('cannot be read (Invalid argument)',
    in Chinese '系统错误 EINVAL'). The file is damaged: said so, with how to get a good one."""
    import openpyxl

    from ogsm_desktop.core.excel import books

    wb = openpyxl.Workbook()
    wb.active.append(["Code", "Period", "Actual"])
    wb.save(tmp_path / "good.xlsx")
    data = (tmp_path / "good.xlsx").read_bytes()
    path = tmp_path / "数据.xlsx"
    path.write_bytes(data[:-6] + b"\xff\xff\xff\x7f" + data[-2:])     # the end record's directory offset
    with pytest.raises(PlanError) as exc:
        books.open_book(path)
    assert "damaged" in str(exc.value) and "Invalid argument" not in str(exc.value), str(exc.value)
    i18n.set_language("zh_CN")
    with pytest.raises(PlanError) as exc:
        books.open_book(path)
    assert "EINVAL" not in str(exc.value) and "Invalid" not in str(exc.value) and "损坏" in str(exc.value)


def _damaged_part(tmp_path, how: str):
    """A .xlsx whose [Content_Types].xml (or workbook part) does not unpack: its deflated bytes spoiled, or its compression
    method one Python's zip reader does not know."""
    import struct
    import zipfile

    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["Code", "Period", "Actual"])
    wb.save(tmp_path / "good.xlsx")
    data = bytearray((tmp_path / "good.xlsx").read_bytes())
    with zipfile.ZipFile(tmp_path / "good.xlsx") as archive:
        info = archive.getinfo("xl/workbook.xml" if how == "workbook spoiled" else "[Content_Types].xml")
    start = info.header_offset
    name_len, extra_len = struct.unpack("<HH", data[start + 26:start + 30])
    if how.endswith("spoiled"):
        body = start + 30 + name_len + extra_len
        data[body:body + 4] = b"\xff\xff\xff\xff"               # a deflate block of the reserved type
    else:
        central = next(i for i in range(len(data)) if data[i:i + 4] == b"PK\x01\x02"
                       and data[i + 46:i + 46 + len(info.filename)] == info.filename.encode())
        data[central + 10:central + 12] = struct.pack("<H", 97)  # a compression method nobody reads
    path = tmp_path / "数据.xlsx"
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("how", ["spoiled", "unknown method", "workbook spoiled"])
def test_a_workbook_whose_parts_do_not_unpack_is_called_damaged(tmp_path, how):
    """zlib.error or NotImplementedError escaped the import as an unexpected error (a traceback's one line)."""
    from ogsm_desktop.core.excel import books

    with pytest.raises(PlanError) as exc:
        books.open_book(_damaged_part(tmp_path, how))
    assert "damaged" in str(exc.value), str(exc.value)


@pytest.mark.parametrize("winerror", [32, 33])
def test_a_file_another_program_holds_on_windows_is_said_so_not_permission_denied(winerror):
    """On Windows a file open in Excel refuses to be written with ERROR_SHARING_VIOLATION (32) or
    ERROR_LOCK_VIOLATION (33), which Python names EACCES: said 'permission denied' (权限不足) — wrong advice,
    where the system's English had said 'being used by another process'."""
    exc = PermissionError(errno.EACCES, "The process cannot access the file because it is being used by another "
                                        "process", str(PATH))
    exc.winerror = winerror
    for doing in ("written", "read", "opened"):
        message = os_problem(PATH, exc, doing)
        assert "another program" in message and "permission" not in message, message
    assert os_problem(PATH, exc, "used") == f"{PATH}: it is open in another program"
    i18n.set_language("zh_CN")
    message = os_problem(PATH, exc, "written")
    assert "权限" not in message and "其他程序" in message and english_words(message) == ["Excel"], message


@pytest.mark.parametrize("damage", ["packed data", "checksum", "cut off"])
def test_a_damaged_workbook_says_what_is_wrong_without_the_zip_librarys_english(tmp_path, damage):
    """Found by a tester: a part of an .xlsx that does not unpack was said with the zip and zlib libraries'
    own words ("Error -3 while decompressing data: invalid distances set", "Bad CRC-32 for file …") inside a
    Chinese sentence. What is wrong is said in the user's language (ooxml.unpack_problem); the message still
    names the file and the part."""
    import io
    import zipfile

    from ogsm_desktop.core.excel.books import WorkbookError, open_book
    from tests.helpers import write_xlsx

    source = write_xlsx(tmp_path / "ok.xlsx", {"Actuals": [["Code", "Period", "Actual"]] + [
        ["C-S1-M2", f"2026-{m:02d}", m * 1000] for m in range(1, 13)] * 50})
    part = "xl/worksheets/sheet1.xml"
    packed = zipfile.ZIP_STORED if damage == "checksum" else zipfile.ZIP_DEFLATED
    buffer = io.BytesIO()
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(buffer, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename), compress_type=packed)
    raw = bytearray(buffer.getvalue())
    info = zipfile.ZipFile(io.BytesIO(bytes(raw))).getinfo(part)
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    if damage == "cut off":                            # the part's packed data ends half-way, sizes unchanged
        raw[start + info.compress_size // 2:start + info.compress_size] = b"\0" * (info.compress_size
                                                                                - info.compress_size // 2)
    else:
        for k in range(start + 50, start + 80):
            raw[k] ^= 0x5A
    path = tmp_path / "数据.xlsx"
    path.write_bytes(bytes(raw))
    for language in ("en", "zh_CN"):
        i18n.set_language(language)
        with pytest.raises(WorkbookError) as exc, open_book(path) as book:
            book.sheet("Actuals")
        message = str(exc.value)
        assert str(path) in message and part in message
        left = WORD.findall(message.replace(str(path), "").replace(part, ""))
        if language == "zh_CN":
            assert left == ["Excel", "xlsx"], message           # the kind of file, named as Excel names it
        else:
            assert not {"Error", "Bad", "CRC", "decompressing"} & set(left), message


def test_a_csv_value_too_long_to_read_is_said_in_the_users_language(tmp_path):
    """The csv module's "field larger than field limit (131072)" stood inside a Chinese sentence."""
    from ogsm_desktop.core.excel.books import WorkbookError, open_book

    path = tmp_path / "数据.csv"
    path.write_text('Code,Period,Actual\nC-S1-M2,2026-10,"' + "x" * 140_000 + '"\n', encoding="utf-8")
    i18n.set_language("zh_CN")
    with pytest.raises(WorkbookError) as exc, open_book(path) as book:
        book.sheet(book.sheet_names[0])
    message = str(exc.value)
    assert "131,072" in message and WORD.findall(message.replace(str(path), "")) == ["CSV", "CSV"], message


def test_import_messages_a_chinese_planner_met_in_english_or_as_python_text(tmp_path, demo_path):
    """Found by a tester: "不是数字：datetime.date(2026, 1, 5)" for a date in a number column; the reader
    library's "Expecting 'v, f, or is' node" for a damaged sheet; "no header row in the first 30 rows" for a
    CSV starting with Excel's "sep=;" line; and an Excel 2003 XML spreadsheet called a web page."""
    import datetime as dt
    import zipfile

    from openpyxl import Workbook

    from ogsm_desktop.core.excel import importer
    from ogsm_desktop.core.excel.books import NotASpreadsheet, WorkbookError, sniff
    from ogsm_desktop.core.storage import Plan

    i18n.set_language("zh_CN")
    wb = Workbook()
    ws = wb.active
    ws.title = "Actuals"
    ws.append(["Code", "Period", "Actual"])
    ws.append(["C-S1-M2", "2026-11", dt.datetime(2026, 1, 5)])
    wb.save(tmp_path / "date.xlsx")
    with zipfile.ZipFile(tmp_path / "date.xlsx") as zin, zipfile.ZipFile(tmp_path / "broken.xlsx", "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b'<row><c r="A9"><v>1</v></sheetData>')
            zout.writestr(item, data)
    (tmp_path / "sep.csv").write_text("sep=;\nCode;Period;Actual\nC-S1-M2;2026-11;5\n", encoding="utf-8")
    (tmp_path / "old.xml").write_text('<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:'
                                      'spreadsheet"><Worksheet ss:Name="Actuals"><Table><Row><Cell><Data>Code</Data>'
                                      "</Cell></Row></Table></Worksheet></Workbook>", encoding="utf-8")
    with Plan.open(demo_path) as plan:
        said = " ".join(map(str, importer.analyse(plan, tmp_path / "date.xlsx").problems))
        assert "2026-01-05" in said and "datetime" not in said, said
        with pytest.raises(WorkbookError) as exc:
            importer.analyse(plan, tmp_path / "broken.xlsx")
        message = str(exc.value).replace(str(tmp_path / "broken.xlsx"), "").replace("Actuals", "")
        assert set(WORD.findall(message)) <= {"Excel", "xlsx", "LibreOffice"}, message
        preview = importer.analyse(plan, tmp_path / "sep.csv")
        assert preview.ok and preview.counts()["values new"] + preview.counts()["values changed"] == 1, \
            [str(p) for p in preview.problems]
    with pytest.raises(NotASpreadsheet, match="Excel 2003 XML"):
        i18n.set_language("en")
        sniff(tmp_path / "old.xml")
