"""The printed cascade report: one builder for print preview, the printer and PDF files.

Each section (a unit's one-page OGSM, a part of the overview, a page of charts, the alerts, the
changes) is a QTextDocument laid out on landscape pages and painted page by page, with a footer naming
the plan, the version printed, the page and the date. Sections are built one at a time, so a report of
thousands of pages shows progress, can be cancelled, and never holds more than one section in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from ..core import cascade_map
from ..core.errors import CancelledError
from ..core.labels import batch_kind_label
from ..core.model import Kind
from ..core.onepage import OnePage
from ..core.outputs import atomic_output
from ..core.pdf_subsets import subset_names
from ..core.report_data import BOARD, ReportContent
from ..core.status import STATUS_COLOURS
from .cascade_map import TITLE_H, paint_page
from .fonts import PRINTED_STYLE, document_font
from .labels import plan_labels, rule_labels
from .onepage_fit import OnePageFitter
from .report_charts import CHARTS_PER_PAGE, ChartPage
from .review_page import review_html
from .rich_pages import PageBand, RichPage, paginate
from .text import fill

FOOTER_PX = 28
OVERVIEW_ROWS_PER_SECTION = 400


class ReportCancelled(CancelledError):
    """The user cancelled the report; the partial output was discarded."""



PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}


def page_layout(paper: str | QPageSize = "a4") -> QPageLayout:
    """The report's landscape page with its margins, on ``paper`` (a name of :data:`PAPERS` or a size)."""
    size = paper if isinstance(paper, QPageSize) else QPageSize(PAPERS[paper])
    return QPageLayout(size, QPageLayout.Orientation.Landscape, QMarginsF(12, 10, 12, 10), QPageLayout.Unit.Millimeter)


def new_printer(paper: str = "a4"):
    """A high-resolution printer set up for the report's landscape pages on ``paper`` (preview and print)."""
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(paper))
    return printer


class Drawn(Protocol):
    """A page painted directly into the page's body (in the document's pixels)."""

    def paint(self, painter: QPainter, body: QSizeF) -> None: ...


@dataclass
class Section:
    """A part of the report that starts on a new page: rich text in one or more parts (``(html, font
    points)``, each starting a page and laid out on as many pages as it takes), or pages painted directly
    (``drawn``). ``pages``: how many pages it takes, when that is known without laying it out."""

    title: str
    parts: list[tuple[str, float]] = field(default_factory=list)
    drawn: Sequence[Drawn] = ()
    pages: int | None = None


SMALLEST_POINTS = 7.5      # rich text is set no smaller than this to save a page
NEARLY_EMPTY = 0.25        # of a page: a last page filled less than this is saved if the type allows
SAVED_AT_MOST = 3          # pages a section may take for its last one to be saved (not a long table's)


def _laid_out(html: str, points: float, body: QSizeF, chosen: dict) -> tuple[QTextDocument, list[PageBand]]:
    """``html`` laid out at ``points`` and cut into pages (:mod:`.rich_pages`); a section of a few pages
    whose last would hold only a few lines (a table's last rows alone under its repeated header) a little
    smaller — half a point at a time, down to SMALLEST_POINTS — if it then ends a page earlier. ``chosen``
    remembers the size taken for each text, so that the pages painted are the pages counted, each laid
    out once more only."""
    key = (hash(html), points)
    if key in chosen:
        doc = _document(html, chosen[key], body)
        return doc, paginate(doc, body.height())
    doc = _document(html, points, body)
    pages = paginate(doc, body.height())
    chosen[key] = points
    if not 2 <= len(pages) <= SAVED_AT_MOST or pages[-1].height > NEARLY_EMPTY * body.height():
        return doc, pages
    size = points - 0.5
    while size >= SMALLEST_POINTS:
        smaller = _document(html, size, body)
        fewer = paginate(smaller, body.height())
        if len(fewer) < len(pages):
            chosen[key] = size
            return smaller, fewer
        size -= 0.5
    return doc, pages


def _document(html: str, points: float, body: QSizeF) -> QTextDocument:
    """``html`` laid out as one long page as wide as the page's body."""
    doc = QTextDocument()
    doc.setDefaultStyleSheet(PRINTED_STYLE)
    doc.setDefaultFont(document_font(points))
    doc.setDocumentMargin(0)
    doc.setTextWidth(body.width())
    doc.setHtml(html)
    return doc


