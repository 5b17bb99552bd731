"""A workbook's custom document properties (File → Properties → Custom in Excel and LibreOffice): where an
.xlsx, .xlsm or .xlsb keeps them (``docProps/custom.xml``) and where an .ods does (``meta.xml``,
``meta:user-defined``). Read with the XML parser that refuses entity expansion; a part larger than a few
hundred kilobytes, or one that cannot be read, is taken as no properties (they are never needed to import
the file)."""

from __future__ import annotations

import re
import zipfile

MAX_PART = 512 * 1024
_CUSTOM = "docProps/custom.xml"
_ODS_META = "meta.xml"
_META_NS = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"


def custom_properties(archive: zipfile.ZipFile) -> dict[str, str]:
    """Name → text of the package's custom properties; {} when it has none (or they cannot be read)."""
    import defusedxml
    from defusedxml.ElementTree import ParseError, fromstring

    names = set(archive.namelist())
    part = _CUSTOM if _CUSTOM in names else _ODS_META if _ODS_META in names else None
    if part is None or archive.getinfo(part).file_size > MAX_PART:
        return {}
    try:
        root = fromstring(archive.read(part))
    except (ParseError, defusedxml.DefusedXmlException, zipfile.BadZipFile, OSError, ValueError):
        return {}
    found: dict[str, str] = {}
    if part == _CUSTOM:
        for prop in root:
            name = prop.get("name")
            value = next(iter(prop), None)
            if name and value is not None:
                found[name] = value.text or ""
        return found
    for element in root.iter(f"{{{_META_NS}}}user-defined"):
        name = element.get(f"{{{_META_NS}}}name")
        if name:
            found[name] = element.text or ""
    return found


_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_RELATION = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_USER_DEFINED = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"       # the format id of user-defined properties
_LARGE = 2**31 - 1                                             # a part this big needs the ZIP64 form
# what XML 1.0 cannot hold: control characters but tab and line ends, lone surrogates (a file name's bytes
# that are not UTF-8), U+FFFE and U+FFFF
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def with_custom_properties(packed, properties: dict[str, str], out) -> None:
    """Copy the workbook package ``packed`` (a file object) to ``out`` (a file object), adding ``properties``
    as its custom document properties (text), as Excel writes them: the part, its content type and the
    package's relationship to it. (The workbook writer has no way to write them itself; its package has no
    custom properties, which is checked.)"""
    import shutil
    from xml.sax.saxutils import escape, quoteattr

    entries = "".join(f'<property fmtid="{_USER_DEFINED}" pid="{pid}" name={quoteattr(name)}>'
                      f"<vt:lpwstr>{escape(_NOT_XML.sub(chr(0xFFFD), value))}</vt:lpwstr></property>"
                      for pid, (name, value) in enumerate(properties.items(), 2))
    part = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
            f'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{entries}</Properties>')
    added = {"[Content_Types].xml": (b"</Types>", f'<Override PartName="/{_CUSTOM}" ContentType="{_CUSTOM_TYPE}"/>'),
             "_rels/.rels": (b"</Relationships>", f'<Relationship Id="rIdCustomProperties" Type="{_CUSTOM_RELATION}" '
                                                  f'Target="{_CUSTOM}"/>')}
    # Packed again at zlib's fastest level: a million values' sheet (200 MB of XML) in half the time of the
    # default level, for a file a fifth bigger.
    with (zipfile.ZipFile(packed) as source,
          zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as copy):
        if _CUSTOM in source.namelist():
            raise ValueError("the workbook has custom properties already")
        for info in source.infolist():
            if info.filename in added:
                end, text = added[info.filename]
                data = source.read(info)
                if data.count(end) != 1:
                    raise ValueError(f"{info.filename} of the workbook is not as expected")
                copy.writestr(info.filename, data.replace(end, text.encode("utf-8") + end))
                continue
            with source.open(info) as read, copy.open(info.filename, "w", force_zip64=info.file_size > _LARGE) as write:
                shutil.copyfileobj(read, write, 1 << 20)
        copy.writestr(_CUSTOM, part.encode("utf-8"))
