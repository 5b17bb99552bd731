"""CSV files (and the tab-separated text Excel saves as "Unicode text"): one sheet of text cells.

The encoding is decided from the bytes: a byte-order mark (UTF-8, UTF-16), else UTF-8 if it decodes,
else GB18030 (which includes GBK and GB2312, what Chinese Windows saves as "CSV"). The separator is
found from the first lines (comma, semicolon, tab or bar).
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

from ...i18n import _
from .limits import MAX_ROWS
from .sheet import Sheet

MAX_CSV = 512 * 1024**2            # bytes: a CSV is read into memory whole


class CsvError(ValueError):
    """The text cannot be read; the message says why."""


def decode(data: bytes) -> tuple[str, str]:
    """``(text, encoding)`` of a CSV's bytes."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise CsvError(_("it starts as {encoding} text but is not").format(encoding=encoding.upper())) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise CsvError(_("its text is neither UTF-8 nor GBK/GB18030; save it as “CSV UTF-8” and import that")) from None


class CsvBook:
    """A CSV as a workbook of one sheet, named after the file."""

    @property
    def label(self) -> str:
        return _("a text file of comma-separated values (CSV)")

    def __init__(self, path: Path):
        self.path = path
        size = path.stat().st_size
        if size > MAX_CSV:
            raise CsvError(_("{size:,.0f} MB of text, more than one import reads; split the file").format(
                size=size / 1024**2))
        self.text, self.encoding = decode(path.read_bytes())
        sample = self.text[:64 * 1024]
        try:
            self.dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        except csv.Error:
            self.dialect = csv.excel
        self.sheet_names = [path.stem]

    def sheet(self, name: str) -> Sheet:
        return self.load(name, self.check(name))

    def check(self, _name: str) -> None:
        """Nothing to check before the rows are read (they are counted as they are)."""

    def load(self, name: str, _scan: None) -> Sheet:
        rows = []
        try:
            for row in csv.reader(io.StringIO(self.text, newline=""), self.dialect):
                rows.append(row)
                if len(rows) > MAX_ROWS:
                    raise CsvError(_("more than {most:,} rows, more than one import takes; split the file").format(
                        most=MAX_ROWS))
        except csv.Error as exc:
            # (the csv module's words are English; the one a planner meets is said in theirs)
            reason = (_("a value longer than {most:,} characters").format(most=csv.field_size_limit())
                      if "field limit" in str(exc) else str(exc))
            raise CsvError(_("line {line} cannot be read as CSV ({reason})").format(line=len(rows) + 1,
                                                                                  reason=reason)) from None
        # A line is as wide as the widest, as a spreadsheet shows the file: the cells a line leaves off (a blank
        # line, a row shorter than its header) are empty, not missing.
        width = max(map(len, rows), default=0)
        for row in rows:
            if len(row) < width:
                row.extend([""] * (width - len(row)))
        return Sheet(name, rows, [], len(rows), separated=True, decimal_comma=self.dialect.delimiter == ";")

    def close(self) -> None:
        self.text = ""