def _rich_pages(parts: list[tuple[str, float]], body: QSizeF, chosen: dict):
    """The pages of rich-text parts, each part laid out when its first page is painted."""
    for part in parts:
        doc, pages = _laid_out(*part, body, chosen)
        for page in pages:
            yield RichPage(doc, page)


class MapPage:
    """A page of the cascade map, painted in points into the page's body."""

    def __init__(self, page: cascade_map.MapPage, width: float, height: float, points_per_px: float):
        self.page, self.width, self.height, self.points_per_px = page, width, height, points_per_px

    def paint(self, painter: QPainter, _body: QSizeF) -> None:
        painter.scale(1 / self.points_per_px, 1 / self.points_per_px)
        paint_page(painter, self.page, self.width, fill_height=self.height)


class ReportBuilder:
    """Turns gathered report content into sections of HTML, then paints them onto a paged device."""

    def __init__(self, content: ReportContent, paper: str | None = None):
        self.content = content
        self.paper = paper                              # None: the paper the device has (a printer's choice)
        self.labels = plan_labels()
        self.fitter: OnePageFitter | None = None        # made for the page size when rendering
        self.body: QSizeF | None = None                 # the page's body in the document's pixels, when rendering
        self.points_per_px = 0.75                       # 72 / the document's pixels per inch

    # ----------------------------------------------------------------- sections as HTML
    def sections(self):
        """The report's sections, one at a time; each starts on a new page."""
        c = self.content
        if c.cover is not None:
            yield Section(QCoreApplication.translate("Report", "Cover"), [(self._cover(), 10)])
        for unit in c.units:
            drawn = self.fitter.pages(unit)
            yield Section(unit.title, drawn=drawn, pages=len(drawn))
        if c.map_units:
            width = self.body.width() * self.points_per_px
            height = self.body.height() * self.points_per_px - TITLE_H
            heading = QCoreApplication.translate("Report", "Cascade map")
            for page in cascade_map.pages(c.tree, c.standing, width, height, [u.id for u in c.map_units]):
                yield Section(heading, drawn=[MapPage(page, width, height, self.points_per_px)], pages=1)
        if c.review is not None and c.cover is not None:          # a pack: the review right after the map
            yield self._review_section()
        for start in range(0, len(c.overview), OVERVIEW_ROWS_PER_SECTION):
            yield Section(QCoreApplication.translate("Report", "Cascade overview"),
                          [(self._overview(c.overview[start:start + OVERVIEW_ROWS_PER_SECTION], first=start == 0), 9)])
        for start in range(0, len(c.charts), CHARTS_PER_PAGE):
            heading = QCoreApplication.translate("Report", "Measures")
            yield Section(heading, drawn=[ChartPage(heading, c.charts[start:start + CHARTS_PER_PAGE], self.labels,
                                                    document_font(9))], pages=1)
        if c.alerts:
            yield Section(QCoreApplication.translate("Report", "Alerts"), [(self._alerts(), 9)])
        if c.changes is not None:
            yield Section(QCoreApplication.translate("Report", "Changes"), [(self._changes(), 9)])
        if c.review is not None and c.cover is None:
            yield self._review_section()

    def _review_section(self) -> Section:
        return Section(QCoreApplication.translate("Report", "Review"),
                       [(review_html(self.content.review, self.labels, self._table), 9)])

    def _cover(self) -> str:
        """A pack's first page: what it is, of which unit and period, as of when, and the headline counts."""
        c, cover = self.content, self.content.cover
        kind = (QCoreApplication.translate("Report", "Board pack") if cover.preset == BOARD
                else QCoreApplication.translate("Report", "Department pack"))
        lines = [
            (QCoreApplication.translate("Report", "Unit"), f"{cover.unit.code} {cover.unit.title}"),
            (QCoreApplication.translate("Report", "Period"), cover.period or "—"),
            (QCoreApplication.translate("Report", "As of"), c.as_of.isoformat() if c.as_of else "—"),
            (QCoreApplication.translate("Report", "Version"), c.version_label),
            (QCoreApplication.translate("Report", "Changes since"),
             cover.since or QCoreApplication.translate("Report", "no version saved yet")),
            (QCoreApplication.translate("Report", "Printed on"), c.printed_on.isoformat())]
        rows = "".join(f'<tr><td style="color:#546e7a;padding:3px 12px 3px 0">{escape(k)}</td>'
                       f'<td style="padding:3px 0">{escape(v)}</td></tr>' for k, v in lines)
        counts = [
            (QCoreApplication.translate("Report", "Achieved"), cover.achieved, STATUS_COLOURS["on_track"]),
            (QCoreApplication.translate("Report", "Not achieved"), cover.not_achieved, STATUS_COLOURS["off_track"]),
            (QCoreApplication.translate("Report", "Without a number"), cover.without, STATUS_COLOURS["no_data"]),
            (QCoreApplication.translate("Report", "Without a target"), cover.without_target, STATUS_COLOURS["no_target"]),
            (QCoreApplication.translate("Report", "Alerts"), cover.alerts, STATUS_COLOURS["at_risk"])]
        if c.review is None:                   # no period reviewed: no "0 achieved" for a board to read
            counts = counts[-1:]
        boxes = "".join(f'<td align="center" style="padding:10px 24px"><span style="font-size:28pt;color:{colour}">'
                        f'{number:,}</span><br/>{escape(label)}</td>' for label, number, colour in counts)
        if c.review is None:
            none = QCoreApplication.translate("Report", "No period is reviewed in this pack.")
            boxes += f'<td style="padding:10px 24px;color:#546e7a">{escape(none)}</td>'
        return (f'<p style="font-size:11pt;color:#546e7a">{escape(c.plan_name)}</p>'
                f'<h1 style="font-size:26pt">{escape(kind)}</h1>'
                f'<table cellspacing="0">{rows}</table><br/><br/>'
                f'<table cellspacing="0" border="0"><tr>{boxes}</tr></table>'
                f'<p style="color:#546e7a">{escape(self._counted())}</p>')

    def _counted(self) -> str:
        """Whose goals and measures the cover's counts (and the review, alerts and changes after it) are of:
        a board pack leaves the units below the departments to their department packs, and says so. Of an
        objective a department file holds locked (the company's, or a department's above a team's file),
        they are those of the unit the file holds, and it says so."""
        cover, tree = self.content.cover, self.content.tree
        unit = None
        if cover.unit.id in tree.context:
            unit = next((n for n, _depth in tree.walk(cover.unit.id)
                         if n.kind is Kind.OBJECTIVE and n.id not in tree.context), None)
        if unit is not None:
            if cover.preset != BOARD:
                text = QCoreApplication.translate(
                    "Report", "Counted: the goals and measures of %1, the unit this file holds, and of every unit "
                    "below it. %2 is from the company's plan, locked in this file: its own goals and its other "
                    "units are there.")
            elif any(k.id == unit.id for s in tree.kids(cover.unit.id) for k in tree.kids(s.id)):
                text = QCoreApplication.translate(
                    "Report", "Counted: the goals and measures of %1 alone, the unit this file holds. %2 is from "
                    "the company's plan, locked in this file: its own goals and its other units are there.")
            else:
                text = QCoreApplication.translate(
                    "Report", "Counted: no goal or measure. %2 and the units right below it are from the company's "
                    "plan, locked in this file; those of %1, the unit this file holds, are in its department "
                    "pack.")
            return text.replace("%2", cover.unit.code).replace("%1", unit.code)
        if cover.preset == BOARD:
            return QCoreApplication.translate(
                "Report", "Counted: the goals and measures of %1 and of the units right below it. Those of the teams "
                "and people further down are in their departments' packs.").replace("%1", cover.unit.code)
        return QCoreApplication.translate(
            "Report", "Counted: the goals and measures of %1 and of every unit below it.").replace("%1", cover.unit.code)

    def _status(self, node) -> str:
        s = self.content.standing.get(node.id)
        if s is None:
            return ""
        key = str(s.status)
        progress = f" {s.progress:.0%}" if s.progress is not None else ""
        return f'<span style="color:{STATUS_COLOURS.get(key, "#000")}">{escape(self.labels.get(key, key))}{progress}</span>'

    def _table(self, headers: list[str], rows: list[list[str]], widths: list[int], right: tuple[int, ...] = (),
               whole: tuple[int, ...] = ()) -> str:
        """A table of ``rows`` under a header row repeated on each page it continues on; the columns
        ``right`` (numbers) aligned right, as the window aligns them; those ``whole`` (dates, periods) never
        broken across lines, whatever the paper's width."""
        head = "".join(f'<th width="{w}%" style="background:#37474f;color:white">{escape(h)}</th>'
                       for h, w in zip(headers, widths, strict=True))
        aligned = [(' align="right"' if i in right else "") + (' style="white-space:nowrap"' if i in whole else "")
                   for i in range(len(headers))]
        body = "".join("<tr>" + "".join(f'<td valign="top"{aligned[i]}>{cell}</td>' for i, cell in enumerate(row))
                       + "</tr>" for row in rows)
        return (f'<table width="100%" border="1" cellspacing="0" cellpadding="3" style="border-collapse:collapse;'
                f'border-color:#b0bec5"><thead><tr>{head}</tr></thead>{body}</table>')

    def _overview(self, rows, first: bool) -> str:
        out = [[f'{"&nbsp;" * 4 * depth}{escape(n.code)}', escape(n.title), escape(n.owner), escape(n.org_unit),
                self._status(n)] for n, depth in rows if n.kind in (Kind.OBJECTIVE, Kind.STRATEGY, Kind.GOAL)]
        heading = QCoreApplication.translate("Report", "Cascade overview")
        title = f"<h2>{escape(heading)}</h2>" if first else ""
        return title + self._table([QCoreApplication.translate("Report", "Code"), QCoreApplication.translate("Report", "Title"), QCoreApplication.translate("Report", "Owner"), QCoreApplication.translate("Report", "Org unit"), QCoreApplication.translate("Report", "Status")], out,
                                   [16, 46, 10, 16, 12])

    def _alerts(self) -> str:
        rules = rule_labels()
        rows = [[escape(rules[a.rule]), escape(a.node.code), escape(a.node.title), escape(a.node.owner),
                 escape(a.node.org_unit), escape(a.since), escape(a.message)] for a in self.content.alerts]
        heading = QCoreApplication.translate("Report", "Alerts")
        return f"<h2>{escape(heading)}</h2>" + self._table(
            [QCoreApplication.translate("Report", "Rule"), QCoreApplication.translate("Report", "Code"), QCoreApplication.translate("Report", "Title"), QCoreApplication.translate("Report", "Owner"), QCoreApplication.translate("Report", "Org unit"), QCoreApplication.translate("Report", "Since"), QCoreApplication.translate("Report", "Details")], rows,
            [11, 9, 20, 8, 11, 7, 34], whole=(5,))     # (a code may be 40 characters: it may break)

    def _changes(self) -> str:
        """Each change since the version, old → new, under the batch that made it (its reason, who and
        when), grouped by unit."""
        diff = self.content.changes
        heading = QCoreApplication.translate("Report", "Changes since %1").replace("%1", diff.a.label)
        out = [f"<h2>{escape(heading)}</h2>"]
        if not self.content.change_units:
            return out[0] + "<p>" + escape(QCoreApplication.translate("Report", "No changes.")) + "</p>"
        headers = [QCoreApplication.translate("Report", "Code"), QCoreApplication.translate("Report", "Title"),
                   QCoreApplication.translate("Report", "What"), QCoreApplication.translate("Report", "Old → new")]
        for group in self.content.change_units:
            unit = group.unit
            out.append(f"<h3>{escape(unit.org_unit or unit.code)} — {escape(unit.code)} {escape(unit.title)}</h3>")
            rows = []
            for batch, items in group.by_batch():
                if batch is not None:
                    why = escape(batch.reason or batch_kind_label(batch.kind))
                    #: a change's reason (bold), who made it and the day: "why — who, day"
                    said = fill(QCoreApplication.translate("Report", "%1 — %2, %3"), f"<b>{why}</b>", escape(batch.who),
                                escape(batch.at[:10]))
                    rows.append(f'<tr><td colspan="4" style="background:#eceff1">{said}</td></tr>')
                rows += [f'<tr><td valign="top">{escape(i.node.code)}</td><td valign="top">{escape(i.node.title)}</td>'
                         f'<td valign="top">{escape(i.what)}</td><td valign="top">{escape(i.old)} → {escape(i.new)}</td></tr>'
                         for i in items]
            if group.more:
                more = QCoreApplication.translate("Report", "… and %1 more change(s) in this unit")
                rows.append(f'<tr><td colspan="4"><i>{escape(more.replace("%1", f"{group.more:,}"))}</i></td></tr>')
            out.append(self._table(headers, [], [10, 30, 16, 44]).replace("</table>", "".join(rows) + "</table>"))
        return "".join(out)

    # ----------------------------------------------------------------- painting
    def render(self, device: QPagedPaintDevice, progress: Callable[[str, int, int], bool] | None = None) -> int:
        """Paint the report on ``device`` (a PDF writer or a printer); returns the number of pages."""
        progress = progress or (lambda _w, _d, _t: True)
        device.setPageLayout(page_layout(self.paper or device.pageLayout().pageSize()))
        layout = device.pageLayout()
        dpi = device.logicalDpiX()
        paint = layout.paintRectPixels(dpi)
        screen_dpi = QGuiApplication.primaryScreen().logicalDotsPerInchX() if QGuiApplication.primaryScreen() else 96
        scale = dpi / screen_dpi
        width, height = paint.width() / scale, paint.height() / scale        # in the document's pixels
        body = QSizeF(width, height - FOOTER_PX)
        self.body, self.points_per_px = body, 72.0 / screen_dpi
        self.fitter = OnePageFitter(OnePage(self.content.tree, self.content.standing, self.labels), body, document_font)
        painter = QPainter(device)
        if not painter.isActive():
            raise OSError("cannot paint on the output (is the file writable?)")
        painter.scale(scale, scale)
        footer_font = document_font(7)
        footer_font.setPixelSize(11)           # in the document's pixels: the painter is scaled already
        count = self.content.sections
        total = 2 * count                      # counting the pages, then painting them
        try:
            chosen: dict = {}                  # the type size each rich text is set in, counted then painted
            pages = self._count_pages(body, chosen, lambda title, done: progress(title, done, total))
            page_number = 0
            for done, section in enumerate(self.sections(), start=count):
                if not progress(section.title, done, total):
                    raise ReportCancelled(QCoreApplication.translate("Report", "report cancelled"))
                for drawn in section.drawn or _rich_pages(section.parts, body, chosen):
                    if page_number:
                        device.newPage()
                    page_number += 1
                    painter.save()
                    drawn.paint(painter, body)
                    painter.restore()
                    self._footer(painter, footer_font, width, height, page_number, pages)
            progress(QCoreApplication.translate("Report", "done"), total, total)
        finally:
            painter.end()
        return page_number

    def _count_pages(self, body: QSizeF, chosen: dict, progress: Callable[[str, int], bool]) -> int:
        """How many pages the report will take (for "page N of M"): rich text is laid out once more, a
        page of charts is one page (and is not drawn here)."""
        pages = 0
        for done, section in enumerate(self.sections()):
            if not progress(section.title, done):
                raise ReportCancelled(QCoreApplication.translate("Report", "report cancelled"))
            pages += section.pages or sum(len(_laid_out(*part, body, chosen)[1]) for part in section.parts)
        return pages

    def _footer(self, painter: QPainter, font: QFont, width: float, height: float, page: int, pages: int) -> None:
        c = self.content
        parts = [c.plan_name, QCoreApplication.translate("Report", "version: %1").replace("%1", c.version_label)]
        if c.as_of:
            parts.append(QCoreApplication.translate("Report", "as of %1").replace("%1", c.as_of.isoformat()))
        parts += [QCoreApplication.translate("Report", "page %1 of %2").replace("%1", str(page)).replace("%2", str(pages)),
                  QCoreApplication.translate("Report", "printed on %1").replace("%1", c.printed_on.isoformat())]
        text = " · ".join(parts)
        painter.save()
        painter.setFont(font)
        painter.setPen(Qt.GlobalColor.darkGray)
        painter.drawLine(0, int(height - FOOTER_PX + 6), int(width), int(height - FOOTER_PX + 6))
        painter.drawText(QRectF(0, height - FOOTER_PX + 8, width, FOOTER_PX - 8),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        painter.restore()


def write_pdf(content: ReportContent, path: str | Path, progress=None, paper: str = "a4") -> int:
    """Write the report to a PDF file (replaced only when complete, never onto a plan); returns the
    page count.

    Qt's PDF writer reports no failed write (a full disk left a truncated PDF behind a success), so the
    PDF is made in memory and written by Python, whose writes do report."""
    with atomic_output(path, reading=[content.plan_path]) as tmp:
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setResolution(300)
        writer.setTitle(f"{content.plan_name} — OGSM")
        writer.setCreator("OGSM Desktop")
        pages = ReportBuilder(content, paper).render(writer, progress)
        del writer                      # finishes the PDF
        data = buffer.data().data()
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.write(subset_names(data))    # the fonts' names say they are subsets (pdf_subsets)
        buffer.close()
    return pages
