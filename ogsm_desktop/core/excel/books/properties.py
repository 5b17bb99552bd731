"""A workbook's custom document properties (File → Properties → Custom in Excel and LibreOffice): where an
.xlsx, .xlsm or .xlsb keeps them (``docProps/custom.xml``) and where an .ods does (``meta.xml``,
``meta:user-defined``). Read with the XML parser that refuses entity expansion; a part larger than a few
hundred kilobytes, or one that cannot be read, is taken as no properties (they are never needed to import
the file)."""

from __future__ import annotations

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
