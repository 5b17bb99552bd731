"""CSV files (and the tab-separated text Excel saves as "Unicode text"): one sheet of text cells.

The encoding is decided from the bytes: a byte-order mark (UTF-8, UTF-16), else UTF-8 if it decodes,
else GB18030 (which includes GBK and GB2312, what Chinese Windows saves as "CSV"). The separator is
found from the first lines (comma, semicolon, tab or bar).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path

from ...i18n import _
from .limits import MAX_ROWS
from .sheet import Between, Sheet

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
        # Excel's "sep=;" first line names the separator (and is no row of the table)
        first, _newline, rest = self.text.partition("\n")
        said = first.strip().lstrip("\ufeff")
        named = said[4:] if said[:4].lower() == "sep=" and len(said) == 5 else None
        if named is not None:
            self.text = rest
        sample = self.text[:64 * 1024]
        # The separator is the file's (sniffed); its quoting is the standard one Excel and LibreOffice write (a
        # quote inside a value in quotes doubled): the sniffer guesses "no doubled quotes" from a sample that
        # has none, and "1"2 would then read 12.
        spaced = False
        try:
            sniffed = csv.Sniffer().sniff(sample, delimiters=",;\t|")
            delimiter, spaced = named or sniffed.delimiter, bool(sniffed.skipinitialspace)
        except csv.Error:
            delimiter = named or ","
        self.dialect = _Dialect(delimiter, spaced)      # (a space after the separator, as in a, "b": before its quote)
        self.sheet_names = [path.stem]

    def sheet(self, name: str, between: Between = None) -> Sheet:
        return self.load(name, self.check(name, between))

    def check(self, _name: str, _between: Between = None) -> None:
        """Nothing to check before the rows are read (they are counted as they are)."""

    def load(self, name: str, _scan: None) -> Sheet:
        rows = []
        # Strict: a quote never closed would take the rest of the file in as one value, and "1"2 would read 12.
        text = padded_quotes(self.text, self.dialect.delimiter, self.dialect.skipinitialspace)
        reader = csv.reader(io.StringIO(text, newline=""), self.dialect, strict=True)
        line = 1                                  # where the record being read starts (a value may span lines)
        try:
            for row in reader:
                rows.append(row)
                line = reader.line_num + 1
                if len(rows) > MAX_ROWS:
                    raise CsvError(_("more than {most:,} rows, more than one import takes; split the file").format(
                        most=MAX_ROWS))
        except csv.Error as exc:
            raise CsvError(_("line {line} cannot be read as CSV ({reason})").format(line=line,
                                                                                  reason=_reason(exc))) from None
        # A line is as wide as the widest, as a spreadsheet shows the file: the cells a line leaves off (a blank
        # line, a row shorter than its header) are empty, not missing.
        width = max(map(len, rows), default=0)
        for row in rows:
            if len(row) < width:
                row.extend([""] * (width - len(row)))
        # (semicolons and tabs: how Excel saves a CSV and a text file where the comma is the decimal mark)
        return Sheet(name, rows, [], len(rows), separated=True, decimal_comma=self.dialect.delimiter in ";\t")

    def close(self) -> None:
        self.text = ""


class _Dialect(csv.excel):
    def __init__(self, delimiter: str, skipinitialspace: bool = False):
        super().__init__()
        self.delimiter = delimiter
        self.skipinitialspace = skipinitialspace


def padded_quotes(text: str, delimiter: str, spaced: bool) -> str:
    """``text`` with the spaces between a value's closing quote and the separator (or the line's end) moved
    inside the quotes: ``"on track" ,`` reads ``on track `` as LibreOffice reads it, where the strict reading
    refuses text after a quote (rightly for "1"2, which is no number). Spaces only: a tab there LibreOffice
    reads as text after the quote (refused here, as before), and a tab-separated file's tab is its separator
    (taken for padding, an empty cell after a value in quotes went, and the columns after it moved left).

    The text is cut into fields as the csv module reads them: a quote opens a value only where a field starts
    (after spaces when ``spaced``), a value in quotes runs to its closing quote (a doubled quote inside it,
    separators and line breaks included), a field without quotes to the next separator or line break (a quote
    inside it is a character like any other). Only a file with a quote followed by spaces and a separator is
    cut at all."""
    d = re.escape(delimiter)
    if re.search(rf'" +(?:{d}|[\r\n]|\Z)', text) is None:
        return text
    quoted = rf'{" *" if spaced else ""}"(?:[^"]|"")*"'
    field = re.compile(rf'(?P<q>{quoted})(?P<ws> +)(?={d}|[\r\n]|\Z)|{quoted}|[^{d}\r\n"][^{d}\r\n]*|{d}|\r\n?|\n|"')
    return field.sub(lambda m: m["q"][:-1] + m["ws"] + '"' if m["q"] else m[0], text)


def _reason(exc: csv.Error) -> str:
    """The csv module's words (English) for what it could not read, in the user's language."""
    said = str(exc)
    if "field limit" in said:
        return _("a value longer than {most:,} characters").format(most=csv.field_size_limit())
    if "unexpected end of data" in said:
        return _("a quote opened there is never closed: the rest of the file would be read as one value")
    if "expected after" in said:
        return _("text follows a value in quotes; put the whole value in quotes, and double each quote inside "
                 "it (\"\")")
    return said
